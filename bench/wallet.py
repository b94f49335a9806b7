"""Wallet benchmark: Plaza's transfer API against PostgreSQL's own pgbench, on the same
PostgreSQL, machine and concurrency. Figures are printed, never asserted.

    .venv/bin/python bench/wallet.py                              # everything, 8 and 32 clients
    .venv/bin/python bench/wallet.py --seconds 30 --concurrency 8,32,64
    .venv/bin/python bench/wallet.py --skip-pgbench --workers 2      # needs Redis too

pgbench   the built-in TPC-B-like script (`pgbench -i -s 8`, then `-c C -j 2 -T seconds -n`):
          five statements a transaction, three of them updates, on a database of its own.
transfers a real `plaza serve` (--workers N processes) on PostgreSQL; C clients each send transfers
          (POST /v1/wallet/transfers, real name and PIN checked, an Idempotency-Key each)
          between random people for the same time: transfers/s, latency, errors.
          Before them, the PIN checks alone: checks a second with every core checking
          and nothing else running, the most any API checking a PIN a transfer gets here.
          --in-process adds the same transfers made in this process, without HTTP or
          the PIN check, to show what those cost.
envelope  one lucky red envelope of 200.00 in a 500-member group, 500 shares, opened by
          all 500 members at once: time until every opener has its answer, and the
          server's and the clients' CPU an open.

Target: the API reaches at least 40% of pgbench's TPS at the same concurrency.
After each Plaza part the books are verified (wallet.service.verify).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers import LiveServer, plaza_serve, postgres_database
from tests.wallet.test_security import ID_NUMBER

from bench.harness import (
    DEFAULT_POSTGRES,
    Account,
    CpuMeter,
    describe,
    make_accounts,
    make_group,
    serve_options,
    server_settings,
)
from bench.loadgen import Answer, Pool
from plaza import flows, migrate
from plaza.config import DEV_SECRET_KEY, Settings
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.money import Money
from plaza.realtime.broker import MemoryBroker
from plaza.wallet import security
from plaza.wallet import service as wallet
from plaza.wallet.limits import SpendingRules

PGBENCH = "/usr/bin/pgbench"
PGBENCH_SCALE = 8
PIN = "246813"
START = Money(1_000_000, "CNY")  # 10,000.00 each: transfers of at most 1.00 never run out
LARGEST = 100  # 1.00, in fen
ENVELOPE_TOTAL = Money(20_000, START.currency)  # 200.00, the most an envelope may hold
SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]
GIVEN_NAMES = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yan", "Tao", "Hui"]


@dataclass(frozen=True)
class TransferFigures:
    per_second: dict[int, float]
    """The API's transfers/s by concurrency."""
    pin_checks_per_second: float
    """PIN checks a second on every core with nothing else to do: a ceiling for any
    transfer API that checks an argon2id PIN on each transfer, on this machine."""


@dataclass
class Load:
    """What the clients of one run saw."""

    clients: int
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    cpu: CpuMeter | None = None

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.elapsed


async def run_pgbench(*arguments: str) -> str:
    process = await asyncio.create_subprocess_exec(
        PGBENCH,
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"pgbench {' '.join(arguments)} failed:\n{output.decode()}")
    return output.decode()


async def pgbench_tps(
    base_url: str, concurrency: Sequence[int], seconds: float
) -> dict[int, float]:
    """TPS of pgbench's TPC-B-like transaction at each concurrency, on a database of its own."""
    found: dict[int, float] = {}
    async with postgres_database(base_url, name="plaza_bench_pgbench") as url:
        target = make_url(url)
        where = ["-h", str(target.host), "-p", str(target.port or 5432), "-U", str(target.username)]
        await run_pgbench("-i", "-q", "-s", str(PGBENCH_SCALE), *where, str(target.database))
        for clients in concurrency:
            output = await run_pgbench(
                *("-c", str(clients), "-j", "2", "-T", str(round(seconds)), "-n"),
                *where,
                str(target.database),
            )
            tps = re.search(r"^tps = ([0-9.]+)", output, re.MULTILINE)
            if tps is None:
                raise RuntimeError(f"no tps in pgbench's output:\n{output}")
            found[clients] = float(tps.group(1))
            print(f"pgbench tpcb-like, {clients} clients: {found[clients]:,.0f} TPS", flush=True)
    return found


