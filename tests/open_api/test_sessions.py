"""Login and phone codes: issued to signed-in people, exchanged once by the app's server."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text

from plaza.identity.service import hash_token
from plaza.kit.clock import ManualClock
from plaza.open_api.models import AppSession
from tests.conftest import Person, counted_queries, create_person
from tests.miniapps.helpers import create_app, step, upload_ok
from tests.open_api.conftest import (
    App,
    exchange,
    issue,
    open_state,
    problem,
    released_app,
    token_for,
)


async def test_login_code_gives_openid_unionid_and_a_session_key(
    client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    issued = await client.post(f"/v1/miniapps/{coffee.app_id}/login-code", headers=user.auth)
    assert issued.status_code == 201, issued.text
    assert set(issued.json()) == {"code", "expires_at"}  # no session key for the client
    response = await exchange(client, await token_for(client, coffee), issued.json()["code"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"openid", "unionid", "session_key"}
    assert user.id not in body["openid"] + body["unionid"]
    assert len(body["session_key"]) == 24


async def test_an_exchange_claims_the_code_and_records_the_session_in_one_statement(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    """code2session is the Open API's busiest call: one statement on PostgreSQL, two on
    SQLite (which cannot change rows inside WITH)."""
    token = await token_for(client, coffee)
    code = await issue(client, user, coffee)
    with counted_queries(app) as statements:
        response = await exchange(client, token, code)
    assert response.status_code == 200, response.text
    on_postgres = app.state.database.engine.dialect.name == "postgresql"
    assert len(statements) == (1 if on_postgres else 2), statements
    body = response.json()
    async with app.state.database.sessionmaker() as session:
        recorded = (
            await session.scalars(select(AppSession).where(AppSession.openid == body["openid"]))
        ).one()
    assert (recorded.account_id, recorded.session_key_hash) == (
        int(user.id),
        hash_token(body["session_key"]),
    )


async def test_the_exchange_leaves_every_pooled_connection_transactional(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    """On PostgreSQL the exchange's one statement runs in autocommit; the connection must
    go back to the pool as it was, or later requests would lose their transactions."""
    if app.state.database.engine.dialect.name != "postgresql":
        pytest.skip("the exchange runs in autocommit on PostgreSQL only")
    response = await exchange(
        client, await token_for(client, coffee), await issue(client, user, coffee)
    )
    assert response.status_code == 200, response.text
    pool = app.state.database.engine.sync_engine.pool
    async with AsyncExitStack() as stack:
        for _ in range(pool.checkedin() + 1):  # every pooled connection, and one more
            session = await stack.enter_async_context(app.state.database.unit_of_work())
            ids = [await session.scalar(text("SELECT pg_current_xact_id()::text")) for _ in "ab"]
            assert ids[0] == ids[1]  # in autocommit each statement would have its own


async def test_openid_is_per_app_and_unionid_per_developer(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, taxi: App, admin: Person, user: Person
) -> None:
    other_developer = await create_person(app, "Other", plaza_id="other_dev")
    await client.post(
        "/v1/miniapps/developer", headers=other_developer.auth, json={"display_name": "Other"}
    )
    bus = await released_app(client, other_developer, admin, "Bus")

    async def who(mini: App, person: Person) -> dict[str, str]:
        code = await issue(client, person, mini)
        response = await exchange(client, await token_for(client, mini), code)
        assert response.status_code == 200, response.text
        found: dict[str, str] = response.json()
        return found

    first, again = await who(coffee, user), await who(coffee, user)
    in_taxi, in_bus = await who(taxi, user), await who(bus, user)
    assert first["openid"] == again["openid"]
    assert first["unionid"] == again["unionid"]
    assert first["session_key"] != again["session_key"]
    assert len({first["openid"], in_taxi["openid"], in_bus["openid"]}) == 3
    assert in_taxi["unionid"] == first["unionid"] != in_bus["unionid"]
    other_person = await who(coffee, admin)
    assert other_person["openid"] != first["openid"]
    assert other_person["unionid"] != first["unionid"]


async def test_a_code_works_once(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    token = await token_for(client, coffee)
    code = await issue(client, user, coffee)
    assert (await exchange(client, token, code)).status_code == 200
    before = await open_state(app)
    body = problem(await exchange(client, token, code), 409, "open.code_used")
    assert body["field"] == "code"
    assert await open_state(app) == before


async def test_a_code_expires_after_five_minutes(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock, coffee: App, user: Person
) -> None:
    token = await token_for(client, coffee)
    fresh, stale = await issue(client, user, coffee), await issue(client, user, coffee)
    clock.advance(timedelta(minutes=4, seconds=59))
    assert (await exchange(client, token, fresh)).status_code == 200
    clock.advance(timedelta(seconds=1))
    before = await open_state(app)
    problem(await exchange(client, token, stale), 410, "open.code_expired")
    assert await open_state(app) == before


async def test_a_code_from_another_app_is_refused_and_left_unused(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, taxi: App, user: Person
) -> None:
    code = await issue(client, user, coffee)
    before = await open_state(app)
    problem(await exchange(client, await token_for(client, taxi), code), 400, "open.code_invalid")
    problem(
        await exchange(client, await token_for(client, taxi), "made-up"), 400, "open.code_invalid"
    )
    after = await open_state(app)
    assert after[1:] == before[1:]  # only the two new tokens
    assert (await exchange(client, await token_for(client, coffee), code)).status_code == 200


async def test_a_login_code_is_no_phone_code(
    client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    token = await token_for(client, coffee)
    code = await issue(client, user, coffee)
    problem(await exchange(client, token, code, "phone-number"), 400, "open.code_invalid")
    assert (await exchange(client, token, code)).status_code == 200


async def test_unreleased_app_gives_codes_only_to_its_testers(
    client: httpx.AsyncClient, developer: Person, user: Person, admin: Person
) -> None:
    created = await create_app(client, developer, "Draft")
    app_id = created["app_id"]
    await upload_ok(client, developer, app_id)
    url = f"/v1/miniapps/{app_id}/login-code"
    problem(await client.post(url, headers=user.auth), 404, "miniapps.not_found")
    problem(await client.post(url, headers=developer.auth), 404, "miniapps.not_found")
    problem(
        await client.post("/v1/miniapps/px0000000000000000/login-code", headers=user.auth),
        404,
        "miniapps.not_found",
    )
    testers = {"plaza_ids": [user.plaza_id]}
    assert (
        await client.put(f"/v1/miniapps/{app_id}/testers", headers=developer.auth, json=testers)
    ).status_code == 200
    problem(await client.post(url, headers=user.auth), 404, "miniapps.not_found")  # no trial yet
    assert (await step(client, developer, app_id, "1.0.0", "trial")).status_code == 200
    assert (await client.post(url, headers=user.auth)).status_code == 201
    problem(await client.post(url, headers=admin.auth), 404, "miniapps.not_found")


async def test_codes_need_a_signed_in_person(client: httpx.AsyncClient, coffee: App) -> None:
    response = await client.post(f"/v1/miniapps/{coffee.app_id}/login-code")
    assert response.status_code == 401


async def test_two_exchanges_at_once_give_one_session(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    token = await token_for(client, coffee)
    code = await issue(client, user, coffee)
    before = await open_state(app)
    first, second = await asyncio.gather(
        exchange(client, token, code), exchange(client, token, code)
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    assert await open_state(app) == (before[0], before[1] + 1, before[2] + 1, before[3])
