"""Notifications of likes, comments and replies, the Moments badge, and their realtime hints."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, befriend, create_person
from tests.moments.helpers import comment, get_json, like, photo, post, timeline_ids
from tests.realtime.conftest import next_frame, open_socket


async def test_likes_comments_and_replies_notify(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    body = await post(
        client,
        alice,
        text="A long day at the lake with friends and family",
        photo_ids=[await photo(client, alice)],
    )
    post_id = body["id"]
    await like(client, bob, post_id)
    bobs = (await comment(client, bob, post_id, "Looks great")).json()["comments"][0]["id"]
    await comment(client, carol, post_id, "Agreed", reply_to=bobs)
    await like(client, alice, post_id)  # one's own like notifies nobody

    page = await get_json(client, alice, "/notifications")
    kinds = [(n["kind"], n["actor"]["id"], n["comment_text"]) for n in page["items"]]
    assert kinds == [
        ("comment", carol.id, "Agreed"),
        ("comment", bob.id, "Looks great"),
        ("like", bob.id, None),
    ]
    first = page["items"][0]
    assert first["post_id"] == post_id
    assert first["read"] is False
    assert first["post_thumbnail_url"] == body["photos"][0]["thumbnail_url"]
    assert first["post_excerpt"] == body["text"][:40]
    bob_page = await get_json(client, bob, "/notifications")
    assert [(n["kind"], n["actor"]["id"]) for n in bob_page["items"]] == [("reply", carol.id)]

    badge = await get_json(client, alice, "/badge")
    assert badge["unread_notifications"] == 3
    assert badge["latest_actor"]["id"] == carol.id
    read = await client.post("/v1/moments/notifications/read", headers=alice.auth)
    assert read.status_code == 204
    badge = await get_json(client, alice, "/badge")
    assert badge["unread_notifications"] == 0
    assert badge["latest_actor"] is None
    assert all(n["read"] for n in (await get_json(client, alice, "/notifications"))["items"])


async def test_an_undone_like_takes_its_notification_along(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    post_id = (await post(client, alice))["id"]
    await like(client, bob, post_id)
    await client.delete(f"/v1/moments/posts/{post_id}/likes", headers=bob.auth)
    assert (await get_json(client, alice, "/notifications"))["items"] == []


async def test_the_badge_names_who_posted_since_my_last_look(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    assert (await get_json(client, alice, "/badge"))["new_posts_from"] is None
    await post(client, bob)
    assert (await get_json(client, alice, "/badge"))["new_posts_from"]["id"] == bob.id
    await timeline_ids(client, alice)
    assert (await get_json(client, alice, "/badge"))["new_posts_from"] is None
    await post(client, alice)  # one's own posts are not news
    assert (await get_json(client, alice, "/badge"))["new_posts_from"] is None


async def test_a_remark_names_people_everywhere(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await client.patch(f"/v1/contacts/{bob.id}", headers=alice.auth, json={"remark": "Bobby"})
    post_id = (await post(client, bob))["id"]
    await like(client, bob, post_id)
    shown = await get_json(client, alice, f"/posts/{post_id}")
    assert shown["author"]["display_name"] == "Bobby"
    assert shown["likes"][0] == {
        "id": bob.id,
        "display_name": "Bobby",
        "avatar_url": None,
        "plaza_id": bob.plaza_id,
    }
    assert (await get_json(client, bob, f"/posts/{post_id}"))["author"]["display_name"] == "Bob"


async def test_realtime_hints(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, carol: Person
) -> None:
    alice_ws, bob_ws, carol_ws = [
        await open_socket(live_url, person.token) for person in (alice, bob, carol)
    ]
    body = await post(client, alice, audience={"kind": "exclude", "people": [carol.id]})
    frame = await next_frame(bob_ws)
    assert frame == {
        "type": "moments.post",
        "seq": None,
        "data": {"author_id": alice.id, "post_id": body["id"]},
    }
    with pytest.raises(TimeoutError):
        await next_frame(carol_ws, timeout=0.3)
    await like(client, bob, body["id"])
    frame = await next_frame(alice_ws)
    assert frame["type"] == "moments.notification"
    assert frame["data"] == {"unread": 1}
    for ws in (alice_ws, bob_ws, carol_ws):
        await ws.close()


async def test_earlier_commenters_hear_of_comments_they_may_see(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    dave = await create_person(app, "Dave")
    await befriend(client, alice, dave)
    post_id = (await post(client, alice))["id"]
    await comment(client, bob, post_id, "First")
    await comment(client, carol, post_id, "Second")  # Bob and Carol are friends
    await comment(client, dave, post_id, "Third")  # Dave is a friend of Alice only
    bob_page = await get_json(client, bob, "/notifications")
    assert [(n["kind"], n["actor"]["id"]) for n in bob_page["items"]] == [("comment", carol.id)]
    retried = await client.post(
        f"/v1/moments/posts/{post_id}/comments",
        headers=dave.auth,
        json={"client_id": "same", "text": "Again"},
    )
    again = await client.post(
        f"/v1/moments/posts/{post_id}/comments",
        headers=dave.auth,
        json={"client_id": "same", "text": "Again"},
    )
    assert again.json() == retried.json()
    assert [c["text"] for c in again.json()["comments"]] == ["Third", "Again"]