def real_name(n: int) -> str:
    return f"{SURNAMES[n % len(SURNAMES)]} {GIVEN_NAMES[n // len(SURNAMES) % len(GIVEN_NAMES)]}"


async def make_ready_to_pay(database: Database, people: Sequence[Account]) -> None:
    """Give people a verified real name, a PIN and START each, straight in the database."""
    async with database.unit_of_work() as session:
        for n, person in enumerate(people):
            account = await identity.get_account(session, person.id)
            await security.verify_real_name(
                session,
                account,
                name=real_name(n),
                country="CN",
                id_number=ID_NUMBER,
                secret=DEV_SECRET_KEY,
            )
            await security.set_pin(
                session, account, pin=PIN, current_pin=None, secret=DEV_SECRET_KEY
            )
            await wallet.deposit(session, owner_id=person.id, amount=START)


def error_name(answer: Answer) -> str:
    return f"{answer.status} {answer.code()}".strip()


Send = Callable[[random.Random, str], Awaitable[str | None]]
"""One transfer between random people under this idempotency key: None when it was
made, else what went wrong."""


async def drive(clients: int, seconds: float, send: Send) -> Load:
    """``clients`` concurrent clients, each sending one transfer after another until the
    time is up."""
    load = Load(clients)
    begin = time.perf_counter()
    deadline = begin + seconds

    async def client(lane: int) -> None:
        rng, n = random.Random(lane), 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            error = await send(rng, f"bench-{clients}-{lane}-{n}")
            n += 1
            if error is None:
                load.latencies.append(time.perf_counter() - started)
            else:
                load.errors[error] += 1

    await asyncio.gather(*(client(lane) for lane in range(clients)))
    load.elapsed = time.perf_counter() - begin
    return load


def random_transfer(rng: random.Random, people: Sequence[Account]) -> tuple[Account, Account, int]:
    """Payer, payee and an amount in fen."""
    payer, payee = rng.sample(people, 2)
    return payer, payee, rng.randint(1, LARGEST)


async def api_load(
    server: LiveServer, people: Sequence[Account], clients: int, seconds: float
) -> Load:
    """Transfers through the API."""
    pool = Pool([server.url], clients)

    async def send(rng: random.Random, key: str) -> str | None:
        payer, payee, amount = random_transfer(rng, people)
        answer = await pool.request(
            "POST",
            "/v1/wallet/transfers",
            headers={"Authorization": f"Bearer {payer.token}", "Idempotency-Key": key},
            json_body={"to": str(payee.id), "amount": f"{amount / 100:.2f}", "pin": PIN},
        )
        return None if answer.status == 201 else error_name(answer)

    cpu = CpuMeter(server.pid)
    cpu.start()
    try:
        load = await drive(clients, seconds, send)
    finally:
        await pool.close()
    cpu.stop()
    load.cpu = cpu
    return load


async def in_process_load(
    database: Database, people: Sequence[Account], clients: int, seconds: float
) -> Load:
    """The same transfers straight through ``flows.send_transfer`` in this process, one
    transaction each: the database and ORM work without HTTP, the PIN check or the
    idempotency record; what the API would approach if those cost nothing."""
    rules = SpendingRules.from_settings(Settings(_env_file=None))
    broker = MemoryBroker()

    async def send(rng: random.Random, key: str) -> str | None:
        payer, payee, amount = random_transfer(rng, people)
        try:
            async with database.unit_of_work() as session:
                account = await identity.get_account(session, payer.id)
                await flows.send_transfer(
                    session,
                    broker,
                    account,
                    to=payee.id,
                    amount=Money(amount, START.currency),
                    memo="",
                    rules=rules,
                    conversation_id=None,
                )
        except PlazaError as error:
            return error.code
        return None

    return await drive(clients, seconds, send)


