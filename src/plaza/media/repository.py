"""All of media's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.media.models import Upload


async def get_upload_or_none(session: AsyncSession, upload_id: int) -> Upload | None:
    return await session.get(Upload, upload_id)


async def get_uploads(session: AsyncSession, upload_ids: Collection[int]) -> Sequence[Upload]:
    return (await session.scalars(select(Upload).where(Upload.id.in_(upload_ids)))).all()
