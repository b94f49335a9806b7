"""A shop's takings settled to its bank account through the bank connector: they leave at
once, reach the bank when it pays, and come back to the takings when it does not."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.identity.models import Account
from plaza.kit.clock import ManualClock
from plaza.wallet.bank import reconcile
from plaza.wallet.merchants import service as shops
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_bank import (
    DECLINING_CARD,
    FAILING_CARD,
    SILENT_CARD,
    bank_clearing,
    bank_settles,
    reconciled,
    status_of,
)
from tests.wallet.test_merchants import customer, open_shop, owner, pay, takings
from tests.wallet.test_transfers import PIN, balance, books_balance

__all__ = ["customer", "owner"]  # fixtures

SETTLEMENT_ACCOUNT = "6222 0000 0000 0009"  # passes the Luhn check; the sandbox pays it


async def paid_shop(
    client: httpx.AsyncClient, owner: Person, customer: Person, account: str = SETTLEMENT_ACCOUNT
) -> dict[str, Any]:
    """A shop settled to ``account`` that was paid 20.00."""
    opened = await open_shop(client, owner, settlement_account_number=account)
    assert opened.status_code == 201, opened.text
    shop: dict[str, Any] = opened.json()
    assert (await pay(client, customer, shop["id"], "20.00")).status_code == 201
    return shop


async def settle(
    client: httpx.AsyncClient,
    owner: Person,
    shop_id: str,
    amount: str | None = None,
    *,
    key: str = "s1",
    pin: str = PIN,
) -> httpx.Response:
    body: dict[str, Any] = {"pin": pin} | ({} if amount is None else {"amount": amount})
    return await client.post(
        f"/v1/wallet/merchants/{shop_id}/settlements",
        headers=owner.auth | {"Idempotency-Key": key},
        json=body,
    )


async def test_all_the_takings_leave_at_once_and_reach_the_bank(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person, clock: ManualClock
) -> None:
    shop = await paid_shop(client, owner, customer)
    assert shop["settlement_linked"] is True
    bank_before = await bank_clearing(app)

    placed = await settle(client, owner, shop["id"])
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert (order["kind"], order["status"], order["card_id"]) == ("settlement", "pending", None)
    assert (order["amount"]["amount"], order["card_last4"]) == (2000, "0009")
    assert await takings(client, owner) == 0
    assert await bank_clearing(app) == bank_before

    assert await bank_settles(app, clock) == 1
    assert await status_of(client, owner, order["id"]) == "succeeded"
    assert await takings(client, owner) == 0
    assert await bank_clearing(app) == bank_before + 2000
    assert await balance(client, owner) == 100  # the owner's wallet is not the shop's
    await books_balance(app)


async def test_part_of_the_takings_can_be_settled_and_the_list_shows_it(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await paid_shop(client, owner, customer)
    first = await settle(client, owner, shop["id"], "12.50", key="a")
    assert first.status_code == 201, first.text
    assert await takings(client, owner) == 750
    listed = await client.get(f"/v1/wallet/merchants/{shop['id']}/settlements", headers=owner.auth)
    assert [o["id"] for o in listed.json()] == [first.json()["id"]]
    mine = await client.get("/v1/wallet/bank-orders", headers=owner.auth)
    assert mine.json()["items"] == []  # the owner's own top-ups and withdrawals only
    await books_balance(app)


@pytest.mark.parametrize("how", ["fails", "times_out"])
async def test_a_payout_the_bank_does_not_make_comes_back_to_the_takings(
    client: httpx.AsyncClient,
    app: FastAPI,
    owner: Person,
    customer: Person,
    clock: ManualClock,
    how: str,
) -> None:
    account = FAILING_CARD if how == "fails" else SILENT_CARD
    shop = await paid_shop(client, owner, customer, account)
    order = (await settle(client, owner, shop["id"])).json()
    assert await takings(client, owner) == 0
    await bank_settles(app, clock)
    if how == "times_out":
        clock.advance(reconcile.ASK_AFTER)
        assert len((await reconciled(app)).settled) == 1
    assert await status_of(client, owner, order["id"]) == "failed"
    assert await takings(client, owner) == 2000
    await books_balance(app)


async def test_a_declined_payout_gives_the_takings_back_at_once(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await paid_shop(client, owner, customer, DECLINING_CARD)
    declined = await settle(client, owner, shop["id"])
    assert_problem(declined, 402, "wallet.bank_declined", None)
    assert await takings(client, owner) == 2000
    listed = await client.get(f"/v1/wallet/merchants/{shop['id']}/settlements", headers=owner.auth)
    assert [o["status"] for o in listed.json()] == ["declined"]
    await books_balance(app)


@pytest.mark.parametrize(
    ("amount", "pin", "status", "code", "field"),
    [
        ("0", PIN, 422, "wallet.amount_invalid", "amount"),
        ("-1.00", PIN, 422, "wallet.amount_invalid", "amount"),
        ("20.001", PIN, 422, "wallet.amount_invalid", "amount"),
        ("20.01", PIN, 409, "wallet.insufficient_funds", "amount"),
        ("1.00", "000000", 403, "wallet.pin_wrong", "pin"),
    ],
)
async def test_bad_settlements_move_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    owner: Person,
    customer: Person,
    amount: str,
    pin: str,
    status: int,
    code: str,
    field: str,
) -> None:
    shop = await paid_shop(client, owner, customer)
    assert_problem(await settle(client, owner, shop["id"], amount, pin=pin), status, code, field)
    assert await takings(client, owner) == 2000
    listed = await client.get(f"/v1/wallet/merchants/{shop['id']}/settlements", headers=owner.auth)
    assert listed.json() == []
    await books_balance(app)


async def test_nothing_to_settle_and_someone_elses_shop_are_refused(
    client: httpx.AsyncClient, owner: Person, customer: Person
) -> None:
    opened = (await open_shop(client, owner, settlement_account_number=SETTLEMENT_ACCOUNT)).json()
    empty = await settle(client, owner, opened["id"])
    assert_problem(empty, 422, "wallet.amount_invalid", "amount")
    assert "no takings" in empty.json()["detail"]
    others = await settle(client, customer, opened["id"])
    assert_problem(others, 403, "wallet.not_merchant_owner", None)


async def test_a_retried_settlement_pays_out_once(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await paid_shop(client, owner, customer)
    first = await settle(client, owner, shop["id"], "5.00")
    again = await settle(client, owner, shop["id"], "5.00")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert await takings(client, owner) == 1500
    await books_balance(app)


async def test_a_shop_without_a_linked_account_links_it_again_then_settles(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    """A shop opened before settlements kept only its account's last four digits: the
    owner enters the account again, which links it with the bank."""
    async with app.state.database.unit_of_work() as session:
        account = await session.get_one(Account, owner.account_id)
        shop = await shops.register(
            session,
            account,
            business_name="Old Shop",
            registration_number="91110000MA01ABCD2X",
            category="",
            settlement_bank_name="Sandbox Bank",
            settlement_account_number=SETTLEMENT_ACCOUNT,
        )
        shop_id = str(shop.id)
    assert (await pay(client, customer, shop_id, "20.00")).status_code == 201
    unlinked = await settle(client, owner, shop_id)
    assert_problem(unlinked, 409, "wallet.settlement_account_unlinked", "merchant_id")
    assert await takings(client, owner) == 2000

    bad = await client.put(
        f"/v1/wallet/merchants/{shop_id}/settlement-account",
        headers=owner.auth,
        json={"settlement_bank_name": "Sandbox Bank", "settlement_account_number": "1234"},
    )
    assert_problem(bad, 422, "wallet.settlement_account_invalid", "settlement_account_number")
    linked = await client.put(
        f"/v1/wallet/merchants/{shop_id}/settlement-account",
        headers=owner.auth,
        json={
            "settlement_bank_name": "Bank of Tests",
            "settlement_account_number": "4111 1111 1111 1111",
        },
    )
    assert linked.status_code == 200, linked.text
    assert (linked.json()["settlement_linked"], linked.json()["settlement_account_last4"]) == (
        True,
        "1111",
    )
    settled = await settle(client, owner, shop_id, key="s2")
    assert settled.status_code == 201, settled.text
    assert settled.json()["bank_name"] == "Bank of Tests"
    await books_balance(app)
