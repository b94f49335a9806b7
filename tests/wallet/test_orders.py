"""Mini-program payments through the Open API and the host's payment sheet: an order is
paid once, by its payer only, with the PIN; notifications are enqueued with the payment;
every refusal changes nothing; the books balance."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.kit.clock import ManualClock
from plaza.wallet.models import JournalEntry, LedgerAccount
from plaza.wallet.orders.models import MiniappOrder, MiniappRefund
from plaza.webhooks.models import Webhook
from tests.conftest import Person
from tests.miniapps.kit import (
    NOTIFY_URL,
    Server,
    create_order,
    mini_program,
    openid_of,
    order_body,
    problem,
    refreshed,
)
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

ORDERS = "/open/v1/pay/orders"
REFUNDS = "/open/v1/pay/refunds"


@pytest.fixture
async def coffee(app: FastAPI, client: httpx.AsyncClient) -> Server:
    return await mini_program(app, client, "Coffee")


@pytest.fixture
async def taxi(app: FastAPI, client: httpx.AsyncClient) -> Server:
    return await mini_program(app, client, "Taxi")


@pytest.fixture
async def payer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Pat")


@pytest.fixture
async def openid(client: httpx.AsyncClient, coffee: Server, payer: Person) -> str:
    return await openid_of(client, coffee, payer)


async def sheet(
    client: httpx.AsyncClient, person: Person, server: Server, prepay_id: str
) -> httpx.Response:
    return await client.get(
        f"/v1/miniapps/{server.app.app_id}/orders/{prepay_id}", headers=person.auth
    )


async def pay(
    client: httpx.AsyncClient, person: Person, server: Server, prepay_id: str, pin: str = PIN
) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{server.app.app_id}/orders/{prepay_id}/pay",
        headers=person.auth,
        json={"pin": pin},
    )


async def query(client: httpx.AsyncClient, server: Server, out_trade_no: str) -> dict[str, Any]:
    response = await client.get(f"{ORDERS}/{out_trade_no}", headers=server.token)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def refund(
    client: httpx.AsyncClient,
    server: Server,
    out_refund_no: str,
    amount: int,
    out_trade_no: str = "order_0001",
    **fields: Any,
) -> httpx.Response:
    body = {"out_trade_no": out_trade_no, "out_refund_no": out_refund_no}
    return await client.post(
        REFUNDS, headers=server.token, json=body | {"amount": {"refund": amount}} | fields
    )


async def notices(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """(event type, url, data) of every webhook in the outbox, oldest first."""
    async with app.state.database.sessionmaker() as session:
        rows = (await session.scalars(select(Webhook).order_by(Webhook.id))).all()
    return [(row.event_type, row.url, json.loads(row.body)["data"]) for row in rows]


async def snapshot(app: FastAPI) -> tuple[Any, ...]:
    """Orders (and their states), refunds, entries, webhooks and every balance: what a
    refused request must leave as it was."""
    async with app.state.database.sessionmaker() as session:
        orders = (
            await session.execute(
                select(
                    MiniappOrder.id,
                    MiniappOrder.state,
                    MiniappOrder.refunded,
                    MiniappOrder.amount,
                    MiniappOrder.time_expire,
                ).order_by(MiniappOrder.id)
            )
        ).all()
        counts = [
            await session.scalar(select(func.count()).select_from(table))
            for table in (MiniappRefund, JournalEntry, Webhook)
        ]
        balances = (
            await session.execute(
                select(LedgerAccount.key, LedgerAccount.balance).order_by(LedgerAccount.key)
            )
        ).all()
    return (tuple(orders), tuple(counts), tuple(balances))


async def takings(app: FastAPI, server: Server) -> list[int]:
    """The balance of each of the mini-program's takings stripes opened so far."""
    async with app.state.database.sessionmaker() as session:
        rows = await session.scalars(
            select(LedgerAccount.balance).where(LedgerAccount.purpose == "miniapp")
        )
        return list(rows)


