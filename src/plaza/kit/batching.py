"""Group commit: requests for the same thing that arrive together are served by one
transaction instead of one each.

``Batcher.submit(key, item)`` queues the item under its key and waits for its result. The
first item of a key starts a runner; items that arrive while a batch of theirs is being
served wait and form the next batch, so under load each transaction serves everyone who
came during the last one, and a lone request is served at once, without any delay added
to collect company. One batch of a key runs at a time in a process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Item = TypeVar("Item")
Result = TypeVar("Result")

Run = Callable[[Key, list[Item]], Awaitable[Sequence[Result | Exception]]]
"""Serves one batch: a result, or the error to raise, for each item in order."""

MAX_BATCH = 256
"""Items served by one run at most, so that no transaction grows without end."""


class Batcher(Generic[Key, Item, Result]):
    """Serves submitted items in batches by key with ``run``; one per process and purpose
    (``flows.envelope_openers``), kept on ``app.state``."""

    def __init__(self, run: Run[Key, Item, Result], *, max_batch: int = MAX_BATCH) -> None:
        self._run = run
        self._max_batch = max_batch
        self._waiting: dict[Key, list[tuple[Item, asyncio.Future[Result]]]] = {}
        self._runners: dict[Key, asyncio.Task[None]] = {}

    async def submit(self, key: Key, item: Item) -> Result:
        """The item's result once its batch has been served, or its batch's error."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, []).append((item, future))
        if key not in self._runners:
            self._runners[key] = asyncio.create_task(self._serve(key))
        return await future

    async def _serve(self, key: Key) -> None:
        batch: list[tuple[Item, asyncio.Future[Result]]] = []
        try:
            while waiting := self._waiting.get(key):
                batch, rest = waiting[: self._max_batch], waiting[self._max_batch :]
                if rest:
                    self._waiting[key] = rest
                else:
                    del self._waiting[key]
                await self._serve_batch(key, batch)
        except BaseException:  # cancelled, as at shutdown: nobody is left waiting forever
            for _, future in [*batch, *self._waiting.pop(key, [])]:
                future.cancel()
            raise
        finally:
            del self._runners[key]

    async def _serve_batch(
        self, key: Key, batch: list[tuple[Item, asyncio.Future[Result]]]
    ) -> None:
        try:
            results = await self._run(key, [item for item, _ in batch])
        except Exception as error:  # the whole batch failed: everyone hears why
            results = [error] * len(batch)
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():  # its request went away (the client hung up)
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)
