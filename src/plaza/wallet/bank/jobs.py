"""The bank side's scheduled sweeps, registered in ``plaza.wallet.jobs``.

Sweeps run outside any request and are handed only a session and the broker, so they
read this process's settings from the environment, as ``plaza serve`` does.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.realtime.broker import Broker
from plaza.wallet.bank import reconcile, sandbox


@cache
def process_settings() -> Settings:
    return Settings()


async def settle_sandbox(session: AsyncSession, broker: Broker) -> int:
    """Settle the sandbox bank's due requests; how many."""
    if not sandbox.WAKEUPS.time_to_look():
        return 0
    return await sandbox.settle_due(session, broker, process_settings())


async def reconcile_overdue(session: AsyncSession, broker: Broker) -> int:
    """Settle orders the bank never called back about; how many."""
    report = await reconcile.reconcile(session, broker, process_settings())
    return len(report.settled)
