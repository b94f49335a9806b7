"""Background loops stop between rounds: a round in progress is finished, a pause ends at
once, and only a loop that does not stop within the grace period is cancelled."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import anyio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.background import Job, Stop, start_jobs, stop_all
from plaza.kit.db import Database


async def test_a_round_in_progress_is_finished_before_the_loop_stops() -> None:
    stop = Stop()
    in_round, release = asyncio.Event(), asyncio.Event()
    rounds: list[str] = []

    async def loop() -> None:
        while not stop.asked:
            in_round.set()
            await release.wait()
            rounds.append("finished")
            await stop.pause(60)

    task = asyncio.create_task(loop())
    await in_round.wait()
    stopping = asyncio.create_task(stop_all(stop, [task], grace=30))
    await asyncio.sleep(0.05)
    assert stop.asked
    assert not task.done()  # still in its round: nobody interrupted it

    release.set()
    with anyio.fail_after(5):
        await stopping
    assert rounds == ["finished"]
    assert task.done()
    assert not task.cancelled()


async def test_a_pausing_loop_stops_at_once() -> None:
    stop = Stop()
    pausing = asyncio.Event()

    async def loop() -> None:
        while not stop.asked:
            pausing.set()
            await stop.pause(3600)

    task = asyncio.create_task(loop())
    await pausing.wait()
    with anyio.fail_after(5):  # not the hour of its pause
        await stop_all(stop, [task], grace=30)
    assert task.done()
    assert not task.cancelled()


async def test_a_wake_ends_a_pause_and_a_stop_is_not_asked() -> None:
    stop, wake = Stop(), asyncio.Event()
    pause = asyncio.create_task(stop.pause(3600, wake=wake))
    await asyncio.sleep(0.01)
    assert not pause.done()
    wake.set()
    with anyio.fail_after(5):
        await pause
    assert not stop.asked


async def test_a_loop_that_does_not_stop_is_cancelled_after_the_grace_period() -> None:
    stop = Stop()

    async def deaf() -> None:
        while True:
            await asyncio.sleep(0.01)

    task = asyncio.create_task(deaf())
    with anyio.fail_after(5):
        await stop_all(stop, [task], grace=0.2)
    assert task.cancelled()


async def test_a_job_follows_a_full_round_at_once_and_outlives_a_failed_one(
    tmp_path: Path,
) -> None:
    """Rounds that did their whole batch come back to back; one that failed (or did less)
    waits for the schedule, and the job goes on after it."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}")
    results: list[int | Exception] = [3, 3, RuntimeError("round failed"), 1]
    started: list[float] = []
    fourth = asyncio.Event()

    async def sweep(session: AsyncSession) -> int:
        assert (await session.scalar(text("SELECT 1"))) == 1  # a real transaction
        started.append(time.monotonic())
        if len(started) == 4:
            fourth.set()
        result = results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    stop = Stop()
    tasks = start_jobs(database, [Job("test.swept", sweep, every_seconds=1.0, batch=3)], stop)
    try:
        with anyio.fail_after(10):
            await fourth.wait()
    finally:
        await stop_all(stop, tasks, grace=5)  # the fourth round's pause ends at once
        await database.dispose()
    assert results == []
    gaps = [later - earlier for earlier, later in itertools.pairwise(started)]
    assert gaps[0] < 0.9
    assert gaps[1] < 0.9
    assert gaps[2] >= 1.0
