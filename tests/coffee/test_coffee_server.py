"""The coffee sample end to end, without a browser: sign in with a login code, order,
pay in the host's sheet with the PIN, Plaza's signed webhook reaches the shop, the order
is made, and the "ready" notice lands in the customer's Service Notifications."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from plaza.webhooks.models import Webhook
from plaza.webhooks.service import WebhookStatus
from tests.chat.helpers import history
from tests.coffee.conftest import Coffee, ok
from tests.conftest import Person, bearer, create_person
from tests.open_api.conftest import issue
from tests.wallet.test_transfers import PIN

ORDER = {"items": [{"id": "flat_white", "quantity": 2}, {"id": "croissant", "quantity": 1}]}
TOTAL = 2 * 2800 + 1600


async def sign_in(client: httpx.AsyncClient, coffee: Coffee, person: Person) -> dict[str, str]:
    """What the mini-program does on start: ``plaza.login()`` (the host asks Plaza for the
    code), then the shop's own sign-in with it."""
    code = await issue(client, person, coffee.plaza_app)
    signed_in = await ok(coffee.http.post("/login", json={"code": code}))
    return bearer(signed_in["token"])


async def subscribe(client: httpx.AsyncClient, coffee: Coffee, person: Person) -> None:
    """``plaza.requestSubscribeMessage`` with the template from the shop's /config, accepted."""
    template_id = (await ok(coffee.http.get("/config")))["template_id"]
    assert template_id == coffee.template_id
    answered = await ok(
        client.post(
            f"/v1/miniapps/{coffee.plaza_app.app_id}/subscriptions",
            headers=person.auth,
            json={"accepted": [template_id], "rejected": []},
        )
    )
    assert answered == {template_id: "accept"}


async def pay(
    client: httpx.AsyncClient, coffee: Coffee, person: Person, prepay_id: str
) -> dict[str, Any]:
    """``plaza.requestPayment``: the host's sheet shows Plaza's order, the person enters the
    PIN."""
    base = f"/v1/miniapps/{coffee.plaza_app.app_id}/orders/{prepay_id}"
    sheet = await ok(client.get(base, headers=person.auth))
    assert (sheet["merchant_name"], sheet["amount"]["amount"], sheet["status"]) == (
        "Coffee",
        TOTAL,
        "NOTPAY",
    )
    return await ok(client.post(f"{base}/pay", headers=person.auth, json={"pin": PIN}))


async def service_notices(client: httpx.AsyncClient, person: Person) -> list[dict[str, Any]]:
    listed = (await ok(client.get("/v1/conversations", headers=person.auth)))["items"]
    chats = [chat for chat in listed if chat["kind"] == "service"]
    return await history(client, person, chats[0]["id"]) if chats else []


