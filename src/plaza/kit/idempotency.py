"""The idempotency store: a retried request returns the first request's result.

Money movements and message sends take a client key (``Idempotency-Key``
header or ``client_msg_id``). ``run_idempotent`` records the key in the same
transaction as the work, so the key and its effect commit together or not at
all. The same key with a different request body is a 409.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit import clock
from plaza.kit.db import Base, upsert_statement
from plaza.kit.errors import PlazaError
from plaza.kit.ids import new_id

MAX_KEY_LENGTH = 64  # as Stripe's Idempotency-Key; long enough for a UUID with a prefix
_KEY_COLUMNS = ("scope", "owner_id", "key")


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint(*_KEY_COLUMNS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[int]
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    fingerprint: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class IdempotencyKeyReused(PlazaError):
    status = 409
    code = "idempotency.key_reused"
    title = "This idempotency key was used for a different request"


class IdempotencyKeyInFlight(PlazaError):
    status = 409
    code = "idempotency.in_flight"
    title = "A request with this idempotency key is still being processed; retry shortly"


def fingerprint(request_body: Any) -> str:
    """A stable digest of a request's meaningful content."""
    canonical = json.dumps(request_body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def run_idempotent(
    session: AsyncSession,
    *,
    scope: str,
    owner_id: int,
    key: str,
    request_body: Any,
    work: Callable[[], Awaitable[dict[str, Any]]],
) -> dict[str, Any]:
    """Run ``work`` once per (scope, owner, key); later calls get its stored result.

    The key is claimed before the work, with one INSERT that does nothing when the key is
    taken. A twin sent while the first request still works waits on the unique index
    until the first commits (then it gets the first's result) or rolls back (then it
    does the work itself).
    """
    digest = fingerprint(request_body)
    record_id = new_id()
    claimed = await session.scalar(
        upsert_statement(session, IdempotencyRecord)
        .values(
            id=record_id,
            scope=scope,
            owner_id=owner_id,
            key=key,
            fingerprint=digest,
            result={},
            created_at=clock.now(),
        )
        .on_conflict_do_nothing(index_elements=_KEY_COLUMNS)
        .returning(IdempotencyRecord.id)
    )
    if claimed is None:
        return await _first_result(session, scope, owner_id, key, digest)
    try:
        result = await work()
    except PlazaError as error:
        # An error that keeps its changes (a counted wrong PIN) commits them; the key
        # must not be committed with them, or a retry would replay an empty result. Any
        # other error rolls the claim back with everything else.
        if error.keeps_changes:
            await session.execute(
                delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id)
            )
        raise
    await session.execute(
        update(IdempotencyRecord).where(IdempotencyRecord.id == record_id).values(result=result)
    )
    return result


async def _first_result(
    session: AsyncSession, scope: str, owner_id: int, key: str, digest: str
) -> dict[str, Any]:
    first = (
        await session.execute(
            select(IdempotencyRecord.fingerprint, IdempotencyRecord.result).where(
                IdempotencyRecord.scope == scope,
                IdempotencyRecord.owner_id == owner_id,
                IdempotencyRecord.key == key,
            )
        )
    ).one_or_none()
    if first is None:  # the first request's claim is gone: it failed after all
        raise IdempotencyKeyInFlight(field="idempotency_key")
    if first.fingerprint != digest:
        raise IdempotencyKeyReused(field="idempotency_key")
    result: dict[str, Any] = first.result
    return result
