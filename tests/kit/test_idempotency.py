from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.idempotency import IdempotencyKeyReused, IdempotencyRecord, run_idempotent


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()


async def send(database: Database, calls: list[int], *, key: str, body: Any, owner: int = 1) -> Any:
    async def work() -> dict[str, Any]:
        calls.append(1)
        return {"message_id": str(len(calls))}

    async with database.unit_of_work() as session:
        return await run_idempotent(
            session, scope="chat.send", owner_id=owner, key=key, request_body=body, work=work
        )


async def test_a_retry_returns_the_first_result_without_working_again(database: Database) -> None:
    calls: list[int] = []
    first = await send(database, calls, key="k1", body={"text": "hi"})
    again = await send(database, calls, key="k1", body={"text": "hi"})
    assert first == again == {"message_id": "1"}
    assert len(calls) == 1


async def test_keys_are_per_owner(database: Database) -> None:
    calls: list[int] = []
    await send(database, calls, key="k1", body={"text": "hi"}, owner=1)
    other = await send(database, calls, key="k1", body={"text": "hi"}, owner=2)
    assert other == {"message_id": "2"}


async def test_same_key_with_another_body_is_refused(database: Database) -> None:
    calls: list[int] = []
    await send(database, calls, key="k1", body={"text": "hi"})
    with pytest.raises(IdempotencyKeyReused):
        await send(database, calls, key="k1", body={"text": "bye"})
    assert len(calls) == 1


async def test_failed_work_leaves_the_key_unused(database: Database) -> None:
    async def failing() -> dict[str, Any]:
        raise RuntimeError("bank down")

    with pytest.raises(RuntimeError):
        async with database.unit_of_work() as session:
            await run_idempotent(
                session, scope="wallet.transfer", owner_id=1, key="k", request_body={}, work=failing
            )
    calls: list[int] = []
    assert await send(database, calls, key="k", body={}) == {"message_id": "1"}


class CountedFailure(PlazaError):
    code = "test.counted"
    keeps_changes = True


async def test_a_failure_that_keeps_its_changes_leaves_the_key_unused(database: Database) -> None:
    async def counted() -> dict[str, Any]:
        raise CountedFailure()

    with pytest.raises(CountedFailure):
        async with database.unit_of_work() as session:
            await run_idempotent(
                session, scope="chat.send", owner_id=1, key="k", request_body={}, work=counted
            )
    calls: list[int] = []
    assert await send(database, calls, key="k", body={}) == {"message_id": "1"}


async def first_and_twin(
    database: Database, calls: list[int], *, first_fails: bool
) -> tuple[Any, Any]:
    """The first request claims the key and works until let go; its twin, sent meanwhile,
    must wait for it rather than work too or fail."""
    working, let_go = asyncio.Event(), asyncio.Event()

    async def slow_work() -> dict[str, Any]:
        working.set()
        await let_go.wait()
        if first_fails:
            raise RuntimeError("bank down")
        calls.append(1)
        return {"message_id": "first"}

    async def first() -> Any:
        async with database.unit_of_work() as session:
            return await run_idempotent(
                session, scope="chat.send", owner_id=1, key="k", request_body={}, work=slow_work
            )

    first_task: asyncio.Task[Any] = asyncio.create_task(first())
    await working.wait()
    twin_task: asyncio.Task[Any] = asyncio.create_task(send(database, calls, key="k", body={}))
    await asyncio.sleep(0.3)
    assert not twin_task.done()  # it waits on the key
    let_go.set()
    results = await asyncio.gather(first_task, twin_task, return_exceptions=True)
    return results[0], results[1]


async def test_a_twin_sent_while_the_first_works_gets_its_result(database: Database) -> None:
    calls: list[int] = []
    first, twin = await first_and_twin(database, calls, first_fails=False)
    assert first == twin == {"message_id": "first"}
    assert len(calls) == 1


async def test_a_twin_of_a_first_that_fails_does_the_work(database: Database) -> None:
    calls: list[int] = []
    first, twin = await first_and_twin(database, calls, first_fails=True)
    assert isinstance(first, RuntimeError)
    assert twin == {"message_id": "1"}
    assert len(calls) == 1


async def test_a_database_error_in_the_work_reaches_the_caller_as_itself(
    database: Database,
) -> None:
    """On PostgreSQL a failed statement spoils the transaction: cleaning up the claim after
    it would fail again and hide the first error (a 500 instead of a 409 conflict)."""
    calls: list[int] = []
    await send(database, calls, key="taken", body={})
    async with database.sessionmaker() as reader:
        taken = await reader.scalar(select(IdempotencyRecord.id))

    with pytest.raises(IntegrityError):
        async with database.unit_of_work() as session:

            async def clashing() -> dict[str, Any]:
                await session.execute(insert(IdempotencyRecord).values(id=taken, **CLASHING_ROW))
                return {}

            await run_idempotent(
                session, scope="chat.send", owner_id=1, key="k", request_body={}, work=clashing
            )
    assert await send(database, calls, key="k", body={}) == {"message_id": "2"}


CLASHING_ROW = {
    "scope": "other",
    "owner_id": 1,
    "key": "other",
    "fingerprint": "",
    "result": {},
    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
}
