"""A timeline page costs the same number of statements however big it is and however
many likes and comments its posts carry; posting costs the same for 3 friends or 30."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from plaza.contacts import service as contacts
from tests.conftest import Person, counted_queries, create_person
from tests.moments.helpers import comment, like, new_client_id, photo, post


async def statements_for(app: FastAPI, client: httpx.AsyncClient, who: Person, path: str) -> int:
    await client.get(f"/v1/moments{path}", headers=who.auth)  # the first look records itself
    with counted_queries(app) as statements:
        response = await client.get(f"/v1/moments{path}", headers=who.auth)
        assert response.status_code == 200, response.text
    return len(statements)


async def test_a_timeline_page_is_a_fixed_number_of_statements(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    image = await photo(client, bob)
    ids = [(await post(client, bob, photo_ids=[image]))["id"] for _ in range(6)]
    small = await statements_for(app, client, alice, "/timeline?limit=2")
    for post_id in ids:
        for person in (alice, carol):
            assert (await like(client, person, post_id)).status_code == 201
            assert (await comment(client, person, post_id, "Nice")).status_code == 201
    assert await statements_for(app, client, alice, "/timeline?limit=6") == small
    page = (await client.get("/v1/moments/timeline?limit=3", headers=alice.auth)).json()
    later = f"/timeline?limit=3&cursor={page['next_cursor']}"
    assert await statements_for(app, client, alice, later) <= small
    assert await statements_for(app, client, alice, f"/accounts/{bob.id}/posts") <= small


async def test_posting_costs_the_same_for_few_and_many_friends(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    async def posting_cost(friends: int) -> int:
        author = await create_person(app, f"Author of {friends}")
        people = [await create_person(app, f"Friend {friends}-{i}") for i in range(friends)]
        async with app.state.database.unit_of_work() as session:
            for friend in people:
                await contacts.make_friends(session, author.account_id, friend.account_id)
        body = {"client_id": new_client_id(), "text": "Hello everyone"}
        with counted_queries(app) as statements:
            response = await client.post("/v1/moments/posts", headers=author.auth, json=body)
            assert response.status_code == 201, response.text
        return len(statements)

    assert await posting_cost(3) == await posting_cost(30)
