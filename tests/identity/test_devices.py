"""Device sessions: listing, signing out one or all, tokens and account deletion."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import bearer, sign_in
from tests.identity.test_sign_in import assert_problem

PHONE = "+4915123456789"


async def test_devices_are_listed_newest_first_with_the_current_one_marked(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    phone = (await sign_in(client, app, PHONE, device="Phone"))["token"]
    laptop = (await sign_in(client, app, PHONE, device="Laptop"))["token"]
    listed = (await client.get("/v1/me/devices", headers=bearer(phone))).json()
    assert [(d["name"], d["current"]) for d in listed["items"]] == [
        ("Laptop", False),
        ("Phone", True),
    ]
    assert listed["next_cursor"] is None
    from_laptop = (await client.get("/v1/me/devices", headers=bearer(laptop))).json()
    assert [d["current"] for d in from_laptop["items"]] == [True, False]


async def test_devices_page_by_cursor(client: httpx.AsyncClient, app: FastAPI) -> None:
    tokens = [(await sign_in(client, app, PHONE, device=f"D{i}"))["token"] for i in range(3)]
    auth = bearer(tokens[0])
    first = (await client.get("/v1/me/devices?limit=2", headers=auth)).json()
    assert [d["name"] for d in first["items"]] == ["D2", "D1"]
    second = await client.get(f"/v1/me/devices?limit=2&cursor={first['next_cursor']}", headers=auth)
    assert [d["name"] for d in second.json()["items"]] == ["D0"]
    assert second.json()["next_cursor"] is None


@pytest.mark.parametrize("query", ["cursor=!!!", "cursor=bm90LWEtbnVtYmVy", "limit=0", "limit=101"])
async def test_bad_page_parameters_are_refused(
    client: httpx.AsyncClient, app: FastAPI, query: str
) -> None:
    token = (await sign_in(client, app, PHONE))["token"]
    response = await client.get(f"/v1/me/devices?{query}", headers=bearer(token))
    expected = "pagination.cursor_invalid" if query.startswith("cursor") else "request.invalid"
    assert_problem(response, 422, expected, query.split("=")[0])


async def test_last_seen_moves_when_a_device_is_used(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock
) -> None:
    token = (await sign_in(client, app, PHONE))["token"]
    before = (await client.get("/v1/me/devices", headers=bearer(token))).json()["items"][0]
    clock.advance(timedelta(minutes=10))
    after = (await client.get("/v1/me/devices", headers=bearer(token))).json()["items"][0]
    assert after["last_seen_at"] > before["last_seen_at"]
    assert after["created_at"] == before["created_at"]


async def test_sign_out_this_device(client: httpx.AsyncClient, app: FastAPI) -> None:
    token = (await sign_in(client, app, PHONE))["token"]
    other = (await sign_in(client, app, PHONE))["token"]
    assert (await client.delete("/v1/auth/session", headers=bearer(token))).status_code == 204
    assert_problem(
        await client.get("/v1/me", headers=bearer(token)), 401, "auth.token_revoked", None
    )
    assert (await client.get("/v1/me", headers=bearer(other))).status_code == 200


async def test_sign_out_another_device(client: httpx.AsyncClient, app: FastAPI) -> None:
    mine = (await sign_in(client, app, PHONE, device="Mine"))["token"]
    lost = await sign_in(client, app, PHONE, device="Lost")
    lost_id = lost["device"]["id"]
    response = await client.delete(f"/v1/me/devices/{lost_id}", headers=bearer(mine))
    assert response.status_code == 204
    assert_problem(
        await client.get("/v1/me", headers=bearer(lost["token"])), 401, "auth.token_revoked", None
    )
    names = [
        d["name"]
        for d in (await client.get("/v1/me/devices", headers=bearer(mine))).json()["items"]
    ]
    assert names == ["Mine"]
    again = await client.delete(f"/v1/me/devices/{lost_id}", headers=bearer(mine))
    assert_problem(again, 404, "identity.device_not_found", "device_id")


async def test_cannot_sign_out_someone_elses_device(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    mine = (await sign_in(client, app, PHONE))["token"]
    theirs = await sign_in(client, app, "+12025550102")
    their_device = theirs["device"]["id"]
    response = await client.delete(f"/v1/me/devices/{their_device}", headers=bearer(mine))
    assert_problem(response, 404, "identity.device_not_found", "device_id")
    assert (await client.get("/v1/me", headers=bearer(theirs["token"]))).status_code == 200


async def test_sign_out_everywhere(client: httpx.AsyncClient, app: FastAPI) -> None:
    tokens = [(await sign_in(client, app, PHONE))["token"] for _ in range(3)]
    assert (await client.delete("/v1/me/devices", headers=bearer(tokens[0]))).status_code == 204
    for token in tokens:
        assert_problem(
            await client.get("/v1/me", headers=bearer(token)), 401, "auth.token_revoked", None
        )


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "auth.token_missing"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "auth.token_missing"),
        ({"Authorization": "Bearer made-up-token"}, "auth.token_invalid"),
    ],
)
async def test_private_routes_need_a_valid_token(
    client: httpx.AsyncClient, headers: dict[str, str], code: str
) -> None:
    for method, path in [("GET", "/v1/me"), ("PATCH", "/v1/me"), ("GET", "/v1/me/devices")]:
        response = await client.request(method, path, headers=headers, json={})
        assert_problem(response, 401, code, None)


async def test_delete_account(
    client: httpx.AsyncClient, app: FastAPI, settings_media: object
) -> None:
    first = await sign_in(client, app, PHONE)
    token = first["token"]
    await client.patch(
        "/v1/me", headers=bearer(token), json={"display_name": "Sofia", "plaza_id": "sofia_m"}
    )
    other_device = (await sign_in(client, app, PHONE))["token"]

    wrong = await client.post(
        "/v1/me/deletion", headers=bearer(token), json={"phone": "+12025550101"}
    )
    assert_problem(wrong, 422, "identity.phone_mismatch", "phone")
    assert (await client.get("/v1/me", headers=bearer(token))).status_code == 200

    deleted = await client.post("/v1/me/deletion", headers=bearer(token), json={"phone": PHONE})
    assert deleted.status_code == 204
    for old in (token, other_device):
        assert_problem(
            await client.get("/v1/me", headers=bearer(old)), 401, "auth.token_revoked", None
        )

    # The phone number and Plaza ID are free again; signing in makes a brand new account.
    again = await sign_in(client, app, PHONE)
    assert again["created"] is True
    assert again["account"]["id"] != first["account"]["id"]
    claim = await client.patch(
        "/v1/me", headers=bearer(again["token"]), json={"plaza_id": "sofia_m"}
    )
    assert claim.status_code == 200
