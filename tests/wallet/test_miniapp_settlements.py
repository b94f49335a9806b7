"""A mini-program's takings paid out to its developer's bank account from the console: the
account is linked with the bank, the payout leaves the takings at once with the
developer's PIN, reaches the bank when it pays and comes back when it does not; every
refusal moves nothing, and the books balance."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import become_developer, make_admin
from tests.miniapps.kit import Server, create_order, openid_of, released_server
from tests.wallet.test_bank import (
    DECLINING_CARD,
    FAILING_CARD,
    bank_clearing,
    bank_settles,
    status_of,
)
from tests.wallet.test_orders import pay
from tests.wallet.test_settlements import SETTLEMENT_ACCOUNT
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay


@pytest.fixture
async def developer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    """A developer with a real name and a PIN, as a payout needs."""
    person = await ready_to_pay(app, client, "Dana")
    await become_developer(client, person)
    return person


@pytest.fixture
async def bakery(app: FastAPI, client: httpx.AsyncClient, developer: Person) -> Server:
    admin = await create_person(app, "Bakery Admin", plaza_id="bakery_admin")
    await make_admin(app, admin)
    return await released_server(client, developer, admin, "Bakery")


async def sell(client: httpx.AsyncClient, app: FastAPI, server: Server, cents: int) -> None:
    """Somebody pays an order of ``cents`` in the mini-program."""
    payer = await ready_to_pay(app, client, "Pat")
    prepay_id = await create_order(
        client, server, await openid_of(client, server, payer), total=cents
    )
    assert (await pay(client, payer, server, prepay_id)).status_code == 200


def path(server: Server, rest: str) -> str:
    return f"/v1/miniapps/{server.app.app_id}/{rest}"


async def takings(client: httpx.AsyncClient, who: Person, server: Server) -> dict[str, Any]:
    response = await client.get(path(server, "takings"), headers=who.auth)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def link(
    client: httpx.AsyncClient, who: Person, server: Server, number: str = SETTLEMENT_ACCOUNT
) -> httpx.Response:
    return await client.put(
        path(server, "settlement-account"),
        headers=who.auth,
        json={"settlement_bank_name": "Sandbox Bank", "settlement_account_number": number},
    )


async def pay_out(
    client: httpx.AsyncClient,
    who: Person,
    server: Server,
    amount: str | None = None,
    *,
    pin: str = PIN,
    key: str = "p1",
) -> httpx.Response:
    body: dict[str, Any] = {"pin": pin} | ({} if amount is None else {"amount": amount})
    return await client.post(
        path(server, "settlements"), headers=who.auth | {"Idempotency-Key": key}, json=body
    )


async def test_the_takings_reach_the_developers_bank(
    client: httpx.AsyncClient, app: FastAPI, developer: Person, bakery: Server, clock: ManualClock
) -> None:
    await sell(client, app, bakery, 1250)
    before = await takings(client, developer, bakery)
    assert before["takings"] == {"amount": 1250, "currency": "CNY"}
    assert (before["settlement_linked"], before["settlements"]) == (False, [])

    linked = await link(client, developer, bakery)
    assert linked.status_code == 200, linked.text
    assert (linked.json()["settlement_account_last4"], linked.json()["settlement_linked"]) == (
        "0009",
        True,
    )
    bank_before = await bank_clearing(app)
    placed = await pay_out(client, developer, bakery)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert (order["kind"], order["status"], order["amount"]["amount"]) == (
        "settlement",
        "pending",
        1250,
    )
    assert (await takings(client, developer, bakery))["takings"]["amount"] == 0

    assert await bank_settles(app, clock) == 1
    assert await status_of(client, developer, order["id"]) == "succeeded"
    after = await takings(client, developer, bakery)
    assert [(o["id"], o["status"]) for o in after["settlements"]] == [(order["id"], "succeeded")]
    assert await bank_clearing(app) == bank_before + 1250
    assert await balance(client, developer) == 10000  # the developer's own wallet is apart
    mine = await client.get("/v1/wallet/bank-orders", headers=developer.auth)
    assert [o["kind"] for o in mine.json()["items"]] == []  # own top-ups and withdrawals only
    await books_balance(app)


async def test_part_is_paid_out_and_a_failed_payout_comes_back(
    client: httpx.AsyncClient, app: FastAPI, developer: Person, bakery: Server, clock: ManualClock
) -> None:
    await sell(client, app, bakery, 2000)
    assert (await link(client, developer, bakery, FAILING_CARD)).status_code == 200
    order = (await pay_out(client, developer, bakery, "5.00")).json()
    assert (await takings(client, developer, bakery))["takings"]["amount"] == 1500
    await bank_settles(app, clock)
    assert await status_of(client, developer, order["id"]) == "failed"
    assert (await takings(client, developer, bakery))["takings"]["amount"] == 2000
    await books_balance(app)


async def test_a_declined_payout_and_a_retry_move_the_money_once_or_not_at_all(
    client: httpx.AsyncClient, app: FastAPI, developer: Person, bakery: Server
) -> None:
    await sell(client, app, bakery, 2000)
    assert (await link(client, developer, bakery)).status_code == 200
    first = await pay_out(client, developer, bakery, "5.00", key="same")
    again = await pay_out(client, developer, bakery, "5.00", key="same")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    changed = await pay_out(client, developer, bakery, "6.00", key="same")
    assert_problem(changed, 409, "idempotency.key_reused", "idempotency_key")
    assert (await takings(client, developer, bakery))["takings"]["amount"] == 1500

    assert (await link(client, developer, bakery, DECLINING_CARD)).status_code == 200
    declined = await pay_out(client, developer, bakery, key="declined")
    assert_problem(declined, 402, "wallet.bank_declined", None)
    listed = (await takings(client, developer, bakery))["settlements"]
    assert [o["status"] for o in listed] == ["declined", "pending"]
    assert (await takings(client, developer, bakery))["takings"]["amount"] == 1500
    await books_balance(app)


@pytest.mark.parametrize(
    ("amount", "pin", "status", "code", "field"),
    [
        ("0", PIN, 422, "wallet.amount_invalid", "amount"),
        ("12.501", PIN, 422, "wallet.amount_invalid", "amount"),
        ("12.51", PIN, 409, "wallet.insufficient_funds", "amount"),
        ("1.00", "000000", 403, "wallet.pin_wrong", "pin"),
    ],
)
async def test_bad_payouts_move_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    developer: Person,
    bakery: Server,
    amount: str,
    pin: str,
    status: int,
    code: str,
    field: str,
) -> None:
    await sell(client, app, bakery, 1250)
    assert (await link(client, developer, bakery)).status_code == 200
    refused = await pay_out(client, developer, bakery, amount, pin=pin)
    assert_problem(refused, status, code, field)
    found = await takings(client, developer, bakery)
    assert (found["takings"]["amount"], found["settlements"]) == (1250, [])
    await books_balance(app)


async def test_unlinked_empty_invalid_and_someone_elses_are_refused(
    client: httpx.AsyncClient, app: FastAPI, developer: Person, bakery: Server
) -> None:
    await sell(client, app, bakery, 1250)
    unlinked = await pay_out(client, developer, bakery)
    assert_problem(unlinked, 409, "wallet.settlement_account_unlinked", "appid")
    bad = await link(client, developer, bakery, "1234")
    assert_problem(bad, 422, "wallet.settlement_account_invalid", "settlement_account_number")
    assert (await takings(client, developer, bakery))["settlement_linked"] is False

    stranger = await ready_to_pay(app, client, "Sam")
    for refused in (
        await client.get(path(bakery, "takings"), headers=stranger.auth),
        await link(client, stranger, bakery),
        await pay_out(client, stranger, bakery),
    ):
        assert_problem(refused, 404, "miniapps.not_found", None)

    assert (await link(client, developer, bakery)).status_code == 200
    assert (await pay_out(client, developer, bakery, key="all")).status_code == 201
    empty = await pay_out(client, developer, bakery, key="again")
    assert_problem(empty, 422, "wallet.amount_invalid", "amount")
    assert "no takings" in empty.json()["detail"]
    found = await takings(client, developer, bakery)
    assert (found["takings"]["amount"], len(found["settlements"])) == (0, 1)
    await books_balance(app)
