"""The broker carries events between nodes: a node subscribes to the topics of the
accounts whose sockets it holds, and any node publishes to any topic.

``MemoryBroker`` is the embedded default (one process); ``RedisBroker`` uses Redis
pub/sub so that several ``plaza serve`` processes deliver to each other's sockets.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Protocol

import structlog
from fastapi import Depends, Request
from redis.asyncio import Redis
from redis.asyncio.client import PubSub

MessageHandler = Callable[[str, str], Awaitable[None]]
"""Called with (topic, message) for every message on a subscribed topic."""

log = structlog.get_logger(__name__)
SUBSCRIBE_CONFIRM_TRIES = 200  # x 5 ms: a second for Redis to register a subscription


class Broker(Protocol):
    async def start(self, handler: MessageHandler) -> None: ...
    async def publish(self, messages: Sequence[tuple[str, str]]) -> None:
        """Send each (topic, message); subscribers anywhere receive them in this order."""

    async def subscribe(self, topic: str) -> None: ...
    async def unsubscribe(self, topic: str) -> None: ...
    async def close(self) -> None: ...


class MemoryBroker:
    def __init__(self) -> None:
        self._topics: set[str] = set()
        self._handler: MessageHandler | None = None

    async def start(self, handler: MessageHandler) -> None:
        self._handler = handler

    async def publish(self, messages: Sequence[tuple[str, str]]) -> None:
        if self._handler is None:
            return
        for topic, message in messages:
            if topic in self._topics:
                await self._handler(topic, message)

    async def subscribe(self, topic: str) -> None:
        self._topics.add(topic)

    async def unsubscribe(self, topic: str) -> None:
        self._topics.discard(topic)

    async def close(self) -> None:
        self._topics.clear()


class RedisBroker:
    """Redis pub/sub, one subscriber connection per node; topics are prefixed."""

    def __init__(self, url: str, *, prefix: str = "plaza:") -> None:
        self._redis: Redis = Redis.from_url(url)
        self._prefix = prefix
        self._pubsub: PubSub = self._redis.pubsub(ignore_subscribe_messages=True)
        self._reader: asyncio.Task[None] | None = None
        self._handler: MessageHandler | None = None

    async def start(self, handler: MessageHandler) -> None:
        self._handler = handler
        # A channel of our own keeps the subscriber connection open between users.
        await self._pubsub.subscribe(f"{self._prefix}node:{id(self)}")
        self._reader = asyncio.create_task(self._read(), name="redis-broker-reader")

    async def _read(self) -> None:
        assert self._handler is not None
        skip = len(self._prefix)
        while True:
            try:
                message = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("broker.read_failed")
                await asyncio.sleep(0.5)
                continue
            if message is None or message["type"] != "message":
                continue
            channel = message["channel"].decode()[skip:]
            try:
                await self._handler(channel, message["data"].decode())
            except Exception:
                log.exception("broker.handler_failed", topic=channel)

    async def publish(self, messages: Sequence[tuple[str, str]]) -> None:
        if not messages:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for topic, message in messages:
                pipe.publish(self._prefix + topic, message)
            await pipe.execute()

    async def subscribe(self, topic: str) -> None:
        """Returns once Redis counts the subscription, so nothing published after it is missed."""
        channel = self._prefix + topic
        await self._pubsub.subscribe(channel)
        for _ in range(SUBSCRIBE_CONFIRM_TRIES):
            [(_, subscribers)] = await self._redis.pubsub_numsub(channel)
            if subscribers:
                return
            await asyncio.sleep(0.005)
        log.warning("broker.subscribe_unconfirmed", topic=topic)

    async def unsubscribe(self, topic: str) -> None:
        await self._pubsub.unsubscribe(self._prefix + topic)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._redis.aclose()


def broker_for(url: str) -> Broker:
    """``memory://`` (the default) or ``redis://host:port/db``."""
    if url.startswith(("redis://", "rediss://")):
        return RedisBroker(url)
    if url.startswith("memory:"):
        return MemoryBroker()
    raise ValueError(f"unknown broker URL {url!r}: use memory:// or redis://...")


async def get_broker(request: Request) -> Broker:
    broker: Broker = request.app.state.broker
    return broker


AppBroker = Annotated[Broker, Depends(get_broker)]
