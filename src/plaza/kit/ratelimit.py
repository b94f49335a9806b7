"""Sliding-window rate limits: in-process for one node, Redis-backed for many.

A request is checked against every rule it falls under (say, per phone and per
IP) and counted against all of them only when all allow it, so a refused
request leaves no trace. Times come from ``kit.clock`` so tests can move them.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Protocol, cast

from fastapi import Depends, Request
from redis.asyncio import Redis

from plaza.kit import clock
from plaza.kit.errors import RateLimited


@dataclass(frozen=True, slots=True)
class Rule:
    key: str
    limit: int
    window: timedelta


class RateLimiter(Protocol):
    async def hit(self, *rules: Rule) -> None:
        """Count one event against every rule, or raise ``RateLimited`` and count none."""

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._events: dict[str, deque[float]] = {}
        self._lock = asyncio.Lock()

    async def hit(self, *rules: Rule) -> None:
        now = clock.now().timestamp()
        async with self._lock:
            waits: list[float] = []
            for rule in rules:
                events = self._events.setdefault(rule.key, deque())
                horizon = now - rule.window.total_seconds()
                while events and events[0] <= horizon:
                    events.popleft()
                if len(events) >= rule.limit:
                    waits.append(events[0] - horizon)
            if waits:
                raise RateLimited(max(waits))
            for rule in rules:
                self._events[rule.key].append(now)

    async def close(self) -> None:
        self._events.clear()


# KEYS: one sorted set per rule. ARGV: now, member, then limit and window (s) per rule.
# Returns 0 when counted, else the seconds until the tightest rule frees a slot.
_SLIDING_WINDOW_LUA = """
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    wait = math.max(wait, oldest + window - now)
  end
end
if wait > 0 then return tostring(wait) end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('EXPIRE', key, math.ceil(tonumber(ARGV[2 + 2 * i])))
end
return '0'
"""


class RedisRateLimiter:
    """The same rules shared by every node through one Redis."""

    def __init__(self, url: str, *, prefix: str = "plaza:ratelimit:") -> None:
        self._redis: Redis = Redis.from_url(url)
        self._prefix = prefix
        self._script = self._redis.register_script(_SLIDING_WINDOW_LUA)

    async def hit(self, *rules: Rule) -> None:
        now = clock.now().timestamp()
        args: list[str | float | int] = [now, f"{now}:{secrets.token_hex(6)}"]
        for rule in rules:
            args += [rule.limit, rule.window.total_seconds()]
        keys = [self._prefix + rule.key for rule in rules]
        wait = float(cast(bytes, await self._script(keys=keys, args=args)))
        if wait > 0:
            raise RateLimited(wait)

    async def close(self) -> None:
        await self._redis.aclose()


def rate_limiter_for(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()


async def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


Limiter = Annotated[RateLimiter, Depends(get_rate_limiter)]
