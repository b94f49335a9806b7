"""All of the red envelopes' SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from plaza.kit.db import insert_rows
from plaza.wallet.envelopes.models import Envelope, Share


async def add_envelope(
    session: AsyncSession, envelope: Envelope, shares: list[dict[str, Any]]
) -> None:
    session.add(envelope)
    await session.flush()
    await insert_rows(session, Share, shares)


async def get_envelope_or_none(session: AsyncSession, envelope_id: int) -> Envelope | None:
    return await session.get(Envelope, envelope_id)


async def get_share_of_or_none(
    session: AsyncSession, envelope_id: int, opener_id: int
) -> Share | None:
    return await session.scalar(
        select(Share).where(Share.envelope_id == envelope_id, Share.opener_id == opener_id)
    )


async def claim_unopened_share(
    session: AsyncSession, envelope_id: int, opener_id: int, at: datetime, *, skip_locked: bool
) -> Share | None:
    """Give one share nobody has opened to ``opener_id``, in one statement, or None when
    none is left. With ``skip_locked``, shares other openers hold right now are skipped
    rather than waited for, so concurrent openers each get a different one; without, it
    waits for them and takes a share whose opener rolled back. (On SQLite, where writers
    take turns, the inner select takes no lock either way.) Raises ``IntegrityError``
    when the opener already has a share of this envelope: the unique (envelope, opener)."""
    unopened = (
        select(Share.id)
        .where(Share.envelope_id == envelope_id, Share.opener_id.is_(None))
        .limit(1)
        .with_for_update(skip_locked=skip_locked)
        .scalar_subquery()
    )
    return await session.scalar(
        update(Share)
        .where(Share.id == unopened)
        .values(opener_id=opener_id, opened_at=at)
        .returning(Share)
        .execution_options(synchronize_session=False)
    )


async def claim_unopened_shares(
    session: AsyncSession, envelope_id: int, opener_ids: Sequence[int], at: datetime
) -> list[Share]:
    """``claim_unopened_share`` with ``skip_locked`` for several openers at once, in two
    statements: shares nobody has opened and no other opener holds, the first to the first
    opener and so on, as many as there are (fewer openers get one when fewer are free).
    Raises ``IntegrityError`` when one of the openers has a share of this envelope."""
    if not opener_ids:
        return []
    shares = list(
        await session.scalars(
            select(Share)
            .where(Share.envelope_id == envelope_id, Share.opener_id.is_(None))
            .limit(len(opener_ids))
            .with_for_update(skip_locked=True)
        )
    )
    claims = list(zip(shares, opener_ids, strict=False))
    if claims:
        connection = await session.connection()  # Core: one statement run over all claims
        await connection.execute(
            update(Share)
            .where(Share.id == bindparam("share_id"))
            .values(opener_id=bindparam("opener"), opened_at=at),
            [{"share_id": share.id, "opener": opener} for share, opener in claims],
        )
    for share, opener in claims:  # what the UPDATE wrote, without making the rows dirty
        set_committed_value(share, "opener_id", opener)
        set_committed_value(share, "opened_at", at)
    return shares


async def openers_among(
    session: AsyncSession, envelope_id: int, account_ids: Collection[int]
) -> set[int]:
    """Which of these people have a share of the envelope."""
    return set(
        await session.scalars(
            select(Share.opener_id).where(
                Share.envelope_id == envelope_id, Share.opener_id.in_(account_ids)
            )
        )
    )


async def count_unopened(session: AsyncSession, envelope_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Share)
        .where(Share.envelope_id == envelope_id, Share.opener_id.is_(None))
    )
    return int(count or 0)


async def list_opened(session: AsyncSession, envelope_id: int) -> Sequence[Share]:
    """The opened shares, first opened first."""
    return (
        await session.scalars(
            select(Share)
            .where(Share.envelope_id == envelope_id, Share.opener_id.is_not(None))
            .order_by(Share.opened_at, Share.id)
        )
    ).all()


async def list_hold_account_ids(session: AsyncSession, envelope_id: int) -> list[int]:
    return list(
        await session.scalars(
            select(Share.hold_account_id).where(Share.envelope_id == envelope_id).distinct()
        )
    )


async def lock_due_envelopes(
    session: AsyncSession, *, due: datetime, limit: int
) -> Sequence[Envelope]:
    """Unsettled envelopes that expired by ``due``, oldest first; rows another worker has
    locked are skipped."""
    return (
        await session.scalars(
            select(Envelope)
            .where(Envelope.settled_at.is_(None), Envelope.expires_at <= due)
            .order_by(Envelope.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
