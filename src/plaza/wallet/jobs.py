"""The wallet's background work, run by every `plaza serve` process.

Each sweep does one batch of due work in one transaction and says how much it did:
sending unaccepted transfers back after 24 hours, and whatever else the wallet owes
on a schedule. Sweeps lock the rows they take with ``SKIP LOCKED``, so several nodes
can sweep at once without doing anything twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.kit.background import Stop
from plaza.kit.db import Database
from plaza.realtime.broker import Broker
from plaza.wallet import transfers
from plaza.wallet.bank import jobs as bank_jobs
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.merchants import service as shops

log = structlog.get_logger(__name__)

Sweep = Callable[[AsyncSession, Broker], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class Job:
    event: str
    """Logged with the count whenever the sweep did something."""
    sweep: Sweep
    every_seconds: float


def jobs_for(settings: Settings) -> tuple[Job, ...]:
    def with_settings(sweep: Callable[[AsyncSession, Broker, Settings], Awaitable[int]]) -> Sweep:
        async def run(session: AsyncSession, broker: Broker) -> int:
            return await sweep(session, broker, settings)

        return run

    return (
        Job("wallet.transfers_returned", transfers.return_expired, every_seconds=60),
        Job("wallet.envelopes_returned", envelopes.return_expired, every_seconds=60),
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
        Job("wallet.payments_lapsed", shops.lapse_unconfirmed, every_seconds=30),
    )


async def run_until_stopped(database: Database, broker: Broker, job: Job, stop: Stop) -> None:
    while not stop.asked:
        try:
            async with database.unit_of_work() as session:
                done = await job.sweep(session, broker)
            if done:
                log.info(job.event, count=done)
        except Exception:
            log.exception("wallet.sweep_failed", job=job.event)
        await stop.pause(job.every_seconds)


def start(
    database: Database, broker: Broker, settings: Settings, stop: Stop
) -> list[asyncio.Task[None]]:
    """One task per job (none when ``settings.background_jobs`` is off), until ``stop``."""
    if not settings.background_jobs:
        return []
    return [
        asyncio.create_task(run_until_stopped(database, broker, job, stop))
        for job in jobs_for(settings)
    ]
