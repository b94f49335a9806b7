"""All of realtime's SQL."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import insert_rows, upsert_statement
from plaza.realtime.models import Inbox, InboxEvent


async def advance_inboxes(session: AsyncSession, counts: Mapping[int, int]) -> dict[int, int]:
    """Take the next ``counts[account]`` sequence numbers of each account's inbox (creating
    it if new): the last number taken, by account.

    One upsert; rows are written, and so locked, in ascending account order, so
    concurrent fan-outs to overlapping accounts cannot deadlock.
    """
    insert = upsert_statement(session, Inbox)
    statement = insert.on_conflict_do_update(
        index_elements=[Inbox.account_id],
        set_={"last_seq": Inbox.last_seq + insert.excluded.last_seq},
    ).returning(Inbox.account_id, Inbox.last_seq)
    # One cached statement run over many rows (SQLAlchemy's "insertmanyvalues").
    rows = await session.execute(
        statement,
        [{"account_id": a, "last_seq": counts[a]} for a in sorted(counts)],
        execution_options={"synchronize_session": False},
    )
    return {account_id: seq for account_id, seq in rows.all()}


async def add_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await insert_rows(session, InboxEvent, rows)


async def get_last_seq(session: AsyncSession, account_id: int) -> int:
    return await session.scalar(select(Inbox.last_seq).where(Inbox.account_id == account_id)) or 0


async def list_events_after(
    session: AsyncSession, account_id: int, *, after_seq: int, limit: int
) -> Sequence[InboxEvent]:
    return (
        await session.scalars(
            select(InboxEvent)
            .where(InboxEvent.account_id == account_id, InboxEvent.seq > after_seq)
            .order_by(InboxEvent.seq)
            .limit(limit)
        )
    ).all()


async def rewrite_payloads(
    session: AsyncSession, subject_id: int, payload: dict[str, Any], *, types: Collection[str]
) -> None:
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.subject_id == subject_id, InboxEvent.type.in_(types))
        .values(payload=payload)
        .execution_options(synchronize_session=False)
    )


def event_row(
    account_id: int,
    seq: int,
    type_: str,
    subject_id: int | None,
    payload: dict[str, Any],
    at: datetime,
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "seq": seq,
        "type": type_,
        "subject_id": subject_id,
        "payload": payload,
        "created_at": at,
    }
