"""Shared fixtures: a real migrated SQLite file per test, the ASGI app and an HTTP client.

PostgreSQL tests read PLAZA_TEST_POSTGRES_URL and skip without it; Redis tests
read PLAZA_TEST_REDIS_URL likewise.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza import migrate
from plaza.app import create_app
from plaza.config import Environment, Settings
from plaza.identity.sms import DevSmsGateway
from plaza.kit.clock import ManualClock, use_clock

CLIENT_IP = "203.0.113.7"


def postgres_url_or_skip() -> str:
    url = os.environ.get("PLAZA_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PLAZA_TEST_POSTGRES_URL is not set; .ci/run sets it to the local PostgreSQL")
    return url


def redis_url_or_skip() -> str:
    url = os.environ.get("PLAZA_TEST_REDIS_URL")
    if not url:
        pytest.skip("PLAZA_TEST_REDIS_URL is not set; .ci/run sets it to the local Redis")
    return url


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "plaza.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture
def database_url(migrated_sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "plaza.db"
    shutil.copyfile(migrated_sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        env=Environment.TEST,
        database_url=database_url,
        media_dir=tmp_path / "media",
        web_dir=tmp_path / "web",
        node_id=1,
        _env_file=None,
    )


@pytest.fixture
def clock() -> Iterator[ManualClock]:
    with use_clock(ManualClock(datetime(2026, 11, 29, 12, 0, tzinfo=UTC))) as manual:
        assert isinstance(manual, ManualClock)
        yield manual


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://plaza.test") as http:
        yield http


def last_code_sent_to(app: FastAPI, phone: str) -> str:
    gateway: DevSmsGateway = app.state.sms
    for message in gateway.outbox:
        if message.phone == phone:
            found = re.search(r"\b(\d{6})\b", message.text)
            assert found, message.text
            return found.group(1)
    raise AssertionError(f"no SMS was sent to {phone}")


async def sign_in(
    client: httpx.AsyncClient, app: FastAPI, phone: str, *, device: str = "Test device"
) -> dict[str, Any]:
    """Request a code and sign in with it; returns the SignedIn body."""
    sent = await client.post("/v1/auth/codes", json={"phone": phone})
    assert sent.status_code == 202, sent.text
    code = last_code_sent_to(app, phone)
    response = await client.post(
        "/v1/auth/sessions", json={"phone": phone, "code": code, "device_name": device}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def bearer(token: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def settings_media(settings: Settings) -> Path:
    return settings.media_dir
