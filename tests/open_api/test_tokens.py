"""Access tokens: credentials in, a token out; rotation with overlap; expiry; rate limit."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.open_api.tokens import REFUSALS_PER_HOUR, TOKENS_PER_HOUR
from tests.conftest import Person
from tests.open_api.conftest import App, exchange, issue, open_state, problem, token_for


async def test_credentials_give_a_two_hour_token(client: httpx.AsyncClient, coffee: App) -> None:
    response = await client.post(
        "/open/v1/token", json={"app_id": coffee.app_id, "app_secret": coffee.secret}
    )
    assert response.status_code == 200, response.text
    assert response.json()["expires_in"] == 7200
    assert len(response.json()["access_token"]) >= 40


async def test_wrong_secret_and_unknown_app_are_refused_alike(
    app: FastAPI, client: httpx.AsyncClient, coffee: App
) -> None:
    before = await open_state(app)
    other_first = "y" if coffee.secret.startswith("x") else "x"  # never the secret itself
    wrong_secret = other_first + coffee.secret[1:]
    wrong = await client.post(
        "/open/v1/token", json={"app_id": coffee.app_id, "app_secret": wrong_secret}
    )
    unknown = await client.post(
        "/open/v1/token", json={"app_id": "px0000000000000000", "app_secret": coffee.secret}
    )
    first, second = (
        problem(r, 401, "open.credentials_invalid") | {"request_id": None} for r in (wrong, unknown)
    )
    assert first == second
    assert await open_state(app) == before


async def test_token_expires_after_two_hours(
    client: httpx.AsyncClient, clock: ManualClock, coffee: App, user: Person
) -> None:
    token = await token_for(client, coffee)
    clock.advance(timedelta(hours=2))
    code = await issue(client, user, coffee)
    problem(await exchange(client, token, code), 401, "open.token_invalid")
    assert (await exchange(client, await token_for(client, coffee), code)).status_code == 200


async def test_a_new_token_leaves_the_old_one_five_minutes(
    client: httpx.AsyncClient, clock: ManualClock, coffee: App, user: Person
) -> None:
    old = await token_for(client, coffee)
    clock.advance(timedelta(minutes=30))
    new = await token_for(client, coffee)
    clock.advance(timedelta(minutes=4, seconds=59))
    assert (await exchange(client, old, await issue(client, user, coffee))).status_code == 200
    clock.advance(timedelta(seconds=1))
    code = await issue(client, user, coffee)
    problem(await exchange(client, old, code), 401, "open.token_invalid")
    assert (await exchange(client, new, code)).status_code == 200


async def test_missing_or_made_up_token_is_refused(
    client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    code = await issue(client, user, coffee)
    problem(
        await client.post("/open/v1/code2session", json={"code": code}), 401, "open.token_invalid"
    )
    problem(
        await exchange(client, {"Authorization": "Bearer nope"}, code), 401, "open.token_invalid"
    )
    # a person's own session token is no access token
    problem(await exchange(client, user.auth, code), 401, "open.token_invalid")
    assert (await exchange(client, await token_for(client, coffee), code)).status_code == 200


async def test_tokens_are_limited_per_app(
    client: httpx.AsyncClient, clock: ManualClock, coffee: App, taxi: App
) -> None:
    for _ in range(TOKENS_PER_HOUR):
        await token_for(client, coffee)
    refused = await client.post(
        "/open/v1/token", json={"app_id": coffee.app_id, "app_secret": coffee.secret}
    )
    problem(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    await token_for(client, taxi)  # another app has its own allowance
    clock.advance(timedelta(hours=1))
    await token_for(client, coffee)


async def test_wrong_secrets_are_limited_per_address_not_per_app(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock, coffee: App
) -> None:
    wrong = {"app_id": coffee.app_id, "app_secret": "guess"}
    for _ in range(REFUSALS_PER_HOUR):
        problem(await client.post("/open/v1/token", json=wrong), 401, "open.credentials_invalid")
    before = await open_state(app)
    problem(await client.post("/open/v1/token", json=wrong), 429, "rate_limited")
    assert await open_state(app) == before
    # the app's own server is not locked out by a stranger guessing with its public app id
    await token_for(client, coffee)
    clock.advance(timedelta(hours=1))
    problem(await client.post("/open/v1/token", json=wrong), 401, "open.credentials_invalid")
