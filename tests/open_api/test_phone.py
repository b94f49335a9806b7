"""Phone codes and the consents they need."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.conftest import Person
from tests.open_api.conftest import App, exchange, issue, open_state, problem, token_for


async def grant(client: httpx.AsyncClient, person: Person, app: App, scope: str) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{app.app_id}/consents", headers=person.auth, json={"scope": scope}
    )


async def test_phone_code_without_consent_is_refused(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    before = await open_state(app)
    response = await client.post(f"/v1/miniapps/{coffee.app_id}/phone-code", headers=user.auth)
    problem(response, 403, "open.consent_required")
    assert await grant(client, user, coffee, "profile") is not None
    response = await client.post(f"/v1/miniapps/{coffee.app_id}/phone-code", headers=user.auth)
    problem(response, 403, "open.consent_required")
    assert (await open_state(app))[:3] == before[:3]


async def test_granted_phone_scope_gives_the_number_once(
    client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    granted = await grant(client, user, coffee, "phone")
    assert granted.status_code == 200, granted.text
    assert [c["scope"] for c in granted.json()] == ["phone"]
    token = await token_for(client, coffee)
    code = await issue(client, user, coffee, "phone")
    problem(await exchange(client, token, code), 400, "open.code_invalid")  # not a login code
    response = await exchange(client, token, code, "phone-number")
    assert response.json() == {"phone_number": user.phone}
    problem(await exchange(client, token, code, "phone-number"), 409, "open.code_used")


async def test_a_phone_code_from_another_app_is_refused(
    client: httpx.AsyncClient, coffee: App, taxi: App, user: Person
) -> None:
    await grant(client, user, coffee, "phone")
    code = await issue(client, user, coffee, "phone")
    taxi_token = await token_for(client, taxi)
    problem(await exchange(client, taxi_token, code, "phone-number"), 400, "open.code_invalid")
    coffee_token = await token_for(client, coffee)
    assert (await exchange(client, coffee_token, code, "phone-number")).status_code == 200


async def test_revoking_stops_unexchanged_phone_codes(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    await grant(client, user, coffee, "phone")
    await grant(client, user, coffee, "location")
    await grant(client, user, coffee, "phone")  # again is fine
    listed = await client.get(f"/v1/miniapps/{coffee.app_id}/consents", headers=user.auth)
    assert [c["scope"] for c in listed.json()] == ["location", "phone"]
    code = await issue(client, user, coffee, "phone")
    revoked = await client.delete(f"/v1/miniapps/{coffee.app_id}/consents/phone", headers=user.auth)
    assert revoked.status_code == 204
    listed = await client.get(f"/v1/miniapps/{coffee.app_id}/consents", headers=user.auth)
    assert [c["scope"] for c in listed.json()] == ["location"]
    token = await token_for(client, coffee)
    before = await open_state(app)
    problem(await exchange(client, token, code, "phone-number"), 403, "open.consent_required")
    assert await open_state(app) == before


async def test_unknown_scope_is_refused(
    app: FastAPI, client: httpx.AsyncClient, coffee: App, user: Person
) -> None:
    response = await grant(client, user, coffee, "wallet")
    assert problem(response, 422, "request.invalid")["field"] == "scope"
    assert (await open_state(app))[3] == 0
