"""Real-name verification and the payment PIN, through the API."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.wallet import security
from tests.conftest import Person, create_person, last_code_sent_to
from tests.identity.test_sign_in import assert_problem

ID_NUMBER = "11010519491231002X"  # the standard's own example, with a valid check character
OTHER_ID_NUMBER = "110101199003077774"  # valid too, but not the one verified


@pytest.fixture
async def alice(app: FastAPI) -> Person:
    return await create_person(app, "Alice")


async def wallet(client: httpx.AsyncClient, who: Person) -> dict[str, Any]:
    response = await client.get("/v1/wallet", headers=who.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def verify(client: httpx.AsyncClient, who: Person, number: str = ID_NUMBER) -> httpx.Response:
    return await client.post(
        "/v1/wallet/real-name",
        headers=who.auth,
        json={"name": "李雷", "country": "CN", "id_number": number},
    )


async def set_pin(
    client: httpx.AsyncClient, who: Person, pin: str, current: str | None = None
) -> httpx.Response:
    body = {"pin": pin} if current is None else {"pin": pin, "current_pin": current}
    return await client.put("/v1/wallet/pin", headers=who.auth, json=body)


async def test_a_new_wallet_opened_on_several_screens_at_once_answers_each(
    client: httpx.AsyncClient, alice: Person
) -> None:
    """The first look at a wallet makes its profile; looks at the same moment (the wallet
    tab and the chat's transfer sheet) must not collide on it."""
    seen = await asyncio.gather(*(wallet(client, alice) for _ in range(6)))
    assert [w["balance"] for w in seen] == [{"amount": 0, "currency": "CNY"}] * 6


async def test_a_new_wallet_is_empty_and_cannot_pay(
    client: httpx.AsyncClient, alice: Person
) -> None:
    assert await wallet(client, alice) == {
        "balance": {"amount": 0, "currency": "CNY"},
        "real_name_verified": False,
        "real_name": None,
        "id_number_last4": None,
        "pin_set": False,
        "pin_locked_until": None,
    }
    assert_problem(await set_pin(client, alice, "135790"), 403, "wallet.real_name_required", None)


async def test_real_name_verification(client: httpx.AsyncClient, alice: Person) -> None:
    verified = await verify(client, alice, "11010519491231002x")
    assert verified.status_code == 200, verified.text
    body = verified.json()
    assert (body["real_name_verified"], body["real_name"], body["id_number_last4"]) == (
        True,
        "李雷",
        "002X",
    )


@pytest.mark.parametrize(
    ("number", "country", "code"),
    [
        ("110105194912310021", "CN", "wallet.id_number_invalid"),  # wrong check character
        ("11010519491331002X", "CN", "wallet.id_number_invalid"),  # month 13
        ("1101051949", "CN", "wallet.id_number_invalid"),
        (ID_NUMBER, "ZZ", "wallet.country_unsupported"),
    ],
)
async def test_bad_identity_numbers_are_refused(
    client: httpx.AsyncClient, alice: Person, number: str, country: str, code: str
) -> None:
    response = await client.post(
        "/v1/wallet/real-name",
        headers=alice.auth,
        json={"name": "X", "country": country, "id_number": number},
    )
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert (await wallet(client, alice))["real_name_verified"] is False


@pytest.mark.parametrize("pin", ["111111", "123456", "987654"])
async def test_guessable_pins_are_refused(
    client: httpx.AsyncClient, alice: Person, pin: str
) -> None:
    await verify(client, alice)
    assert_problem(await set_pin(client, alice, pin), 422, "wallet.pin_too_simple", "pin")
    assert (await wallet(client, alice))["pin_set"] is False


@pytest.mark.parametrize("pin", ["12345", "1234567", "12a456"])
async def test_a_pin_is_six_digits(client: httpx.AsyncClient, alice: Person, pin: str) -> None:
    await verify(client, alice)
    assert_problem(await set_pin(client, alice, pin), 422, "request.invalid", "pin")


async def test_set_and_change_the_pin(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    await verify(client, alice)
    assert (await set_pin(client, alice, "135790")).json()["pin_set"] is True
    wrong = await set_pin(client, alice, "246801", current="000000")
    assert_problem(wrong, 403, "wallet.pin_wrong", "current_pin")
    assert "4 tries left" in wrong.json()["detail"]
    assert (await set_pin(client, alice, "246801", current="135790")).status_code == 200
    async with app.state.database.unit_of_work() as session:
        mine = await security.profile(session, alice.account_id)
        secret = app.state.settings.secret_key.get_secret_value()
        await security.check_pin(session, mine, "246801", secret=secret)  # raises if wrong
        assert mine.pin_failed_attempts == 0
        assert mine.pin_hash is not None
        assert mine.pin_hash.startswith("$argon2id$")


async def test_five_wrong_pins_lock_payments_for_three_hours(
    client: httpx.AsyncClient, alice: Person, clock: ManualClock
) -> None:
    await verify(client, alice)
    await set_pin(client, alice, "135790")
    for _ in range(4):
        assert_problem(
            await set_pin(client, alice, "246801", current="000000"),
            403,
            "wallet.pin_wrong",
            "current_pin",
        )
    locked = await set_pin(client, alice, "246801", current="000000")
    assert_problem(locked, 423, "wallet.pin_locked", None)
    assert locked.headers["Retry-After"] == str(3 * 3600)
    # Even the right PIN is refused while locked.
    assert_problem(
        await set_pin(client, alice, "246801", current="135790"), 423, "wallet.pin_locked", None
    )
    assert (await wallet(client, alice))["pin_locked_until"] is not None
    clock.advance(timedelta(hours=3))
    assert (await set_pin(client, alice, "246801", current="135790")).status_code == 200
    assert (await wallet(client, alice))["pin_locked_until"] is None


async def test_reset_a_forgotten_pin_with_an_sms_code_and_the_id_number(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    await verify(client, alice)
    await set_pin(client, alice, "135790")
    for _ in range(5):
        await set_pin(client, alice, "246801", current="000000")
    await client.post("/v1/auth/codes", json={"phone": alice.phone})
    code = last_code_sent_to(app, alice.phone)
    mismatch = await client.post(
        "/v1/wallet/pin/reset",
        headers=alice.auth,
        json={"code": code, "id_number": OTHER_ID_NUMBER, "pin": "246801"},
    )
    assert_problem(mismatch, 403, "wallet.id_number_mismatch", "id_number")
    burned = await client.post(
        "/v1/wallet/pin/reset",
        headers=alice.auth,
        json={"code": code, "id_number": ID_NUMBER, "pin": "246801"},
    )
    assert_problem(burned, 400, "identity.code_used", "code")  # a wrong number costs the code
    await client.post("/v1/auth/codes", json={"phone": alice.phone})
    code = last_code_sent_to(app, alice.phone)
    reset = await client.post(
        "/v1/wallet/pin/reset",
        headers=alice.auth,
        json={"code": code, "id_number": ID_NUMBER, "pin": "246801"},
    )
    assert reset.status_code == 200, reset.text
    assert reset.json()["pin_locked_until"] is None
    again = await client.post(
        "/v1/wallet/pin/reset",
        headers=alice.auth,
        json={"code": code, "id_number": ID_NUMBER, "pin": "975310"},
    )
    assert_problem(again, 400, "identity.code_used", "code")
    assert (await set_pin(client, alice, "975310", current="246801")).status_code == 200
