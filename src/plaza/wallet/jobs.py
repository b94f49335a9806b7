"""The wallet's background work: sending unaccepted transfers back after 24 hours."""

from __future__ import annotations

import asyncio

import structlog

from plaza.kit.db import Database
from plaza.realtime.broker import Broker
from plaza.wallet import transfers

SWEEP_EVERY_SECONDS = 60
log = structlog.get_logger(__name__)


async def return_expired_transfers_forever(database: Database, broker: Broker) -> None:
    """Runs in every `plaza serve` process; nodes skip each other's locked rows."""
    while True:
        try:
            async with database.unit_of_work() as session:
                returned = await transfers.return_expired(session, broker)
            if returned:
                log.info("wallet.transfers_returned", count=returned)
        except Exception:
            log.exception("wallet.sweep_failed")
        await asyncio.sleep(SWEEP_EVERY_SECONDS)
