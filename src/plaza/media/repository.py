"""All of media's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.media.models import Upload


async def get_uploads(session: AsyncSession, upload_ids: Collection[int]) -> Sequence[Upload]:
    return (await session.scalars(select(Upload).where(Upload.id.in_(upload_ids)))).all()


async def lock_uploads(session: AsyncSession, upload_ids: Collection[int]) -> Sequence[Upload]:
    """These uploads, locked until the transaction ends (the unused-upload sweep skips
    them meanwhile, and one it is deleting is not found)."""
    return (
        await session.scalars(select(Upload).where(Upload.id.in_(upload_ids)).with_for_update())
    ).all()


async def lock_unused_uploads(
    session: AsyncSession, made_before: datetime, limit: int
) -> Sequence[Upload]:
    """Up to ``limit`` uploads never used and made before ``made_before``, locked (those
    another transaction holds are skipped), oldest first."""
    return (
        await session.scalars(
            select(Upload)
            .where(Upload.used_at.is_(None), Upload.created_at < made_before)
            .order_by(Upload.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def delete_uploads(session: AsyncSession, upload_ids: Collection[int]) -> None:
    await session.execute(delete(Upload).where(Upload.id.in_(upload_ids)))
