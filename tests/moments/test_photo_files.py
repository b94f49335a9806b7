"""A post's or a status's photos are files of its own: deleting the post, or replacing or
clearing the status, deletes them from media storage, and never the upload they were
copied from, which its owner may have used elsewhere too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, update

from plaza.kit.clock import ManualClock
from plaza.kit.db import Database
from plaza.moments import jobs
from plaza.moments.models import Post, Status
from tests.conftest import Person
from tests.media.helpers import files_of, served, upload_image
from tests.moments.helpers import get_json, post


async def delete_post(client: httpx.AsyncClient, who: Person, post_id: str) -> None:
    response = await client.delete(f"/v1/moments/posts/{post_id}", headers=who.auth)
    assert response.status_code == 204, response.text


async def set_status(client: httpx.AsyncClient, who: Person, **body: Any) -> dict[str, Any]:
    response = await client.put("/v1/moments/status", headers=who.auth, json=body)
    assert response.status_code == 200, response.text
    status: dict[str, Any] = response.json()
    return status


async def test_deleting_a_post_deletes_its_photos_but_not_the_uploads(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    first, second = await upload_image(client, alice), await upload_image(client, alice)
    posted = await post(client, alice, photo_ids=[first["id"], second["id"]])
    again = await post(client, alice, photo_ids=[first["id"]])
    photos = [url for photo in posted["photos"] for url in files_of(photo)]
    uploads = [first["url"], first["thumbnail_url"], second["url"], second["thumbnail_url"]]
    assert not set(photos) & set(uploads)
    assert await served(client, *photos, *uploads) == [True] * 8
    assert (await get_json(client, bob, f"/posts/{posted['id']}"))["photos"] == posted["photos"]

    await delete_post(client, alice, posted["id"])

    assert await served(client, *photos) == [False] * 4
    assert await served(client, *uploads) == [True] * 4
    assert await served(client, *files_of(again["photos"][0])) == [True, True]
    reused = await post(client, alice, photo_ids=[first["id"]])
    assert await served(client, *files_of(reused["photos"][0])) == [True, True]


async def test_a_refused_delete_leaves_the_photos(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    posted = await post(client, alice, photo_ids=[(await upload_image(client, alice))["id"]])
    refused = await client.delete(f"/v1/moments/posts/{posted['id']}", headers=bob.auth)
    assert refused.status_code == 404
    assert await served(client, *files_of(posted["photos"][0])) == [True, True]


async def test_a_post_from_before_copies_leaves_its_uploads_files(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    """Posts made before posts kept copies point at their uploads' own files."""
    uploaded = await upload_image(client, alice)
    posted = await post(client, alice, photo_ids=[uploaded["id"]])
    upload_key = uploaded["url"].removeprefix("/media/")
    thumbnail_key = uploaded["thumbnail_url"].removeprefix("/media/")
    old_photo = posted["photos"][0] | {"key": upload_key, "thumbnail_key": thumbnail_key}
    database: Database = app.state.database
    async with database.unit_of_work() as session:
        await session.execute(
            update(Post).where(Post.id == int(posted["id"])).values(photos=[old_photo])
        )
    assert (await get_json(client, alice, f"/posts/{posted['id']}"))["photos"][0]["url"] == (
        uploaded["url"]
    )

    await delete_post(client, alice, posted["id"])

    assert await served(client, uploaded["url"], uploaded["thumbnail_url"]) == [True, True]


async def test_a_replaced_or_cleared_status_deletes_its_photo(
    client: httpx.AsyncClient, alice: Person
) -> None:
    beach, home = await upload_image(client, alice), await upload_image(client, alice)
    first = await set_status(client, alice, text="At the beach", photo_id=beach["id"])
    kept = await set_status(client, alice, text="Still here", photo_id=beach["id"])
    assert kept["photo"] == first["photo"]
    assert await served(client, *files_of(first["photo"])) == [True, True]

    moved = await set_status(client, alice, text="Home", photo_id=home["id"])
    assert await served(client, *files_of(first["photo"])) == [False, False]
    assert await served(client, *files_of(moved["photo"])) == [True, True]

    no_photo = await set_status(client, alice, text="Reading")
    assert no_photo["photo"] is None
    assert await served(client, *files_of(moved["photo"])) == [False, False]

    last = await set_status(client, alice, emoji="☕", photo_id=home["id"])
    cleared = await client.delete("/v1/moments/status", headers=alice.auth)
    assert cleared.status_code == 204
    assert await served(client, *files_of(last["photo"])) == [False, False]
    assert (
        await served(
            client, beach["url"], beach["thumbnail_url"], home["url"], home["thumbnail_url"]
        )
        == [True] * 4
    )


async def sweep_lapsed_statuses(app: FastAPI) -> int:
    database: Database = app.state.database
    job = jobs.lapsed_statuses_job(app.state.media)
    async with database.unit_of_work() as session:
        return await job.sweep(session)


async def test_lapsed_statuses_are_swept_away_with_their_photos(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock, alice: Person, bob: Person
) -> None:
    lapsing = await set_status(
        client, alice, text="At the beach", photo_id=(await upload_image(client, alice))["id"]
    )
    clock.advance(timedelta(hours=12))
    lasting = await set_status(
        client, bob, text="Working", photo_id=(await upload_image(client, bob))["id"]
    )
    assert await sweep_lapsed_statuses(app) == 0
    clock.advance(timedelta(hours=12))

    assert await sweep_lapsed_statuses(app) == 1
    assert await served(client, *files_of(lapsing["photo"])) == [False, False]
    assert await served(client, *files_of(lasting["photo"])) == [True, True]
    assert await get_json(client, bob, "/statuses") == [lasting]
    database: Database = app.state.database
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Status)) == 1
    assert await sweep_lapsed_statuses(app) == 0

    again = await set_status(client, alice, emoji="🌙")
    assert again["photo"] is None
    assert await get_json(client, alice, f"/accounts/{alice.id}/status") == again


async def test_deleting_an_account_deletes_its_posts_status_and_photos(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    hers = await post(client, alice, photo_ids=[(await upload_image(client, alice))["id"]])
    status = await set_status(
        client, alice, text="Away", photo_id=(await upload_image(client, alice))["id"]
    )
    his = await post(client, bob, photo_ids=[(await upload_image(client, bob))["id"]])
    liked = await client.post(f"/v1/moments/posts/{his['id']}/likes", headers=alice.auth)
    assert liked.status_code == 201
    commented = await client.post(
        f"/v1/moments/posts/{hers['id']}/comments",
        headers=bob.auth,
        json={"client_id": "c1", "text": "Nice"},
    )
    assert commented.status_code == 201

    wrong = await client.post("/v1/me/deletion", headers=alice.auth, json={"phone": bob.phone})
    assert wrong.status_code == 422
    assert await served(client, *files_of(hers["photos"][0])) == [True, True]

    deleted = await client.post("/v1/me/deletion", headers=alice.auth, json={"phone": alice.phone})
    assert deleted.status_code == 204
    assert await served(client, *files_of(hers["photos"][0])) == [False, False]
    assert await served(client, *files_of(status["photo"])) == [False, False]
    assert await served(client, *files_of(his["photos"][0])) == [True, True]
    database: Database = app.state.database
    async with database.sessionmaker() as session:
        authors = (await session.scalars(select(Post.author_id))).all()
        statuses = await session.scalar(select(func.count()).select_from(Status))
    assert authors == [bob.account_id]
    assert statuses == 0
    assert [p["id"] for p in (await get_json(client, bob, "/timeline"))["items"]] == [his["id"]]
