"""The bank side's scheduled sweeps, registered in ``plaza.wallet.jobs``."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.realtime.broker import Broker
from plaza.wallet.bank import reconcile, sandbox


async def settle_sandbox(session: AsyncSession, broker: Broker, settings: Settings) -> int:
    """Settle the sandbox bank's due requests; how many."""
    if not sandbox.WAKEUPS.time_to_look():
        return 0
    return await sandbox.settle_due(session, broker, settings)


async def reconcile_overdue(session: AsyncSession, broker: Broker, settings: Settings) -> int:
    """Settle orders the bank never called back about; how many."""
    report = await reconcile.reconcile(session, broker, settings)
    return len(report.settled)
