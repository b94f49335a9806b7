"""Moments' background work, run by every `plaza serve` process (``kit.background``):
deleting statuses that lapsed, with their photos, so that a status's photo is gone a
little after its 24 hours as well as when it is replaced or cleared."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.background import Job
from plaza.media.storage import MediaStorage
from plaza.moments import service

LAPSED_STATUSES_A_ROUND = 500


def lapsed_statuses_job(storage: MediaStorage) -> Job:
    async def sweep(session: AsyncSession) -> int:
        return await service.drop_lapsed_statuses(session, storage, limit=LAPSED_STATUSES_A_ROUND)

    return Job("moments.statuses_dropped", sweep, every_seconds=300, batch=LAPSED_STATUSES_A_ROUND)