def report(what: str, load: Load) -> str:
    errors = ", ".join(f"{n} × {name}" for name, n in load.errors.most_common()) or "none"
    return (
        f"{what}, {load.clients} clients, {load.elapsed:.0f} s: "
        f"{load.per_second:,.1f} transfers/s\n"
        f"  {describe('latency', load.latencies)}\n  errors: {errors}"
        + (f"\n  {load.cpu.per(len(load.latencies), 'a transfer')}" if load.cpu else "")
    )


async def books(database: Database) -> str:
    async with database.sessionmaker() as session:
        found = await wallet.verify(session)
    listed = "".join(f"\n    {d.what}" for d in found[:10])
    return f"  books: {len(found)} invariant violations{listed}"


async def pin_check_cost(database: Database, person: Account) -> float:
    """Seconds one check of a stored PIN takes here, alone: every transfer pays it before
    anything else."""
    rounds = 10
    async with database.sessionmaker() as session:
        mine = await security.profile(session, person.id)
        began = time.perf_counter()
        for _ in range(rounds):
            await security.check_pin(session, mine, PIN, secret=DEV_SECRET_KEY)
    return (time.perf_counter() - began) / rounds


async def pin_checks_per_second(database: Database, person: Account, seconds: float) -> float:
    """PIN checks a second with a check on every core at all times and nothing else running
    (this process's PIN threads are as many as the cores)."""
    async with database.sessionmaker() as session:
        mine = await security.profile(session, person.id)
    at_once = 4 * (os.cpu_count() or 1)
    checked, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        await asyncio.gather(
            *(security.pin_matches(mine, PIN, secret=DEV_SECRET_KEY) for _ in range(at_once))
        )
        checked += at_once
    return checked / (time.perf_counter() - began)


async def transfers_part(
    database: Database, server: LiveServer, args: argparse.Namespace
) -> TransferFigures:
    """Plaza's transfer API at each concurrency, and the PIN checks' ceiling."""
    began = time.perf_counter()
    people = await make_accounts(database, args.people, "88")
    await make_ready_to_pay(database, people)
    print(
        f"{len(people):,} people with real names, PINs and {START} each "
        f"({time.perf_counter() - began:.1f} s)",
        flush=True,
    )
    cost = await pin_check_cost(database, people[0])
    print(f"one PIN check (argon2id), alone: {cost * 1000:.1f} ms", flush=True)
    ceiling = await pin_checks_per_second(database, people[0], min(args.seconds, 5))
    print(f"PIN checks alone, every core checking: {ceiling:,.0f}/s", flush=True)
    found: dict[int, float] = {}
    for clients in args.concurrency:
        load = await api_load(server, people, clients, args.seconds)
        found[clients] = load.per_second
        print(report(f"Plaza API, {args.workers} worker process(es)", load), flush=True)
        print(await books(database), flush=True)
    for clients in args.concurrency if args.in_process else []:
        load = await in_process_load(database, people, clients, args.seconds)
        print(report("in process, no HTTP or PIN", load), flush=True)
        print(await books(database), flush=True)
    return TransferFigures(found, ceiling)


