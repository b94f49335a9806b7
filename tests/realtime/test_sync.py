"""Offline catch-up, events that bring stale state up to date, and hot-path query counts."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from plaza.realtime import service as realtime
from tests.chat.helpers import conversation, create_group, history, open_direct, send, sync
from tests.conftest import Person, befriend, counted_queries, create_person


async def test_catch_up_returns_exactly_what_was_missed_in_order(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    cursor = (await client.get("/v1/conversations", headers=bob.auth)).json()["sync_cursor"]
    sent = [(await send(client, alice, chat, f"m{n}")).json() for n in range(20)]
    caught = await sync(client, bob, cursor)
    assert [e["data"]["message"] for e in caught["events"]] == sent
    assert [e["seq"] for e in caught["events"]] == list(range(cursor + 1, cursor + 21))
    assert caught["has_more"] is False
    assert (await sync(client, bob, caught["cursor"]))["events"] == []


async def test_catch_up_pages(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    chat = await open_direct(client, alice, bob)
    for n in range(7):
        await send(client, alice, chat, f"m{n}")
    seen: list[int] = []
    cursor, has_more = 0, True
    while has_more:
        page = (await client.get(f"/v1/sync?cursor={cursor}&limit=3", headers=bob.auth)).json()
        seen += [e["data"]["message"]["seq"] for e in page["events"] if e["type"] == "message.new"]
        cursor, has_more = page["cursor"], page["has_more"]
    assert seen == [1, 2, 3, 4, 5, 6, 7]


class ClientState:
    """What a client keeps, built from fetches and brought forward by events."""

    def __init__(self) -> None:
        self.messages: dict[str, dict[str, dict[str, Any]]] = {}
        self.info: dict[str, dict[str, Any]] = {}
        self.read: dict[str, int] = {}

    async def fetch(self, client: httpx.AsyncClient, me: Person, chat: str) -> None:
        self.messages[chat] = {m["id"]: m for m in await history(client, me, chat)}
        fresh = await conversation(client, me, chat)
        self.info[chat] = {
            k: fresh[k] for k in ("id", "kind", "name", "announcement", "member_count")
        }
        self.read[chat] = fresh["last_read_seq"]

    def apply(self, event: dict[str, Any]) -> None:
        data, chat = event["data"], event["data"].get("conversation_id") or event["data"].get("id")
        match event["type"]:
            case "message.new":
                self.messages.setdefault(chat, {})[data["message"]["id"]] = data["message"]
            case "message.recalled":
                self.messages[chat][data["message_id"]] |= {"recalled": True, "content": {}}
            case "message.hidden":
                self.messages[chat].pop(data["message_id"], None)
            case "conversation.updated":
                self.info[chat] = data
            case "read.updated":
                self.read[chat] = data["last_read_seq"]


async def test_events_bring_stale_state_to_a_fresh_fetch(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol, name="Before")
    await send(client, alice, group, "first")
    stale = ClientState()
    await stale.fetch(client, bob, group)
    cursor = (await sync(client, bob))["cursor"]

    kept = (await send(client, carol, group, "kept")).json()
    recalled = (await send(client, alice, group, "oops")).json()
    hidden = (await send(client, alice, group, "hide me")).json()
    await client.post(
        f"/v1/conversations/{group}/messages/{recalled['id']}/recall", headers=alice.auth
    )
    await client.delete(f"/v1/conversations/{group}/messages/{hidden['id']}", headers=bob.auth)
    await client.patch(f"/v1/conversations/{group}", headers=carol.auth, json={"name": "After"})
    await client.post(
        f"/v1/conversations/{group}/read", headers=bob.auth, json={"seq": kept["seq"]}
    )

    for change in (await sync(client, bob, cursor))["events"]:
        stale.apply(change)
    fresh = ClientState()
    await fresh.fetch(client, bob, group)
    assert stale.messages == fresh.messages
    assert stale.info == fresh.info
    assert stale.read == fresh.read


class AccountState:
    """The rest of what a client keeps: its conversations and their per-member settings,
    read receipts, friends and incoming requests."""

    def __init__(self) -> None:
        self.conversations: dict[str, dict[str, Any]] = {}
        self.friends: set[str] = set()
        self.incoming: dict[str, str] = {}
        """Pending requests to me: request id -> sender id."""

    async def fetch(self, client: httpx.AsyncClient, me: Person) -> None:
        listed = (await client.get("/v1/conversations", headers=me.auth)).json()["items"]
        self.conversations = {c["id"]: self._kept(c) for c in listed}
        friends = (await client.get("/v1/contacts", headers=me.auth)).json()
        self.friends = {f["account"]["id"] for f in friends}
        requests = (await client.get("/v1/contacts/requests", headers=me.auth)).json()["items"]
        self.incoming = {
            r["id"]: r["from"]["id"]
            for r in requests
            if r["direction"] == "incoming" and r["status"] == "pending"
        }

    @staticmethod
    def _kept(conversation: dict[str, Any]) -> dict[str, Any]:
        keys = ("member_count", "muted", "pinned", "peer_read_seq")
        return {key: conversation[key] for key in keys}

    def apply(self, event: dict[str, Any]) -> None:
        data = event["data"]
        match event["type"]:
            case "conversation.updated" if data["id"] in self.conversations:
                self.conversations[data["id"]]["member_count"] = data["member_count"]
            case "conversation.removed":
                self.conversations.pop(data["conversation_id"], None)
            case "member_settings.updated":
                chat = self.conversations[data["conversation_id"]]
                chat |= {"muted": data["muted"], "pinned": data["pinned"]}
            case "peer_read.updated":
                self.conversations[data["conversation_id"]]["peer_read_seq"] = data["last_read_seq"]
            case "contact_request.received":
                self.incoming[data["request_id"]] = data["from_id"]
            case "contact.added":
                self.friends.add(data["account_id"])
                self.incoming = {r: f for r, f in self.incoming.items() if f != data["account_id"]}
            case "contact.removed":
                self.friends.discard(data["account_id"])


async def test_account_events_bring_stale_lists_to_a_fresh_fetch(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    direct = await open_direct(client, alice, bob)
    leaving = await create_group(client, alice, bob, carol, name="Leaving")
    growing = await create_group(client, alice, bob, name="Growing")
    for who in (alice, bob):
        await client.patch("/v1/chat/settings", headers=who.auth, json={"read_receipts": True})
    stale = AccountState()
    await stale.fetch(client, alice)
    cursor = (await sync(client, alice))["cursor"]

    await client.patch(
        f"/v1/conversations/{direct}/settings", headers=alice.auth, json={"muted": True}
    )
    await client.patch(
        f"/v1/conversations/{growing}/settings", headers=alice.auth, json={"pinned": True}
    )
    await client.post(
        f"/v1/conversations/{growing}/members", headers=alice.auth, json={"account_ids": [carol.id]}
    )
    await client.post(
        f"/v1/conversations/{leaving}/owner", headers=alice.auth, json={"account_id": bob.id}
    )
    await client.delete(f"/v1/conversations/{leaving}/members/{alice.id}", headers=bob.auth)
    message = (await send(client, alice, direct, "read me")).json()
    await client.post(
        f"/v1/conversations/{direct}/read", headers=bob.auth, json={"seq": message["seq"]}
    )
    dave, erin = await create_person(app, "Dave"), await create_person(app, "Erin")
    await befriend(client, dave, alice)
    await client.post("/v1/contacts/requests", headers=erin.auth, json={"to": alice.id})
    await client.delete(f"/v1/contacts/{carol.id}", headers=alice.auth)

    for change in (await sync(client, alice, cursor))["events"]:
        stale.apply(change)
    fresh = AccountState()
    await fresh.fetch(client, alice)
    assert stale.conversations == fresh.conversations
    assert stale.friends == fresh.friends
    assert stale.incoming == fresh.incoming
    assert leaving not in fresh.conversations
    assert fresh.conversations[direct]["peer_read_seq"] == message["seq"]


async def group_of(app: FastAPI, client: httpx.AsyncClient, owner: Person, size: int) -> str:
    friends = [await create_person(app, f"P{n}") for n in range(size - 1)]
    for friend in friends:
        await befriend(
            client, friend, owner
        )  # each asks: the owner's own request limit stays out of it
    return await create_group(client, owner, *friends)


async def test_sending_costs_the_same_queries_whatever_the_group_size(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    small, large = await group_of(app, client, alice, 3), await group_of(app, client, alice, 30)
    await send(client, alice, small, "warm up")
    counts = []
    for group in (small, large):
        with counted_queries(app) as statements:
            assert (await send(client, alice, group, "hello")).status_code == 201
        counts.append(len(statements))
    assert counts[0] == counts[1]
    assert counts[0] <= 12, counts


async def test_catch_up_costs_the_same_queries_whatever_the_number_of_conversations(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    cursor = (await sync(client, bob))["cursor"]
    await send(client, alice, chat, "one")
    with counted_queries(app) as few:
        assert len((await sync(client, bob, cursor))["events"]) == 1
    for n in range(10):
        other = await create_person(app, f"Friend{n}")
        await befriend(client, bob, other)
        await send(client, other, await open_direct(client, other, bob), "hi")
    cursor = (await sync(client, bob))["cursor"]
    await send(client, alice, chat, "two")
    with counted_queries(app) as many:
        assert len((await sync(client, bob, cursor))["events"]) == 1
    assert len(few) == len(many)


async def test_events_emitted_together_are_numbered_in_order_in_each_inbox(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    before = {p.account_id: (await sync(client, p))["cursor"] for p in (alice, bob)}
    a, b = alice.account_id, bob.account_id
    deliveries = [
        ([a, b], realtime.Event("test.one", {"n": 1})),
        ([a], realtime.Event("test.two", {"n": 2})),
        ([b, a, b], realtime.Event("test.three", {"n": 3})),  # a recipient named twice
    ]

    async with app.state.database.unit_of_work() as session:
        await realtime.emit_many(session, app.state.broker, deliveries)

    for person, expected in ((alice, [1, 2, 3]), (bob, [1, 3])):
        caught = (await sync(client, person, before[person.account_id]))["events"]
        assert [e["data"]["n"] for e in caught] == expected
        first = before[person.account_id] + 1
        assert [e["seq"] for e in caught] == list(range(first, first + len(expected)))
