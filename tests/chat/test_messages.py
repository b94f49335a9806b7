"""Sending, history, unread counts, read positions, recall, delete-for-me, reply and forward."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.chat.helpers import (
    conversation,
    create_group,
    history,
    new_client_msg_id,
    open_direct,
    send,
    sync,
)
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem


async def test_direct_message_reaches_history_and_unread(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    assert await open_direct(client, bob, alice) == chat  # one conversation per pair
    sent = await send(client, alice, chat, "Hello Bob")
    assert sent.status_code == 201
    message = sent.json()
    assert (message["seq"], message["kind"], message["content"]) == (
        1,
        "text",
        {"text": "Hello Bob"},
    )
    assert message["sender_id"] == alice.id

    assert [m["id"] for m in await history(client, bob, chat)] == [message["id"]]
    seen_by_bob = await conversation(client, bob, chat)
    assert (seen_by_bob["unread"], seen_by_bob["peer"]["display_name"]) == (1, "Alice")
    assert (await conversation(client, alice, chat))["unread"] == 0

    read = await client.post(f"/v1/conversations/{chat}/read", headers=bob.auth, json={"seq": 1})
    assert read.json()["unread"] == 0
    listed = (await client.get("/v1/conversations", headers=bob.auth)).json()
    assert [c["id"] for c in listed["items"]] == [chat]
    assert listed["items"][0]["last_message"]["id"] == message["id"]


async def test_sequence_numbers_follow_commit_order(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    for n in range(5):
        await send(client, alice if n % 2 else bob, chat, f"m{n}")
    items = await history(client, alice, chat)
    assert [m["seq"] for m in items] == [1, 2, 3, 4, 5]
    assert [m["content"]["text"] for m in items] == ["m0", "m1", "m2", "m3", "m4"]


async def test_a_retried_send_returns_the_first_message(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    body = {"client_msg_id": "retry-1", "kind": "text", "text": "once"}
    first = await client.post(f"/v1/conversations/{chat}/messages", headers=alice.auth, json=body)
    again = await client.post(f"/v1/conversations/{chat}/messages", headers=alice.auth, json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    changed = await client.post(
        f"/v1/conversations/{chat}/messages", headers=alice.auth, json={**body, "text": "twice"}
    )
    assert_problem(changed, 409, "idempotency.key_reused", "client_msg_id")
    assert len(await history(client, bob, chat)) == 1


async def test_history_pages_backwards(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    for n in range(7):
        await send(client, alice, chat, f"m{n}")
    page = (await client.get(f"/v1/conversations/{chat}/messages?limit=3", headers=bob.auth)).json()
    assert [m["seq"] for m in page["items"]] == [5, 6, 7]
    older = await client.get(
        f"/v1/conversations/{chat}/messages?limit=3&before_seq={page['next_before_seq']}",
        headers=bob.auth,
    )
    assert [m["seq"] for m in older.json()["items"]] == [2, 3, 4]
    oldest = await client.get(
        f"/v1/conversations/{chat}/messages?limit=3&before_seq={older.json()['next_before_seq']}",
        headers=bob.auth,
    )
    assert [m["seq"] for m in oldest.json()["items"]] == [1]
    assert oldest.json()["next_before_seq"] is None


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"kind": "text", "text": "x" * 5001}, 422, "chat.text_too_long", "text"),
        ({"kind": "sticker", "text": "x"}, 422, "chat.unknown_kind", "kind"),
        ({"kind": "text", "text": "   "}, 422, "request.invalid", "text"),
        ({"kind": "text"}, 422, "request.invalid", None),
        (
            {"kind": "location", "location": {"latitude": 91, "longitude": 0}},
            422,
            "request.invalid",
            "location.latitude",
        ),
        (
            {"kind": "text", "text": "hi", "mention_all": True},
            403,
            "chat.mention_all_forbidden",
            "mention_all",
        ),
        (
            {"kind": "text", "text": "hi", "reply_to": "99"},
            404,
            "chat.message_not_found",
            "reply_to",
        ),
        (
            {"kind": "card", "card": {"account_id": "99"}},
            404,
            "identity.account_not_found",
            "account_id",
        ),
    ],
)
async def test_bad_messages_are_refused_and_change_nothing(
    client: httpx.AsyncClient,
    alice: Person,
    bob: Person,
    body: dict[str, object],
    status: int,
    code: str,
    field: str | None,
) -> None:
    chat = await open_direct(client, alice, bob)
    cursor = (await sync(client, bob))["cursor"]
    response = await client.post(
        f"/v1/conversations/{chat}/messages",
        headers=alice.auth,
        json={"client_msg_id": new_client_msg_id(), **body},
    )
    assert_problem(response, status, code, field)
    assert await history(client, bob, chat) == []
    assert (await conversation(client, bob, chat))["last_seq"] == 0
    assert (await sync(client, bob, cursor))["events"] == []


async def test_outsiders_cannot_read_or_write(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    mallory = await create_person(app, "Mallory")
    assert_problem(await send(client, mallory, chat), 403, "chat.not_member", None)
    read = await client.get(f"/v1/conversations/{chat}/messages", headers=mallory.auth)
    assert_problem(read, 403, "chat.not_member", None)
    missing = await client.get("/v1/conversations/123/messages", headers=mallory.auth)
    assert_problem(missing, 404, "chat.conversation_not_found", "conversation_id")
    assert await history(client, alice, chat) == []


async def test_blocked_sender_cannot_message(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    await send(client, alice, chat, "before")
    blocked = await client.post(
        "/v1/contacts/blocks", headers=bob.auth, json={"account_id": alice.id}
    )
    assert blocked.status_code == 204
    assert_problem(await send(client, alice, chat, "after"), 403, "chat.blocked", None)
    assert [m["content"]["text"] for m in await history(client, bob, chat)] == ["before"]
    # Bob may still write to Alice: blocking is one-way.
    assert (await send(client, bob, chat, "still here")).status_code == 201


async def test_no_direct_chat_without_friendship(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    stranger = await create_person(app, "Stranger")
    response = await client.post(
        "/v1/conversations/direct", headers=alice.auth, json={"peer_id": stranger.id}
    )
    assert_problem(response, 403, "chat.not_friends", None)
    assert (await client.get("/v1/conversations", headers=alice.auth)).json()["items"] == []


async def test_flooding_is_rate_limited(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    app.state.settings.chat_send_limit = 5
    chat = await open_direct(client, alice, bob)
    for n in range(5):
        assert (await send(client, alice, chat, f"m{n}")).status_code == 201
    flood = await send(client, alice, chat, "one too many")
    assert_problem(flood, 429, "rate_limited", None)
    assert flood.headers["Retry-After"] == "10"
    assert len(await history(client, bob, chat)) == 5
    clock.advance(timedelta(seconds=10))
    assert (await send(client, alice, chat, "later")).status_code == 201


async def test_recall_within_two_minutes(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    chat = await open_direct(client, alice, bob)
    message = (await send(client, alice, chat, "oops, wrong chat")).json()
    assert_problem(
        await client.post(
            f"/v1/conversations/{chat}/messages/{message['id']}/recall", headers=bob.auth
        ),
        403,
        "chat.not_sender",
        None,
    )
    clock.advance(timedelta(minutes=1, seconds=59))
    recalled = await client.post(
        f"/v1/conversations/{chat}/messages/{message['id']}/recall", headers=alice.auth
    )
    assert recalled.status_code == 200
    assert (recalled.json()["recalled"], recalled.json()["content"]) == (True, {})
    seen = (await history(client, bob, chat))[0]
    assert (seen["recalled"], seen["content"]) == (True, {})
    # A device catching up later never sees the recalled words.
    events = (await sync(client, bob))["events"]
    assert "wrong chat" not in str(events)
    assert [e["type"] for e in events if e["type"].startswith("message.")] == [
        "message.new",
        "message.recalled",
    ]


async def test_recall_after_two_minutes_is_refused(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    chat = await open_direct(client, alice, bob)
    message = (await send(client, alice, chat, "too late")).json()
    clock.advance(timedelta(minutes=2, seconds=1))
    response = await client.post(
        f"/v1/conversations/{chat}/messages/{message['id']}/recall", headers=alice.auth
    )
    assert_problem(response, 409, "chat.recall_window_passed", None)
    assert (await history(client, bob, chat))[0]["content"] == {"text": "too late"}


async def test_delete_for_me_hides_only_for_me(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    first = (await send(client, alice, chat, "keep")).json()
    second = (await send(client, alice, chat, "hide")).json()
    hidden = await client.delete(
        f"/v1/conversations/{chat}/messages/{second['id']}", headers=alice.auth
    )
    assert hidden.status_code == 204
    assert [m["id"] for m in await history(client, alice, chat)] == [first["id"]]
    assert [m["id"] for m in await history(client, bob, chat)] == [first["id"], second["id"]]


async def test_reply_mentions_location_and_card(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol, name="Trip")
    question = (await send(client, bob, group, "Where do we meet?")).json()
    answer = await send(client, alice, group, "Here", reply_to=question["id"], mentions=[bob.id])
    assert answer.status_code == 201
    assert answer.json()["reply_to"]["preview"] == "Where do we meet?"
    assert answer.json()["mentions"] == [bob.id]
    where = await client.post(
        f"/v1/conversations/{group}/messages",
        headers=alice.auth,
        json={
            "client_msg_id": new_client_msg_id(),
            "kind": "location",
            "location": {"latitude": 31.2304, "longitude": 121.4737, "label": "The Bund"},
        },
    )
    assert where.json()["content"] == {
        "latitude": 31.2304,
        "longitude": 121.4737,
        "label": "The Bund",
    }
    card = await client.post(
        f"/v1/conversations/{group}/messages",
        headers=alice.auth,
        json={
            "client_msg_id": new_client_msg_id(),
            "kind": "card",
            "card": {"account_id": carol.id},
        },
    )
    assert card.json()["content"] == {"account_id": carol.id}
    everyone = await send(client, alice, group, "Leaving at 9", mention_all=True)
    assert everyone.json()["mention_all"] is True
    outsider = await send(client, alice, group, "hi", mentions=["12345"])
    assert_problem(outsider, 422, "request.invalid", "mentions")


async def test_forward_copies_into_several_conversations(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    with_bob = await open_direct(client, alice, bob)
    with_carol = await open_direct(client, alice, carol)
    original = (await send(client, bob, with_bob, "Great photo spot")).json()
    body = {
        "message_ids": [original["id"]],
        "conversation_ids": [with_carol],
        "client_msg_id": "fwd-1",
    }
    forwarded = await client.post("/v1/messages/forward", headers=alice.auth, json=body)
    assert forwarded.status_code == 200, forwarded.text
    again = await client.post("/v1/messages/forward", headers=alice.auth, json=body)
    assert [m["id"] for m in again.json()] == [m["id"] for m in forwarded.json()]
    copies = await history(client, carol, with_carol)
    assert [(m["sender_id"], m["content"]) for m in copies] == [
        (alice.id, {"text": "Great photo spot"})
    ]
    not_mine = {
        "message_ids": [original["id"]],
        "conversation_ids": [with_carol],
        "client_msg_id": "fwd-2",
    }
    assert_problem(
        await client.post("/v1/messages/forward", headers=carol.auth, json=not_mine),
        403,
        "chat.not_member",
        None,
    )


async def test_read_receipts_show_only_when_both_turned_them_on(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    await send(client, alice, chat, "seen?")
    await client.post(f"/v1/conversations/{chat}/read", headers=bob.auth, json={"seq": 1})
    assert (await conversation(client, alice, chat))["peer_read_seq"] is None
    await client.patch("/v1/chat/settings", headers=alice.auth, json={"read_receipts": True})
    assert (await conversation(client, alice, chat))["peer_read_seq"] is None
    await client.patch("/v1/chat/settings", headers=bob.auth, json={"read_receipts": True})
    assert (await conversation(client, alice, chat))["peer_read_seq"] == 1
    assert (await client.get("/v1/chat/settings", headers=bob.auth)).json() == {
        "read_receipts": True
    }
