"""Several worker processes behind one port: ``plaza serve --workers N``.

uvicorn's supervisor starts the workers, pings them, replaces one that dies or hangs,
and on SIGHUP replaces them one by one. Each worker still needs a node id of its own
(``kit/ids``), or two of them could make the same id in the same millisecond. The
supervisor therefore leaves the workers a directory of *node slots*, one lock file per
node id: a worker claims the lowest slot no other process holds and keeps its lock for
as long as it lives. The operating system releases the lock when the worker exits,
however it exits, so a replacement finds the slot free. There are twice as many slots
as workers: room for the replacement a rolling restart (SIGHUP) starts before it stops
the worker it replaces, and for the workers SIGTTIN adds, up to twice the number
started with.

Workers share nothing in memory, so everything that must hold across them goes through
PostgreSQL and Redis: :func:`problems` refuses a configuration that would break a
promise with more than one worker.
"""

from __future__ import annotations

import fcntl
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from plaza.config import Environment, Settings, SmsGatewayKind
from plaza.kit.ids import MAX_NODE_ID

SLOTS_VARIABLE = "PLAZA_WORKER_SLOTS"
"""How the supervisor hands its workers the slots (``directory:first:count``); it is not
a setting, and an operator never sets it."""

_held: list[IO[str]] = []
"""The claimed slot's lock file, open for the life of the process."""


class NoFreeSlot(RuntimeError):
    pass


@dataclass(frozen=True)
class NodeSlots:
    directory: Path
    first: int
    count: int

    @property
    def node_ids(self) -> range:
        return range(self.first, self.first + self.count)

    def encode(self) -> str:
        return f"{self.directory}:{self.first}:{self.count}"

    @classmethod
    def decode(cls, value: str) -> NodeSlots:
        directory, first, count = value.rsplit(":", 2)
        return cls(Path(directory), int(first), int(count))


def slot_count(workers: int) -> int:
    return 2 * workers


def problems(settings: Settings, workers: int) -> list[str]:
    """Why this configuration cannot run ``workers`` processes; empty when it can."""
    if workers < 2:
        return []
    found = []
    if not settings.database_url.startswith("postgresql"):
        found.append("several workers need PostgreSQL (PLAZA_DATABASE_URL): SQLite is one writer")
    if settings.broker_url.startswith("memory:"):
        found.append(
            "several workers need a shared broker (PLAZA_BROKER_URL=redis://...) so that "
            "a message reaches sockets held by another worker"
        )
    if settings.redis_url is None:
        found.append(
            "several workers need shared rate limits (PLAZA_REDIS_URL=redis://...), "
            "or each would allow the full limit"
        )
    first = settings.node_id or 0
    if first + slot_count(workers) - 1 > MAX_NODE_ID:
        found.append(
            f"PLAZA_NODE_ID {first} leaves no room for {workers} workers: their node ids "
            f"run from it to {first + slot_count(workers) - 1} (at most {MAX_NODE_ID})"
        )
    return found


def warnings(settings: Settings, workers: int) -> list[str]:
    """What works differently with several workers, without breaking a promise."""
    shared_outbox = settings.env is Environment.DEV and settings.sms_gateway is SmsGatewayKind.DEV
    if workers < 2 or not shared_outbox:
        return []
    return [
        "each worker keeps its own dev outbox: /dev/outbox shows the codes of the worker "
        "that answers it; the log below shows every code"
    ]


def plan(settings: Settings, workers: int, directory: Path) -> NodeSlots:
    """The slots for ``workers`` processes: from PLAZA_NODE_ID, or from a random id."""
    count = slot_count(workers)
    if settings.node_id is not None:
        first = settings.node_id
    else:
        first = secrets.randbelow(MAX_NODE_ID + 2 - count)
    return NodeSlots(directory, first, count)


def claim(slots: NodeSlots) -> int:
    """Take the lowest free slot for this process; its node id."""
    for node_id in slots.node_ids:
        handle = (slots.directory / f"node-{node_id}.lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _held.append(handle)
        return node_id
    raise NoFreeSlot(f"every node id in {slots.node_ids} is held by another worker")


def node_id_for(settings: Settings) -> int | None:
    """This process's node id: a slot's when a supervisor started it, else the setting."""
    encoded = os.environ.get(SLOTS_VARIABLE)
    if encoded is None:
        return settings.node_id
    return claim(NodeSlots.decode(encoded))
