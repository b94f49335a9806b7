"""Posting: photos, place, link, audience, idempotency, timeline, albums, deleting, and
every bad input refused with its code and nothing changed."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.moments.helpers import (
    album_ids,
    get_json,
    moments_state,
    photo,
    post,
    tag,
    timeline_ids,
    try_post,
    upload,
)


async def test_post_with_photos_place_and_link(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    photos = [await photo(client, alice) for _ in range(2)]
    body = await post(
        client,
        alice,
        text="  Lunch by the lake  ",
        photo_ids=photos,
        location={"name": "West Lake", "latitude": 30.25, "longitude": 120.15},
        link={"url": "/official/articles/123", "title": "Lake guide"},
    )
    assert body["text"] == "Lunch by the lake"
    assert [p["upload_id"] for p in body["photos"]] == photos
    assert all(p["url"].endswith(".webp") and p["thumbnail_url"] for p in body["photos"])
    assert body["photos"][0]["width"] == 40
    assert body["location"] == {"name": "West Lake", "latitude": 30.25, "longitude": 120.15}
    assert body["link"] == {
        "url": "/official/articles/123",
        "title": "Lake guide",
        "cover_url": None,
    }
    assert body["audience"] == {"kind": "friends", "tags": [], "people": []}
    assert body["author"]["id"] == alice.id
    assert body["can_delete"] is True
    assert body["likes"] == []
    assert body["comments"] == []
    assert body["liked_by_me"] is False

    seen_by_bob = await get_json(client, bob, f"/posts/{body['id']}")
    assert seen_by_bob["audience"] is None
    assert seen_by_bob["can_delete"] is False
    assert seen_by_bob["photos"] == body["photos"]


async def test_same_client_id_returns_the_first_post(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    first = await post(client, alice, client_id="retry-1", text="Once")
    before = await moments_state(app)
    again = await post(client, alice, client_id="retry-1", text="Once")
    assert again == first
    assert await moments_state(app) == before
    assert await timeline_ids(client, bob) == [first["id"]]


async def test_timeline_is_newest_first_and_pages(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    ids = [
        (await post(client, person, text=f"{i}"))["id"] for i, person in enumerate([alice, bob] * 3)
    ]
    assert await timeline_ids(client, alice) == ids[::-1]
    first = await get_json(client, alice, "/timeline?limit=4")
    second = await get_json(client, alice, f"/timeline?limit=4&cursor={first['next_cursor']}")
    assert [p["id"] for p in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


async def test_a_first_timeline_opened_on_several_screens_at_once_answers_each(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    """Bob's first look at the timeline clears his badge and so makes his settings row;
    looks at the same moment must not collide on it."""
    shared = await post(client, alice)
    seen = await asyncio.gather(*(timeline_ids(client, bob) for _ in range(6)))
    assert seen == [[shared["id"]]] * 6


async def test_albums(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    mine = await post(client, alice, audience={"kind": "private"})
    shared = await post(client, alice)
    assert await album_ids(client, alice, alice) == [shared["id"], mine["id"]]
    assert await album_ids(client, bob, alice) == [shared["id"]]


async def test_delete_post(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    body = await post(client, alice)
    assert (await client.post(f"/v1/moments/posts/{body['id']}/likes", headers=bob.auth)).is_success
    refused = await client.delete(f"/v1/moments/posts/{body['id']}", headers=bob.auth)
    assert_problem(refused, 404, "moments.post_not_found", "post_id")
    deleted = await client.delete(f"/v1/moments/posts/{body['id']}", headers=alice.auth)
    assert deleted.status_code == 204
    assert await timeline_ids(client, bob) == []
    gone = await client.get(f"/v1/moments/posts/{body['id']}", headers=alice.auth)
    assert_problem(gone, 404, "moments.post_not_found", "post_id")


async def test_include_and_exclude_resolve_tags_at_post_time(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    await tag(client, alice, bob, "family")
    family = await post(client, alice, audience={"kind": "include", "tags": ["family"]})
    not_family = await post(client, alice, audience={"kind": "exclude", "tags": ["family"]})
    only_carol = await post(client, alice, audience={"kind": "include", "people": [carol.id]})
    assert family["audience"] == {"kind": "include", "tags": ["family"], "people": []}
    assert await timeline_ids(client, bob) == [family["id"]]
    assert await timeline_ids(client, carol) == [only_carol["id"], not_family["id"]]
    await tag(client, alice, carol, "family")  # later tags do not change old posts
    assert await album_ids(client, carol, alice) == [only_carol["id"], not_family["id"]]


BAD_POSTS = [
    ({"text": "", "photo_ids": []}, "moments.post_empty", "text"),
    ({"text": "   "}, "moments.post_empty", "text"),
    ({"link": {"url": "http://plain.example", "title": "x"}}, "moments.link_invalid", "link.url"),
    ({"link": {"url": "javascript:alert(1)", "title": "x"}}, "moments.link_invalid", "link.url"),
    ({"link": {"url": "//evil.example", "title": "x"}}, "moments.link_invalid", "link.url"),
    (
        {"link": {"url": "https://a.example", "title": "x", "cover_url": "data:image/png,x"}},
        "moments.link_invalid",
        "link.cover_url",
    ),
    ({"audience": {"kind": "include"}}, "moments.audience_invalid", "audience"),
    (
        {"audience": {"kind": "include", "tags": ["nope"]}},
        "moments.audience_invalid",
        "audience.tags",
    ),
    ({"audience": {"kind": "friends", "tags": ["x"]}}, "moments.audience_invalid", "audience"),
    ({"text": "x" * 2001}, "request.invalid", "text"),
    ({"client_id": ""}, "request.invalid", "client_id"),
]


@pytest.mark.parametrize(("fields", "code", "field"), BAD_POSTS)
async def test_bad_posts_change_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    fields: dict[str, object],
    code: str,
    field: str,
) -> None:
    before = await moments_state(app)
    assert_problem(await try_post(client, alice, **fields), 422, code, field)
    assert await moments_state(app) == before


async def test_a_tenth_photo_is_refused(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    photos = [await photo(client, alice) for _ in range(10)]
    before = await moments_state(app)
    response = await try_post(client, alice, photo_ids=photos)
    assert_problem(response, 422, "moments.too_many_photos", "photo_ids")
    assert await moments_state(app) == before
    assert len((await post(client, alice, photo_ids=photos[:9]))["photos"]) == 9


async def test_photos_must_be_my_image_uploads(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    file_upload = await upload(client, alice, "file", b"%PDF-1.4 not an image")
    bobs = await photo(client, bob)
    before = await moments_state(app)
    for photo_ids in ([file_upload], [bobs], ["999999999"]):
        response = await try_post(client, alice, photo_ids=photo_ids)
        assert_problem(response, 422, "moments.photo_invalid", "photo_ids")
    assert await moments_state(app) == before


async def test_audience_naming_a_stranger_is_refused(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    stranger = await create_person(app, "Stranger")
    before = await moments_state(app)
    for kind in ("include", "exclude"):
        audience = {"kind": kind, "people": [bob.id, stranger.id]}
        response = await try_post(client, alice, audience=audience)
        assert_problem(response, 422, "moments.audience_invalid", "audience.people")
    assert await moments_state(app) == before
