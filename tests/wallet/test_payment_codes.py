"""Payment codes: the TOTP against RFC 6238, the code's window and single use, and
charges at a shop's till under and over the no-PIN limit."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from plaza.kit.clock import ManualClock
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants import totp
from plaza.wallet.merchants.models import PaymentCodeSecret
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_merchants import events_of, pay, shop_of, takings
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

RFC_SECRET = b"12345678901234567890"  # RFC 6238 appendix B, HMAC-SHA1


@pytest.mark.parametrize(
    ("unix_time", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_totp_matches_the_rfc_6238_vectors(unix_time: int, expected: str) -> None:
    at = datetime.fromtimestamp(unix_time, UTC)
    assert totp.totp(RFC_SECRET, at, step_seconds=30) == expected
    # The same counter with 60-second steps comes twice as late.
    assert totp.totp(RFC_SECRET, datetime.fromtimestamp(unix_time * 2, UTC)) == expected
    assert totp.matches(RFC_SECRET, expected, totp.time_step(at, 30))
    assert not totp.matches(RFC_SECRET, expected, totp.time_step(at, 30) + 1)


async def new_secret(client: httpx.AsyncClient, who: Person, pin: str = PIN) -> httpx.Response:
    return await client.post("/v1/wallet/payment-codes/secret", headers=who.auth, json={"pin": pin})


async def device(client: httpx.AsyncClient, who: Person) -> dict[str, Any]:
    response = await new_secret(client, who)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def code_at(secret: dict[str, Any], at: datetime) -> str:
    """What the device shows at ``at``: prefix, token, TOTP (as the web app computes it)."""
    key = base64.b32decode(secret["secret"] + "=" * (-len(secret["secret"]) % 8))
    return f"{secret['code_prefix']}{secret['token']}{totp.totp(key, at)}"


async def charge(
    client: httpx.AsyncClient,
    owner: Person,
    merchant_id: str,
    code: str,
    amount: str,
    *,
    key: str = "c1",
) -> httpx.Response:
    return await client.post(
        f"/v1/wallet/merchants/{merchant_id}/charges",
        headers=owner.auth | {"Idempotency-Key": key},
        json={"code": code, "amount": amount},
    )


async def confirm(
    client: httpx.AsyncClient, payer: Person, payment_id: str, *, pin: str = PIN, key: str = "p1"
) -> httpx.Response:
    return await client.post(
        f"/v1/wallet/payments/{payment_id}/confirm",
        headers=payer.auth | {"Idempotency-Key": key},
        json={"pin": pin},
    )


@pytest.fixture
async def owner(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Olivia Owner", top_up="1.00")


@pytest.fixture
async def customer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Carl Customer", top_up="2000.00")


@pytest.fixture
async def shop(client: httpx.AsyncClient, owner: Person) -> str:
    return str((await shop_of(client, owner))["id"])


async def unchanged(
    client: httpx.AsyncClient, app: FastAPI, customer: Person, owner: Person
) -> None:
    assert (await balance(client, customer), await takings(client, owner)) == (2000_00, 0)
    await books_balance(app)


async def test_a_code_under_the_no_pin_limit_is_charged_at_once(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    assert len(code) == 18
    assert code.isdigit()
    response = await charge(client, owner, shop, code, "8.80")
    assert response.status_code == 201, response.text
    payment = response.json()
    assert (payment["status"], payment["method"], payment["payer_id"]) == (
        "completed",
        "code",
        customer.id,
    )
    assert (await balance(client, customer), await takings(client, owner)) == (1991_20, 880)
    for who in (customer, owner):
        receipt = await client.get(f"/v1/wallet/payments/{payment['id']}", headers=who.auth)
        assert receipt.json() == payment
        [event] = await events_of(client, who, "payment.completed")
        assert (event["payment_id"], event["amount"]) == (payment["id"], 880)
    await books_balance(app)


async def test_a_retried_charge_charges_once(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    first = await charge(client, owner, shop, code, "5.00", key="till-1")
    again = await charge(client, owner, shop, code, "5.00", key="till-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = await charge(client, owner, shop, code, "6.00", key="till-1")
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert (await balance(client, customer), await takings(client, owner)) == (1995_00, 500)
    await books_balance(app)


async def test_a_code_pays_once(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    assert (await charge(client, owner, shop, code, "5.00", key="a")).status_code == 201
    again = await charge(client, owner, shop, code, "5.00", key="b")
    assert_problem(again, 409, "wallet.payment_code_used", "code")
    assert (await balance(client, customer), await takings(client, owner)) == (1995_00, 500)
    await books_balance(app)


async def test_a_code_is_good_for_its_minute_and_the_next(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    secret = await device(client, customer)
    late_but_good = code_at(secret, clock.now())
    expired = code_at(secret, clock.now() - timedelta(seconds=60))
    clock.advance(timedelta(seconds=60))
    assert (await charge(client, owner, shop, late_but_good, "1.00", key="a")).status_code == 201
    older = await charge(client, owner, shop, expired, "1.00", key="c")
    assert_problem(older, 409, "wallet.payment_code_expired", "code")
    assert (await balance(client, customer), await takings(client, owner)) == (1999_00, 100)
    await books_balance(app)


async def test_an_expired_code_moves_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    clock.advance(timedelta(minutes=2))
    assert_problem(
        await charge(client, owner, shop, code, "1.00"), 409, "wallet.payment_code_expired", "code"
    )
    await unchanged(client, app, customer, owner)


@pytest.mark.parametrize(
    "garble",
    [
        lambda code: code[:-1],
        lambda code: code + "0",
        lambda code: "99" + code[2:],
        lambda code: code[:2] + "x" + code[3:],
        lambda code: code[:-8] + str((int(code[-8:]) + 1) % 10**8).zfill(8),
        lambda code: code[:2] + str((int(code[2:10]) + 1) % 10**8).zfill(8) + code[10:],
    ],
    ids=["short", "long", "prefix", "letter", "wrong_otp", "unknown_token"],
)
async def test_a_garbled_code_is_invalid_and_moves_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
    garble: Any,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    response = await charge(client, owner, shop, garble(code), "1.00")
    assert_problem(response, 422, "wallet.payment_code_invalid", "code")
    await unchanged(client, app, customer, owner)
    spaced = " ".join([code[:6], code[6:12], code[12:]])  # as a till may print it
    assert (await charge(client, owner, shop, spaced, "1.00")).status_code == 201


async def test_a_shop_may_try_60_codes_a_minute(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    guess = code[:-8] + str((int(code[-8:]) + 1) % 10**8).zfill(8)
    for n in range(60):
        wrong = await charge(client, owner, shop, guess, "1.00", key=f"guess-{n}")
        assert_problem(wrong, 422, "wallet.payment_code_invalid", "code")
    limited = await charge(client, owner, shop, code, "1.00", key="real")
    assert_problem(limited, 429, "rate_limited", None)
    await unchanged(client, app, customer, owner)


async def test_a_new_secret_retires_the_old_codes(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    old = await device(client, customer)
    new = await device(client, customer)
    assert (new["id"], new["token"]) != (old["id"], old["token"])
    stale = await charge(client, owner, shop, code_at(old, clock.now()), "1.00", key="a")
    assert_problem(stale, 422, "wallet.payment_code_invalid", "code")
    await unchanged(client, app, customer, owner)
    fresh = await charge(client, owner, shop, code_at(new, clock.now()), "1.00", key="b")
    assert fresh.status_code == 201, fresh.text


async def test_the_server_keeps_no_usable_secret(
    client: httpx.AsyncClient, app: FastAPI, customer: Person
) -> None:
    secret = await device(client, customer)
    raw = base64.b32decode(secret["secret"] + "=" * (-len(secret["secret"]) % 8))
    assert len(raw) == 20
    async with app.state.database.sessionmaker() as session:
        row = await session.scalar(select(PaymentCodeSecret))
    assert row is not None
    stored = " ".join(str(v) for v in (row.id, row.token, row.nonce, row.account_id))
    assert secret["secret"] not in stored
    assert raw.hex() not in stored


async def test_a_secret_needs_a_real_name_and_the_pin(
    client: httpx.AsyncClient, app: FastAPI, customer: Person
) -> None:
    assert_problem(await new_secret(client, customer, "000000"), 403, "wallet.pin_wrong", "pin")
    stranger = await create_person(app, "Stranger")
    assert_problem(await new_secret(client, stranger), 403, "wallet.real_name_required", None)
    async with app.state.database.sessionmaker() as session:
        assert (await session.scalars(select(PaymentCodeSecret))).all() == []


async def test_not_enough_money_leaves_the_code_unused(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    assert (await pay(client, customer, shop, "1500.00", key="spend")).status_code == 201
    broke = await charge(client, owner, shop, code, "600.00", key="b")
    assert_problem(broke, 409, "wallet.insufficient_funds", "amount")
    assert (await balance(client, customer), await takings(client, owner)) == (500_00, 1500_00)
    await books_balance(app)
    assert (await charge(client, owner, shop, code, "500.00", key="c")).status_code == 201


async def test_a_pin_locked_payer_cannot_be_charged(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    for attempt in range(5):
        await pay(client, customer, shop, "1.00", key=f"wrong-{attempt}", pin="000000")
    locked = await charge(client, owner, shop, code, "1.00")
    assert_problem(locked, 423, "wallet.pin_locked", None)
    assert int(locked.headers["Retry-After"]) > 0
    await unchanged(client, app, customer, owner)


async def test_only_the_owner_charges_for_a_shop(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    thief = await ready_to_pay(app, client, "Thief", top_up="1.00")
    stolen = await charge(client, thief, shop, code, "1.00")
    assert_problem(stolen, 403, "wallet.not_merchant_owner", None)
    nowhere = await charge(client, owner, "42", code, "1.00")
    assert_problem(nowhere, 404, "wallet.merchant_not_found", "merchant_id")
    own = await charge(
        client, owner, shop, code_at(await device(client, owner), clock.now()), "1.00"
    )
    assert_problem(own, 422, "wallet.same_account", "code")
    for bad in ("0", "-1.00", "0.001"):
        response = await charge(client, owner, shop, code, bad)
        assert_problem(response, 422, "wallet.amount_invalid", "amount")
    await unchanged(client, app, customer, owner)
    # None of that used the code up.
    assert (await charge(client, owner, shop, code, "1.00", key="good")).status_code == 201


async def test_over_the_no_pin_limit_the_payer_confirms_with_the_pin(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    response = await charge(client, owner, shop, code, "1000.01")
    assert response.status_code == 201, response.text
    waiting = response.json()
    assert (waiting["status"], waiting["completed_at"]) == ("awaiting_pin", None)
    await unchanged(client, app, customer, owner)
    [asked] = await events_of(client, customer, "payment.confirmation_required")
    assert (asked["payment_id"], asked["amount"], asked["merchant_name"]) == (
        waiting["id"],
        100001,
        "Noodle Bar",
    )
    assert await events_of(client, owner, "payment.confirmation_required") == []

    wrong = await confirm(client, customer, waiting["id"], pin="000000")
    assert_problem(wrong, 403, "wallet.pin_wrong", "pin")
    not_theirs = await confirm(client, owner, waiting["id"])
    assert_problem(not_theirs, 404, "wallet.payment_not_found", "payment_id")
    await unchanged(client, app, customer, owner)

    done = await confirm(client, customer, waiting["id"])
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    retried = await confirm(client, customer, waiting["id"])
    assert (retried.status_code, retried.json()) == (200, done.json())
    twice = await confirm(client, customer, waiting["id"], key="p2")
    assert_problem(twice, 409, "wallet.payment_not_pending", None)
    assert (await balance(client, customer), await takings(client, owner)) == (999_99, 1000_01)
    for who in (customer, owner):
        [event] = await events_of(client, who, "payment.completed")
        assert event["payment_id"] == waiting["id"]
    await books_balance(app)


async def test_an_unconfirmed_charge_lapses(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    customer: Person,
    shop: str,
) -> None:
    code = code_at(await device(client, customer), clock.now())
    waiting = (await charge(client, owner, shop, code, "1500.00")).json()
    clock.advance(shops.CONFIRM_WITHIN)
    late = await confirm(client, customer, waiting["id"])
    assert_problem(late, 409, "wallet.payment_not_pending", None)
    async with app.state.database.unit_of_work() as session:
        assert await shops.lapse_unconfirmed(session, app.state.broker) == 1
    seen = await client.get(f"/v1/wallet/payments/{waiting['id']}", headers=owner.auth)
    assert seen.json()["status"] == "lapsed"
    assert [e["payment_id"] for e in await events_of(client, owner, "payment.lapsed")] == [
        waiting["id"]
    ]
    await unchanged(client, app, customer, owner)


async def test_code_payments_count_against_the_daily_limit(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    owner: Person,
    shop: str,
) -> None:
    rich = await ready_to_pay(app, client, "Rich", top_up="60000.00")
    assert (await pay(client, rich, shop, "49500.00", key="qr")).status_code == 201
    code = code_at(await device(client, rich), clock.now())
    over = await charge(client, owner, shop, code, "600.00", key="a")
    assert_problem(over, 409, "wallet.daily_limit_exceeded", "amount")
    waiting = (await charge(client, owner, shop, code, "1000.01", key="b")).json()
    refused = await confirm(client, rich, waiting["id"])
    assert_problem(refused, 409, "wallet.daily_limit_exceeded", "amount")
    assert (await balance(client, rich), await takings(client, owner)) == (10500_00, 49500_00)
    await books_balance(app)
