"""SMS gateways: the webhook gateway against a real HTTP receiver on this machine."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest

from plaza.config import Settings, SmsGatewayKind
from plaza.identity.sms import DevSmsGateway, WebhookSmsGateway, sms_gateway_for


class Receiver(HTTPServer):
    received: list[dict[str, str]]
    answer_status: int


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.received.append(json.loads(self.rfile.read(length)))
        self.send_response(self.server.answer_status)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(("127.0.0.1", 0), Handler)
    server.received = []
    server.answer_status = 204
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def url_of(server: Receiver) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/sms"


async def test_webhook_gateway_posts_the_message(receiver: Receiver) -> None:
    await WebhookSmsGateway(url_of(receiver)).send("+8613800138000", "Your code is 123456")
    assert receiver.received == [{"to": "+8613800138000", "text": "Your code is 123456"}]


async def test_webhook_gateway_raises_when_the_bridge_refuses(receiver: Receiver) -> None:
    receiver.answer_status = 502
    with pytest.raises(httpx.HTTPStatusError):
        await WebhookSmsGateway(url_of(receiver)).send("+8613800138000", "x")


def test_gateway_is_chosen_by_settings() -> None:
    dev = Settings(_env_file=None)
    assert isinstance(sms_gateway_for(dev), DevSmsGateway)
    hook = Settings(
        sms_gateway=SmsGatewayKind.WEBHOOK, sms_webhook_url="http://x/sms", _env_file=None
    )
    assert isinstance(sms_gateway_for(hook), WebhookSmsGateway)
    with pytest.raises(ValueError, match="SMS_WEBHOOK_URL"):
        sms_gateway_for(Settings(sms_gateway=SmsGatewayKind.WEBHOOK, _env_file=None))
