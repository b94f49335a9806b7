"""The visibility matrix: who sees a post, and who sees its likes and comments.

Alice posts. Carol is friends with Alice and Bob; Bob likes and comments. Dave is a
friend of Alice only, Erin is nobody's friend, Frank is Alice's friend but blocked.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, befriend, create_person
from tests.contacts.helpers import delete_account
from tests.identity.test_sign_in import assert_problem
from tests.moments.helpers import (
    album_ids,
    block,
    comment,
    get_json,
    like,
    moments_state,
    patch,
    post,
    tag,
    timeline_ids,
)


async def can_see(client: httpx.AsyncClient, viewer: Person, post_id: str) -> bool:
    response = await client.get(f"/v1/moments/posts/{post_id}", headers=viewer.auth)
    if response.status_code == 404:
        assert response.json()["code"] == "moments.post_not_found"
        return False
    assert response.status_code == 200, response.text
    return True


async def seen_by(client: httpx.AsyncClient, viewer: Person, post_id: str) -> dict[str, Any]:
    body: dict[str, Any] = await get_json(client, viewer, f"/posts/{post_id}")
    return body


@pytest.fixture
async def dave(app: FastAPI, client: httpx.AsyncClient, alice: Person) -> Person:
    person = await create_person(app, "Dave")
    await befriend(client, alice, person)
    return person


@pytest.fixture
async def erin(app: FastAPI) -> Person:
    return await create_person(app, "Erin")


async def test_the_matrix_for_posts_likes_and_comments(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    carol: Person,
    dave: Person,
    erin: Person,
) -> None:
    frank = await create_person(app, "Frank")
    await befriend(client, alice, frank)
    await block(client, frank, alice)
    body = await post(client, alice, text="Matrix")
    post_id = body["id"]
    assert (await like(client, bob, post_id)).status_code == 201
    assert (await comment(client, bob, post_id, "Nice")).status_code == 201

    expected = {  # viewer: (sees the post, sees Bob's like and comment)
        "Alice": (True, True),  # the poster
        "Bob": (True, True),  # their own
        "Carol": (True, True),  # friend of both
        "Dave": (True, False),  # friend of the poster only
        "Erin": (True, False),  # stranger: the latest 10 posts
        "Frank": (False, False),  # blocked
    }
    for viewer in (alice, bob, carol, dave, erin, frank):
        sees_post, sees_bob = expected[viewer.name]
        assert await can_see(client, viewer, post_id) is sees_post, viewer.name
        if sees_post:
            shown = await seen_by(client, viewer, post_id)
            assert [p["id"] for p in shown["likes"]] == ([bob.id] if sees_bob else [])
            assert [c["author"]["id"] for c in shown["comments"]] == ([bob.id] if sees_bob else [])
    assert await timeline_ids(client, carol) == [post_id]
    assert await timeline_ids(client, erin) == []  # strangers only in the album
    assert await album_ids(client, erin, alice) == [post_id]


async def test_blocking_either_way_hides_posts(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    body = await post(client, alice)
    await block(client, alice, bob)
    assert not await can_see(client, bob, body["id"])
    assert await timeline_ids(client, bob) == []
    assert await album_ids(client, bob, alice) == []


async def test_a_reply_is_seen_under_the_same_rule(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person, dave: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    bobs = (await comment(client, bob, post_id, "First")).json()["comments"][0]["id"]
    reply = await comment(client, alice, post_id, "Thanks", reply_to=bobs)
    assert reply.status_code == 201
    thread = reply.json()["comments"]
    assert thread[1]["reply_to"]["id"] == bob.id
    assert thread[1]["author"]["id"] == alice.id
    dave_sees = await seen_by(client, dave, post_id)  # friend of Alice, not of Bob
    assert [c["text"] for c in dave_sees["comments"]] == ["Thanks"]
    before = await moments_state(app)
    hidden_reply = await comment(client, dave, post_id, "Who?", reply_to=bobs)
    assert_problem(hidden_reply, 404, "moments.comment_not_found", "reply_to")
    assert await moments_state(app) == before


async def test_strangers_see_the_latest_ten_until_switched_off(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, erin: Person
) -> None:
    ids = [(await post(client, alice, text=f"{i}"))["id"] for i in range(12)]
    private = await post(client, alice, audience={"kind": "private"})
    assert await album_ids(client, erin, alice) == ids[::-1][:10]
    assert not await can_see(client, erin, ids[1])
    assert not await can_see(client, erin, private["id"])
    await patch(client, alice, "/settings", {"strangers_see_ten": False})
    assert await album_ids(client, erin, alice) == []
    assert await get_json(client, alice, "/settings") == {
        "friends_see": "all",
        "strangers_see_ten": False,
    }


async def test_private_and_tag_audiences(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    await tag(client, alice, bob, "work")
    private = (await post(client, alice, audience={"kind": "private"}))["id"]
    work = (await post(client, alice, audience={"kind": "include", "tags": ["work"]}))["id"]
    no_work = (await post(client, alice, audience={"kind": "exclude", "tags": ["work"]}))["id"]
    no_carol = (await post(client, alice, audience={"kind": "exclude", "people": [carol.id]}))["id"]
    seen = {
        "Bob": {p for p in (private, work, no_work, no_carol) if await can_see(client, bob, p)},
        "Carol": {p for p in (private, work, no_work, no_carol) if await can_see(client, carol, p)},
    }
    assert seen == {"Bob": {work, no_carol}, "Carol": {no_work}}
    assert await album_ids(client, alice, alice) == [no_carol, no_work, work, private]


@pytest.mark.parametrize(
    ("friends_see", "age", "visible"),
    [
        ("all", timedelta(days=400), True),
        ("3d", timedelta(days=2, hours=23), True),
        ("3d", timedelta(days=3, minutes=1), False),
        ("6m", timedelta(days=100), True),
        ("6m", timedelta(days=200), False),
    ],
)
async def test_the_friends_see_window_with_a_moved_clock(
    client: httpx.AsyncClient,
    clock: ManualClock,
    alice: Person,
    bob: Person,
    friends_see: str,
    age: timedelta,
    visible: bool,
) -> None:
    post_id = (await post(client, alice))["id"]
    await patch(client, alice, "/settings", {"friends_see": friends_see})
    clock.advance(age)
    assert await can_see(client, bob, post_id) is visible
    assert (await timeline_ids(client, bob) == [post_id]) is visible
    assert await can_see(client, alice, post_id)  # the author always


async def test_hide_their_posts_is_for_the_timeline_only(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    await patch(client, bob, f"/people/{alice.id}", {"hide_their_posts": True})
    assert await get_json(client, bob, f"/people/{alice.id}") == {
        "hide_their_posts": True,
        "hide_my_posts": False,
    }
    assert await timeline_ids(client, bob) == []
    assert await album_ids(client, bob, alice) == [post_id]


async def test_hide_my_posts_hides_them_everywhere(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    await patch(client, alice, f"/people/{bob.id}", {"hide_my_posts": True})
    assert await timeline_ids(client, bob) == []
    assert await album_ids(client, bob, alice) == []
    assert not await can_see(client, bob, post_id)
    await patch(client, alice, f"/people/{bob.id}", {"hide_my_posts": False})
    assert await timeline_ids(client, bob) == [post_id]


async def test_acting_on_a_post_i_cannot_see_is_refused(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    post_id = (await post(client, alice, audience={"kind": "private"}))["id"]
    before = await moments_state(app)
    assert_problem(
        await comment(client, bob, post_id, "Hi"), 404, "moments.post_not_found", "post_id"
    )
    assert_problem(await like(client, bob, post_id), 404, "moments.post_not_found", "post_id")
    assert await moments_state(app) == before


async def test_liking_twice_is_refused(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    first = await like(client, bob, post_id)
    assert first.status_code == 201
    assert first.json()["liked_by_me"] is True
    before = await moments_state(app)
    assert_problem(await like(client, bob, post_id), 409, "moments.already_liked", "post_id")
    assert await moments_state(app) == before
    undone = await client.delete(f"/v1/moments/posts/{post_id}/likes", headers=bob.auth)
    assert undone.status_code == 200
    assert undone.json()["likes"] == []


async def test_deleting_comments(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    bobs = (await comment(client, bob, post_id, "Bob's")).json()["comments"][0]
    carols = (await comment(client, carol, post_id, "Carol's")).json()["comments"][1]
    assert [bobs["can_delete"], carols["can_delete"]] == [True, True]  # as their authors
    carol_view = await seen_by(client, carol, post_id)
    assert [c["can_delete"] for c in carol_view["comments"]] == [False, True]
    before = await moments_state(app)
    refused = await client.delete(
        f"/v1/moments/posts/{post_id}/comments/{bobs['id']}", headers=carol.auth
    )
    assert_problem(refused, 404, "moments.comment_not_found", "comment_id")
    assert await moments_state(app) == before
    by_poster = await client.delete(
        f"/v1/moments/posts/{post_id}/comments/{bobs['id']}", headers=alice.auth
    )
    assert by_poster.status_code == 200
    assert [c["text"] for c in by_poster.json()["comments"]] == ["Carol's"]
    by_author = await client.delete(
        f"/v1/moments/posts/{post_id}/comments/{carols['id']}", headers=carol.auth
    )
    assert by_author.json()["comments"] == []


async def test_a_deleted_account_takes_its_posts_and_status_along(
    client: httpx.AsyncClient, alice: Person, bob: Person, erin: Person
) -> None:
    post_id = (await post(client, bob))["id"]
    await client.put("/v1/moments/status", headers=bob.auth, json={"emoji": "👋"})
    await delete_account(client, bob)
    assert not await can_see(client, alice, post_id)
    assert not await can_see(client, erin, post_id)
    assert await timeline_ids(client, alice) == []
    assert await get_json(client, alice, "/statuses") == []
