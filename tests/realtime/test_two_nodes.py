"""Two `plaza serve` processes sharing PostgreSQL and Redis deliver to each other's sockets."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from plaza import migrate
from plaza.kit.db import Database
from tests.conftest import Person, create_person_in, fresh_postgres_database, redis_url_or_skip
from tests.realtime.conftest import next_frame
from tests.servers import LiveServer, two_plaza_nodes


@pytest.fixture
async def two_nodes(tmp_path: Path) -> AsyncIterator[tuple[LiveServer, LiveServer, str]]:
    redis_url = redis_url_or_skip()
    async with fresh_postgres_database() as database_url:
        await anyio.to_thread.run_sync(migrate.upgrade, database_url)
        nodes = two_plaza_nodes(tmp_path, database_url=database_url, redis_url=redis_url)
        with nodes as (node_a, node_b):
            yield node_a, node_b, database_url


async def people(database_url: str) -> tuple[Person, Person]:
    database = Database(database_url)
    try:
        return await create_person_in(database, "Alice"), await create_person_in(database, "Bob")
    finally:
        await database.dispose()


async def socket_on(node: LiveServer, who: Person) -> ClientConnection:
    ws = await connect(f"{node.ws_url}/ws")
    await ws.send(json.dumps({"type": "auth", "token": who.token}))
    assert (await next_frame(ws))["type"] == "ready"
    return ws


async def test_messages_cross_between_nodes(two_nodes: tuple[LiveServer, LiveServer, str]) -> None:
    node_a, node_b, database_url = two_nodes
    alice, bob = await people(database_url)
    async with (
        httpx.AsyncClient(base_url=node_a.url) as via_a,
        httpx.AsyncClient(base_url=node_b.url) as via_b,
    ):
        asked = await via_a.post("/v1/contacts/requests", headers=alice.auth, json={"to": bob.id})
        await via_b.post(
            f"/v1/contacts/requests/{asked.json()['id']}/accept", headers=bob.auth, json={}
        )
        chat = (
            await via_a.post(
                "/v1/conversations/direct", headers=alice.auth, json={"peer_id": bob.id}
            )
        ).json()

        alice_ws, bob_ws = await socket_on(node_a, alice), await socket_on(node_b, bob)
        sent = await via_a.post(
            f"/v1/conversations/{chat['id']}/messages",
            headers=alice.auth,
            json={"client_msg_id": "x1", "kind": "text", "text": "from node A"},
        )
        assert sent.status_code == 201
        on_b = await next_frame(bob_ws)
        assert on_b["data"]["message"]["content"] == {"text": "from node A"}

        await via_b.post(
            f"/v1/conversations/{chat['id']}/messages",
            headers=bob.auth,
            json={"client_msg_id": "y1", "kind": "text", "text": "from node B"},
        )
        frames = [await next_frame(alice_ws), await next_frame(alice_ws)]
        assert frames[-1]["data"]["message"]["content"] == {"text": "from node B"}

        await alice_ws.send(json.dumps({"type": "typing", "conversation_id": chat["id"]}))
        typing = await next_frame(bob_ws)
        while typing["type"] != "typing":
            typing = await next_frame(bob_ws)
        assert typing["data"]["account_id"] == alice.id
        await alice_ws.close()
        await bob_ws.close()
