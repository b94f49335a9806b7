"""Official messaging's background work, run by every `plaza serve` process
(``kit.background``): posting service broadcasts into the chats of followers the
broadcasting request did not reach, and telling them of subscription accounts' broadcasts.

Each round delivers one batch in one transaction; the delivery row is locked with
``SKIP LOCKED``, so several nodes can sweep at once without posting anything twice.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.background import Job
from plaza.official.messaging import service
from plaza.realtime.broker import Broker

IDLE_SECONDS = 2.0
"""The wait when there is nothing to deliver; while there is, batches follow at once."""


def delivery_job(broker: Broker) -> Job:
    async def sweep(session: AsyncSession) -> int:
        return await service.deliver_pending(session, broker)

    # A round that reached anyone delivered a batch, and another may be waiting.
    return Job("official.broadcast_delivered", sweep, every_seconds=IDLE_SECONDS, batch=1)
