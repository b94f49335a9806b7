"""Shortcuts for the chat API."""

from __future__ import annotations

from itertools import count
from typing import Any

import httpx

from tests.conftest import Person

_client_ids = count(1)


async def open_direct(client: httpx.AsyncClient, me: Person, peer: Person) -> str:
    response = await client.post(
        "/v1/conversations/direct", headers=me.auth, json={"peer_id": peer.id}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def create_group(
    client: httpx.AsyncClient, owner: Person, *members: Person, name: str = ""
) -> str:
    response = await client.post(
        "/v1/conversations/groups",
        headers=owner.auth,
        json={"name": name, "member_ids": [m.id for m in members]},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def new_client_msg_id() -> str:
    return f"c{next(_client_ids)}"


async def send(
    client: httpx.AsyncClient, sender: Person, conversation_id: str, text: str = "hi", **extra: Any
) -> httpx.Response:
    body = {"client_msg_id": new_client_msg_id(), "kind": "text", "text": text, **extra}
    return await client.post(
        f"/v1/conversations/{conversation_id}/messages", headers=sender.auth, json=body
    )


async def history(
    client: httpx.AsyncClient, reader: Person, conversation_id: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/v1/conversations/{conversation_id}/messages?limit=100", headers=reader.auth
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def conversation(
    client: httpx.AsyncClient, reader: Person, conversation_id: str
) -> dict[str, Any]:
    response = await client.get(f"/v1/conversations/{conversation_id}", headers=reader.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def sync(client: httpx.AsyncClient, reader: Person, cursor: int = 0) -> dict[str, Any]:
    response = await client.get(f"/v1/sync?cursor={cursor}&limit=500", headers=reader.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
