"""A shop gives a payment back: in part or whole, from its takings, with the owner's PIN,
once per Idempotency-Key, never more than was paid, and the payer's bill shows it."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.wallet import refunds
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_merchants import customer, events_of, owner, pay, shop_of, takings
from tests.wallet.test_payment_codes import charge, code_at, device
from tests.wallet.test_transfers import PIN, balance, books_balance

__all__ = ["customer", "owner"]  # fixtures


async def refund(
    client: httpx.AsyncClient,
    who: Person,
    payment_id: str,
    amount: str,
    *,
    key: str = "r1",
    pin: str = PIN,
    reason: str = "One bowl was cold",
) -> httpx.Response:
    return await client.post(
        f"/v1/wallet/payments/{payment_id}/refunds",
        headers=who.auth | {"Idempotency-Key": key},
        json={"amount": amount, "reason": reason, "pin": pin},
    )


async def paid(client: httpx.AsyncClient, owner: Person, customer: Person) -> dict[str, Any]:
    shop = await shop_of(client, owner)
    response = await pay(client, customer, shop["id"], "20.00")
    assert response.status_code == 201, response.text
    payment: dict[str, Any] = response.json()
    return payment


async def test_a_shop_refunds_a_payment_in_two_parts(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)

    first = await refund(client, owner, payment["id"], "5.00", key="r1")
    assert first.status_code == 201, first.text
    made = first.json()
    assert (made["refund"]["amount"], made["refund"]["reason"]) == (
        {"amount": 500, "currency": "CNY"},
        "One bowl was cold",
    )
    assert made["payment"]["refunded"] == {"amount": 500, "currency": "CNY"}
    assert (await balance(client, customer), await takings(client, owner)) == (8500, 1500)

    second = await refund(client, owner, payment["id"], "15.00", key="r2", reason="")
    assert second.status_code == 201, second.text
    assert (await balance(client, customer), await takings(client, owner)) == (10000, 0)

    for who in (customer, owner):
        receipt = await client.get(f"/v1/wallet/payments/{payment['id']}", headers=who.auth)
        assert receipt.json()["refunded"]["amount"] == 2000
        listed = await client.get(f"/v1/wallet/payments/{payment['id']}/refunds", headers=who.auth)
        assert [r["amount"]["amount"] for r in listed.json()] == [500, 1500]
        assert len(await events_of(client, who, "payment.refunded")) == 2
    await books_balance(app)


async def test_the_payers_bills_show_the_refund_from_the_shop(
    client: httpx.AsyncClient, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)
    assert (await refund(client, owner, payment["id"], "3.00")).status_code == 201

    bills = (await client.get("/v1/wallet/bills", headers=customer.auth)).json()["items"]
    refunded = next(bill for bill in bills if bill["kind"] == "payment_refund")
    assert refunded["amount"] == {"amount": 300, "currency": "CNY"}
    assert refunded["memo"] == "One bowl was cold"
    assert refunded["counterparty"]["name"] == "Noodle Bar"
    assert refunded["subject"] == {"type": "payment", "id": payment["id"]}


async def test_a_retried_refund_refunds_once(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)
    first = await refund(client, owner, payment["id"], "4.00")
    again = await refund(client, owner, payment["id"], "4.00")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = await refund(client, owner, payment["id"], "5.00")
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert (await balance(client, customer), await takings(client, owner)) == (8400, 1600)
    await books_balance(app)


@pytest.mark.parametrize(
    ("amount", "pin", "status", "code", "field"),
    [
        ("0", PIN, 422, "wallet.amount_invalid", "amount"),
        ("-1.00", PIN, 422, "wallet.amount_invalid", "amount"),
        ("1.001", PIN, 422, "wallet.amount_invalid", "amount"),
        ("20.01", PIN, 422, "payments.refund_exceeds_paid", "amount"),
        ("1.00", "000000", 403, "wallet.pin_wrong", "pin"),
    ],
)
async def test_bad_refunds_move_nothing(
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
    payment = await paid(client, owner, customer)
    assert_problem(await refund(client, owner, payment["id"], amount, pin=pin), status, code, field)
    assert (await balance(client, customer), await takings(client, owner)) == (8000, 2000)
    receipt = await client.get(f"/v1/wallet/payments/{payment['id']}", headers=owner.auth)
    assert receipt.json()["refunded"]["amount"] == 0
    await books_balance(app)


async def test_only_the_shops_owner_refunds(
    client: httpx.AsyncClient, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)
    by_payer = await refund(client, customer, payment["id"], "1.00")
    assert_problem(by_payer, 404, "wallet.payment_not_found", "payment_id")
    unknown = await refund(client, owner, "123456", "1.00")
    assert_problem(unknown, 404, "wallet.payment_not_found", "payment_id")
    assert (await balance(client, customer), await takings(client, owner)) == (8000, 2000)


async def test_more_than_what_is_left_is_refused_after_a_partial_refund(
    client: httpx.AsyncClient, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)
    assert (await refund(client, owner, payment["id"], "15.00", key="a")).status_code == 201
    over = await refund(client, owner, payment["id"], "5.01", key="b")
    assert_problem(over, 422, "payments.refund_exceeds_paid", "amount")
    assert "500 of the 2000 paid is left" in over.json()["detail"]


async def test_a_payment_is_refundable_for_a_year(
    client: httpx.AsyncClient, owner: Person, customer: Person, clock: ManualClock
) -> None:
    payment = await paid(client, owner, customer)
    clock.advance(refunds.REFUND_WINDOW + timedelta(seconds=1))
    late = await refund(client, owner, payment["id"], "1.00")
    assert_problem(late, 422, "payments.refund_window_closed", "payment_id")
    assert await takings(client, owner) == 2000


async def test_a_payment_not_completed_cannot_be_refunded(
    client: httpx.AsyncClient, owner: Person, customer: Person, clock: ManualClock
) -> None:
    """A payment-code charge over the no-PIN limit waits for the payer's PIN: until then
    no money moved, so there is nothing to refund."""
    shop = await shop_of(client, owner)
    code = code_at(await device(client, customer), clock.now())
    charged = await charge(client, owner, shop["id"], code, "1000.01")
    assert charged.json()["status"] == "awaiting_pin"
    waiting = await refund(client, owner, charged.json()["id"], "1.00")
    assert_problem(waiting, 409, "wallet.payment_not_refundable", "payment_id")
    assert (await balance(client, customer), await takings(client, owner)) == (10000, 0)


async def test_concurrent_refunds_never_refund_more_than_was_paid(
    client: httpx.AsyncClient, app: FastAPI, owner: Person, customer: Person
) -> None:
    payment = await paid(client, owner, customer)
    answers = await asyncio.gather(
        *(refund(client, owner, payment["id"], "3.00", key=f"r{n}") for n in range(10))
    )
    made = [a for a in answers if a.status_code == 201]
    assert len(made) == 6  # 6 x 3.00 of 20.00; the 7th would need 21.00
    assert all(
        a.json()["code"] == "payments.refund_exceeds_paid" for a in answers if a.status_code != 201
    )
    assert (await balance(client, customer), await takings(client, owner)) == (9800, 200)
    await books_balance(app)
