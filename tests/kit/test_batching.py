"""The group-commit batcher: who is served together, in what order, and what each hears."""

from __future__ import annotations

import asyncio

import pytest

from plaza.kit.batching import Batcher


class Refused(Exception):
    pass


class Served:
    """A run that records each batch and answers each item with its double, refusing odd
    numbers one by one; ``gate`` holds a batch until the test lets it go."""

    def __init__(self) -> None:
        self.batches: list[tuple[str, list[int]]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def __call__(self, key: str, items: list[int]) -> list[int | Exception]:
        self.batches.append((key, items))
        await self.gate.wait()
        return [Refused(n) if n % 2 else n * 2 for n in items]


async def test_a_lone_item_is_served_at_once_in_a_batch_of_its_own() -> None:
    served = Served()
    batcher: Batcher[str, int, int] = Batcher(served)

    assert await batcher.submit("a", 4) == 8
    assert served.batches == [("a", [4])]


async def test_items_that_arrive_while_a_batch_runs_are_served_together_next() -> None:
    served = Served()
    served.gate.clear()
    batcher: Batcher[str, int, int] = Batcher(served)
    first = asyncio.create_task(batcher.submit("a", 2))
    await asyncio.sleep(0)  # the first batch starts, and waits at the gate
    waiting = [asyncio.create_task(batcher.submit("a", n)) for n in (4, 6, 8)]
    await asyncio.sleep(0)

    served.gate.set()

    assert await first == 4
    assert await asyncio.gather(*waiting) == [8, 12, 16]
    assert served.batches == [("a", [2]), ("a", [4, 6, 8])]


async def test_each_item_hears_its_own_refusal_and_the_others_their_results() -> None:
    batcher: Batcher[str, int, int] = Batcher(Served())

    answers = await asyncio.gather(
        *(batcher.submit("a", n) for n in (2, 3, 4)), return_exceptions=True
    )

    assert answers[0] == 4
    assert answers[2] == 8
    assert isinstance(answers[1], Refused)
    assert answers[1].args == (3,)


async def test_keys_are_batched_apart() -> None:
    served = Served()
    batcher: Batcher[str, int, int] = Batcher(served)

    await asyncio.gather(batcher.submit("a", 2), batcher.submit("b", 4), batcher.submit("a", 6))

    assert sorted(served.batches) == [("a", [2, 6]), ("b", [4])]


async def test_a_batch_that_fails_as_a_whole_fails_each_of_its_items() -> None:
    failures = [RuntimeError("the database went away")]

    async def failing_once(key: str, items: list[int]) -> list[int | Exception]:
        if failures:
            raise failures.pop()
        return [n * 2 for n in items]

    batcher: Batcher[str, int, int] = Batcher(failing_once)

    answers = await asyncio.gather(
        batcher.submit("a", 2), batcher.submit("a", 4), return_exceptions=True
    )

    assert [str(a) for a in answers] == ["the database went away"] * 2
    assert all(isinstance(a, RuntimeError) for a in answers)
    assert await batcher.submit("a", 2) == 4  # and it goes on serving


async def test_no_batch_grows_past_its_limit() -> None:
    served = Served()
    batcher: Batcher[str, int, int] = Batcher(served, max_batch=2)

    results = await asyncio.gather(*(batcher.submit("a", n) for n in (2, 4, 6, 8, 10)))

    assert results == [4, 8, 12, 16, 20]
    assert [items for _, items in served.batches] == [[2, 4], [6, 8], [10]]


async def test_a_caller_that_goes_away_does_not_stop_the_others() -> None:
    served = Served()
    served.gate.clear()
    batcher: Batcher[str, int, int] = Batcher(served)
    leaving = asyncio.create_task(batcher.submit("a", 2))
    staying = asyncio.create_task(batcher.submit("a", 4))
    await asyncio.sleep(0)

    leaving.cancel()
    served.gate.set()

    assert await staying == 8
    with pytest.raises(asyncio.CancelledError):
        await leaving
