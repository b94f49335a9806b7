from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.idempotency import IdempotencyKeyReused, run_idempotent


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