async def test_order_paid_in_the_sheet_then_refunded(
    app: FastAPI,
    client: httpx.AsyncClient,
    clock: ManualClock,
    coffee: Server,
    payer: Person,
    openid: str,
) -> None:
    created = await client.post(ORDERS, headers=coffee.token, json=order_body(openid))
    assert created.status_code == 201, created.text
    prepay_id = created.json()["prepay_id"]
    assert re.fullmatch(r"pp_[0-9a-f]{32}", prepay_id)
    order = await query(client, coffee, "order_0001")
    assert order == {
        "out_trade_no": "order_0001",
        "prepay_id": prepay_id,
        "transaction_id": None,
        "trade_state": "NOTPAY",
        "description": "Flat white, large",
        "amount": {"total": 1250, "currency": "CNY", "refunded": 0},
        "payer": {"openid": openid},
        "success_time": None,
        "time_expire": "2026-11-29T14:00:00Z",
    }

    shown = await sheet(client, payer, coffee, prepay_id)
    assert shown.status_code == 200, shown.text
    assert shown.json() == {
        "prepay_id": prepay_id,
        "app_id": coffee.app.app_id,
        "merchant_name": "Coffee",
        "description": "Flat white, large",
        "amount": {"amount": 1250, "currency": "CNY"},
        "status": "NOTPAY",
        "expires_at": "2026-11-29T14:00:00Z",
    }
    assert await notices(app) == []

    paid = await pay(client, payer, coffee, prepay_id)
    assert paid.status_code == 200, paid.text
    assert paid.json() == shown.json() | {"status": "SUCCESS"}
    assert await balance(client, payer) == 10000 - 1250
    assert sum(await takings(app, coffee)) == 1250
    order = await query(client, coffee, "order_0001")
    assert order["trade_state"] == "SUCCESS"
    assert order["transaction_id"].isdigit()
    assert order["success_time"] == "2026-11-29T12:00:00Z"
    assert await notices(app) == [
        (
            "payment.succeeded",
            NOTIFY_URL,
            {
                "out_trade_no": "order_0001",
                "transaction_id": order["transaction_id"],
                "amount": {"total": 1250, "currency": "CNY"},
                "payer": {"openid": openid},
                "success_time": "2026-11-29T12:00:00Z",
            },
        )
    ]

    clock.advance(timedelta(days=3))
    coffee = await refreshed(client, coffee)
    refunded = await refund(client, coffee, "refund_0001", 450, reason="No oat milk")
    assert refunded.status_code == 201, refunded.text
    body = refunded.json()
    assert body == {
        "out_refund_no": "refund_0001",
        "refund_id": body["refund_id"],
        "out_trade_no": "order_0001",
        "status": "SUCCESS",
        "amount": {"refund": 450, "total": 1250, "currency": "CNY"},
        "success_time": "2026-12-02T12:00:00Z",
    }
    got = await client.get(f"{REFUNDS}/refund_0001", headers=coffee.token)
    assert (got.status_code, got.json()) == (200, body)
    assert await balance(client, payer) == 10000 - 800
    assert sum(await takings(app, coffee)) == 800
    order = await query(client, coffee, "order_0001")
    assert (order["trade_state"], order["amount"]["refunded"]) == ("REFUND", 450)
    assert (await notices(app))[1] == (
        "refund.succeeded",
        NOTIFY_URL,
        {
            "out_trade_no": "order_0001",
            "out_refund_no": "refund_0001",
            "refund_id": body["refund_id"],
            "amount": {"refund": 450, "total": 1250, "currency": "CNY"},
        },
    )
    # a refunded order still reads as paid in the sheet
    assert (await sheet(client, payer, coffee, prepay_id)).json()["status"] == "SUCCESS"

    bills = (await client.get("/v1/wallet/bills", headers=payer.auth)).json()["items"]
    by_kind = {bill["kind"]: bill for bill in bills}
    assert by_kind["payment"]["amount"] == {"amount": -1250, "currency": "CNY"}
    assert by_kind["payment"]["subject"]["type"] == "miniapp_order"
    assert by_kind["payment"]["memo"] == "Flat white, large"
    assert by_kind["refund"]["amount"] == {"amount": 450, "currency": "CNY"}
    assert by_kind["refund"]["subject"] == {"type": "miniapp_refund", "id": body["refund_id"]}
    for kind in ("payment", "refund"):
        counterparty = by_kind[kind]["counterparty"]
        assert (counterparty["type"], counterparty["name"]) == ("miniapp", "Coffee")
    await books_balance(app)


