"""Service Notifications: one read-only conversation per person, made on first use, whose
notices are numbered, counted unread and synced like any message."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.chat import messages, service_notices
from plaza.chat.errors import ReadOnly
from tests.chat.helpers import conversation, history, new_client_msg_id, open_direct, send, sync
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem


def notice(title: str) -> dict[str, Any]:
    return {
        "app_id": "px0123456789abcdef",
        "app_name": "Coffee",
        "icon_url": None,
        "title": title,
        "fields": [{"name": "Order", "value": "Flat white"}],
        "page": "/",
    }


async def post(app: FastAPI, person: Person, title: str) -> int:
    async with app.state.database.unit_of_work() as session:
        message = await service_notices.post_notice(
            session, app.state.broker, person.account_id, notice(title)
        )
        return message.conversation_id


async def test_notices_arrive_in_one_conversation_counted_unread(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    cursor = (await sync(client, alice))["cursor"]
    first = await post(app, alice, "Order ready")
    assert await post(app, alice, "Order collected") == first
    chat = str(first)
    seen = await conversation(client, alice, chat)
    assert (seen["kind"], seen["member_count"], seen["unread"], seen["last_seq"]) == (
        "service",
        1,
        2,
        2,
    )
    items = await history(client, alice, chat)
    assert [(m["seq"], m["kind"], m["sender_id"]) for m in items] == [
        (1, "service_notice", None),
        (2, "service_notice", None),
    ]
    assert [m["content"]["title"] for m in items] == ["Order ready", "Order collected"]
    events = (await sync(client, alice, cursor))["events"]
    assert [(e["type"], e["data"]["conversation_id"]) for e in events] == [
        ("message.new", chat),
        ("message.new", chat),
    ]
    # Bob has none, and cannot see Alice's.
    listed = (await client.get("/v1/conversations", headers=bob.auth)).json()["items"]
    assert [c for c in listed if c["kind"] == "service"] == []
    response = await client.get(f"/v1/conversations/{chat}/messages", headers=bob.auth)
    assert_problem(response, 403, "chat.not_member", None)

    read = await client.post(f"/v1/conversations/{chat}/read", headers=alice.auth, json={"seq": 2})
    assert read.json()["unread"] == 0
    muted = await client.patch(
        f"/v1/conversations/{chat}/settings", headers=alice.auth, json={"muted": True}
    )
    assert muted.json()["muted"] is True


async def test_two_first_notices_at_once_make_one_conversation(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    made = await asyncio.gather(post(app, alice, "One"), post(app, alice, "Two"))
    assert made[0] == made[1]
    seen = await conversation(client, alice, str(made[0]))
    assert (seen["last_seq"], seen["member_count"]) == (2, 1)


async def test_nobody_writes_in_service_notifications(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = str(await post(app, alice, "Order ready"))
    [the_notice] = await history(client, alice, chat)
    direct = await open_direct(client, alice, bob)
    await send(client, alice, direct, "hello")
    [hello] = await history(client, alice, direct)

    assert_problem(await send(client, alice, chat, "hi"), 403, "chat.read_only", None)
    forward_in = await client.post(
        "/v1/messages/forward",
        headers=alice.auth,
        json={
            "message_ids": [hello["id"]],
            "conversation_ids": [chat],
            "client_msg_id": new_client_msg_id(),
        },
    )
    assert_problem(forward_in, 403, "chat.read_only", "conversation_ids")
    forward_out = await client.post(
        "/v1/messages/forward",
        headers=alice.auth,
        json={
            "message_ids": [the_notice["id"]],
            "conversation_ids": [direct],
            "client_msg_id": new_client_msg_id(),
        },
    )
    assert_problem(forward_out, 404, "chat.message_not_found", "message_ids")
    invite = await client.post(
        f"/v1/conversations/{chat}/members", headers=alice.auth, json={"account_ids": [bob.id]}
    )
    assert_problem(invite, 409, "chat.not_a_group", None)
    rename = await client.patch(f"/v1/conversations/{chat}", headers=alice.auth, json={"name": "x"})
    assert_problem(rename, 409, "chat.not_a_group", None)
    link = await client.post(f"/v1/conversations/{chat}/join-link", headers=alice.auth)
    assert_problem(link, 409, "chat.not_a_group", None)
    recall = await client.post(
        f"/v1/conversations/{chat}/messages/{the_notice['id']}/recall", headers=alice.auth
    )
    assert_problem(recall, 403, "chat.not_sender", None)
    # A card another domain would leave there (a transfer, a red envelope) is refused too.
    with pytest.raises(ReadOnly):
        async with app.state.database.unit_of_work() as session:
            await messages.post_card(
                session,
                app.state.broker,
                sender=alice.account_id,
                conversation_id=int(chat),
                client_msg_id="transfer-1",
                kind="transfer",
                content={},
                recipient=None,
            )
    assert [m["id"] for m in await history(client, alice, chat)] == [the_notice["id"]]
    assert (await conversation(client, alice, chat))["member_count"] == 1

    # Deleting a notice for oneself is fine.
    hidden = await client.delete(
        f"/v1/conversations/{chat}/messages/{the_notice['id']}", headers=alice.auth
    )
    assert hidden.status_code == 204
    assert await history(client, alice, chat) == []
