"""Refunds of mini-program orders: never more than was paid, at most 50, within 365 days,
idempotent by out_refund_no, taken from the takings without any stripe going negative."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.kit.clock import ManualClock
from plaza.miniapps.models import MiniApp
from plaza.wallet import ledger
from plaza.wallet import service as wallet
from plaza.wallet.ledger import Leg
from plaza.wallet.models import JournalEntry, LedgerAccount, Posting
from tests.conftest import Person
from tests.miniapps.kit import Server, create_order, mini_program, openid_of, problem, refreshed
from tests.wallet.test_orders import notices, pay, query, refund, snapshot, takings
from tests.wallet.test_transfers import balance, books_balance, ready_to_pay

REFUNDS = "/open/v1/pay/refunds"


@pytest.fixture
async def coffee(app: FastAPI, client: httpx.AsyncClient) -> Server:
    return await mini_program(app, client, "Coffee")


@pytest.fixture
async def payer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Pat")


@pytest.fixture
async def openid(client: httpx.AsyncClient, coffee: Server, payer: Person) -> str:
    return await openid_of(client, coffee, payer)


@pytest.fixture
async def paid(client: httpx.AsyncClient, coffee: Server, payer: Person, openid: str) -> str:
    """order_0001, 12.50, paid by the payer; its prepay_id."""
    prepay_id = await create_order(client, coffee, openid)
    assert (await pay(client, payer, coffee, prepay_id)).status_code == 200
    return prepay_id


async def test_refunds_never_exceed_what_was_paid(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, paid: str
) -> None:
    before = await snapshot(app)
    body = problem(
        await refund(client, coffee, "refund_0001", 1251), 422, "payments.refund_exceeds_paid"
    )
    assert body["field"] == "amount.refund"
    assert await snapshot(app) == before

    first = await refund(client, coffee, "refund_0001", 1000)
    assert first.status_code == 201, first.text
    before = await snapshot(app)
    problem(await refund(client, coffee, "refund_0002", 251), 422, "payments.refund_exceeds_paid")
    assert await snapshot(app) == before
    assert (await refund(client, coffee, "refund_0002", 250)).status_code == 201
    order = await query(client, coffee, "order_0001")
    assert (order["trade_state"], order["amount"]["refunded"]) == ("REFUND", 1250)
    problem(await refund(client, coffee, "refund_0003", 1), 422, "payments.refund_exceeds_paid")
    assert await balance(client, payer) == 10000
    assert sum(await takings(app, coffee)) == 0
    events = [event for event, _, _ in await notices(app)]
    assert events == ["payment.succeeded", "refund.succeeded", "refund.succeeded"]
    await books_balance(app)


async def test_the_same_out_refund_no_is_a_retry_only_for_the_same_refund(
    app: FastAPI,
    client: httpx.AsyncClient,
    coffee: Server,
    payer: Person,
    openid: str,
    paid: str,
) -> None:
    first = await refund(client, coffee, "refund_0001", 300)
    again = await refund(client, coffee, "refund_0001", 300)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert await balance(client, payer) == 10000 - 1250 + 300
    other = await create_order(client, coffee, openid, "order_0002")
    assert (await pay(client, payer, coffee, other)).status_code == 200
    before = await snapshot(app)
    for response in [
        await refund(client, coffee, "refund_0001", 301),
        await refund(client, coffee, "refund_0001", 300, out_trade_no="order_0002"),
    ]:
        assert problem(response, 409, "payments.out_refund_no_reused")["field"] == "out_refund_no"
    assert await snapshot(app) == before
    assert len(await notices(app)) == 3  # two payments, one refund


async def test_refusals_of_bad_refunds(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, openid: str, paid: str
) -> None:
    await create_order(client, coffee, openid, "order_0002")  # not paid
    before = await snapshot(app)
    problem(
        await refund(client, coffee, "refund_0001", 100, out_trade_no="order_0002"),
        409,
        "payments.order_not_paid",
    )
    problem(
        await refund(client, coffee, "refund_0001", 100, out_trade_no="order_0404"),
        404,
        "payments.order_not_found",
    )
    bad: list[tuple[dict[str, Any], str]] = [
        ({"out_refund_no": "r1"}, "out_refund_no"),
        ({"out_refund_no": "refund/0001"}, "out_refund_no"),
        ({"amount": {"refund": 0}}, "amount.refund"),
        ({"amount": {"refund": 10**13}}, "amount.refund"),
        ({"reason": "x" * 81}, "reason"),
    ]
    for body, field in bad:
        full: dict[str, Any] = {
            "out_trade_no": "order_0001",
            "out_refund_no": "refund_0001",
            "amount": {"refund": 100},
        } | body
        response = await client.post(REFUNDS, headers=coffee.token, json=full)
        assert problem(response, 422, "request.invalid")["field"] == field
    problem(
        await client.get(f"{REFUNDS}/refund_0404", headers=coffee.token),
        404,
        "payments.refund_not_found",
    )
    assert await snapshot(app) == before


async def test_at_most_50_refunds_an_order(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, paid: str
) -> None:
    for n in range(50):
        response = await refund(client, coffee, f"refund_{n:04d}", 10)
        assert response.status_code == 201, response.text
    before = await snapshot(app)
    body = problem(
        await refund(client, coffee, "refund_0050", 10), 422, "payments.too_many_refunds"
    )
    assert body["field"] == "out_refund_no"
    assert await snapshot(app) == before
    assert (await query(client, coffee, "order_0001"))["amount"]["refunded"] == 500
    assert await balance(client, payer) == 10000 - 1250 + 500
    # a retry of one of the fifty still answers it
    assert (await refund(client, coffee, "refund_0049", 10)).status_code == 200
    await books_balance(app)


async def test_refunds_only_within_365_days_of_payment(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock, coffee: Server, paid: str
) -> None:
    clock.advance(timedelta(days=365))
    coffee = await refreshed(client, coffee)
    assert (await refund(client, coffee, "refund_0001", 100)).status_code == 201
    clock.advance(timedelta(seconds=1))
    coffee = await refreshed(client, coffee)
    before = await snapshot(app)
    body = problem(
        await refund(client, coffee, "refund_0002", 100), 422, "payments.refund_window_closed"
    )
    assert body["field"] == "out_trade_no"
    assert await snapshot(app) == before
    # the refund made in time can still be read back
    assert (await client.get(f"{REFUNDS}/refund_0001", headers=coffee.token)).status_code == 200


async def test_a_refund_is_taken_from_several_stripes_when_no_one_holds_enough(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, paid: str
) -> None:
    """The order's 12.50 landed on one takings stripe; spread it over three (as other
    payments and refunds would over time), then refund it all: no stripe goes negative."""
    async with app.state.database.unit_of_work() as session:
        row_id = await session.scalar(select(MiniApp.id).where(MiniApp.app_id == coffee.app.app_id))
        assert row_id is not None
        [holding] = (
            await session.scalars(select(LedgerAccount).where(LedgerAccount.purpose == "miniapp"))
        ).all()
        free = [
            stripe
            for stripe in range(8)
            if wallet.stripe_key(wallet.Purpose.MINIAPP, row_id, "CNY", stripe) != holding.key
        ]
        others = [
            await wallet.stripe_account(session, wallet.Purpose.MINIAPP, row_id, "CNY", stripe)
            for stripe in free[:2]
        ]
        await ledger.post(
            session,
            kind="rebalance",
            legs=[Leg(holding.id, -900), Leg(others[0].id, 500), Leg(others[1].id, 400)],
        )
    assert sorted(await takings(app, coffee)) == [350, 400, 500]

    response = await refund(client, coffee, "refund_0001", 1250)
    assert response.status_code == 201, response.text
    assert await takings(app, coffee) == [0, 0, 0]
    assert await balance(client, payer) == 10000
    async with app.state.database.sessionmaker() as session:
        legs = await session.scalar(
            select(func.count())
            .select_from(Posting)
            .join(JournalEntry, JournalEntry.id == Posting.entry_id)
            .where(JournalEntry.kind == "refund")
        )
    assert legs == 4  # the payer's, and one from each stripe
    await books_balance(app)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_refunds_at_once_never_exceed_what_was_paid(
    app: FastAPI, client: httpx.AsyncClient, coffee: Server, payer: Person, paid: str
) -> None:
    """On PostgreSQL: two refunds of 10.00 of a 12.50 order at once; the order's row lock
    lets one through and the other sees what is left."""
    responses = await asyncio.gather(
        refund(client, coffee, "refund_0001", 1000), refund(client, coffee, "refund_0002", 1000)
    )
    assert sorted(r.status_code for r in responses) == [201, 422], [r.text for r in responses]
    assert (await query(client, coffee, "order_0001"))["amount"]["refunded"] == 1000
    assert await balance(client, payer) == 10000 - 250
    assert sum(await takings(app, coffee)) == 250
    await books_balance(app)