async def test_the_same_out_trade_no_is_a_retry_only_with_the_same_details(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, openid: str
) -> None:
    first = await client.post(ORDERS, headers=coffee.token, json=order_body(openid))
    # the same request, even with its own (default) expiry computed later, is a retry
    again = await client.post(ORDERS, headers=coffee.token, json=order_body(openid))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    before = await snapshot(app)
    for changed, field in [
        (order_body(openid, total=1251), "amount.total"),
        (order_body("o" + "x" * 28), "payer.openid"),
        (order_body(openid, description="Espresso"), "description"),
        (order_body(openid, notify_url="https://other.example/n"), "notify_url"),
    ]:
        response = await client.post(ORDERS, headers=coffee.token, json=changed)
        assert problem(response, 409, "payments.out_trade_no_reused")["field"] == field
    assert await snapshot(app) == before
    assert (await query(client, coffee, "order_0001"))["amount"]["total"] == 1250


BAD_ORDERS: list[tuple[dict[str, Any], str, str]] = [
    ({"notify_url": "ftp://api.coffee.example/n"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "/pay/notify"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "https://"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "https://me:pw@coffee.example/n"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "https://coffee.example/n#x"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "https://[::1/n"}, "payments.notify_url_invalid", "notify_url"),
    ({"notify_url": "https://coffee.example/a b"}, "payments.notify_url_invalid", "notify_url"),
    ({"time_expire": "2026-11-29T11:59:59Z"}, "payments.time_expire_invalid", "time_expire"),
    ({"time_expire": "2026-12-06T12:00:01Z"}, "payments.time_expire_invalid", "time_expire"),
    ({"time_expire": "2026-12-01T12:00:00"}, "request.invalid", "time_expire"),  # no zone
    (
        {"amount": {"total": 100, "currency": "USD"}},
        "payments.currency_unsupported",
        "amount.currency",
    ),
    ({"amount": {"total": 0, "currency": "CNY"}}, "request.invalid", "amount.total"),
    ({"amount": {"total": 10**13}}, "request.invalid", "amount.total"),
    ({"out_trade_no": "short"}, "request.invalid", "out_trade_no"),
    ({"out_trade_no": "order/0001"}, "request.invalid", "out_trade_no"),
    ({"description": ""}, "request.invalid", "description"),
    ({"description": "x" * 128}, "request.invalid", "description"),
    ({"payer": {"openid": ""}}, "request.invalid", "payer.openid"),
]


async def test_a_bad_order_is_refused_with_its_own_code(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock, coffee: Server, openid: str
) -> None:
    before = await snapshot(app)
    for fields, code, field in BAD_ORDERS:
        response = await client.post(
            ORDERS, headers=coffee.token, json=order_body(openid, **fields)
        )
        assert problem(response, 422, code)["field"] == field, fields
    assert await snapshot(app) == before
    # the currency may be left out: it is the deployment's
    body = order_body(openid, amount={"total": 100})
    assert (await client.post(ORDERS, headers=coffee.token, json=body)).status_code == 201


