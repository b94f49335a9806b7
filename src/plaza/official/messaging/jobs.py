"""Official messaging's background work, run by every `plaza serve` process: posting
service broadcasts into the chats of followers the broadcasting request did not reach,
and telling them of subscription accounts' broadcasts.

Each round delivers one batch in one transaction; the delivery row is locked with
``SKIP LOCKED``, so several nodes can sweep at once without posting anything twice.
"""

from __future__ import annotations

import asyncio

import structlog

from plaza.config import Settings
from plaza.kit.background import Stop
from plaza.kit.db import Database
from plaza.official.messaging import service
from plaza.realtime.broker import Broker

IDLE_SECONDS = 2.0
"""The wait when there is nothing to deliver; while there is, batches follow at once."""

log = structlog.get_logger(__name__)


async def run_until_stopped(database: Database, broker: Broker, stop: Stop) -> None:
    while not stop.asked:
        reached = 0
        try:
            async with database.unit_of_work() as session:
                reached = await service.deliver_pending(session, broker)
            if reached:
                log.info("official.broadcast_delivered", count=reached)
        except Exception:
            log.exception("official.delivery_failed")
        if not reached:
            await stop.pause(IDLE_SECONDS)


def start(
    database: Database, broker: Broker, settings: Settings, stop: Stop
) -> list[asyncio.Task[None]]:
    """The sweep's task (none when ``settings.background_jobs`` is off), until ``stop``."""
    if not settings.background_jobs:
        return []
    return [asyncio.create_task(run_until_stopped(database, broker, stop))]
