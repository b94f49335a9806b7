"""What other domains ask contacts: are_friends, has_blocked and friend_ids."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from plaza.contacts import service
from tests.conftest import Person, befriend, create_person
from tests.contacts.helpers import delete_account


async def test_are_friends(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    await befriend(client, alice, bob)
    async with app.state.database.unit_of_work() as session:
        assert await service.are_friends(session, alice.account_id, bob.account_id)
        assert await service.are_friends(session, bob.account_id, alice.account_id)
        assert not await service.are_friends(session, alice.account_id, carol.account_id)
        assert not await service.are_friends(session, alice.account_id, alice.account_id)
        assert not await service.are_friends(session, alice.account_id, 12345)
    # A block does not end a friendship; chat asks has_blocked as well.
    await client.post("/v1/contacts/blocks", headers=alice.auth, json={"account_id": bob.id})
    async with app.state.database.unit_of_work() as session:
        assert await service.are_friends(session, alice.account_id, bob.account_id)
    await client.delete(f"/v1/contacts/{bob.account_id}", headers=alice.auth)
    async with app.state.database.unit_of_work() as session:
        assert not await service.are_friends(session, alice.account_id, bob.account_id)
        assert not await service.are_friends(session, bob.account_id, alice.account_id)


async def test_has_blocked(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await client.post("/v1/contacts/blocks", headers=alice.auth, json={"account_id": bob.id})
    async with app.state.database.unit_of_work() as session:
        assert await service.has_blocked(session, owner=alice.account_id, other=bob.account_id)
        assert not await service.has_blocked(session, owner=bob.account_id, other=alice.account_id)
    await client.delete(f"/v1/contacts/blocks/{bob.account_id}", headers=alice.auth)
    async with app.state.database.unit_of_work() as session:
        assert not await service.has_blocked(session, owner=alice.account_id, other=bob.account_id)


async def test_friend_ids_match_the_friend_list(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    dave = await create_person(app, "Dave")
    erin = await create_person(app, "Erin")
    for friend in (bob, carol, dave, erin):
        await befriend(client, alice, friend)
    await client.post("/v1/contacts/blocks", headers=alice.auth, json={"account_id": dave.id})
    await delete_account(client, erin)
    async with app.state.database.unit_of_work() as session:
        ids = await service.friend_ids(session, alice.account_id)
        assert sorted(ids) == sorted([bob.account_id, carol.account_id])
        assert await service.friend_ids(session, dave.account_id) == [
            alice.account_id
        ]  # not told of the block
        assert await service.friend_ids(session, 12345) == []
    listed = (await client.get("/v1/contacts", headers=alice.auth)).json()
    assert sorted(int(f["account"]["id"]) for f in listed) == sorted(ids)
