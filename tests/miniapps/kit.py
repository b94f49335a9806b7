"""What tests of the Open API, payments and the host start from: a released mini-program
with its server's access token, a person's openid in it, and orders made through the API.

Builds on the plain helpers of tests/open_api/conftest.py (re-exported here) so that test
packages other than tests/open_api/ can use them without its fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from tests.conftest import Person, create_person
from tests.miniapps.helpers import become_developer, make_admin
from tests.open_api.conftest import App, exchange, issue, problem, released_app, token_for

__all__ = [
    "App",
    "Server",
    "create_order",
    "exchange",
    "issue",
    "mini_program",
    "openid_of",
    "order_body",
    "problem",
    "refreshed",
    "released_app",
    "released_server",
    "token_for",
]

NOTIFY_URL = "https://api.coffee.example/pay/notify"


@dataclass(frozen=True)
class Server:
    """A mini-program's server: its app and a live access token's headers."""

    app: App
    token: dict[str, str]


async def released_server(
    client: httpx.AsyncClient, developer: Person, admin: Person, name: str
) -> Server:
    """A released mini-program of ``developer`` (who becomes one if need be) and a token."""
    if (await client.get("/v1/miniapps/developer", headers=developer.auth)).status_code != 200:
        await become_developer(client, developer)
    app = await released_app(client, developer, admin, name)
    return Server(app, await token_for(client, app))


async def mini_program(app: FastAPI, client: httpx.AsyncClient, name: str) -> Server:
    """A released mini-program called ``name``, of a developer of its own (approved by an
    admin of its own), with its server's token."""
    handle = name.lower().replace(" ", "_")
    developer = await create_person(app, f"{name} Dev", plaza_id=f"{handle}_dev")
    await become_developer(client, developer)
    admin = await create_person(app, f"{name} Admin", plaza_id=f"{handle}_admin")
    await make_admin(app, admin)
    return await released_server(client, developer, admin, name)


async def refreshed(client: httpx.AsyncClient, server: Server) -> Server:
    """The same server with a new token, as after the clock moved past the old one's 2 hours."""
    return Server(server.app, await token_for(client, server.app))


async def openid_of(client: httpx.AsyncClient, server: Server, person: Person) -> str:
    """The person's openid in the mini-program, the way its server learns it: a login code
    from the host, exchanged with code2session."""
    response = await exchange(client, server.token, await issue(client, person, server.app))
    assert response.status_code == 200, response.text
    openid: str = response.json()["openid"]
    return openid


def order_body(
    openid: str, out_trade_no: str = "order_0001", total: int = 1250, **fields: Any
) -> dict[str, Any]:
    """A valid ``POST /open/v1/pay/orders`` body; ``fields`` override its fields."""
    return {
        "out_trade_no": out_trade_no,
        "description": "Flat white, large",
        "amount": {"total": total, "currency": "CNY"},
        "payer": {"openid": openid},
        "notify_url": NOTIFY_URL,
    } | fields


async def create_order(
    client: httpx.AsyncClient,
    server: Server,
    openid: str,
    out_trade_no: str = "order_0001",
    total: int = 1250,
    **fields: Any,
) -> str:
    """Create an order through the Open API; its prepay_id."""
    response = await client.post(
        "/open/v1/pay/orders",
        headers=server.token,
        json=order_body(openid, out_trade_no, total, **fields),
    )
    assert response.status_code == 201, response.text
    prepay_id: str = response.json()["prepay_id"]
    return prepay_id
