"""Pooled PostgreSQL connections: one that lay idle is checked before use and replaced if
the server dropped it; one in steady use is not checked (no round trip per request)."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from plaza.kit.db import Database
from tests.conftest import fresh_postgres_database


async def backend_pid(database: Database) -> int:
    async with database.unit_of_work() as session:
        pid: int = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        return pid


async def terminate(url: str, pid: int) -> None:
    """What a database restart does to one server process."""
    parts = make_url(url)
    admin = await asyncpg.connect(
        host=parts.host, port=parts.port, user=parts.username, database=parts.database
    )
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()


async def test_a_connection_that_lay_idle_is_checked_and_replaced_when_dead() -> None:
    async with fresh_postgres_database() as url:
        database = Database(url, idle_before_ping=0.0)
        try:
            first = await backend_pid(database)
            await terminate(url, first)
            second = await backend_pid(database)
        finally:
            await database.dispose()
    assert second != first


async def test_a_connection_in_steady_use_is_not_checked() -> None:
    async with fresh_postgres_database() as url:
        database = Database(url, idle_before_ping=3600.0)
        try:
            await terminate(url, await backend_pid(database))
            with pytest.raises(DBAPIError) as refused:
                await backend_pid(database)
            assert refused.value.connection_invalidated
            await backend_pid(database)  # the pool connected afresh
        finally:
            await database.dispose()
