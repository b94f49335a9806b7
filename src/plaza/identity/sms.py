"""Sending SMS through a gateway chosen by ``PLAZA_SMS_GATEWAY``.

``DevSmsGateway`` sends nothing: it logs each message and keeps the latest on
the dev outbox page (only served when ``PLAZA_ENV=dev``). ``WebhookSmsGateway``
POSTs ``{"to", "text"}`` as JSON to the operator's own SMS bridge.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Protocol

import httpx
import structlog
from fastapi import Depends, Request

from plaza.config import Settings, SmsGatewayKind
from plaza.kit import clock

DEV_OUTBOX_SIZE = 100
WEBHOOK_TIMEOUT_SECONDS = 10
log = structlog.get_logger(__name__)


class SmsGateway(Protocol):
    async def send(self, phone: str, text: str) -> None: ...


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    phone: str
    text: str
    sent_at: datetime


class DevSmsGateway:
    def __init__(self) -> None:
        self.outbox: deque[OutboxMessage] = deque(maxlen=DEV_OUTBOX_SIZE)

    async def send(self, phone: str, text: str) -> None:
        self.outbox.appendleft(OutboxMessage(phone=phone, text=text, sent_at=clock.now()))
        log.info("sms.dev_outbox", phone=phone, text=text)


class WebhookSmsGateway:
    def __init__(self, url: str) -> None:
        self.url = url

    async def send(self, phone: str, text: str) -> None:
        async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_SECONDS) as client:
            response = await client.post(self.url, json={"to": phone, "text": text})
            response.raise_for_status()


def sms_gateway_for(settings: Settings) -> SmsGateway:
    if settings.sms_gateway is SmsGatewayKind.WEBHOOK:
        if not settings.sms_webhook_url:
            raise ValueError("PLAZA_SMS_WEBHOOK_URL is required with PLAZA_SMS_GATEWAY=webhook")
        return WebhookSmsGateway(settings.sms_webhook_url)
    return DevSmsGateway()


async def get_sms_gateway(request: Request) -> SmsGateway:
    gateway: SmsGateway = request.app.state.sms
    return gateway


Sms = Annotated[SmsGateway, Depends(get_sms_gateway)]
