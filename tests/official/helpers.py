"""Shortcuts for official-account tests: uploads, a verified account, drafts, broadcasts."""

from __future__ import annotations

import io
from typing import Any

import httpx
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import func, select

from plaza.official import models
from tests.conftest import Person

TABLES = (
    models.OfficialAccountRecord,
    models.Follow,
    models.ArticleRecord,
    models.ArticleLike,
    models.BroadcastRecord,
    models.SubscriptionsRead,
)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


async def upload(client: httpx.AsyncClient, who: Person, kind: str = "image") -> str:
    body = png() if kind == "image" else b"%PDF-1.4 licence"
    response = await client.post(
        f"/v1/media/uploads?kind={kind}&name=doc.{'png' if kind == 'image' else 'pdf'}",
        headers=who.auth | {"content-type": "application/octet-stream"},
        content=body,
    )
    assert response.status_code == 201, response.text
    upload_id: str = response.json()["id"]
    return upload_id


async def try_apply(client: httpx.AsyncClient, operator: Person, **fields: Any) -> httpx.Response:
    if "document_ids" not in fields:
        fields["document_ids"] = [await upload(client, operator, "file")]
    body = {"name": "Plaza Daily", "type": "subscription", "description": "News"} | fields
    return await client.post("/v1/official/applications", headers=operator.auth, json=body)


async def apply(client: httpx.AsyncClient, operator: Person, **fields: Any) -> dict[str, Any]:
    response = await try_apply(client, operator, **fields)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def verified_account(
    client: httpx.AsyncClient, operator: Person, admin: Person, **fields: Any
) -> dict[str, Any]:
    """An account ``operator`` applied for and ``admin`` approved."""
    applied = await apply(client, operator, **fields)
    response = await client.post(
        f"/v1/official/applications/{applied['id']}/approve", headers=admin.auth
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def draft(
    client: httpx.AsyncClient, operator: Person, account_id: str, **fields: Any
) -> dict[str, Any]:
    body = {"title": "Hello", "digest": "A first look", "markdown": "# Hello\n\nWorld"} | fields
    response = await client.post(
        f"/v1/official/accounts/{account_id}/articles", headers=operator.auth, json=body
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def try_broadcast(
    client: httpx.AsyncClient, operator: Person, account_id: str, article_ids: list[str]
) -> httpx.Response:
    return await client.post(
        f"/v1/official/accounts/{account_id}/broadcasts",
        headers=operator.auth,
        json={"article_ids": article_ids},
    )


async def publish(
    client: httpx.AsyncClient, operator: Person, account_id: str, *titles: str
) -> dict[str, Any]:
    """Drafts with these titles, broadcast together."""
    ids = [(await draft(client, operator, account_id, title=title))["id"] for title in titles]
    response = await try_broadcast(client, operator, account_id, ids)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def follow(client: httpx.AsyncClient, who: Person, account_id: str) -> dict[str, Any]:
    response = await client.post(f"/v1/official/accounts/{account_id}/follow", headers=who.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def get_json(client: httpx.AsyncClient, who: Person, path: str) -> Any:
    response = await client.get(f"/v1/official{path}", headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


async def row_counts(app: FastAPI) -> dict[str, int]:
    """Rows in each official table: to show a refused request changed nothing."""
    async with app.state.database.unit_of_work() as session:
        return {
            table.__tablename__: int(
                await session.scalar(select(func.count()).select_from(table)) or 0
            )
            for table in TABLES
        }


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body
