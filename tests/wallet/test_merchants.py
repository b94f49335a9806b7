"""Shops through the API: opening one, its receive QR, paying it by QR, receipts on both
sides, many people paying one shop at once, and not a cent lost."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from plaza.kit.clock import ManualClock
from plaza.kit.qr import qr_png
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants.models import Merchant
from plaza.wallet.models import LedgerAccount
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

CARD = "4111 1111 1111 1111"  # passes the Luhn check
ACCOUNT = "settlement_account_number"


async def open_shop(
    client: httpx.AsyncClient, owner: Person, name: str = "Noodle Bar", **changes: str
) -> httpx.Response:
    body = {
        "business_name": name,
        "registration_number": "91110000MA01ABCD2X",
        "category": "food",
        "settlement_bank_name": "Sandbox Bank",
        "settlement_account_number": CARD,
    } | changes
    return await client.post("/v1/wallet/merchants", headers=owner.auth, json=body)


async def shop_of(client: httpx.AsyncClient, owner: Person) -> dict[str, Any]:
    response = await open_shop(client, owner)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def my_shop(client: httpx.AsyncClient, owner: Person) -> dict[str, Any]:
    [shop] = (await client.get("/v1/wallet/merchants/mine", headers=owner.auth)).json()
    assert isinstance(shop, dict)
    return shop


async def takings(client: httpx.AsyncClient, owner: Person) -> int:
    return int((await my_shop(client, owner))["takings"]["amount"])


async def pay(
    client: httpx.AsyncClient,
    payer: Person,
    merchant_id: str,
    amount: str,
    *,
    key: str = "k1",
    pin: str = PIN,
) -> httpx.Response:
    return await client.post(
        "/v1/wallet/payments",
        headers=payer.auth | {"Idempotency-Key": key},
        json={"merchant_id": merchant_id, "amount": amount, "pin": pin, "note": "Two bowls"},
    )


async def events_of(client: httpx.AsyncClient, who: Person, event_type: str) -> list[Any]:
    body = (await client.get("/v1/sync?cursor=0&limit=500", headers=who.auth)).json()
    return [e["data"] for e in body["events"] if e["type"] == event_type]


@pytest.fixture
async def owner(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Olivia Owner", top_up="1.00")


@pytest.fixture
async def customer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Carl Customer")


async def test_a_verified_person_opens_a_shop(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    response = await open_shop(client, owner)
    assert response.status_code == 201, response.text
    shop = response.json()
    assert shop["settlement_account_last4"] == "1111"
    assert CARD not in response.text
    assert CARD.replace(" ", "") not in response.text
    assert (shop["takings"], shop["today_count"]) == ({"amount": 0, "currency": "CNY"}, 0)
    assert await my_shop(client, owner) == shop
    public = await client.get(f"/v1/wallet/merchants/{shop['id']}", headers=customer.auth)
    assert public.json() == {"id": shop["id"], "business_name": "Noodle Bar"}
    assert (await client.get("/v1/wallet/merchants/mine", headers=customer.auth)).json() == []


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({ACCOUNT: "4111 1111 1111 1112"}, 422, "wallet.settlement_account_invalid", ACCOUNT),
        ({ACCOUNT: "4111-1111-1111-1111"}, 422, "wallet.settlement_account_invalid", ACCOUNT),
        ({ACCOUNT: "0000000"}, 422, "wallet.settlement_account_invalid", ACCOUNT),
        ({"business_name": " "}, 422, "request.invalid", "business_name"),
        ({"registration_number": "9?1"}, 422, "request.invalid", "registration_number"),
    ],
)  # fmt: skip
async def test_a_shop_needs_a_good_settlement_account_and_details(
    client: httpx.AsyncClient,
    owner: Person,
    changes: dict[str, str],
    status: int,
    code: str,
    field: str,
) -> None:
    assert_problem(await open_shop(client, owner, **changes), status, code, field)
    assert (await client.get("/v1/wallet/merchants/mine", headers=owner.auth)).json() == []


async def test_only_a_verified_person_opens_a_shop(client: httpx.AsyncClient, app: FastAPI) -> None:
    stranger = await create_person(app, "Unverified")
    assert_problem(await open_shop(client, stranger), 403, "wallet.real_name_required", None)
    assert (await client.get("/v1/wallet/merchants/mine", headers=stranger.auth)).json() == []


async def test_the_receive_qr_encodes_the_pay_link(
    client: httpx.AsyncClient, owner: Person
) -> None:
    shop = await shop_of(client, owner)
    url = f"/v1/wallet/merchants/{shop['id']}/qr.png"
    fixed = await client.get(url, params={"amount": "12.50"}, headers=owner.auth)
    assert fixed.headers["content-type"] == "image/png"
    assert fixed.content == qr_png(f"http://plaza.test/pay/{shop['id']}?amount=12.50")
    typed = await client.get(url, headers=owner.auth)
    assert typed.content == qr_png(f"http://plaza.test/pay/{shop['id']}")
    for bad in ("0", "-1", "1.001", "lots"):
        response = await client.get(url, params={"amount": bad}, headers=owner.auth)
        assert_problem(response, 422, "wallet.amount_invalid", "amount")
    missing = await client.get("/v1/wallet/merchants/1/qr.png", headers=owner.auth)
    assert_problem(missing, 404, "wallet.merchant_not_found", "merchant_id")


async def test_paying_a_shop_by_qr_reaches_it_at_once_with_receipts_on_both_sides(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await shop_of(client, owner)
    response = await pay(client, customer, shop["id"], "12.50")
    assert response.status_code == 201, response.text
    payment = response.json()
    assert (payment["status"], payment["method"], payment["merchant_name"]) == (
        "completed",
        "qr",
        "Noodle Bar",
    )
    assert (payment["amount"], payment["payer_id"], payment["note"]) == (
        {"amount": 1250, "currency": "CNY"},
        customer.id,
        "Two bowls",
    )
    assert (await balance(client, customer), await takings(client, owner)) == (8750, 1250)
    assert await balance(client, owner) == 100  # the takings are the shop's, not the wallet's
    for who in (customer, owner):
        receipt = await client.get(f"/v1/wallet/payments/{payment['id']}", headers=who.auth)
        assert receipt.json() == payment
        [event] = await events_of(client, who, "payment.completed")
        assert (event["payment_id"], event["amount"], event["status"]) == (
            payment["id"],
            1250,
            "completed",
        )
    assert await events_of(client, customer, "payment.confirmation_required") == []
    await books_balance(app)


async def test_a_retried_payment_pays_once(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await shop_of(client, owner)
    first = await pay(client, customer, shop["id"], "10.00", key="pay-1")
    again = await pay(client, customer, shop["id"], "10.00", key="pay-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = await pay(client, customer, shop["id"], "11.00", key="pay-1")
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert (await balance(client, customer), await takings(client, owner)) == (9000, 1000)
    await books_balance(app)


@pytest.mark.parametrize(
    ("amount", "pin", "status", "code", "field"),
    [
        ("0", PIN, 422, "wallet.amount_invalid", "amount"),
        ("-5.00", PIN, 422, "wallet.amount_invalid", "amount"),
        ("1.001", PIN, 422, "wallet.amount_invalid", "amount"),
        ("twelve", PIN, 422, "wallet.amount_invalid", "amount"),
        ("100.01", PIN, 409, "wallet.insufficient_funds", "amount"),
        ("1.00", "000000", 403, "wallet.pin_wrong", "pin"),
    ],
)
async def test_bad_payments_move_nothing(
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
    shop = await shop_of(client, owner)
    assert_problem(await pay(client, customer, shop["id"], amount, pin=pin), status, code, field)
    assert (await balance(client, customer), await takings(client, owner)) == (10000, 0)
    await books_balance(app)
    # The key was not used up: the same key pays once the request is right.
    assert (await pay(client, customer, shop["id"], "1.00")).status_code == 201


async def test_no_payment_to_an_unknown_shop_to_ones_own_or_without_a_real_name(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    shop = await shop_of(client, owner)
    unknown = await pay(client, customer, "123", "1.00")
    assert_problem(unknown, 404, "wallet.merchant_not_found", "merchant_id")
    own = await pay(client, owner, shop["id"], "1.00")
    assert_problem(own, 422, "wallet.same_account", "merchant_id")
    stranger = await create_person(app, "Stranger")
    assert_problem(
        await pay(client, stranger, shop["id"], "1.00"), 403, "wallet.real_name_required", None
    )
    assert (await balance(client, customer), await balance(client, owner)) == (10000, 100)
    assert await takings(client, owner) == 0
    await books_balance(app)


async def test_a_payment_over_the_daily_limit_moves_nothing(
    client: httpx.AsyncClient, app: FastAPI, owner: Person
) -> None:
    rich = await ready_to_pay(app, client, "Rich", top_up="60000.00")
    shop = await shop_of(client, owner)
    assert (await pay(client, rich, shop["id"], "49999.00", key="a")).status_code == 201
    over = await pay(client, rich, shop["id"], "1.01", key="b")
    assert_problem(over, 409, "wallet.daily_limit_exceeded", "amount")
    assert "1.00 CNY is left" in over.json()["detail"]
    assert (await balance(client, rich), await takings(client, owner)) == (10001_00, 49999_00)
    await books_balance(app)


async def test_receipts_belong_to_the_payer_and_the_owner_only(
    client: httpx.AsyncClient,
    app: FastAPI,
    owner: Person,
    customer: Person,
    clock: ManualClock,
) -> None:
    shop = await shop_of(client, owner)
    first = (await pay(client, customer, shop["id"], "1.00", key="a")).json()
    second = (await pay(client, customer, shop["id"], "2.00", key="b")).json()
    listed = f"/v1/wallet/merchants/{shop['id']}/payments"
    page = (await client.get(listed, params={"limit": 1}, headers=owner.auth)).json()
    assert [p["id"] for p in page["items"]] == [second["id"]]
    rest = await client.get(
        listed, params={"limit": 1, "cursor": page["next_cursor"]}, headers=owner.auth
    )
    assert ([p["id"] for p in rest.json()["items"]], rest.json()["next_cursor"]) == (
        [first["id"]],
        None,
    )
    assert_problem(
        await client.get(listed, headers=customer.auth), 403, "wallet.not_merchant_owner", None
    )
    outsider = await create_person(app, "Outsider")
    seen = await client.get(f"/v1/wallet/payments/{first['id']}", headers=outsider.auth)
    assert_problem(seen, 404, "wallet.payment_not_found", "payment_id")
    today = await my_shop(client, owner)
    assert (today["today_count"], today["today_total"]["amount"]) == (2, 300)
    clock.advance(timedelta(days=1))
    tomorrow = await my_shop(client, owner)
    assert (tomorrow["today_count"], tomorrow["takings"]["amount"]) == (0, 300)


async def takings_by_stripe(app: FastAPI, shop_id: str) -> list[int]:
    """The balance of each of the shop's takings accounts that a payment has opened."""
    async with app.state.database.sessionmaker() as session:
        merchant = await session.get(Merchant, int(shop_id))
        assert merchant is not None
        keys = shops.takings_keys(merchant, "CNY")
        accounts = await session.scalars(select(LedgerAccount).where(LedgerAccount.key.in_(keys)))
        return [account.balance for account in accounts]


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_40_people_pay_one_shop_at_once(
    client: httpx.AsyncClient, app: FastAPI, owner: Person
) -> None:
    """On PostgreSQL, where concurrent payments really wait on each other's row locks: all
    go through, each lands on one of the shop's takings accounts, and they add up."""
    shop = await shop_of(client, owner)
    payers = [await ready_to_pay(app, client, f"Payer {n}") for n in range(40)]
    amounts = [100 + n for n in range(40)]  # 1.00, 1.01, ... 1.39

    responses = await asyncio.gather(
        *(
            pay(client, payer, shop["id"], f"1.{n:02d}", key=f"rush-{n}")
            for n, payer in enumerate(payers)
        )
    )

    assert [r.status_code for r in responses] == [201] * 40, [r.text for r in responses]
    assert [r.json()["amount"]["amount"] for r in responses] == amounts
    assert [await balance(client, payer) for payer in payers] == [10000 - a for a in amounts]
    shown = await my_shop(client, owner)
    assert (shown["takings"]["amount"], shown["today_total"]["amount"]) == (sum(amounts),) * 2
    assert shown["today_count"] == 40
    stripes = await takings_by_stripe(app, shop["id"])
    assert sum(stripes) == sum(amounts)
    assert 1 < len(stripes) <= shops.TAKINGS_STRIPES
    await books_balance(app)
