"""The WebSocket gateway: the sockets this node holds, by account.

A socket's account is subscribed on the broker while at least one of its
sockets is here; each event for it is queued to every such socket. A socket
that cannot keep up (its queue is full) is closed: its device catches up with
``GET /v1/sync`` when it reconnects, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import structlog
from fastapi import WebSocket

from plaza.realtime.broker import Broker
from plaza.realtime.service import SESSION_REVOKED, topic_for

SEND_QUEUE_LIMIT = 1000  # frames waiting for one slow socket before it is dropped
CLOSE_POLICY_VIOLATION = 1008
CLOSE_TRY_AGAIN_LATER = 1013

log = structlog.get_logger(__name__)


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    account_id: int
    device_id: int
    queue: asyncio.Queue[str] = field(
        default_factory=lambda: asyncio.Queue(maxsize=SEND_QUEUE_LIMIT)
    )

    def push(self, text: str) -> bool:
        """Queue a frame; False when the socket is too far behind to keep."""
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            return False
        return True

    async def write_loop(self) -> None:
        while True:
            text = await self.queue.get()
            await self.websocket.send_text(text)


FrameHandler = Callable[[Connection, dict[str, Any]], Awaitable[None]]
"""Handles one client frame of a registered type (``{"type": ..., ...}``)."""


class Gateway:
    def __init__(self, broker: Broker) -> None:
        self.broker = broker
        self.connections: dict[int, set[Connection]] = {}
        self.frame_handlers: dict[str, FrameHandler] = {}
        self._membership_lock = asyncio.Lock()

    async def start(self) -> None:
        await self.broker.start(self.deliver)

    def handle_frames(self, frame_type: str, handler: FrameHandler) -> None:
        """Let a domain answer client frames of ``frame_type`` (chat: ``typing``)."""
        self.frame_handlers[frame_type] = handler

    async def connect(self, connection: Connection) -> None:
        async with self._membership_lock:
            sockets = self.connections.setdefault(connection.account_id, set())
            if not sockets:
                await self.broker.subscribe(topic_for(connection.account_id))
            sockets.add(connection)

    async def disconnect(self, connection: Connection) -> None:
        async with self._membership_lock:
            sockets = self.connections.get(connection.account_id)
            if sockets is None:
                return
            sockets.discard(connection)
            if not sockets:
                del self.connections[connection.account_id]
                await self.broker.unsubscribe(topic_for(connection.account_id))

    async def deliver(self, topic: str, message: str) -> None:
        account_id = int(topic.removeprefix("user:"))
        revoked = _revoked_devices(message)
        for connection in list(self.connections.get(account_id, ())):
            if revoked is not None and (not revoked or str(connection.device_id) in revoked):
                await _close_revoked(connection, message)
                continue
            if not connection.push(message):
                log.warning("gateway.slow_socket_dropped", account_id=account_id)
                with contextlib.suppress(Exception):
                    await connection.websocket.close(CLOSE_TRY_AGAIN_LATER, "too far behind")


_REVOKED_PREFIX = '{"type":"' + SESSION_REVOKED + '"'


def _revoked_devices(message: str) -> set[str] | None:
    """The device ids a ``session.revoked`` frame names (empty: all), or None for any
    other frame. Only that rare frame is parsed; the rest pass through as text."""
    if not message.startswith(_REVOKED_PREFIX):
        return None
    device_ids = json.loads(message)["data"]["device_ids"]
    return set() if device_ids is None else set(device_ids)


async def _close_revoked(connection: Connection, message: str) -> None:
    with contextlib.suppress(Exception):
        await connection.websocket.send_text(message)
        await connection.websocket.close(CLOSE_POLICY_VIOLATION, "auth.token_revoked")
