"""Media's background work, run by every `plaza serve` process (``kit.background``):
deleting uploads that nothing took into use within a day of being made (a photo picked
and never sent, a cover never saved), with their files."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.background import Job
from plaza.media import service
from plaza.media.storage import MediaStorage

UNUSED_UPLOADS_A_ROUND = 200


def unused_uploads_job(storage: MediaStorage) -> Job:
    async def sweep(session: AsyncSession) -> int:
        return await service.drop_unused_uploads(session, storage, limit=UNUSED_UPLOADS_A_ROUND)

    return Job(
        "media.unused_uploads_dropped", sweep, every_seconds=600, batch=UNUSED_UPLOADS_A_ROUND
    )
