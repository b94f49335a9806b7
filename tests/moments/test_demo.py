"""The demo shows Moments off: friends' posts with photos, likes, a comment and a reply."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from plaza import demo
from plaza.identity import service as identity
from tests.conftest import bearer


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_demo_moments(app: FastAPI, client: httpx.AsyncClient) -> None:
    settings = app.state.settings
    await demo.seed(app.state.database, app.state.media, settings, on_progress=lambda *_: None)
    async with app.state.database.unit_of_work() as session:
        alice = await identity.get_account_by_plaza_id_or_none(session, "alice_chen")
        assert alice is not None
        _, token = await identity.open_device_session(session, alice, "Test device")
    response = await client.get("/v1/moments/timeline", headers=bearer(token))
    posts = response.json()["items"]
    assert len(posts) == 4
    assert sum(len(post["photos"]) for post in posts) == 6
    hike = next(post for post in posts if post["author"]["plaza_id"] == "li_lei")
    assert hike["liked_by_me"] is True
    assert len(hike["likes"]) == 2
    assert [c["reply_to"] is not None for c in hike["comments"]] == [False, True]
    statuses = (await client.get("/v1/moments/statuses", headers=bearer(token))).json()
    assert [status["emoji"] for status in statuses] == ["🧗"]
