"""Uploads that nothing took into use within a day are deleted with their files; one that
was sent, posted or set as a cover once is kept, however old, because its owner may use
it again and forwarded messages still show it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from plaza import demo
from plaza.kit.clock import ManualClock
from plaza.kit.db import Database
from plaza.media import jobs, service
from plaza.media.models import Upload
from tests.chat.helpers import new_client_msg_id, open_direct
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.media.helpers import files_of, served, upload_image
from tests.moments.helpers import try_post


async def send_image(
    client: httpx.AsyncClient, who: Person, chat: str, image: dict[str, Any]
) -> httpx.Response:
    body = {"client_msg_id": new_client_msg_id(), "kind": "image", "upload_id": image["id"]}
    return await client.post(f"/v1/conversations/{chat}/messages", headers=who.auth, json=body)


async def sweep(app: FastAPI) -> int:
    database: Database = app.state.database
    async with database.unit_of_work() as session:
        return await jobs.unused_uploads_job(app.state.media).sweep(session)


async def upload_ids(app: FastAPI) -> set[str]:
    database: Database = app.state.database
    async with database.sessionmaker() as session:
        return {str(i) for i in (await session.scalars(select(Upload.id))).all()}


async def test_an_upload_unused_for_a_day_is_deleted_and_a_used_one_kept(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    sent, posted, forgotten = [await upload_image(client, alice) for _ in range(3)]
    assert (await send_image(client, alice, chat, sent)).status_code == 201
    assert (await try_post(client, alice, photo_ids=[posted["id"]])).status_code == 201
    clock.advance(timedelta(hours=23))
    fresh = await upload_image(client, bob)
    assert await sweep(app) == 0

    clock.advance(timedelta(hours=1, seconds=1))
    assert await sweep(app) == 1

    assert await upload_ids(app) == {sent["id"], posted["id"], fresh["id"]}
    assert await served(client, *files_of(forgotten)) == [False, False]
    for kept in (sent, posted, fresh):
        assert await served(client, *files_of(kept)) == [True, True]
    refused = await send_image(client, alice, chat, forgotten)
    assert_problem(refused, 404, "media.not_found", "upload_id")
    assert (await send_image(client, alice, chat, sent)).status_code == 201

    clock.advance(timedelta(days=30))
    assert await sweep(app) == 1  # bob's, never used
    assert await upload_ids(app) == {sent["id"], posted["id"]}


async def test_a_refused_use_does_not_count(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock, alice: Person, bob: Person
) -> None:
    """A post refused after its photos were taken into use rolls back, the use with it."""
    picked = await upload_image(client, alice)
    audience = {"kind": "friends", "tags": ["nobody"]}
    refused = await try_post(client, alice, photo_ids=[picked["id"]], audience=audience)
    assert_problem(refused, 422, "moments.audience_invalid", "audience")
    clock.advance(timedelta(days=1, seconds=1))
    assert await sweep(app) == 1
    assert await served(client, *files_of(picked)) == [False, False]


async def test_a_round_takes_at_most_its_batch(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock, alice: Person
) -> None:
    job = jobs.unused_uploads_job(app.state.media)
    assert job.batch == jobs.UNUSED_UPLOADS_A_ROUND
    made = [await upload_image(client, alice) for _ in range(3)]
    clock.advance(timedelta(days=2))
    database: Database = app.state.database
    async with database.unit_of_work() as session:
        assert await service.drop_unused_uploads(session, app.state.media, limit=2) == 2
    assert len(await upload_ids(app)) == 1
    assert await sweep(app) == 1
    assert [await served(client, *files_of(m)) for m in made] == [[False, False]] * 3


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_demo_uses_every_upload_it_makes(app: FastAPI) -> None:
    """Otherwise the demo's pictures would vanish a day after the first start."""
    await demo.seed(
        app.state.database, app.state.media, app.state.settings, on_progress=lambda *_: None
    )
    database: Database = app.state.database
    async with database.sessionmaker() as session:
        uploads = (await session.scalars(select(Upload))).all()
    assert uploads
    assert [u.name for u in uploads if u.used_at is None] == []
