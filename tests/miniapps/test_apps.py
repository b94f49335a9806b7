"""Developers and mini-programs: registration, the app id and secret, settings, testers."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.miniapps import service
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import DOMAIN, become_developer, create_app


async def check_secret(app: FastAPI, app_id: str, secret: str) -> bool:
    key = app.state.settings.secret_key.get_secret_value()
    async with app.state.database.sessionmaker() as session:
        found = await service.check_secret(session, key, app_id, secret)
    return found is not None and found.app_id == app_id


async def test_registering_as_a_developer_is_idempotent(
    client: httpx.AsyncClient, bob: Person
) -> None:
    before = await client.get("/v1/miniapps/developer", headers=bob.auth)
    assert_problem(before, 403, "miniapps.not_developer", None)
    first = await client.post(
        "/v1/miniapps/developer", headers=bob.auth, json={"display_name": "Bob Labs"}
    )
    again = await client.post(
        "/v1/miniapps/developer", headers=bob.auth, json={"display_name": "Bob's Lab"}
    )
    assert first.status_code == again.status_code == 200
    assert again.json()["created_at"] == first.json()["created_at"]
    shown = await client.get("/v1/miniapps/developer", headers=bob.auth)
    assert shown.json()["display_name"] == "Bob's Lab"


async def test_only_developers_create_mini_programs(client: httpx.AsyncClient, bob: Person) -> None:
    response = await client.post(
        "/v1/miniapps", headers=bob.auth, json={"name": "Tea", "category": "food"}
    )
    assert_problem(response, 403, "miniapps.not_developer", None)
    await become_developer(client, bob)
    assert (await create_app(client, bob, "Tea"))["name"] == "Tea"


async def test_create_shows_the_secret_once(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    created = await create_app(
        client,
        alice,
        description="Order ahead",
        server_domains=["https://API.Coffee.example", DOMAIN, "pay.coffee.example"],
    )
    assert re.fullmatch(r"px[0-9a-f]{16}", created["app_id"])
    assert len(created["app_secret"]) >= 43  # 32 random bytes, url-safe base64
    assert created["server_domains"] == [DOMAIN, "pay.coffee.example"]
    assert created["live_version"] is None
    shown = await client.get(f"/v1/miniapps/{created['app_id']}", headers=alice.auth)
    listed = await client.get("/v1/miniapps", headers=alice.auth)
    assert "app_secret" not in shown.json()
    assert [item["app_id"] for item in listed.json()] == [created["app_id"]]
    assert "app_secret" not in listed.json()[0]
    assert created["app_secret"] not in shown.text + listed.text
    assert await check_secret(app, created["app_id"], created["app_secret"])
    assert not await check_secret(app, created["app_id"], created["app_secret"] + "x")


async def test_rotation_replaces_the_secret(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    created = await create_app(client, alice)
    app_id, old = created["app_id"], created["app_secret"]
    rotated = await client.post(f"/v1/miniapps/{app_id}/secret/rotate", headers=alice.auth)
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["app_secret"]
    assert new != old
    assert not await check_secret(app, app_id, old)
    assert await check_secret(app, app_id, new)
    other = await create_app(client, alice, "Tea")
    assert not await check_secret(app, other["app_id"], new)  # a secret opens its own app only
    stranger = await client.post(f"/v1/miniapps/{app_id}/secret/rotate", headers=bob.auth)
    assert_problem(stranger, 404, "miniapps.not_found", None)
    assert await check_secret(app, app_id, new)


async def test_names_are_unique_regardless_of_case(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await create_app(client, alice, "Coffee")
    await become_developer(client, bob)
    taken = await client.post(
        "/v1/miniapps", headers=bob.auth, json={"name": "  COFFEE ", "category": "food"}
    )
    assert_problem(taken, 409, "miniapps.name_taken", "name")
    tea = await create_app(client, bob, "Tea")
    renamed = await client.patch(
        f"/v1/miniapps/{tea['app_id']}", headers=bob.auth, json={"name": "coffee"}
    )
    assert_problem(renamed, 409, "miniapps.name_taken", "name")
    assert [a["name"] for a in (await client.get("/v1/miniapps", headers=bob.auth)).json()] == [
        "Tea"
    ]


@pytest.mark.parametrize(
    ("domains", "field"),
    [
        (["http://api.example.com"], "server_domains.0"),
        ([DOMAIN, "api.example.com:8443"], "server_domains.1"),
        (["https://api.example.com/path"], "server_domains.0"),
        (["192.168.1.10"], "server_domains.0"),
        (["intranet"], "server_domains.0"),
        (["http://127.0.0.2:8010"], "server_domains.0"),
        (["*.example.com"], "server_domains.0"),
        (["-bad.example.com"], "server_domains.0"),
    ],
)
async def test_server_domains_are_https_host_names(
    client: httpx.AsyncClient, alice: Person, domains: list[str], field: str
) -> None:
    body = {"name": "Coffee", "category": "food", "server_domains": domains}
    response = await client.post("/v1/miniapps", headers=alice.auth, json=body)
    assert_problem(response, 422, "miniapps.domain_invalid", field)
    assert (await client.get("/v1/miniapps", headers=alice.auth)).json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "food"}, "name"),
        ({"name": "Coffee", "category": "gambling"}, "category"),
        ({"name": "x" * 31, "category": "food"}, "name"),
        (
            {
                "name": "Coffee",
                "category": "food",
                "server_domains": [f"d{i}.example.com" for i in range(21)],
            },
            "server_domains",
        ),
    ],
)
async def test_create_refuses_bad_fields(
    client: httpx.AsyncClient, alice: Person, body: dict[str, Any], field: str
) -> None:
    response = await client.post("/v1/miniapps", headers=alice.auth, json=body)
    assert_problem(response, 422, "request.invalid", field)
    assert (await client.get("/v1/miniapps", headers=alice.auth)).json() == []


async def test_update_and_only_the_owner_sees_the_app(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    app_id = (await create_app(client, alice))["app_id"]
    changes = {
        "name": "Coffee Corner",
        "category": "shopping",
        "description": "Beans too",
        "server_domains": ["shop.coffee.example"],
    }
    updated = await client.patch(f"/v1/miniapps/{app_id}", headers=alice.auth, json=changes)
    assert updated.status_code == 200, updated.text
    assert {key: updated.json()[key] for key in changes} == changes
    for request in (
        client.get(f"/v1/miniapps/{app_id}", headers=bob.auth),
        client.patch(f"/v1/miniapps/{app_id}", headers=bob.auth, json={"name": "Mine"}),
        client.get(f"/v1/miniapps/{app_id}/versions", headers=bob.auth),
        client.get(f"/v1/miniapps/{app_id}/testers", headers=bob.auth),
    ):
        assert_problem(await request, 404, "miniapps.not_found", None)
    unknown = await client.get("/v1/miniapps/px0000000000000000", headers=alice.auth)
    assert_problem(unknown, 404, "miniapps.not_found", None)
    shown = await client.get(f"/v1/miniapps/{app_id}", headers=alice.auth)
    assert shown.json()["name"] == "Coffee Corner"


async def test_testers_are_replaced_by_plaza_id(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    app_id = (await create_app(client, alice))["app_id"]
    url = f"/v1/miniapps/{app_id}/testers"
    response = await client.put(
        url, headers=alice.auth, json={"plaza_ids": ["BOB_USER", "bob_user"]}
    )
    assert response.status_code == 200, response.text
    assert [tester["id"] for tester in response.json()] == [bob.id]
    unknown = await client.put(
        url, headers=alice.auth, json={"plaza_ids": ["alice_dev", "nobody_here"]}
    )
    assert_problem(unknown, 422, "miniapps.tester_not_found", "plaza_ids.1")
    too_many = await client.put(
        url, headers=alice.auth, json={"plaza_ids": [f"person_{i}" for i in range(31)]}
    )
    assert_problem(too_many, 422, "request.invalid", "plaza_ids")
    kept = await client.get(url, headers=alice.auth)
    assert [tester["id"] for tester in kept.json()] == [bob.id]
    cleared = await client.put(url, headers=alice.auth, json={"plaza_ids": []})
    assert cleared.json() == []
