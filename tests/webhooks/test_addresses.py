"""Webhooks go only where the deployment allows: internal addresses are refused unless
private networks are allowed, and the request goes to the address that was checked."""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from fastapi import FastAPI

from plaza.config import Environment, Settings
from plaza.kit.db import Database
from plaza.webhooks import delivery
from plaza.webhooks.addresses import AddressRefused, is_public, pin
from plaza.webhooks.service import WebhookStatus
from tests.webhooks.conftest import Receiver
from tests.webhooks.test_delivery import enqueue, webhook_and_attempts


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),  # noqa: S104 (an address to classify, not to bind)
        ("224.0.0.1", False),
        ("::1", False),
        ("fd00::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:93.184.215.14", True),
    ],
)
def test_only_global_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8010/notify",
        "http://localhost/notify",
        "https://[::1]/notify",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7:8080/",
    ],
)
async def test_internal_receivers_are_refused_when_private_networks_are_not_allowed(
    url: str,
) -> None:
    with pytest.raises(AddressRefused, match="internal address"):
        await pin(url, private_networks=False)


async def test_a_pinned_request_goes_to_the_checked_address_under_the_original_name() -> None:
    target = await pin("https://LOCALHOST:8443/hooks?x=1", private_networks=True)
    assert target.url.host in {"127.0.0.1", "::1"}
    assert (target.url.scheme, target.url.port, target.url.raw_path) == (
        "https",
        8443,
        b"/hooks?x=1",
    )
    assert target.host_header == "localhost:8443"
    assert target.sni_hostname == "localhost"


async def test_a_name_that_does_not_resolve_is_refused() -> None:
    with pytest.raises(AddressRefused, match="does not resolve"):
        await pin("https://nothing.invalid/notify", private_networks=True)


def test_private_networks_are_allowed_by_default_except_in_prod() -> None:
    assert Settings(env=Environment.DEV).webhooks_reach_private_networks
    assert not Settings(env=Environment.PROD).webhooks_reach_private_networks
    assert Settings(
        env=Environment.PROD, webhooks_to_private_networks=True
    ).webhooks_reach_private_networks


async def test_delivery_reaches_a_receiver_by_name_with_its_host_header(
    app: FastAPI, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    database: Database = app.state.database
    by_name = receiver.url.replace("127.0.0.1", "localhost")
    webhook_id = await enqueue(database, by_name)

    assert await delivery.deliver_due(database, http, private_networks=True) == 1

    [request] = receiver.received
    assert request.headers["Host"] == by_name.split("/")[2]
    webhook, _ = await webhook_and_attempts(database, webhook_id)
    assert webhook.status == WebhookStatus.DELIVERED


async def test_delivery_to_an_internal_address_is_refused_and_retried_later(
    app: FastAPI, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    database: Database = app.state.database
    webhook_id = await enqueue(database, receiver.url)

    assert await delivery.deliver_due(database, http, private_networks=False) == 1

    assert receiver.received == []
    webhook, [attempt] = await webhook_and_attempts(database, webhook_id)
    assert webhook.status == WebhookStatus.PENDING
    assert attempt.status_code is None
    assert attempt.error is not None
    assert attempt.error.startswith("refused: 127.0.0.1 is an internal address")
