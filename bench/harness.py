"""What the benchmarks share: accounts and groups made straight in the database (the
sign-in API is rate-limited and slow on purpose) and latency figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.realtime.broker import MemoryBroker

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
"""The local PostgreSQL (trust auth); PLAZA_BENCH_POSTGRES_URL points elsewhere."""


@dataclass
class Account:
    id: int
    token: str


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def describe(name: str, values: Sequence[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name}: p50 {percentile(ms, 0.5):.1f} ms, p99 {percentile(ms, 0.99):.1f} ms, "
        f"max {max(ms, default=float('nan')):.1f} ms (n={len(ms)})"
    )


async def make_accounts(database: Database, count: int, prefix: str) -> list[Account]:
    accounts = []
    async with database.unit_of_work() as session:
        for n in range(count):
            account = await identity.create_account(
                session, phone=f"+4915{prefix}{n:06d}", display_name=f"{prefix}-{n}"
            )
            _, token = await identity.open_device_session(session, account, "bench")
            accounts.append(Account(account.id, token))
    return accounts


async def make_group(database: Database, owner: Account, members: Sequence[Account]) -> int:
    async with database.unit_of_work() as session:
        for member in members:
            await contacts.make_friends(session, owner.id, member.id)
        group = await chat.create_group(
            session, MemoryBroker(), owner.id, name="bench", member_ids=[m.id for m in members]
        )
        return group.id
