"""All of media's SQL."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.media.models import Upload


async def get_upload_or_none(session: AsyncSession, upload_id: int) -> Upload | None:
    return await session.get(Upload, upload_id)
