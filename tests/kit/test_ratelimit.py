"""The rate limiter, in-process and on a real Redis, against a movable clock."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from plaza.kit.clock import ManualClock
from plaza.kit.errors import RateLimited
from plaza.kit.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter, Rule
from tests.conftest import redis_url_or_skip


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest) -> AsyncIterator[RateLimiter]:
    made: RateLimiter
    if request.param == "memory":
        made = MemoryRateLimiter()
    else:
        made = RedisRateLimiter(redis_url_or_skip(), prefix=f"test:{secrets.token_hex(4)}:")
    yield made
    await made.close()


HOUR = timedelta(hours=1)


async def test_allows_up_to_the_limit_then_refuses_with_retry_after(
    limiter: RateLimiter, clock: ManualClock
) -> None:
    rule = Rule("phone:1", 3, HOUR)
    for _ in range(3):
        await limiter.hit(rule)
        clock.advance(timedelta(minutes=10))
    with pytest.raises(RateLimited) as refused:
        await limiter.hit(rule)
    assert refused.value.retry_after == 30 * 60
    assert refused.value.headers["Retry-After"] == "1800"


async def test_window_slides(limiter: RateLimiter, clock: ManualClock) -> None:
    rule = Rule("phone:2", 2, HOUR)
    await limiter.hit(rule)
    clock.advance(timedelta(minutes=30))
    await limiter.hit(rule)
    clock.advance(timedelta(minutes=30, seconds=1))
    await limiter.hit(rule)  # the first hit has left the window
    with pytest.raises(RateLimited):
        await limiter.hit(rule)


async def test_a_refused_hit_counts_against_no_rule(
    limiter: RateLimiter, clock: ManualClock
) -> None:
    phone, ip = Rule("phone:3", 1, HOUR), Rule("ip:3", 5, HOUR)
    await limiter.hit(phone, ip)
    for _ in range(3):
        with pytest.raises(RateLimited):
            await limiter.hit(phone, ip)
    # Had the refused hits counted against the IP, this would leave it one hit, not four.
    for n in range(4):
        await limiter.hit(Rule(f"phone:other{n}", 1, HOUR), ip)
    with pytest.raises(RateLimited):
        await limiter.hit(Rule("phone:other-last", 1, HOUR), ip)


async def test_keys_are_independent(limiter: RateLimiter, clock: ManualClock) -> None:
    await limiter.hit(Rule("a", 1, HOUR))
    await limiter.hit(Rule("b", 1, HOUR))
    with pytest.raises(RateLimited):
        await limiter.hit(Rule("a", 1, HOUR))


async def test_two_redis_limiters_share_one_budget(clock: ManualClock) -> None:
    url = redis_url_or_skip()
    prefix = f"test:{secrets.token_hex(4)}:"
    node_a, node_b = RedisRateLimiter(url, prefix=prefix), RedisRateLimiter(url, prefix=prefix)
    try:
        rule = Rule("shared", 2, HOUR)
        await node_a.hit(rule)
        await node_b.hit(rule)
        with pytest.raises(RateLimited):
            await node_a.hit(rule)
    finally:
        await node_a.close()
        await node_b.close()
