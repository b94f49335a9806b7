"""Shortcuts for Moments tests."""

from __future__ import annotations

import io
import itertools
from typing import Any

import httpx
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import select

from plaza.moments import models
from tests.conftest import Person

_client_ids = itertools.count(1)


def png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


async def upload(client: httpx.AsyncClient, who: Person, kind: str, body: bytes) -> str:
    response = await client.post(
        f"/v1/media/uploads?kind={kind}&name=x.png",
        headers=who.auth | {"content-type": "application/octet-stream"},
        content=body,
    )
    assert response.status_code == 201, response.text
    upload_id: str = response.json()["id"]
    return upload_id


async def photo(client: httpx.AsyncClient, who: Person) -> str:
    return await upload(client, who, "image", png())


def new_client_id() -> str:
    return f"c{next(_client_ids)}"


async def try_post(client: httpx.AsyncClient, who: Person, **fields: Any) -> httpx.Response:
    body = {"client_id": new_client_id(), "text": "Hello"} | fields
    return await client.post("/v1/moments/posts", headers=who.auth, json=body)


async def post(client: httpx.AsyncClient, who: Person, **fields: Any) -> dict[str, Any]:
    response = await try_post(client, who, **fields)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def get_json(client: httpx.AsyncClient, who: Person, path: str) -> Any:
    response = await client.get(f"/v1/moments{path}", headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


async def timeline_ids(client: httpx.AsyncClient, who: Person) -> list[str]:
    page = await get_json(client, who, "/timeline?limit=100")
    return [item["id"] for item in page["items"]]


async def album_ids(client: httpx.AsyncClient, who: Person, author: Person) -> list[str]:
    page = await get_json(client, who, f"/accounts/{author.id}/posts?limit=100")
    return [item["id"] for item in page["items"]]


async def like(client: httpx.AsyncClient, who: Person, post_id: str) -> httpx.Response:
    return await client.post(f"/v1/moments/posts/{post_id}/likes", headers=who.auth)


async def comment(
    client: httpx.AsyncClient, who: Person, post_id: str, text: str, reply_to: str | None = None
) -> httpx.Response:
    body = {"client_id": new_client_id(), "text": text, "reply_to": reply_to}
    return await client.post(f"/v1/moments/posts/{post_id}/comments", headers=who.auth, json=body)


async def tag(client: httpx.AsyncClient, owner: Person, friend: Person, *tags: str) -> None:
    response = await client.patch(
        f"/v1/contacts/{friend.id}", headers=owner.auth, json={"tags": list(tags)}
    )
    assert response.status_code == 200, response.text


async def patch(client: httpx.AsyncClient, who: Person, path: str, body: dict[str, Any]) -> None:
    response = await client.patch(f"/v1/moments{path}", headers=who.auth, json=body)
    assert response.status_code == 200, response.text


async def block(client: httpx.AsyncClient, owner: Person, other: Person) -> None:
    body = {"account_id": other.id}
    response = await client.post("/v1/contacts/blocks", headers=owner.auth, json=body)
    assert response.status_code == 204, response.text


async def moments_state(app: FastAPI) -> dict[str, list[str]]:
    """Every Moments row, to check that a refused request changed nothing."""
    state: dict[str, list[str]] = {}
    async with app.state.database.sessionmaker() as session:
        for model in (
            models.Post,
            models.AudienceMember,
            models.TimelineEntry,
            models.Like,
            models.Comment,
            models.Notification,
            models.Settings,
            models.PersonSettings,
            models.Status,
        ):
            rows = (await session.execute(select(*model.__table__.columns))).all()
            state[model.__tablename__] = sorted(repr(tuple(row)) for row in rows)
    return state
