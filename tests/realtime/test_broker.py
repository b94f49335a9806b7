"""Both brokers: a node hears the topics it subscribed to, and only those."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest

from plaza.realtime.broker import Broker, MemoryBroker, RedisBroker, broker_for
from tests.conftest import redis_url_or_skip


class Heard:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.arrived = asyncio.Event()

    async def __call__(self, topic: str, message: str) -> None:
        self.messages.append((topic, message))
        self.arrived.set()

    async def wait_for(self, count: int) -> list[tuple[str, str]]:
        async with asyncio.timeout(5):
            while len(self.messages) < count:
                self.arrived.clear()
                await self.arrived.wait()
        return self.messages


def make_broker(kind: str) -> Broker:
    if kind == "memory":
        return MemoryBroker()
    return RedisBroker(redis_url_or_skip(), prefix=f"test:{secrets.token_hex(4)}:")


@pytest.fixture(params=["memory", "redis"])
async def broker(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Broker, Heard]]:
    made, heard = make_broker(request.param), Heard()
    await made.start(heard)
    yield made, heard
    await made.close()


async def test_subscribed_topics_are_heard_in_order(broker: tuple[Broker, Heard]) -> None:
    made, heard = broker
    await made.subscribe("user:1")
    await made.publish([("user:1", "a"), ("user:2", "not mine"), ("user:1", "b")])
    assert await heard.wait_for(2) == [("user:1", "a"), ("user:1", "b")]


async def test_unsubscribed_topics_go_quiet(broker: tuple[Broker, Heard]) -> None:
    made, heard = broker
    await made.subscribe("user:1")
    await made.unsubscribe("user:1")
    await made.subscribe("user:9")
    await made.publish([("user:1", "gone"), ("user:9", "marker")])
    assert await heard.wait_for(1) == [("user:9", "marker")]


async def test_redis_nodes_hear_each_other() -> None:
    url, prefix = redis_url_or_skip(), f"test:{secrets.token_hex(4)}:"
    node_a, node_b = RedisBroker(url, prefix=prefix), RedisBroker(url, prefix=prefix)
    heard_a, heard_b = Heard(), Heard()
    await node_a.start(heard_a)
    await node_b.start(heard_b)
    try:
        await node_b.subscribe("user:7")
        await node_a.publish([("user:7", "from a")])
        assert await heard_b.wait_for(1) == [("user:7", "from a")]
        assert heard_a.messages == []
    finally:
        await node_a.close()
        await node_b.close()


def test_broker_urls() -> None:
    assert isinstance(broker_for("memory://"), MemoryBroker)
    with pytest.raises(ValueError, match="unknown broker"):
        broker_for("kafka://x")
