"""The coffee sample's server in-process, in front of the real Plaza app in-process: the
shop reaches Plaza through ``httpx.ASGITransport`` and Plaza's webhook delivery reaches
the shop the same way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from coffee_server import Config, create_app
from coffee_server.app import TEMPLATE_FIELDS, Shop
from plaza.webhooks import delivery
from tests.conftest import CLIENT_IP, Person
from tests.miniapps import helpers
from tests.miniapps.helpers import manifest_for, package, step, upload
from tests.open_api.conftest import App
from tests.wallet.test_transfers import ready_to_pay

LOCAL = "127.0.0.1:8010"


@dataclass(frozen=True)
class Coffee:
    """The released mini-program, its template, and the shop's server."""

    plaza_app: App
    template_id: str
    server: FastAPI
    http: httpx.AsyncClient
    """Calls the shop's server as the mini-program does."""

    @property
    def shop(self) -> Shop:
        shop: Shop = self.server.state.shop
        return shop

    async def deliver_webhooks(self, plaza: FastAPI) -> int:
        """One run of Plaza's delivery job, posting to the shop."""
        transport = httpx.ASGITransport(app=self.server)
        async with httpx.AsyncClient(transport=transport) as http:
            return await delivery.deliver_due(plaza.state.database, http)


async def ok(response: Any) -> dict[str, Any]:
    answered: httpx.Response = await response
    assert answered.is_success, answered.text
    body: dict[str, Any] = answered.json()
    return body


@pytest.fixture
async def customer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Pat")


async def released_coffee(
    client: httpx.AsyncClient, developer: Person, admin: Person
) -> tuple[App, str]:
    """The Coffee mini-program declaring the shop's loopback server, released, with its
    "Order ready" template."""
    created = await helpers.create_app(client, developer, "Coffee", server_domains=[LOCAL])
    app_id = created["app_id"]
    uploaded = await upload(
        client, developer, app_id, package(manifest_for(app_id, server_domains=[LOCAL]))
    )
    assert uploaded.status_code == 201, uploaded.text
    await ok(step(client, developer, app_id, "1.0.0", "submit"))
    await ok(step(client, admin, app_id, "1.0.0", "approve"))
    template = await ok(
        client.post(
            f"/v1/miniapps/{app_id}/templates",
            headers=developer.auth,
            json={"title": "Order ready", "fields": list(TEMPLATE_FIELDS)},
        )
    )
    return App(app_id, created["app_secret"]), str(template["template_id"])


@pytest.fixture
async def coffee(
    app: FastAPI, client: httpx.AsyncClient, developer: Person, admin: Person
) -> AsyncIterator[Coffee]:
    miniapp, template_id = await released_coffee(client, developer, admin)
    config = Config(
        plaza_url="http://plaza.test",
        app_id=miniapp.app_id,
        app_secret=miniapp.secret,
        template_id=template_id,
        ready_after_seconds=0,
    )
    server = create_app(
        config, plaza_transport=httpx.ASGITransport(app=app, client=(CLIENT_IP, 50002))
    )
    async with server.router.lifespan_context(server):
        transport = httpx.ASGITransport(app=server)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{LOCAL}") as http:
            yield Coffee(miniapp, template_id, server, http)
