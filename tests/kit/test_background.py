"""Background loops stop between rounds: a round in progress is finished, a pause ends at
once, and only a loop that does not stop within the grace period is cancelled."""

from __future__ import annotations

import asyncio

import anyio

from plaza.kit.background import Stop, stop_all


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