async def test_time_expire_is_kept_and_ends_payability(
    client: httpx.AsyncClient, clock: ManualClock, coffee: Server, payer: Person, openid: str
) -> None:
    prepay_id = await create_order(client, coffee, openid, time_expire="2026-11-29T20:30:00+08:00")
    assert (await query(client, coffee, "order_0001"))["time_expire"] == "2026-11-29T12:30:00Z"
    clock.advance(timedelta(minutes=30))
    assert (await query(client, coffee, "order_0001"))["trade_state"] == "CLOSED"
    assert (await sheet(client, payer, coffee, prepay_id)).json()["status"] == "CLOSED"
    problem(await pay(client, payer, coffee, prepay_id), 409, "payments.order_closed")
    assert await balance(client, payer) == 10000


async def test_another_mini_program_cannot_reach_the_order(
    app: FastAPI,
    client: httpx.AsyncClient,
    coffee: Server,
    taxi: Server,
    payer: Person,
    openid: str,
) -> None:
    prepay_id = await create_order(client, coffee, openid)
    assert (await pay(client, payer, coffee, prepay_id)).status_code == 200
    before = await snapshot(app)
    for response in [
        await client.get(f"{ORDERS}/order_0001", headers=taxi.token),
        await client.post(f"{ORDERS}/order_0001/close", headers=taxi.token),
        await refund(client, taxi, "refund_0001", 100),
        # the taxi's app id with the coffee's prepay id, in the host routes
        await sheet(client, payer, taxi, prepay_id),
        await pay(client, payer, taxi, prepay_id),
    ]:
        problem(response, 404, "payments.order_not_found")
    assert (await refund(client, coffee, "refund_0001", 100)).status_code == 201
    problem(
        await client.get(f"{REFUNDS}/refund_0001", headers=taxi.token),
        404,
        "payments.refund_not_found",
    )
    # the taxi may use the same numbers for orders of its own
    taxi_openid = await openid_of(client, taxi, payer)
    assert taxi_openid != openid
    assert (
        await client.post(ORDERS, headers=taxi.token, json=order_body(taxi_openid))
    ).status_code == 201
    assert len((await snapshot(app))[0]) == len(before[0]) + 1
    problem(await client.get(f"{ORDERS}/order_0001", headers={}), 401, "open.token_invalid")


