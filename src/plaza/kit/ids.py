"""Time-ordered 64-bit ids made in the app (Snowflake-style).

Layout, high bit first: 1 unused sign bit, 41 bits of milliseconds since
``EPOCH``, 10 bits of node id, 12 bits of per-millisecond sequence. Ids sort
by creation time and never collide between nodes with distinct node ids.
They travel to clients as strings (see ``kit.schemas.Id``) because JavaScript
numbers lose precision above 2**53.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import UTC, datetime

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
_EPOCH_MS = int(EPOCH.timestamp() * 1000)
NODE_BITS = 10
SEQUENCE_BITS = 12
MAX_NODE_ID = (1 << NODE_BITS) - 1
MAX_ID = 2**63 - 1
"""The largest id a BIGINT column holds. Ids from clients are checked against it before any
query (``kit.schemas.Id``, ``PathId``, cursors): the database driver would fail with a 500."""
_MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1


class IdGenerator:
    """Makes unique ids for one node; safe to share between threads."""

    def __init__(self, node_id: int) -> None:
        if not 0 <= node_id <= MAX_NODE_ID:
            raise ValueError(f"node_id must be within 0..{MAX_NODE_ID}")
        self.node_id = node_id
        self._lock = threading.Lock()
        self._last_ms = -1
        self._sequence = 0

    def next_id(self) -> int:
        with self._lock:
            now_ms = self._millis()
            if now_ms < self._last_ms:  # the wall clock stepped back: stay monotonic
                now_ms = self._last_ms
            if now_ms == self._last_ms:
                self._sequence = (self._sequence + 1) & _MAX_SEQUENCE
                if self._sequence == 0:
                    now_ms = self._wait_past(self._last_ms)
            else:
                self._sequence = 0
            self._last_ms = now_ms
            return (
                ((now_ms - _EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS))
                | (self.node_id << SEQUENCE_BITS)
                | self._sequence
            )

    @staticmethod
    def _millis() -> int:
        return time.time_ns() // 1_000_000

    def _wait_past(self, ms: int) -> int:
        now_ms = self._millis()
        while now_ms <= ms:
            time.sleep(0.0001)
            now_ms = self._millis()
        return now_ms


def created_at(snowflake: int) -> datetime:
    """When an id was made, to the millisecond."""
    ms = (snowflake >> (NODE_BITS + SEQUENCE_BITS)) + _EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


_generator = IdGenerator(secrets.randbelow(MAX_NODE_ID + 1))


def configure(node_id: int | None) -> None:
    """Fix this process's node id (``PLAZA_NODE_ID``); random when None."""
    global _generator
    if node_id is not None and node_id != _generator.node_id:
        _generator = IdGenerator(node_id)


def node_id() -> int:
    """This process's node id, the part of every id it makes that says who made it."""
    return _generator.node_id


def new_id() -> int:
    return _generator.next_id()
