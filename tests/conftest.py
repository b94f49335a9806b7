"""Shared fixtures: a real migrated SQLite file per test, the ASGI app and an HTTP client.

PostgreSQL tests read PLAZA_TEST_POSTGRES_URL and skip without it; Redis tests
read PLAZA_TEST_REDIS_URL likewise.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.engine import make_url

from plaza import migrate
from plaza.app import create_app
from plaza.config import Environment, Settings
from plaza.identity import service as identity
from plaza.identity.sms import DevSmsGateway
from plaza.kit.clock import ManualClock, use_clock
from plaza.kit.db import Database
from tests.servers import postgres_database

pytest_plugins = ["tests.miniapps.fixtures"]
"""Fixtures shared across test packages (a module a conftest imports cannot share them)."""

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


@asynccontextmanager
async def fresh_postgres_database(template: str | None = None) -> AsyncIterator[str]:
    """A new PostgreSQL database for one test (empty, or a copy of ``template``); dropped after."""
    async with postgres_database(postgres_url_or_skip(), template=template) as url:
        yield url


@pytest.fixture(scope="session")
async def migrated_postgres_template() -> AsyncIterator[str | None]:
    if not os.environ.get("PLAZA_TEST_POSTGRES_URL"):
        yield None
        return
    async with fresh_postgres_database() as url:
        await anyio.to_thread.run_sync(migrate.upgrade, url)
        yield str(make_url(url).database)


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(
    request: pytest.FixtureRequest,
    migrated_sqlite_template: Path,
    migrated_postgres_template: str | None,
    tmp_path: Path,
) -> AsyncIterator[str]:
    """A migrated database of its own for each test, on SQLite and again on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "plaza.db"
        shutil.copyfile(migrated_sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    if migrated_postgres_template is None:
        postgres_url_or_skip()
    async with fresh_postgres_database(migrated_postgres_template) as url:
        yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        env=Environment.TEST,
        database_url=database_url,
        media_dir=tmp_path / "media",
        web_dir=tmp_path / "web",
        node_id=1,
        background_jobs=False,
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


@dataclass(frozen=True)
class Person:
    """A signed-up account with one signed-in device, made without the SMS flow."""

    account_id: int
    name: str
    token: str
    phone: str
    plaza_id: str

    @property
    def id(self) -> str:
        """The account id as the API writes it."""
        return str(self.account_id)

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.token)


_phone_numbers = itertools.count(1000)


async def create_person(
    app: FastAPI, name: str, *, plaza_id: str | None = None, phone: str | None = None
) -> Person:
    """An account with a display name and a signed-in device, straight through identity
    (the sign-in API allows 5 codes an hour per IP)."""
    return await create_person_in(app.state.database, name, plaza_id=plaza_id, phone=phone)


async def create_person_in(
    database: Database, name: str, *, plaza_id: str | None = None, phone: str | None = None
) -> Person:
    """The same, in any Plaza database (a live server's, a benchmark's)."""
    phone = phone or f"+1202555{next(_phone_numbers):04d}"
    async with database.unit_of_work() as session:
        account = await identity.create_account(
            session, phone=phone, display_name=name, plaza_id=plaza_id
        )
        _, token = await identity.open_device_session(session, account, "Test device")
    assert account.plaza_id is not None
    return Person(account.id, name, token, phone, account.plaza_id)


async def befriend(client: httpx.AsyncClient, a: Person, b: Person) -> None:
    sent = await client.post("/v1/contacts/requests", headers=a.auth, json={"to": b.id})
    assert sent.status_code == 201, sent.text
    accepted = await client.post(
        f"/v1/contacts/requests/{sent.json()['id']}/accept", headers=b.auth, json={}
    )
    assert accepted.status_code == 200, accepted.text


@pytest.fixture
async def alice(app: FastAPI) -> Person:
    return await create_person(app, "Alice")


@pytest.fixture
async def bob(app: FastAPI, client: httpx.AsyncClient, alice: Person) -> Person:
    person = await create_person(app, "Bob")
    await befriend(client, alice, person)
    return person


@pytest.fixture
async def carol(app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person) -> Person:
    person = await create_person(app, "Carol")
    await befriend(client, alice, person)
    await befriend(client, bob, person)
    return person


@contextmanager
def counted_queries(app: FastAPI) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block, for hot-path query counts."""
    statements: list[str] = []
    engine = app.state.database.engine.sync_engine

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