async def test_only_the_payer_sees_and_pays_the_order(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    prepay_id = await create_order(client, coffee, openid)
    stranger = await ready_to_pay(app, client, "Sam")
    await openid_of(client, coffee, stranger)  # signed in to the same mini-program
    before = await snapshot(app)
    problem(await sheet(client, stranger, coffee, prepay_id), 404, "payments.order_not_found")
    problem(await pay(client, stranger, coffee, prepay_id), 404, "payments.order_not_found")
    # a prepay id nobody has is answered alike
    problem(await sheet(client, payer, coffee, "pp_" + "0" * 32), 404, "payments.order_not_found")
    assert (await sheet(client, stranger, coffee, "pp_x")).status_code == 422
    assert await snapshot(app) == before
    assert await balance(client, stranger) == 10000
    assert (await pay(client, payer, coffee, prepay_id)).status_code == 200


async def test_a_wrong_pin_moves_nothing(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    prepay_id = await create_order(client, coffee, openid)
    before = await snapshot(app)
    problem(await pay(client, payer, coffee, prepay_id, pin="864209"), 403, "wallet.pin_wrong")
    assert await snapshot(app) == before
    assert await balance(client, payer) == 10000
    assert (await query(client, coffee, "order_0001"))["trade_state"] == "NOTPAY"
    assert await notices(app) == []


async def test_paying_twice_moves_the_money_once(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    prepay_id = await create_order(client, coffee, openid)
    first = await pay(client, payer, coffee, prepay_id)
    again = await pay(client, payer, coffee, prepay_id)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json() == again.json()
    assert await balance(client, payer) == 10000 - 1250
    assert [event for event, _, _ in await notices(app)] == ["payment.succeeded"]
    await books_balance(app)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_pays_at_once_move_the_money_once(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    """On PostgreSQL, where the second pay really waits on the order's row lock."""
    prepay_ids = [await create_order(client, coffee, openid, f"order_{n:04d}") for n in range(3)]
    responses = await asyncio.gather(
        *(pay(client, payer, coffee, prepay_id) for prepay_id in prepay_ids for _ in range(2))
    )
    assert [r.status_code for r in responses] == [200] * 6, [r.text for r in responses]
    assert await balance(client, payer) == 10000 - 3 * 1250
    assert sum(await takings(app, coffee)) == 3 * 1250
    assert len(await notices(app)) == 3
    async with app.state.database.sessionmaker() as session:
        entries = await session.scalar(
            select(func.count()).select_from(JournalEntry).where(JournalEntry.kind == "payment")
        )
    assert entries == 3
    await books_balance(app)


async def test_not_enough_money_or_over_the_daily_limit_moves_nothing(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    too_much = await create_order(client, coffee, openid, "order_0001", total=10001)
    before = await snapshot(app)
    problem(await pay(client, payer, coffee, too_much), 409, "wallet.insufficient_funds")
    assert await snapshot(app) == before
    rich = await ready_to_pay(app, client, "Rich", top_up="60000.00")
    rich_openid = await openid_of(client, coffee, rich)
    over = await create_order(client, coffee, rich_openid, "order_0002", total=5_000_001)
    before = await snapshot(app)
    problem(await pay(client, rich, coffee, over), 409, "wallet.daily_limit_exceeded")
    assert await snapshot(app) == before
    assert (await query(client, coffee, "order_0002"))["trade_state"] == "NOTPAY"


async def test_close(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str
) -> None:
    prepay_id = await create_order(client, coffee, openid)
    closed = await client.post(f"{ORDERS}/order_0001/close", headers=coffee.token)
    assert closed.status_code == 204, closed.text
    again = await client.post(f"{ORDERS}/order_0001/close", headers=coffee.token)
    assert again.status_code == 204
    assert (await query(client, coffee, "order_0001"))["trade_state"] == "CLOSED"
    before = await snapshot(app)
    problem(await pay(client, payer, coffee, prepay_id), 409, "payments.order_closed")
    problem(await refund(client, coffee, "refund_0001", 100), 409, "payments.order_not_paid")
    # a retried create of a closed order answers it as it is; it stays closed
    assert (
        await client.post(ORDERS, headers=coffee.token, json=order_body(openid))
    ).status_code == 200
    assert await snapshot(app) == before

    paid = await create_order(client, coffee, openid, "order_0002")
    assert (await pay(client, payer, coffee, paid)).status_code == 200
    problem(
        await client.post(f"{ORDERS}/order_0002/close", headers=coffee.token),
        409,
        "payments.order_paid",
    )
    assert (await query(client, coffee, "order_0002"))["trade_state"] == "SUCCESS"
    problem(
        await client.post(f"{ORDERS}/order_0404/close", headers=coffee.token),
        404,
        "payments.order_not_found",
    )
    problem(
        await client.get(f"{ORDERS}/order_0404", headers=coffee.token),
        404,
        "payments.order_not_found",
    )


async def test_time_of_day_in_the_expiry_check(
    client: httpx.AsyncClient, clock: ManualClock, coffee: Server, payer: Person, openid: str
) -> None:
    """Expiry is exact: payable until the instant before time_expire."""
    prepay_id = await create_order(client, coffee, openid)
    clock.advance(timedelta(hours=2) - timedelta(seconds=1))
    assert (await pay(client, payer, coffee, prepay_id)).status_code == 200
    late = await create_order(client, coffee, openid, "order_0002")
    clock.advance(timedelta(hours=2))
    problem(await pay(client, payer, coffee, late), 409, "payments.order_closed")
