"""What reaches outside a follower's own chat: the account's signed webhook (against a real
HTTP receiver) and service broadcasts posted into every follower's chat, while
subscription accounts' chats stay out of the chat list."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.kit.clock import ManualClock
from plaza.kit.db import Database
from plaza.official.messaging import service as messaging
from plaza.official.messaging.models import Delivery
from plaza.webhooks import delivery
from plaza.webhooks.endpoints import KEY_PATH
from plaza.webhooks.models import Webhook
from plaza_sdk.webhooks import WebhookVerifier
from tests.conftest import Person, create_person
from tests.official.helpers import (
    assert_problem,
    follow,
    get_json,
    publish,
    verified_account,
)
from tests.official.test_messaging import chat_of, put, write
from tests.webhooks.conftest import Receiver, http, receiver  # noqa: F401 (fixtures)


async def account_of(
    client: httpx.AsyncClient, operator: Person, admin: Person, kind: str, name: str
) -> str:
    account = await verified_account(client, operator, admin, name=name, type=kind)
    return str(account["id"])


async def chat_list(client: httpx.AsyncClient, who: Person) -> list[dict[str, Any]]:
    response = await client.get("/v1/conversations", headers=who.auth)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_webhook_urls_must_be_https(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await account_of(client, olivia, root, "service", "City")
    path = f"/accounts/{account_id}/webhook"
    for bad in ("http://hooks.example/in", "ftp://hooks.example/", "https://u:p@hooks.example/"):
        refused = await put(client, olivia, account_id, "webhook", {"url": bad})
        assert assert_problem(refused, 422, "official.webhook_url_invalid")["field"] == "url"
    assert await get_json(client, olivia, path) == {"url": None}
    good = {"url": "https://hooks.example/in"}
    assert (await put(client, olivia, account_id, "webhook", good)).json() == good
    not_mine = await put(client, fred, account_id, "webhook", {"url": "https://evil.example/"})
    assert_problem(not_mine, 403, "official.not_operator")
    assert await get_json(client, olivia, path) == good
    assert (await put(client, olivia, account_id, "webhook", {"url": None})).json() == {"url": None}


async def test_the_webhook_receives_signed_follow_message_and_unfollow_events(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,  # noqa: F811
    receiver: Receiver,  # noqa: F811
    clock: ManualClock,
    olivia: Person,
    root: Person,
    fred: Person,
) -> None:
    database: Database = app.state.database
    account_id = await account_of(client, olivia, root, "service", "City")
    assert (
        await put(client, olivia, account_id, "webhook", {"url": receiver.url})
    ).status_code == 200
    await follow(client, fred, account_id)
    sent = await write(client, fred, account_id, "Is the pool open?")
    left = await client.delete(f"/v1/official/accounts/{account_id}/follow", headers=fred.auth)
    assert left.status_code == 200, left.text

    assert await delivery.deliver_due(database, http) == 3

    key = await client.get(KEY_PATH)
    verifier = WebhookVerifier.from_key_document(key.json(), clock=lambda: clock.now().timestamp())
    events = [verifier.verify(r.headers, r.body) for r in receiver.received]
    by_type = {event["type"]: event["data"] for event in events}
    follower = {"id": fred.id, "display_name": "Fred"}
    assert by_type == {
        "official.follow": {"account_id": account_id, "follower": follower},
        "official.message": {
            "account_id": account_id,
            "follower": follower,
            "message": {
                "id": sent.json()["id"],
                "text": "Is the pool open?",
                "created_at": "2026-11-29T12:00:00+00:00",
            },
        },
        "official.unfollow": {"account_id": account_id, "follower": follower},
    }
    assert all(fred.phone not in r.body.decode() for r in receiver.received)
    async with database.unit_of_work() as session:
        owners = set((await session.execute(select(Webhook.owner_type, Webhook.owner_id))).all())
    assert owners == {("official", int(account_id))}


async def test_the_operator_sees_each_delivery_and_its_attempts(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,  # noqa: F811
    receiver: Receiver,  # noqa: F811
    clock: ManualClock,
    olivia: Person,
    root: Person,
    fred: Person,
) -> None:
    """The console lists the account's webhooks newest first with their latest answer, a
    page at a time, and opens one with its body and every attempt; nobody else sees them."""
    database: Database = app.state.database
    city = await account_of(client, olivia, root, "service", "City")
    other = await account_of(client, olivia, root, "service", "Harbour")
    for account_id in (city, other):
        webhook = await put(client, olivia, account_id, "webhook", {"url": receiver.url})
        assert webhook.status_code == 200, webhook.text
    await follow(client, fred, city)
    await write(client, fred, city, "Is the pool open?")
    await follow(client, fred, other)
    receiver.status = 503
    assert await delivery.deliver_due(database, http) == 3

    base = f"/accounts/{city}/webhook/deliveries"
    page = await get_json(client, olivia, base)
    assert [(d["event_type"], d["status"], d["attempts"]) for d in page["items"]] == [
        ("official.message", "pending", 1),
        ("official.follow", "pending", 1),
    ]
    assert all(d["last_status_code"] == 503 and d["next_attempt_at"] for d in page["items"])
    assert page["next_cursor"] is None

    receiver.status = 200
    clock.advance(timedelta(seconds=15))
    assert await delivery.deliver_due(database, http) == 3
    first = await get_json(client, olivia, f"{base}?limit=1")
    [message] = first["items"]
    assert (message["event_type"], message["status"], message["attempts"]) == (
        "official.message",
        "delivered",
        2,
    )
    rest = await get_json(client, olivia, f"{base}?limit=1&cursor={first['next_cursor']}")
    assert [d["event_type"] for d in rest["items"]] == ["official.follow"]

    detail = await get_json(client, olivia, f"{base}/{message['id']}")
    assert [(a["number"], a["status_code"]) for a in detail["attempt_log"]] == [(1, 503), (2, 200)]
    assert detail["finished_at"] is not None
    assert json.loads(detail["body"])["data"]["message"]["text"] == "Is the pool open?"

    harbour = await get_json(client, olivia, f"/accounts/{other}/webhook/deliveries")
    [followed] = harbour["items"]
    url = f"/v1/official{base}"
    crossed = await client.get(f"{url}/{followed['id']}", headers=olivia.auth)
    assert_problem(crossed, 404, "webhooks.not_found")
    for path in (url, f"{url}/{message['id']}"):
        assert_problem(await client.get(path, headers=fred.auth), 403, "official.not_operator")


async def test_a_service_broadcast_lands_unread_in_each_followers_chat_list(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person, gina: Person
) -> None:
    account_id = await account_of(client, olivia, root, "service", "Plaza City Services")
    await follow(client, fred, account_id)
    await follow(client, gina, account_id)
    await write(client, fred, account_id, "Hello")  # Fred's chat exists already, Gina's not
    sent = await publish(client, olivia, account_id, "Road works", "Pool hours")
    for person in (fred, gina):
        [chat] = await chat_list(client, person)
        assert chat["kind"] == "official"
        assert chat["name"] == "Plaza City Services"
        assert chat["unread"] == 1
        last = chat["last_message"]
        assert last["kind"] == "official"
        assert last["sender_id"] is None
        assert last["content"]["account_id"] == account_id
        assert last["content"]["account_name"] == "Plaza City Services"
        assert [a["title"] for a in last["content"]["articles"]] == ["Road works", "Pool hours"]
        assert last["content"]["articles"] == sent["articles"]
        assert chat["id"] == await chat_of(client, person, account_id)


async def test_subscription_accounts_chats_stay_out_of_the_chat_list(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    daily = await account_of(client, olivia, root, "subscription", "Plaza Daily")
    await follow(client, fred, daily)
    await put(
        client,
        olivia,
        daily,
        "auto-replies",
        {"on_follow": "", "default": "Thanks for writing!", "keywords": []},
    )
    await publish(client, olivia, daily, "Morning news")
    await write(client, fred, daily, "Great paper")
    chat = await chat_of(client, fred, daily)
    opened = await client.get(f"/v1/conversations/{chat}", headers=fred.auth)
    assert opened.json()["kind"] == "subscribed"
    assert opened.json()["unread"] == 1
    assert await chat_list(client, fred) == []  # nor did the broadcast post a message
    assert opened.json()["last_message"]["content"]["text"] == "Thanks for writing!"


async def broadcast_to_new_followers(
    app: FastAPI,
    client: httpx.AsyncClient,
    operator: Person,
    admin: Person,
    kind: str,
    count: int,
    title: str,
) -> tuple[str, list[Person]]:
    """A new account of ``kind`` with ``count`` new followers broadcasts ``title``."""
    account_id = await account_of(client, operator, admin, kind, f"Broadcaster of {title}")
    followers = [await create_person(app, f"Reader {n}") for n in range(count)]
    for person in followers:
        await follow(client, person, account_id)
    await publish(client, operator, account_id, title)
    return account_id, followers


async def test_a_large_following_gets_the_broadcast_in_batches_from_the_sweep(
    app: FastAPI,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    olivia: Person,
    root: Person,
) -> None:
    monkeypatch.setattr(messaging, "DELIVERY_BATCH", 2)
    _, followers = await broadcast_to_new_followers(
        app, client, olivia, root, "service", 5, "Road works"
    )
    reached = [p for p in followers if await chat_list(client, p)]
    assert len(reached) == 2  # the first batch, in the broadcasting request
    database: Database = app.state.database
    rounds = []
    while True:
        async with database.unit_of_work() as session:
            rounds.append(await messaging.deliver_pending(session, app.state.broker))
        if rounds[-1] == 0:
            break
    assert rounds == [2, 1, 0]
    for person in followers:
        [chat] = await chat_list(client, person)
        assert chat["unread"] == 1
        assert chat["last_message"]["content"]["articles"][0]["title"] == "Road works"
    async with database.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 0


async def folder_events(client: httpx.AsyncClient, who: Person) -> list[dict[str, Any]]:
    synced = await client.get("/v1/sync?cursor=0&limit=500", headers=who.auth)
    assert synced.status_code == 200, synced.text
    events: list[dict[str, Any]] = synced.json()["events"]
    return [event for event in events if event["type"] == "subscriptions.updated"]


async def test_a_subscription_broadcast_tells_every_follower_for_the_folder_row(
    app: FastAPI,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    olivia: Person,
    root: Person,
    fred: Person,
) -> None:
    monkeypatch.setattr(messaging, "DELIVERY_BATCH", 2)
    daily, followers = await broadcast_to_new_followers(
        app, client, olivia, root, "subscription", 3, "Morning news"
    )
    told = [p for p in followers if await folder_events(client, p)]
    assert len(told) == 2  # the first batch, in the broadcasting request
    database: Database = app.state.database
    async with database.unit_of_work() as session:
        assert await messaging.deliver_pending(session, app.state.broker) == 1
    for person in followers:
        [event] = await folder_events(client, person)
        assert event["data"] == {"account_id": daily}
        assert await chat_list(client, person) == []  # still nothing posted in a chat
    assert await folder_events(client, fred) == []  # he does not follow it
