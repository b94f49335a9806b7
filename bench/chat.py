"""Chat delivery benchmark: real `plaza serve`, real WebSockets, printed figures.

    .venv/bin/python bench/chat.py                       # embedded: SQLite + in-process broker
    .venv/bin/python bench/chat.py --scaled              # PostgreSQL + Redis (PLAZA_BENCH_* URLs)
    .venv/bin/python bench/chat.py --only group,direct   # some scenarios

Scenarios (targets from issue 3, on a 2-core machine, client included):
  group   20-member group, 20 sends in flight        >= 2,000 msg/s, end-to-end p99 <= 50 ms
  direct  unloaded 1:1, one send at a time           end-to-end p99 <= 20 ms
  fanout  one message to 500 members, all online     p99 over the 500 sockets <= 200 ms
  idle    10,000 idle WebSockets in one process      server RSS < 1 GiB

End-to-end latency runs from the start of the send call to the frame's arrival
on the receiver's socket. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers import LiveServer, plaza_serve, postgres_database

from bench.harness import (
    DEFAULT_POSTGRES,
    Account,
    describe,
    make_accounts,
    make_group,
    redis_url,
)
from plaza import migrate
from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.kit.db import Database


@dataclass
class Timings:
    sends: list[float] = field(default_factory=list)
    deliveries: list[float] = field(default_factory=list)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def make_direct(database: Database, a: Account, b: Account) -> int:
    async with database.unit_of_work() as session:
        await contacts.make_friends(session, a.id, b.id)
        return (await chat.open_direct(session, a.id, b.id)).id


async def open_socket(server: LiveServer, token: str) -> ClientConnection:
    ws = await connect(f"{server.ws_url}/ws", max_queue=None, ping_interval=None)
    await ws.send(json.dumps({"type": "auth", "token": token}))
    ready = json.loads(await ws.recv())
    assert ready["type"] == "ready", ready
    return ws


class Receivers:
    """Sockets that note when each message (by client_msg_id) reaches them."""

    def __init__(self, started: dict[str, float]) -> None:
        self.started = started
        self.timings = Timings()
        self.arrivals: dict[str, int] = {}
        self.tasks: list[asyncio.Task[None]] = []
        self.changed = asyncio.Event()

    def listen(self, ws: ClientConnection, owner: int) -> None:
        self.tasks.append(asyncio.create_task(self._read(ws, owner)))

    async def _read(self, ws: ClientConnection, owner: int) -> None:
        async for raw in ws:
            arrived = time.perf_counter()
            frame = json.loads(raw)
            if frame.get("type") != "message.new":
                continue
            message = frame["data"]["message"]
            key = message.get("client_msg_id")
            if key in self.started and int(message["sender_id"]) != owner:
                self.timings.deliveries.append(arrived - self.started[key])
                self.arrivals[key] = self.arrivals.get(key, 0) + 1
                self.changed.set()

    async def wait_for(self, key: str, count: int, within: float = 30) -> None:
        async with asyncio.timeout(within):
            while self.arrivals.get(key, 0) < count:
                self.changed.clear()
                await self.changed.wait()

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def timed_send(
    http: httpx.AsyncClient, sender: Account, conversation: int, key: str, started: dict[str, float]
) -> float:
    started[key] = time.perf_counter()
    response = await http.post(
        f"/v1/conversations/{conversation}/messages",
        headers={"Authorization": f"Bearer {sender.token}"},
        json={"client_msg_id": key, "kind": "text", "text": f"bench {key}"},
    )
    response.raise_for_status()
    return time.perf_counter() - started[key]


async def scenario_group(server: LiveServer, database: Database, seconds: float) -> list[str]:
    people = await make_accounts(database, 20, "20")
    group = await make_group(database, people[0], people[1:])
    started: dict[str, float] = {}
    receivers = Receivers(started)
    sockets = [await open_socket(server, p.token) for p in people]
    for person, ws in zip(people, sockets, strict=True):
        receivers.listen(ws, person.id)
    sent = 0
    limits = httpx.Limits(max_connections=40, max_keepalive_connections=40)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as http:
        deadline = time.perf_counter() + seconds
        begin = time.perf_counter()

        async def sender(person: Account, lane: int) -> None:
            nonlocal sent
            n = 0
            while time.perf_counter() < deadline:
                key = f"g{lane}-{n}"
                receivers.timings.sends.append(await timed_send(http, person, group, key, started))
                sent += 1
                n += 1

        await asyncio.gather(*(sender(p, lane) for lane, p in enumerate(people)))
        elapsed = time.perf_counter() - begin
    await asyncio.sleep(1)  # let the last frames land
    await receivers.close()
    for ws in sockets:
        await ws.close()
    expected = sent * 19
    return [
        f"group (20 members, 20 in flight, {seconds:.0f} s): {sent / elapsed:,.0f} messages/s, "
        f"{len(receivers.timings.deliveries) / elapsed:,.0f} deliveries/s "
        f"({len(receivers.timings.deliveries)}/{expected} delivered)",
        "  " + describe("send", receivers.timings.sends),
        "  " + describe("end-to-end", receivers.timings.deliveries),
    ]


async def scenario_direct(server: LiveServer, database: Database, count: int) -> list[str]:
    a, b = await make_accounts(database, 2, "11")
    direct = await make_direct(database, a, b)
    started: dict[str, float] = {}
    receivers = Receivers(started)
    ws = await open_socket(server, b.token)
    receivers.listen(ws, b.id)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        for n in range(count):
            key = f"d{n}"
            receivers.timings.sends.append(await timed_send(http, a, direct, key, started))
            await receivers.wait_for(key, 1)
    await receivers.close()
    await ws.close()
    return [
        f"direct (1:1, unloaded, {count} messages one at a time):",
        "  " + describe("send", receivers.timings.sends),
        "  " + describe("end-to-end", receivers.timings.deliveries),
    ]


async def scenario_fanout(server: LiveServer, database: Database, count: int) -> list[str]:
    people = await make_accounts(database, 500, "50")
    group = await make_group(database, people[0], people[1:])
    started: dict[str, float] = {}
    receivers = Receivers(started)
    sockets = [await open_socket(server, p.token) for p in people]
    for person, ws in zip(people, sockets, strict=True):
        receivers.listen(ws, person.id)
    last_socket: list[float] = []
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        for n in range(count):
            key = f"f{n}"
            receivers.timings.sends.append(await timed_send(http, people[0], group, key, started))
            await receivers.wait_for(key, 499)
            last_socket.append(time.perf_counter() - started[key])
    await receivers.close()
    for ws in sockets:
        await ws.close()
    return [
        f"fanout (500 members online, {count} messages one at a time):",
        "  " + describe("send", receivers.timings.sends),
        "  " + describe("end-to-end over all sockets", receivers.timings.deliveries),
        "  " + describe("until the last socket", last_socket),
    ]


async def scenario_idle(server: LiveServer, database: Database, pid: int, count: int) -> list[str]:
    accounts = await make_accounts(database, 100, "99")
    before = rss_mib(pid)
    sockets: list[ClientConnection] = []
    for batch in range(0, count, 200):
        sockets += await asyncio.gather(
            *(
                open_socket(server, accounts[n % len(accounts)].token)
                for n in range(batch, min(count, batch + 200))
            )
        )
    await asyncio.sleep(2)
    after = rss_mib(pid)
    for ws in sockets:
        await ws.close()
    return [
        f"idle ({len(sockets):,} WebSockets open): server RSS {after:,.0f} MiB "
        f"(was {before:,.0f} MiB before; {(after - before) * 1024 / len(sockets):.1f} KiB a socket)"
    ]


async def run(args: argparse.Namespace) -> None:
    async with AsyncExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="plaza-bench-"))
        if args.scaled:
            postgres = os.environ.get("PLAZA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
            database_url = await stack.enter_async_context(postgres_database(postgres))
            broker_url = redis_url()
        else:
            database_url, broker_url = f"sqlite+aiosqlite:///{workdir / 'bench.db'}", "memory://"
        await asyncio.to_thread(migrate.upgrade, database_url)
        database = Database(database_url)
        stack.push_async_callback(database.dispose)
        settings = {
            "PLAZA_ENV": "test",
            "PLAZA_DATABASE_URL": database_url,
            "PLAZA_BROKER_URL": broker_url,
            "PLAZA_MEDIA_DIR": str(workdir / "media"),
            "PLAZA_CHAT_SEND_LIMIT": "1000000",
            "PLAZA_LOG_LEVEL": "WARNING",
        }
        mode = "PostgreSQL + Redis" if args.scaled else "embedded (SQLite, in-process broker)"
        print(f"# {mode}; {os.cpu_count()} cores; client and server on this machine", flush=True)
        server = stack.enter_context(plaza_serve(workdir, settings))
        print(f"server RSS at start: {rss_mib(server.pid):,.0f} MiB", flush=True)
        scenarios: dict[str, Callable[[], Awaitable[list[str]]]] = {
            "direct": lambda: scenario_direct(server, database, args.direct_messages),
            "group": lambda: scenario_group(server, database, args.seconds),
            "fanout": lambda: scenario_fanout(server, database, args.fanout_messages),
            "idle": lambda: scenario_idle(server, database, server.pid, args.idle),
        }
        for name, scenario in scenarios.items():
            if name in args.only:
                print("\n".join(await scenario()), flush=True)
        print(f"server RSS at end: {rss_mib(server.pid):,.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scaled", action="store_true", help="PostgreSQL + Redis instead of SQLite"
    )
    parser.add_argument(
        "--only", default="direct,group,fanout,idle", help="comma-separated scenarios"
    )
    parser.add_argument("--seconds", type=float, default=10, help="length of the group scenario")
    parser.add_argument("--direct-messages", type=int, default=300)
    parser.add_argument("--fanout-messages", type=int, default=10)
    parser.add_argument("--idle", type=int, default=10_000, help="idle sockets to open")
    args = parser.parse_args()
    args.only = set(args.only.split(","))
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
