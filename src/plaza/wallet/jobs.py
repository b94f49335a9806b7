"""The wallet's background work, run by every `plaza serve` process (``kit.background``).

Each sweep does one batch of due work in one transaction and says how much it did:
sending unaccepted transfers back after 24 hours, and whatever else the wallet owes
on a schedule. Sweeps lock the rows they take with ``SKIP LOCKED``, so several nodes
can sweep at once without doing anything twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.kit.background import Job, Sweep
from plaza.realtime.broker import Broker
from plaza.wallet import transfers
from plaza.wallet.bank import jobs as bank_jobs
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.merchants import service as shops


def jobs_for(settings: Settings, broker: Broker) -> tuple[Job, ...]:
    def with_broker(sweep: Callable[[AsyncSession, Broker], Awaitable[int]]) -> Sweep:
        async def run(session: AsyncSession) -> int:
            return await sweep(session, broker)

        return run

    def with_settings(sweep: Callable[[AsyncSession, Broker, Settings], Awaitable[int]]) -> Sweep:
        async def run(session: AsyncSession) -> int:
            return await sweep(session, broker, settings)

        return run

    return (
        Job("wallet.transfers_returned", with_broker(transfers.return_expired), every_seconds=60),
        Job("wallet.envelopes_returned", with_broker(envelopes.return_expired), every_seconds=60),
        Job(
            "wallet.sandbox_bank_settled",
            with_settings(bank_jobs.settle_sandbox),
            every_seconds=1,
        ),
        Job(
            "wallet.bank_orders_reconciled",
            with_settings(bank_jobs.reconcile_overdue),
            every_seconds=60,
        ),
        Job("wallet.payments_lapsed", with_broker(shops.lapse_unconfirmed), every_seconds=30),
    )
