"""What the benchmarks share: accounts and groups made straight in the database (the
sign-in API is rate-limited and slow on purpose) and latency figures."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.realtime.broker import MemoryBroker

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
"""The local PostgreSQL (trust auth); PLAZA_BENCH_POSTGRES_URL points elsewhere."""
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
"""The local Redis; PLAZA_BENCH_REDIS_URL points elsewhere."""


def redis_url() -> str:
    return os.environ.get("PLAZA_BENCH_REDIS_URL", DEFAULT_REDIS)


def server_settings(database_url: str, workdir: Path, workers: int) -> dict[str, str]:
    """A quiet `plaza serve` on this database; with several workers also on Redis (the
    broker and the rate limits), which `plaza serve --workers` requires."""
    settings = {
        "PLAZA_ENV": "test",
        "PLAZA_DATABASE_URL": database_url,
        "PLAZA_MEDIA_DIR": str(workdir / "media"),
        "PLAZA_NODE_ID": "1",
        "PLAZA_LOG_LEVEL": "WARNING",
    }
    if workers > 1:
        settings |= {"PLAZA_BROKER_URL": redis_url(), "PLAZA_REDIS_URL": redis_url()}
    return settings


def serve_options(workers: int) -> list[str]:
    return ["--workers", str(workers)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a server has used so far, with its workers' (Linux)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def postgres_cpu_seconds() -> float:
    """CPU time every PostgreSQL process on this machine has used so far (Linux; the
    benchmark's database server is local, and its backends come and go with connections,
    so this counts the processes alive now: compare readings taken while they live)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().split(") ", 1)
        except OSError:
            continue  # the process ended meanwhile
        if name.endswith("(postgres"):
            fields = rest.split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuMeter:
    """CPU used between ``start`` and ``stop`` by the server (with its workers), the local
    PostgreSQL and this process (the clients)."""

    server_pid: int
    server: float = 0.0
    postgres: float = 0.0
    clients: float = 0.0

    def start(self) -> None:
        self.server = -cpu_seconds(self.server_pid)
        self.postgres = -postgres_cpu_seconds()
        self.clients = -time.process_time()

    def stop(self) -> None:
        self.server += cpu_seconds(self.server_pid)
        self.postgres += postgres_cpu_seconds()
        self.clients += time.process_time()

    def per(self, count: int, what: str) -> str:
        def ms(seconds: float) -> str:
            return f"{seconds / max(count, 1) * 1000:.1f} ms"

        return (
            f"CPU {what}: server {ms(self.server)} (every process), "
            f"PostgreSQL {ms(self.postgres)}, clients {ms(self.clients)}"
        )


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
