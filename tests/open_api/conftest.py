"""A released mini-program and its server's credentials, through the console API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.open_api.models import AccessToken, AppSession, Consent, OneTimeCode
from tests.conftest import Person, bearer
from tests.miniapps.helpers import create_app, step, upload_ok


@dataclass(frozen=True)
class App:
    app_id: str
    secret: str


async def released_app(
    client: httpx.AsyncClient, developer: Person, admin: Person, name: str
) -> App:
    created = await create_app(client, developer, name)
    app_id = created["app_id"]
    await upload_ok(client, developer, app_id)
    assert (await step(client, developer, app_id, "1.0.0", "submit")).status_code == 200
    assert (await step(client, admin, app_id, "1.0.0", "approve")).status_code == 200
    return App(app_id, created["app_secret"])


async def token_for(client: httpx.AsyncClient, app: App) -> dict[str, str]:
    response = await client.post(
        "/open/v1/token", json={"app_id": app.app_id, "app_secret": app.secret}
    )
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def issue(client: httpx.AsyncClient, person: Person, app: App, kind: str = "login") -> str:
    response = await client.post(f"/v1/miniapps/{app.app_id}/{kind}-code", headers=person.auth)
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


async def exchange(
    client: httpx.AsyncClient, token: dict[str, str], code: str, path: str = "code2session"
) -> httpx.Response:
    return await client.post(f"/open/v1/{path}", headers=token, json={"code": code})


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    return body


@pytest.fixture
async def taxi(client: httpx.AsyncClient, developer: Person, admin: Person) -> App:
    return await released_app(client, developer, admin, "Taxi")


async def open_state(app: FastAPI) -> tuple[int, int, int, int]:
    """Tokens, used codes, sessions and consents: what a refused request must not change."""
    async with app.state.database.sessionmaker() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(AccessToken)),
            await session.scalar(
                select(func.count())
                .select_from(OneTimeCode)
                .where(OneTimeCode.used_at.is_not(None))
            ),
            await session.scalar(select(func.count()).select_from(AppSession)),
            await session.scalar(select(func.count()).select_from(Consent)),
        ]
    return (int(counts[0] or 0), int(counts[1] or 0), int(counts[2] or 0), int(counts[3] or 0))
