"""The demo shows official accounts off: a service and a subscription account, verified,
with published articles with covers, followed by the demo people."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from plaza import demo
from plaza.identity import service as identity
from tests.conftest import bearer


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_demo_official_accounts(app: FastAPI, client: httpx.AsyncClient) -> None:
    settings = app.state.settings
    await demo.seed(app.state.database, app.state.media, settings, on_progress=lambda *_: None)
    async with app.state.database.unit_of_work() as session:
        bob = await identity.get_account_by_plaza_id_or_none(session, "bob_okafor")
        assert bob is not None
        _, token = await identity.open_device_session(session, bob, "Test device")
    following = (await client.get("/v1/official/following", headers=bearer(token))).json()
    assert sorted((a["name"], a["type"], a["status"]) for a in following) == [
        ("Plaza City Services", "service", "verified"),
        ("Plaza Daily", "subscription", "verified"),
    ]
    for account in following:
        assert account["follower_count"] == len(demo.DEMO_PEOPLE)
        articles = await client.get(
            f"/v1/official/accounts/{account['id']}/articles", headers=bearer(token)
        )
        cards = articles.json()["items"]
        assert 2 <= len(cards) <= 3
        assert all(card["cover_url"] for card in cards)
    folder = (await client.get("/v1/official/subscriptions", headers=bearer(token))).json()
    assert [entry["account"]["name"] for entry in folder["items"]] == ["Plaza Daily"]
    summary = await client.get("/v1/official/subscriptions/summary", headers=bearer(token))
    assert summary.json()["unread"] == 1
    chats = (await client.get("/v1/conversations", headers=bearer(token))).json()["items"]
    service_chat = next(c for c in chats if c["name"] == "Plaza City Services")
    assert service_chat["unread"] == 2  # the greeting on following, then the broadcast
    assert service_chat["last_message"]["kind"] == "official"
    assert "articles" in service_chat["last_message"]["content"]
