"""The idempotency store: a retried request returns the first request's result.

Money movements and message sends take a client key (``Idempotency-Key``
header or ``client_msg_id``). ``run_idempotent`` records the key in the same
transaction as the work, so the key and its effect commit together or not at
all. The same key with a different request body is a 409.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.dml import ReturningInsert

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


@dataclass(frozen=True, slots=True)
class Claim:
    """A request's key, its owner and its body's fingerprint, to be claimed in ``scope``."""

    scope: str
    owner_id: int
    key: str
    fingerprint: str
    record_id: int = field(default_factory=new_id)


def _claim_row(claim: Claim, now: datetime) -> dict[str, Any]:
    return {
        "id": claim.record_id,
        "scope": claim.scope,
        "owner_id": claim.owner_id,
        "key": claim.key,
        "fingerprint": claim.fingerprint,
        "result": {},
        "created_at": now,
    }


def _claim_statement(session: AsyncSession) -> ReturningInsert[int]:
    return (
        upsert_statement(session, IdempotencyRecord)
        .on_conflict_do_nothing(index_elements=_KEY_COLUMNS)
        .returning(IdempotencyRecord.id)
    )


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
    claim = Claim(scope, owner_id, key, fingerprint(request_body))
    claimed = await session.scalar(_claim_statement(session).values(_claim_row(claim, clock.now())))
    if claimed is None:
        return await _first_result(session, scope, owner_id, key, claim.fingerprint)
    try:
        result = await work()
    except PlazaError as error:
        # An error that keeps its changes (a counted wrong PIN) commits them; the key
        # must not be committed with them, or a retry would replay an empty result. Any
        # other error rolls the claim back with everything else.
        if error.keeps_changes:
            await release(session, [claim])
        raise
    await store_results(session, [(claim, result)])
    return result


async def claim_many(session: AsyncSession, claims: Sequence[Claim]) -> set[int]:
    """Claim several keys at once (a batch of requests served together): the record ids of
    those claimed, in one statement. A key already taken, or twice in ``claims``, is not
    claimed (its later twin is left out); the caller serves such requests with
    ``run_idempotent``, which returns the first result. Keys are claimed in one order
    everywhere, so that two batches waiting on each other's keys cannot deadlock."""
    if not claims:
        return set()
    now = clock.now()
    rows, seen = [], set()
    for claim in sorted(claims, key=lambda c: (c.scope, c.owner_id, c.key)):
        if (claim.scope, claim.owner_id, claim.key) not in seen:
            seen.add((claim.scope, claim.owner_id, claim.key))
            rows.append(_claim_row(claim, now))
    ids = await session.scalars(
        _claim_statement(session), rows, execution_options={"synchronize_session": False}
    )
    return set(ids.all())


async def store_results(
    session: AsyncSession, done: Sequence[tuple[Claim, dict[str, Any]]]
) -> None:
    """Record the results of claimed keys' work, for their retries."""
    if done:
        await session.execute(  # SQLAlchemy's UPDATE by primary key, many rows in one
            update(IdempotencyRecord),
            [{"id": claim.record_id, "result": result} for claim, result in done],
        )


async def release(session: AsyncSession, claims: Sequence[Claim]) -> None:
    """Give claimed keys back: their work did not happen after all."""
    if claims:
        await session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.id.in_([claim.record_id for claim in claims])
            )
        )


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