async def test_order_pay_and_get_the_ready_notice(
    app: FastAPI, client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    auth = await sign_in(client, coffee, customer)
    await subscribe(client, coffee, customer)
    menu = await ok(coffee.http.get("/menu"))
    assert {item["id"] for item in menu["items"]} >= {"flat_white", "croissant"}

    order = await ok(coffee.http.post("/orders", headers=auth, json=ORDER))
    assert (order["status"], order["total"], order["currency"]) == ("unpaid", TOTAL, "CNY")
    assert order["prepay_id"].startswith("pp_")
    paid = await pay(client, coffee, customer, order["prepay_id"])
    assert paid["status"] == "SUCCESS"

    assert await coffee.deliver_webhooks(app) == 1
    async with app.state.database.sessionmaker() as session:
        webhook = (await session.scalars(select(Webhook))).one()
    assert (webhook.event_type, webhook.status, webhook.url) == (
        "payment.succeeded",
        WebhookStatus.DELIVERED,
        "http://127.0.0.1:8010/notify",
    )
    await coffee.shop.kitchen.idle()
    ready = await ok(coffee.http.get(f"/orders/{order['id']}", headers=auth))
    assert ready["status"] == "ready"
    assert ready["paid_at"]
    assert ready["ready_at"]

    notices = await service_notices(client, customer)
    assert [message["kind"] for message in notices] == ["service_notice"]
    content = notices[0]["content"]
    assert (content["app_id"], content["title"], content["page"]) == (
        coffee.plaza_app.app_id,
        "Order ready",
        f"/order.html?id={order['id']}",
    )
    assert content["fields"] == [
        {"name": "Order", "value": f"#{order['number']}"},
        {"name": "Items", "value": "2 × Flat white, 1 × Butter croissant"},
        {"name": "Status", "value": "Your coffee is ready"},
    ]


async def test_prices_come_from_the_menu_never_the_client(
    client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    auth = await sign_in(client, coffee, customer)
    tampered = {"items": [{"id": "latte", "quantity": 1, "price": 1}], "total": 1}
    order = await ok(coffee.http.post("/orders", headers=auth, json=tampered))
    assert order["total"] == 3000
    sheet = await ok(
        client.get(
            f"/v1/miniapps/{coffee.plaza_app.app_id}/orders/{order['prepay_id']}",
            headers=customer.auth,
        )
    )
    assert sheet["amount"]["amount"] == 3000
    bad_orders: list[dict[str, Any]] = [
        {"items": [{"id": "gold_bar", "quantity": 1}]},
        {"items": [{"id": "latte", "quantity": 0}]},
        {"items": []},
    ]
    for bad in bad_orders:
        assert (await coffee.http.post("/orders", headers=auth, json=bad)).status_code == 422


async def test_a_used_code_or_no_session_is_refused(
    client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    code = await issue(client, customer, coffee.plaza_app)
    assert (await coffee.http.post("/login", json={"code": code})).status_code == 200
    assert (await coffee.http.post("/login", json={"code": code})).status_code == 401
    assert (await coffee.http.post("/orders", json=ORDER)).status_code == 401
    made_up = bearer("not-a-session")
    assert (await coffee.http.post("/orders", headers=made_up, json=ORDER)).status_code == 401


async def test_someone_elses_order_is_not_found(
    app: FastAPI, client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    order = await ok(
        coffee.http.post("/orders", headers=await sign_in(client, coffee, customer), json=ORDER)
    )
    other = await sign_in(client, coffee, await create_person(app, "Olga"))
    assert (await coffee.http.get(f"/orders/{order['id']}", headers=other)).status_code == 404


async def test_forged_or_replayed_webhooks_change_nothing(
    app: FastAPI, client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    auth = await sign_in(client, coffee, customer)
    order = await ok(coffee.http.post("/orders", headers=auth, json=ORDER))
    forged = {
        "id": "1",
        "type": "payment.succeeded",
        "created_at": "2026-11-30T12:00:00Z",
        "data": {
            "out_trade_no": order["id"],
            "transaction_id": "tx",
            "amount": {"total": TOTAL, "currency": "CNY"},
            "payer": {"openid": "o"},
        },
    }
    unsigned = await coffee.http.post("/notify", json=forged)
    assert unsigned.status_code == 401
    assert coffee.shop.store.order(order["id"]).status == "unpaid"  # type: ignore[union-attr]

    # A genuine one, captured and posted again: its nonce was used.
    await pay(client, coffee, customer, order["prepay_id"])
    captured: list[tuple[dict[str, str], bytes]] = []

    async def capture(request: httpx.Request) -> None:
        captured.append((dict(request.headers), request.content))

    transport = httpx.ASGITransport(app=coffee.server)
    async with httpx.AsyncClient(transport=transport, event_hooks={"request": [capture]}) as http:
        from plaza.webhooks import delivery

        assert await delivery.deliver_due(app.state.database, http) == 1
    headers, body = captured[0]
    replayed = await coffee.http.post("/notify", headers=headers, content=body)
    assert replayed.status_code == 401
    tampered_body = body.replace(str(TOTAL).encode(), b"1")
    tampered = await coffee.http.post("/notify", headers=headers, content=tampered_body)
    assert tampered.status_code == 401
    await coffee.shop.kitchen.idle()
    assert len(await service_notices(client, customer)) == 0  # never subscribed: no notice
    finished = coffee.shop.store.order(order["id"])
    assert finished is not None
    assert (finished.status, finished.notice) == ("ready", "notices.no_subscription")


async def test_a_late_webhook_is_not_waited_for(
    app: FastAPI, client: httpx.AsyncClient, coffee: Coffee, customer: Person
) -> None:
    """The order page asks Plaza while its notification is still on the way."""
    auth = await sign_in(client, coffee, customer)
    await subscribe(client, coffee, customer)
    order = await ok(coffee.http.post("/orders", headers=auth, json=ORDER))
    await pay(client, coffee, customer, order["prepay_id"])
    polled = await ok(coffee.http.get(f"/orders/{order['id']}", headers=auth))
    assert polled["status"] in ("paid", "ready")
    await coffee.shop.kitchen.idle()
    assert await coffee.deliver_webhooks(app) == 1  # the late one: acknowledged, no double
    await coffee.shop.kitchen.idle()
    assert len(await service_notices(client, customer)) == 1


@pytest.mark.parametrize("path", ["/menu", "/config"])
async def test_the_mini_program_may_call_from_its_sandboxed_frame(
    coffee: Coffee, path: str
) -> None:
    """A sandboxed frame's origin is opaque: its requests say ``Origin: null``."""
    answered = await coffee.http.get(path, headers={"Origin": "null"})
    assert answered.headers["access-control-allow-origin"] == "*"
    preflight = await coffee.http.options(
        "/orders",
        headers={
            "Origin": "null",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
