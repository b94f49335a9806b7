"""The friend list: ordering, remarks and tags per side, removing friends, and its query count."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, befriend, counted_queries, create_person
from tests.contacts.helpers import add_people, contacts_state, delete_account
from tests.identity.test_sign_in import assert_problem


async def friends_of(client: httpx.AsyncClient, person: Person) -> list[dict[str, Any]]:
    response = await client.get("/v1/contacts", headers=person.auth)
    assert response.status_code == 200, response.text
    friends: list[dict[str, Any]] = response.json()
    return friends


async def edit(
    client: httpx.AsyncClient, owner: Person, friend: Person | int | str, body: dict[str, object]
) -> httpx.Response:
    friend_id = friend.id if isinstance(friend, Person) else friend
    return await client.patch(f"/v1/contacts/{friend_id}", headers=owner.auth, json=body)


async def test_no_friends_yet(client: httpx.AsyncClient, alice: Person) -> None:
    assert await friends_of(client, alice) == []
    assert (await client.get("/v1/contacts/tags", headers=alice.auth)).json() == []


async def test_friends_are_sorted_by_the_name_you_see(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    zoe = await create_person(app, "zoe")
    bob = await create_person(app, "Bob")
    yan = await create_person(app, "Yan")
    for friend in (zoe, bob, yan):
        await befriend(client, friend, alice)
    await edit(client, alice, yan, {"remark": "Aunt Yan"})
    listed = await friends_of(client, alice)
    assert [(f["account"]["display_name"], f["remark"]) for f in listed] == [
        ("Yan", "Aunt Yan"),
        ("Bob", ""),
        ("zoe", ""),
    ]
    assert listed[1]["account"]["id"] == str(bob.id)


async def test_remarks_and_tags_belong_to_one_side(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await befriend(client, alice, bob)
    response = await edit(
        client,
        alice,
        bob,
        {"remark": "  Bob O.  ", "tags": [" Work ", "Football", "Work", "football"]},
    )
    assert response.status_code == 200, response.text
    friend = response.json()
    assert friend["account"]["id"] == str(bob.id)
    assert (friend["remark"], friend["tags"]) == ("Bob O.", ["Work", "Football", "football"])
    assert (await friends_of(client, alice)) == [friend]
    bobs_side = await friends_of(client, bob)
    assert [(f["remark"], f["tags"]) for f in bobs_side] == [("", [])]

    # Absent fields are kept; an empty remark clears it; an empty list clears the tags.
    kept = (await edit(client, alice, bob, {"tags": ["Work"]})).json()
    assert (kept["remark"], kept["tags"]) == ("Bob O.", ["Work"])
    cleared = (await edit(client, alice, bob, {"remark": "", "tags": []})).json()
    assert (cleared["remark"], cleared["tags"]) == ("", [])


async def test_tags_are_counted(client: httpx.AsyncClient, app: FastAPI, alice: Person) -> None:
    people = await add_people(app, 3)
    for person in people:
        await befriend(client, alice, person)
    await edit(client, alice, people[0], {"tags": ["work", "Family"]})
    await edit(client, alice, people[1], {"tags": ["work"]})
    await edit(client, alice, people[2], {"tags": ["climbing", "work"]})
    await edit(client, people[2], alice, {"tags": ["neighbours"]})
    tags = (await client.get("/v1/contacts/tags", headers=alice.auth)).json()
    assert tags == [
        {"name": "climbing", "count": 1},
        {"name": "Family", "count": 1},
        {"name": "work", "count": 3},
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"remark": "x" * 33}, "remark"),
        ({"remark": 5}, "remark"),
        ({"tags": ["x" * 21]}, "tags.0"),
        ({"tags": ["ok", "   "]}, "tags.1"),
        ({"tags": [f"tag{i}" for i in range(21)]}, "tags"),
        ({"tags": "work"}, "tags"),
        ({"nickname": "Bobby"}, "nickname"),
    ],
)
async def test_invalid_edits_change_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    body: dict[str, object],
    field: str,
) -> None:
    await befriend(client, alice, bob)
    await edit(client, alice, bob, {"remark": "Bob", "tags": ["work"]})
    before = await contacts_state(app)
    assert_problem(await edit(client, alice, bob, body), 422, "request.invalid", field)
    assert await contacts_state(app) == before


async def test_twenty_tags_are_fine(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    await befriend(client, alice, bob)
    tags = [f"t{i}" for i in range(20)]
    assert (await edit(client, alice, bob, {"tags": tags})).json()["tags"] == tags


async def test_only_friends_can_be_edited_or_removed(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    await befriend(client, bob, carol)
    before = await contacts_state(app)
    for target in (bob.id, carol.id, alice.id, 12345):
        response = await edit(client, alice, target, {"remark": "x"})
        assert_problem(response, 404, "contacts.not_a_friend", "account_id")
        response = await client.delete(f"/v1/contacts/{target}", headers=alice.auth)
        assert_problem(response, 404, "contacts.not_a_friend", "account_id")
    assert await contacts_state(app) == before


@pytest.mark.parametrize("account_id", ["bob", "0", str(2**63)])
async def test_malformed_friend_ids(
    client: httpx.AsyncClient, alice: Person, account_id: str
) -> None:
    response = await client.delete(f"/v1/contacts/{account_id}", headers=alice.auth)
    assert_problem(response, 422, "request.invalid", "account_id")


async def test_removing_a_friend_ends_it_on_both_sides(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    await befriend(client, alice, bob)
    await befriend(client, alice, carol)
    response = await client.delete(f"/v1/contacts/{bob.id}", headers=alice.auth)
    assert response.status_code == 204
    assert [f["account"]["id"] for f in await friends_of(client, alice)] == [str(carol.id)]
    assert await friends_of(client, bob) == []
    card = await client.get(f"/v1/contacts/by-plaza-id/{alice.plaza_id}", headers=bob.auth)
    assert card.json()["relation"] == "none"
    # They can become friends again.
    await befriend(client, bob, alice)
    assert [f["account"]["id"] for f in await friends_of(client, bob)] == [str(alice.id)]


async def test_deleted_friends_are_left_out(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    await befriend(client, alice, bob)
    await befriend(client, alice, carol)
    await edit(client, alice, bob, {"tags": ["work"]})
    await edit(client, alice, carol, {"tags": ["work"]})
    await delete_account(client, bob)
    assert [f["account"]["id"] for f in await friends_of(client, alice)] == [str(carol.id)]
    tags = (await client.get("/v1/contacts/tags", headers=alice.auth)).json()
    assert tags == [{"name": "work", "count": 1}]
    response = await edit(client, alice, bob, {"remark": "gone"})
    assert_problem(response, 404, "contacts.not_a_friend", "account_id")


async def test_lists_take_the_same_queries_for_any_number_of_friends(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    async def queries_for_lists() -> int:
        with counted_queries(app) as statements:
            for path in ("", "/tags", "/blocks", "/requests"):
                response = await client.get(f"/v1/contacts{path}", headers=alice.auth)
                assert response.status_code == 200
        return len(statements)

    async def add(count: int, prefix: str) -> None:
        people = await add_people(app, count, prefix)
        for person in people[:-2]:
            await befriend(client, person, alice)
            await edit(client, alice, person, {"tags": [prefix]})
        body = {"account_id": str(people[0].id)}
        assert (await client.post("/v1/contacts/blocks", headers=alice.auth, json=body)).is_success
        for asker, asked in ((alice, people[-2]), (people[-1], alice)):
            body = {"to": str(asked.id)}
            response = await client.post("/v1/contacts/requests", headers=asker.auth, json=body)
            assert response.status_code == 201

    await add(4, "few")
    few = await queries_for_lists()
    await add(12, "many")
    assert len(await friends_of(client, alice)) == 2 + 10 - 2
    assert await queries_for_lists() == few
