"""Statuses: 24 hours of text, emoji or photo, shown to the person and their friends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.moments.helpers import block, get_json, moments_state, patch, photo, upload


async def set_status(client: httpx.AsyncClient, who: Person, **body: Any) -> httpx.Response:
    return await client.put("/v1/moments/status", headers=who.auth, json=body)


async def test_a_status_lasts_a_day(
    client: httpx.AsyncClient, clock: ManualClock, alice: Person, bob: Person
) -> None:
    image = await photo(client, alice)
    response = await set_status(client, alice, text="At the beach", emoji="🏖️", photo_id=image)
    assert response.status_code == 200, response.text
    status = response.json()
    assert status["text"] == "At the beach"
    assert status["emoji"] == "🏖️"
    assert status["photo"]["url"].endswith(".webp")
    assert status["photo"]["thumbnail_url"]
    assert status["photo"]["upload_id"] == image
    assert status["expires_at"] == "2026-11-30T12:00:00Z"
    assert await get_json(client, bob, f"/accounts/{alice.id}/status") == status
    assert await get_json(client, bob, "/statuses") == [status]
    clock.advance(timedelta(hours=24))
    assert await get_json(client, bob, f"/accounts/{alice.id}/status") is None
    assert await get_json(client, alice, "/statuses") == []


async def test_changing_the_words_keeps_the_photo_sent_back(
    client: httpx.AsyncClient, alice: Person
) -> None:
    image = await photo(client, alice)
    first = (await set_status(client, alice, text="At the beach", photo_id=image)).json()
    changed = await set_status(
        client, alice, text="Back home", photo_id=first["photo"]["upload_id"]
    )
    assert changed.json()["text"] == "Back home"
    assert changed.json()["photo"] == first["photo"]


async def test_who_sees_a_status(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    stranger = await create_person(app, "Stranger")
    mine = (await set_status(client, alice, emoji="☕")).json()
    assert await get_json(client, alice, "/statuses") == [mine]
    assert await get_json(client, stranger, f"/accounts/{alice.id}/status") is None
    await patch(client, alice, f"/people/{bob.id}", {"hide_my_posts": True})
    assert await get_json(client, bob, "/statuses") == []
    await block(client, carol, alice)
    assert await get_json(client, carol, f"/accounts/{alice.id}/status") is None
    cleared = await client.delete("/v1/moments/status", headers=alice.auth)
    assert cleared.status_code == 204
    assert await get_json(client, alice, "/statuses") == []


async def test_bad_statuses_change_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    file_upload = await upload(client, alice, "file", b"plain text")
    before = await moments_state(app)
    assert_problem(await set_status(client, alice, text=" "), 422, "moments.status_empty", "text")
    refused = await set_status(client, alice, photo_id=file_upload)
    assert_problem(refused, 422, "moments.photo_invalid", "photo_id")
    assert_problem(await set_status(client, alice, text="x" * 61), 422, "request.invalid", "text")
    assert await moments_state(app) == before
