"""The unit of work: one commit at the boundary, hooks only after it, no half-applied work."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.db import Database, DbSession, UnitOfWorkRoute
from plaza.kit.errors import PlazaError, install_error_handlers
from plaza.kit.idempotency import IdempotencyRecord
from plaza.kit.ids import new_id
from plaza.kit.logging import RequestContextMiddleware


class Refused(PlazaError):
    code = "test.refused"


class RefusedButRecorded(PlazaError):
    code = "test.recorded"
    keeps_changes = True


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()


def add_row(session: AsyncSession, key: str) -> None:
    session.add(
        IdempotencyRecord(
            id=new_id(),
            scope="test",
            owner_id=1,
            key=key,
            fingerprint="f",
            result={},
            created_at=clock.now(),
        )
    )


async def keys(database: Database) -> list[str]:
    async with database.sessionmaker() as session:
        return list(
            await session.scalars(select(IdempotencyRecord.key).order_by(IdempotencyRecord.key))
        )


async def test_commits_once_then_runs_hooks_that_see_the_commit(database: Database) -> None:
    seen_by_hook: list[list[str]] = []

    async def hook() -> None:
        seen_by_hook.append(await keys(database))

    async with database.unit_of_work() as session:
        add_row(session, "a")
        await session.flush()
        after_commit(session, hook)
        assert seen_by_hook == []
    assert seen_by_hook == [["a"]]


@pytest.mark.parametrize("error", [Refused(), RuntimeError("bug")])
async def test_errors_roll_back_and_drop_hooks(database: Database, error: Exception) -> None:
    ran: list[str] = []

    async def hook() -> None:
        ran.append("hook")

    with pytest.raises(type(error)):
        async with database.unit_of_work() as session:
            add_row(session, "a")
            await session.flush()
            after_commit(session, hook)
            raise error
    assert await keys(database) == []
    assert ran == []


async def test_an_error_that_keeps_changes_commits_them(database: Database) -> None:
    with pytest.raises(RefusedButRecorded):
        async with database.unit_of_work() as session:
            add_row(session, "attempt")
            await session.flush()
            raise RefusedButRecorded()
    assert await keys(database) == ["attempt"]


async def test_a_failing_hook_does_not_stop_the_others(database: Database) -> None:
    ran: list[str] = []

    async def broken() -> None:
        raise RuntimeError("broken hook")

    async def fine() -> None:
        ran.append("fine")

    async with database.unit_of_work() as session:
        after_commit(session, broken)
        after_commit(session, fine)
    assert ran == ["fine"]


@pytest.fixture
async def routed(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An app with the real error handling and unit of work, and routes made to fail."""
    app = FastAPI()
    app.state.database = database
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    router = APIRouter(prefix="/test", route_class=UnitOfWorkRoute)

    @router.post("/ok")
    async def ok(session: DbSession) -> dict[str, str]:
        add_row(session, "ok")
        return {"status": "ok"}

    @router.post("/refused")
    async def refused(session: DbSession) -> None:
        add_row(session, "refused")
        await session.flush()
        raise Refused("no", field="thing")

    @router.post("/twice")
    async def twice(session: DbSession) -> None:
        add_row(session, "same")
        await session.flush()
        add_row(session, "same")  # the unique key, as a concurrent twin would write it
        await session.flush()

    @router.post("/bug")
    async def bug(session: DbSession) -> None:
        add_row(session, "bug")
        await session.flush()
        raise RuntimeError("secret internals")

    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://plaza.test") as client:
        yield client


async def test_requests_commit_before_the_response(
    routed: httpx.AsyncClient, database: Database
) -> None:
    assert (await routed.post("/test/ok")).status_code == 200
    assert await keys(database) == ["ok"]


async def test_refused_requests_change_nothing(
    routed: httpx.AsyncClient, database: Database
) -> None:
    response = await routed.post("/test/refused")
    assert response.status_code == 400
    assert response.json()["code"] == "test.refused"
    assert response.json()["field"] == "thing"
    assert await keys(database) == []


async def test_bugs_answer_500_without_internals_and_change_nothing(
    routed: httpx.AsyncClient, database: Database
) -> None:
    response = await routed.post("/test/bug")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "internal"
    assert "secret" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    assert await keys(database) == []


async def test_row_count_is_exact(database: Database) -> None:
    async with database.unit_of_work() as session:
        for key in ("x", "y"):
            add_row(session, key)
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 2


async def test_a_lost_race_on_a_unique_key_is_a_409_and_changes_nothing(
    routed: httpx.AsyncClient, database: Database
) -> None:
    response = await routed.post("/test/twice")
    assert response.status_code == 409
    assert response.json()["code"] == "request.conflict"
    assert await keys(database) == []
