"""Sign-in by phone and one-time code: the happy path and every way it can go wrong."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.identity.models import Account, DeviceSession, SignInCode
from plaza.kit.clock import ManualClock
from tests.conftest import bearer, last_code_sent_to, sign_in

PHONE = "+8613800138000"


async def count(app: FastAPI, model: type[object]) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def request_code(client: httpx.AsyncClient, phone: str = PHONE) -> httpx.Response:
    return await client.post("/v1/auth/codes", json={"phone": phone})


async def submit_code(client: httpx.AsyncClient, code: str, phone: str = PHONE) -> httpx.Response:
    return await client.post(
        "/v1/auth/sessions", json={"phone": phone, "code": code, "device_name": "Pixel 9"}
    )


def assert_problem(response: httpx.Response, status: int, code: str, field: str | None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["type"] == f"urn:plaza:problem:{code}"
    assert body["field"] == field
    assert body["detail"]


async def test_first_sign_in_creates_an_account_and_a_device(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    sent = await request_code(client, "+86 138 0013 8000")
    assert sent.status_code == 202
    assert sent.json()["phone"] == PHONE  # normalised to E.164
    assert sent.json()["code_length"] == 6

    body = await sign_in(client, app, PHONE)
    assert body["created"] is True
    account = body["account"]
    assert isinstance(account, dict)
    assert account["phone"] == PHONE
    assert account["profile_complete"] is False
    assert str(account["plaza_id"]).startswith("plaza_")
    assert isinstance(account["id"], str)
    assert account["id"].isdigit()

    me = await client.get("/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json() == account


async def test_second_sign_in_finds_the_same_account(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    first = await sign_in(client, app, PHONE)
    second = await sign_in(client, app, PHONE, device="Laptop")
    assert second["created"] is False
    assert second["account"] == first["account"]
    assert second["token"] != first["token"]
    assert await count(app, Account) == 1
    assert await count(app, DeviceSession) == 2


async def test_only_the_newest_code_is_accepted(client: httpx.AsyncClient, app: FastAPI) -> None:
    await request_code(client)
    older = last_code_sent_to(app, PHONE)
    await request_code(client)
    newer = last_code_sent_to(app, PHONE)
    if older != newer:
        assert_problem(await submit_code(client, older), 400, "identity.code_invalid", "code")
    assert (await submit_code(client, newer)).status_code == 201


@pytest.mark.parametrize(
    "phone", ["12", "+1 555", "not a phone", "+999123456789", "+4412345", "x" * 200]
)
async def test_malformed_phone_is_refused_and_nothing_is_sent(
    client: httpx.AsyncClient, app: FastAPI, phone: str
) -> None:
    response = await request_code(client, phone)
    expected = "request.invalid" if len(phone) > 32 else "identity.phone_invalid"
    assert_problem(response, 422, expected, "phone")
    assert await count(app, SignInCode) == 0
    assert not app.state.sms.outbox


async def test_wrong_code_is_counted_and_refused(client: httpx.AsyncClient, app: FastAPI) -> None:
    await request_code(client)
    right = last_code_sent_to(app, PHONE)
    wrong = "000000" if right != "000000" else "111111"
    response = await submit_code(client, wrong)
    assert_problem(response, 400, "identity.code_invalid", "code")
    assert "4 tries left" in response.json()["detail"]
    assert await count(app, Account) == 0
    assert await count(app, DeviceSession) == 0
    # The right code still works after a wrong one.
    assert (await submit_code(client, right)).status_code == 201


async def test_sixth_try_is_refused_even_with_the_right_code(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    await request_code(client)
    right = last_code_sent_to(app, PHONE)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        assert_problem(await submit_code(client, wrong), 400, "identity.code_invalid", "code")
    assert_problem(await submit_code(client, right), 400, "identity.code_attempts_exceeded", "code")
    assert await count(app, Account) == 0


async def test_expired_code_is_refused(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock
) -> None:
    await request_code(client)
    code = last_code_sent_to(app, PHONE)
    clock.advance(timedelta(minutes=5))
    assert_problem(await submit_code(client, code), 400, "identity.code_expired", "code")
    assert await count(app, Account) == 0


async def test_code_is_valid_until_just_before_five_minutes(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock
) -> None:
    await request_code(client)
    code = last_code_sent_to(app, PHONE)
    clock.advance(timedelta(minutes=4, seconds=59))
    assert (await submit_code(client, code)).status_code == 201


async def test_reused_code_is_refused(client: httpx.AsyncClient, app: FastAPI) -> None:
    await request_code(client)
    code = last_code_sent_to(app, PHONE)
    assert (await submit_code(client, code)).status_code == 201
    assert_problem(await submit_code(client, code), 400, "identity.code_used", "code")
    assert await count(app, DeviceSession) == 1


async def test_code_for_a_number_that_asked_for_none(client: httpx.AsyncClient) -> None:
    assert_problem(await submit_code(client, "123456"), 400, "identity.code_invalid", "code")


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", ""])
async def test_malformed_code_is_a_validation_error(client: httpx.AsyncClient, code: str) -> None:
    assert_problem(await submit_code(client, code), 422, "request.invalid", "code")


async def test_sixth_code_in_an_hour_for_one_phone_is_rate_limited(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock
) -> None:
    for _ in range(5):
        assert (await request_code(client)).status_code == 202
        clock.advance(timedelta(minutes=1))
    response = await request_code(client)
    assert_problem(response, 429, "rate_limited", None)
    assert int(response.headers["Retry-After"]) == 55 * 60
    assert await count(app, SignInCode) == 5
    assert len(app.state.sms.outbox) == 5
    clock.advance(timedelta(minutes=55))
    assert (await request_code(client)).status_code == 202


async def test_sixth_code_in_an_hour_from_one_ip_is_rate_limited(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    phones = [f"+1202555010{i}" for i in range(1, 7)]
    for phone in phones[:5]:
        assert (await request_code(client, phone)).status_code == 202
    assert_problem(await request_code(client, phones[5]), 429, "rate_limited", None)
    assert await count(app, SignInCode) == 5


async def test_codes_are_stored_only_as_hashes(client: httpx.AsyncClient, app: FastAPI) -> None:
    await request_code(client)
    code = last_code_sent_to(app, PHONE)
    async with app.state.database.sessionmaker() as session:
        stored = await session.scalar(select(SignInCode))
    assert stored is not None
    assert code not in stored.code_hash
    assert len(stored.code_hash) == 64
