"""Background loops that stop between rounds, never in the middle of one.

The jobs every `plaza serve` process runs (wallet and housekeeping sweeps, broadcast
delivery, webhooks) each loop over rounds of database work. At shutdown they are asked
to stop: a loop finishes the round it is in and returns, and one that is pausing returns
at once. A sweep on a schedule is a :class:`Job`, run by :func:`start_jobs`.

They are not cancelled first because cancelling a task inside a database call is not
safe with every driver: with aiosqlite 0.22, SQLAlchemy closes the interrupted
connection and that close can wait forever, so shutdown hung (a test run did, waiting on
the cancelled sandbox-bank sweep). Cancelling stays the last resort, for a round still
running after :data:`GRACE_SECONDS`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import Database

log = structlog.get_logger(__name__)

GRACE_SECONDS = 10.0
"""How long the loops may take to finish their rounds at shutdown before being cancelled."""


class Stop:
    """Asks a process's background loops to stop; each checks :attr:`asked` between
    rounds and pauses with :meth:`pause`."""

    def __init__(self) -> None:
        self._asked = asyncio.Event()

    @property
    def asked(self) -> bool:
        return self._asked.is_set()

    def ask(self) -> None:
        self._asked.set()

    async def pause(self, seconds: float, *, wake: asyncio.Event | None = None) -> None:
        """Wait ``seconds``, or less: until a stop is asked, or ``wake`` is set."""
        waits = [asyncio.ensure_future(self._asked.wait())]
        if wake is not None:
            waits.append(asyncio.ensure_future(wake.wait()))
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()


async def stop_all(
    stop: Stop, tasks: Collection[asyncio.Task[None]], *, grace: float = GRACE_SECONDS
) -> None:
    """Ask the loops to stop and wait for them; cancel those still running after
    ``grace`` seconds, waiting for them as long again at most."""
    if not tasks:
        return
    stop.ask()
    _, running = await asyncio.wait(tasks, timeout=grace)
    if not running:
        return
    log.warning("background.cancelled", count=len(running))
    for task in running:
        task.cancel()
    _, stuck = await asyncio.wait(running, timeout=grace)
    if stuck:
        log.error("background.stuck", count=len(stuck))


Sweep = Callable[[AsyncSession], Awaitable[int]]
"""One round of a job in the transaction it is given: how many things it did. It locks
the rows it takes with ``SKIP LOCKED``, so that several nodes can sweep at once."""


@dataclass(frozen=True, slots=True)
class Job:
    event: str
    """Logged with the count whenever a round did something."""
    sweep: Sweep
    every_seconds: float
    """The pause after a round, unless the round did a whole ``batch``."""
    batch: int | None = None
    """A round that did at least this many things did all it may at once, and more may be
    waiting: the next round follows without a pause. None: every round pauses."""


async def run_until_stopped(database: Database, job: Job, stop: Stop) -> None:
    """The job's rounds, each in a transaction of its own, until ``stop``; a failed round
    is logged and the next one comes on schedule."""
    while not stop.asked:
        done = 0
        try:
            async with database.unit_of_work() as session:
                done = await job.sweep(session)
            if done:
                log.info(job.event, count=done)
        except Exception:
            log.exception("background.sweep_failed", job=job.event)
        if job.batch is None or done < job.batch:
            await stop.pause(job.every_seconds)


def start_jobs(database: Database, jobs: Iterable[Job], stop: Stop) -> list[asyncio.Task[None]]:
    """A task for each job, until ``stop``."""
    return [asyncio.create_task(run_until_stopped(database, job, stop)) for job in jobs]