async def envelope_part(database: Database, server: LiveServer, members: int) -> None:
    """A lucky envelope of the most it may hold, one share per member of a full
    group, opened by every member at once: how long until all of them have heard back."""
    people = await make_accounts(database, members, "50")
    sender = people[0]
    await make_ready_to_pay(database, [sender])
    group = await make_group(database, sender, people[1:])
    pool = Pool([server.url], members)
    try:
        sent = await pool.request(
            "POST",
            "/v1/wallet/envelopes",
            headers={"Authorization": f"Bearer {sender.token}", "Idempotency-Key": "bench"},
            json_body={
                "conversation_id": str(group),
                "kind": "lucky",
                "total": str(ENVELOPE_TOTAL.to_decimal()),
                "count": members,
                "pin": PIN,
            },
        )
        if sent.status != 201:
            print(f"envelope: sending failed: {sent.status} {sent.body!r}", flush=True)
            return
        envelope = sent.json()["id"]
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        shares = 0

        async def open_it(person: Account) -> None:
            nonlocal shares
            started = time.perf_counter()
            answer = await pool.request(
                "POST",
                f"/v1/wallet/envelopes/{envelope}/open",
                headers={"Authorization": f"Bearer {person.token}"},
            )
            if answer.status == 200:
                latencies.append(time.perf_counter() - started)
                shares += answer.json()["amount"]["amount"]
            else:
                errors[error_name(answer)] += 1

        cpu = CpuMeter(server.pid)
        began = time.perf_counter()
        cpu.start()
        await asyncio.gather(*(open_it(person) for person in people))
        settled = time.perf_counter() - began
        cpu.stop()
    finally:
        await pool.close()
    listed = ", ".join(f"{n} × {name}" for name, n in errors.most_common()) or "none"
    print(
        f"envelope: {members} shares of {ENVELOPE_TOTAL} opened by {members} "
        f"clients at once: all settled in {settled:.2f} s; {len(latencies)} opened "
        f"({Money(shares, START.currency)} paid out)\n"
        f"  {cpu.per(members, 'an open')}\n"
        f"  {describe('open', latencies)}\n  errors: {listed}\n{await books(database)}",
        flush=True,
    )


async def plaza_parts(
    base_url: str, args: argparse.Namespace, workdir: Path
) -> TransferFigures | None:
    """The Plaza parts on one database and one set of servers; the transfers' figures
    unless they were skipped."""
    async with AsyncExitStack() as stack:
        url = await stack.enter_async_context(
            postgres_database(base_url, name="plaza_bench_wallet")
        )
        await asyncio.to_thread(migrate.upgrade, url)
        database = Database(url)
        stack.push_async_callback(database.dispose)
        settings = server_settings(url, workdir, args.workers)
        server = stack.enter_context(
            plaza_serve(workdir, settings, options=serve_options(args.workers))
        )
        found = None if args.skip_transfers else await transfers_part(database, server, args)
        if not args.skip_envelope:
            await envelope_part(database, server, args.envelope_members)
    return found


async def describe_machine(base_url: str) -> str:
    database = Database(base_url)
    try:
        async with database.sessionmaker() as session:
            version = await session.scalar(text("SHOW server_version"))
    finally:
        await database.dispose()
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    return f"# {os.cpu_count()} cores, load average {load}; PostgreSQL {version}; client here too"


async def run(args: argparse.Namespace) -> None:
    base_url = os.environ.get("PLAZA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    print(await describe_machine(base_url), flush=True)
    pgbench = (
        {} if args.skip_pgbench else await pgbench_tps(base_url, args.concurrency, args.seconds)
    )
    workdir = Path(tempfile.mkdtemp(prefix="plaza-bench-"))
    plaza = await plaza_parts(base_url, args, workdir)
    if plaza is None:
        return
    for clients in args.concurrency:
        if clients in pgbench:
            transfers, ceiling = plaza.per_second[clients], plaza.pin_checks_per_second
            print(
                f"{clients} clients: Plaza {transfers:,.1f} transfers/s is "
                f"{transfers / pgbench[clients]:.1%} of pgbench's "
                f"{pgbench[clients]:,.0f} TPS (target ≥ 40%); the PIN checks alone "
                f"({ceiling:,.0f}/s) are {ceiling / pgbench[clients]:.1%} of it",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20, help="length of each timed run")
    parser.add_argument(
        "--concurrency", default="8,32", help="comma-separated numbers of concurrent clients"
    )
    parser.add_argument("--people", type=int, default=1000, help="people sending transfers")
    parser.add_argument(
        "--workers", type=int, default=1, help="`plaza serve --workers`; Redis when more than one"
    )
    parser.add_argument("--skip-pgbench", action="store_true")
    parser.add_argument("--skip-transfers", action="store_true")
    parser.add_argument("--skip-envelope", action="store_true")
    parser.add_argument(
        "--envelope-members", type=int, default=500, help="group size and shares (500 at most)"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="also time the transfer's database work alone, without HTTP or the PIN check",
    )
    args = parser.parse_args()
    args.concurrency = [int(n) for n in args.concurrency.split(",")]
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
