"""Blocking: idempotent, hides you from the blocked person, keeps the friendship for later."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, befriend
from tests.contacts.helpers import contacts_state, delete_account
from tests.identity.test_sign_in import assert_problem


async def block(client: httpx.AsyncClient, owner: Person, other: object) -> httpx.Response:
    return await client.post(
        "/v1/contacts/blocks", headers=owner.auth, json={"account_id": str(other)}
    )


async def unblock(client: httpx.AsyncClient, owner: Person, other: object) -> httpx.Response:
    return await client.delete(f"/v1/contacts/blocks/{other}", headers=owner.auth)


async def blocked_by(client: httpx.AsyncClient, owner: Person) -> list[dict[str, Any]]:
    response = await client.get("/v1/contacts/blocks", headers=owner.auth)
    assert response.status_code == 200, response.text
    profiles: list[dict[str, Any]] = response.json()
    return profiles


async def friend_ids(client: httpx.AsyncClient, person: Person) -> list[str]:
    return [
        f["account"]["id"] for f in (await client.get("/v1/contacts", headers=person.auth)).json()
    ]


async def test_block_and_unblock(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    assert (await block(client, alice, bob.id)).status_code == 204
    assert (await block(client, alice, bob.id)).status_code == 204  # again: still one
    assert (await block(client, alice, carol.id)).status_code == 204
    listed = await blocked_by(client, alice)
    assert [(p["id"], p["display_name"]) for p in listed] == [
        (str(carol.id), "Carol"),
        (str(bob.id), "Bob"),
    ]
    assert "phone" not in listed[0]
    assert await blocked_by(client, bob) == []

    assert (await unblock(client, alice, bob.id)).status_code == 204
    assert (await unblock(client, alice, bob.id)).status_code == 204  # again: nothing to do
    assert [p["id"] for p in await blocked_by(client, alice)] == [str(carol.id)]


async def test_blocked_people_cannot_find_or_ask_you_until_unblocked(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await block(client, alice, bob.id)
    search = await client.get("/v1/contacts/search", headers=bob.auth, params={"q": alice.plaza_id})
    assert_problem(search, 404, "contacts.not_found", "q")
    asked = await client.post("/v1/contacts/requests", headers=bob.auth, json={"to": str(alice.id)})
    assert_problem(asked, 404, "contacts.not_found", "to")

    await unblock(client, alice, bob.id)
    search = await client.get("/v1/contacts/search", headers=bob.auth, params={"q": alice.plaza_id})
    assert search.status_code == 200
    asked = await client.post("/v1/contacts/requests", headers=bob.auth, json={"to": str(alice.id)})
    assert asked.status_code == 201


async def test_unblocking_restores_the_friendship(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await befriend(client, alice, bob)
    await client.patch(
        f"/v1/contacts/{bob.id}", headers=alice.auth, json={"remark": "Bobby", "tags": ["work"]}
    )
    await block(client, alice, bob.id)
    assert await friend_ids(client, alice) == []
    assert (await client.get("/v1/contacts/tags", headers=alice.auth)).json() == []
    # Bob is not told: Alice stays in his list.
    assert await friend_ids(client, bob) == [str(alice.id)]
    card = await client.get(f"/v1/contacts/by-plaza-id/{bob.plaza_id}", headers=alice.auth)
    assert (card.json()["relation"], card.json()["blocked"]) == ("friend", True)

    await unblock(client, alice, bob.id)
    restored = (await client.get("/v1/contacts", headers=alice.auth)).json()
    assert [(f["account"]["id"], f["remark"], f["tags"]) for f in restored] == [
        (str(bob.id), "Bobby", ["work"])
    ]


async def test_cannot_block_yourself(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    before = await contacts_state(app)
    response = await block(client, alice, alice.id)
    assert_problem(response, 422, "contacts.cannot_block_self", "account_id")
    assert await contacts_state(app) == before


async def test_cannot_block_unknown_or_deleted_people(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await delete_account(client, bob)
    before = await contacts_state(app)
    for other in (bob.id, 12345):
        assert_problem(await block(client, alice, other), 404, "contacts.not_found", "account_id")
    assert await contacts_state(app) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"account_id": "bob"}, "account_id"),
        ({}, "account_id"),
        ({"account_id": "-1"}, "account_id"),
    ],
)
async def test_malformed_blocks_change_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, body: dict[str, str], field: str
) -> None:
    before = await contacts_state(app)
    response = await client.post("/v1/contacts/blocks", headers=alice.auth, json=body)
    assert_problem(response, 422, "request.invalid", field)
    assert await contacts_state(app) == before
    assert_problem(await unblock(client, alice, "bob"), 422, "request.invalid", "account_id")


async def test_deleted_accounts_leave_the_block_list(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await block(client, alice, bob.id)
    await delete_account(client, bob)
    assert await blocked_by(client, alice) == []
