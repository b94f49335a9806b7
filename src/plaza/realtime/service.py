"""Events for accounts: numbered in each account's inbox in the sender's
transaction, pushed to the account's sockets after commit, and read back by
``sync`` from any cursor."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.realtime import repository
from plaza.realtime.broker import Broker
from plaza.realtime.models import InboxEvent


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    """Such as ``message.new``; docs/subsystems/realtime.md lists them."""
    data: dict[str, Any]
    """JSON-ready payload."""
    subject_id: int | None = None
    """The object the event is about, so a later ``redact`` can rewrite it."""


@dataclass(frozen=True, slots=True)
class SyncPage:
    events: Sequence[InboxEvent]
    cursor: int
    has_more: bool


@dataclass(slots=True)
class _Outbox:
    frames: list[tuple[str, str]] = field(default_factory=list)


def topic_for(account_id: int) -> str:
    return f"user:{account_id}"


def frame(seq: int | None, type_: str, data: dict[str, Any]) -> str:
    """The JSON text a socket receives for one event (seq is None for ephemeral ones)."""
    return json.dumps({"type": type_, "seq": seq, "data": data}, separators=(",", ":"))


_OUTBOX_KEY = "plaza.realtime.outbox"


def _outbox(session: AsyncSession, broker: Broker) -> _Outbox:
    """One publish per transaction, after it commits, however many events it emitted."""
    outbox: _Outbox | None = session.info.get(_OUTBOX_KEY)
    if outbox is None:
        outbox = session.info[_OUTBOX_KEY] = _Outbox()
        frames = outbox.frames

        async def publish() -> None:
            await broker.publish(frames)

        after_commit(session, publish)
    return outbox


async def emit(
    session: AsyncSession, broker: Broker, recipients: Collection[int], event: Event
) -> None:
    """Record ``event`` in each recipient's inbox and push it once the transaction commits."""
    await emit_many(session, broker, [(recipients, event)])


async def emit_many(
    session: AsyncSession, broker: Broker, deliveries: Sequence[tuple[Collection[int], Event]]
) -> None:
    """``emit`` for several events, in order, in two statements in all (a batch of
    transfers, each with its own event for its two sides)."""
    counts = Counter(account for recipients, _ in deliveries for account in set(recipients))
    if not counts:
        return
    last = await repository.advance_inboxes(session, counts)
    next_seq = {account: seq - counts[account] + 1 for account, seq in last.items()}
    now = clock.now()
    rows, frames = [], []
    for recipients, event in deliveries:
        for account in sorted(set(recipients)):
            seq = next_seq[account]
            next_seq[account] += 1
            rows.append(
                repository.event_row(account, seq, event.type, event.subject_id, event.data, now)
            )
            frames.append((topic_for(account), frame(seq, event.type, event.data)))
    await repository.add_events(session, rows)
    _outbox(session, broker).frames.extend(frames)


async def signal(
    broker: Broker, recipients: Collection[int], type_: str, data: dict[str, Any]
) -> None:
    """Push an ephemeral event (typing) now; it is not recorded and not replayed."""
    await broker.publish([(topic_for(account), frame(None, type_, data)) for account in recipients])


SESSION_REVOKED = "session.revoked"


def disconnect_after_commit(
    session: AsyncSession, broker: Broker, account_id: int, device_ids: list[int] | None
) -> None:
    """Once the sign-out commits, close the sockets of these devices (None: every device)
    on whichever node holds them; each first receives a ``session.revoked`` frame."""
    data = {"device_ids": None if device_ids is None else [str(d) for d in device_ids]}

    async def publish() -> None:
        await broker.publish([(topic_for(account_id), frame(None, SESSION_REVOKED, data))])

    after_commit(session, publish)


async def redact(
    session: AsyncSession, subject_id: int, data: dict[str, Any], *, types: Collection[str]
) -> None:
    """Replace the payload of recorded events about ``subject_id`` (a recalled message)."""
    await repository.rewrite_payloads(session, subject_id, data, types=types)


async def current_cursor(session: AsyncSession, account_id: int) -> int:
    return await repository.get_last_seq(session, account_id)


async def sync(session: AsyncSession, account_id: int, *, cursor: int, limit: int) -> SyncPage:
    """Events after ``cursor``, oldest first: one indexed range scan, whatever was missed."""
    rows = await repository.list_events_after(
        session, account_id, after_seq=cursor, limit=limit + 1
    )
    events = rows[:limit]
    return SyncPage(
        events=events,
        cursor=events[-1].seq if events else cursor,
        has_more=len(rows) > limit,
    )
