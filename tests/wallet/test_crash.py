"""`kill -9` in the middle of a stream of transfers through a real `plaza serve` on
PostgreSQL, then a restart on the same database: every transfer the server acknowledged
is there exactly once, every key retried gives one transfer, and not a cent is lost.

A transfer is one transaction (idempotency key, postings, balances, transfer row), so a
crash may only lose transfers that were never acknowledged; those a retry makes fresh.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy import func, select, text

from plaza.kit.db import Database
from plaza.kit.idempotency import IdempotencyRecord
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.models import JournalEntry, LedgerAccount, Posting, Transfer
from tests.conftest import Person, create_person_in, fresh_postgres_database
from tests.servers import LiveServer, plaza_serve
from tests.wallet.test_security import ID_NUMBER
from tests.wallet.test_transfers import PIN

NAMES = [
    "Zhang Wei", "Wang Fang", "Li Na", "Liu Yang", "Chen Jing", "Yang Lei", "Huang Min",
    "Zhao Jun", "Wu Xia", "Zhou Tao", "Xu Li", "Sun Hao", "Ma Lin", "Zhu Yan", "Hu Bin",
    "Guo Mei", "He Qiang", "Lin Hui", "Luo Ping", "Gao Yu",
]  # fmt: skip
CLIENTS = 8
START = 100_000  # 1,000.00 each: more than a person can send before the kill, so no
# transfer (first try or retry) is ever refused for want of money
LARGEST = 500  # 5.00
ACKNOWLEDGED_BEFORE_KILL = 40
TIMEOUT = httpx.Timeout(60)  # argon2 PIN checks queue on a busy 2-core machine


@dataclass(frozen=True)
class Payment:
    key: str
    payer: Person
    body: dict[str, str]


@dataclass
class Stream:
    """What the clients saw: every key sent, and the transfers the server acknowledged."""

    sent: list[Payment] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)
    """Idempotency key -> transfer id."""
    accepted: set[str] = field(default_factory=set)
    unexpected: list[str] = field(default_factory=list)
    enough: asyncio.Event = field(default_factory=asyncio.Event)


@pytest.fixture
async def database_url(migrated_postgres_template: str | None) -> AsyncIterator[str]:
    if migrated_postgres_template is None:
        pytest.skip("PLAZA_TEST_POSTGRES_URL is not set: a crash test needs a real PostgreSQL")
    async with fresh_postgres_database(migrated_postgres_template) as url:
        yield url


def server_settings(database_url: str, workdir: Path) -> dict[str, str]:
    return {
        "PLAZA_ENV": "test",
        "PLAZA_DATABASE_URL": database_url,
        "PLAZA_MEDIA_DIR": str(workdir / "media"),
        "PLAZA_LOG_LEVEL": "WARNING",
    }


async def ready_to_pay_on(http: httpx.AsyncClient, database: Database, name: str) -> Person:
    """A person with a real name and a PIN (through the live server) and START in money."""
    person = await create_person_in(database, name)
    verified = await http.post(
        "/v1/wallet/real-name", headers=person.auth, json={"name": name, "id_number": ID_NUMBER}
    )
    assert verified.status_code == 200, verified.text
    pin = await http.put("/v1/wallet/pin", headers=person.auth, json={"pin": PIN})
    assert pin.status_code == 200, pin.text
    async with database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=person.account_id, amount=Money(START, "CNY"))
    return person


async def client(http: httpx.AsyncClient, people: list[Person], lane: int, stream: Stream) -> None:
    """Send random transfers, accepting a quarter of them as the recipient, until the
    server goes away."""
    rng = random.Random(lane)
    n = 0
    while True:
        payer, payee = rng.sample(people, 2)
        amount = rng.randint(1, LARGEST)
        payment = Payment(
            key=f"crash-{lane}-{n}",
            payer=payer,
            body={"to": payee.id, "amount": f"{amount // 100}.{amount % 100:02d}", "pin": PIN},
        )
        n += 1
        stream.sent.append(payment)
        try:
            response = await pay(http, payment)
            if response.status_code != 201:
                stream.unexpected.append(f"{payment.key}: {response.status_code} {response.text}")
                continue
            transfer_id = response.json()["id"]
            stream.acknowledged[payment.key] = transfer_id
            if len(stream.acknowledged) >= ACKNOWLEDGED_BEFORE_KILL:
                stream.enough.set()
            if rng.random() < 0.25:
                accepted = await http.post(
                    f"/v1/wallet/transfers/{transfer_id}/accept", headers=payee.auth
                )
                if accepted.status_code == 200:
                    stream.accepted.add(transfer_id)
                else:
                    stream.unexpected.append(f"accept {transfer_id}: {accepted.text}")
        except httpx.TransportError:
            return  # killed


async def pay(http: httpx.AsyncClient, payment: Payment) -> httpx.Response:
    return await http.post(
        "/v1/wallet/transfers",
        headers=payment.payer.auth | {"Idempotency-Key": payment.key},
        json=payment.body,
    )


async def kill_inside_a_transaction(database: Database, server: LiveServer) -> None:
    """SIGKILL the server while one of its transactions has written and not committed, as
    PostgreSQL sees it: most of a transfer's time goes to the PIN check, before anything
    is written, so a kill at a random moment would almost never cut one in half. A few
    milliseconds later, the kill lands mid-transaction or between a commit and its
    response (the server did the transfer but the client never heard)."""
    writing = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    # Autocommit: pg_stat_activity is a snapshot taken once per transaction.
    connection = await database.engine.connect()
    try:
        polling = await connection.execution_options(isolation_level="AUTOCOMMIT")
        async with asyncio.timeout(60):
            while not await polling.scalar(writing):
                pass
        await asyncio.sleep(random.uniform(0, 0.01))
        os.kill(server.pid, signal.SIGKILL)
    finally:
        await connection.close()


async def stream_then_kill(database: Database, server: LiveServer, people: list[Person]) -> Stream:
    stream = Stream()
    async with httpx.AsyncClient(base_url=server.url, timeout=TIMEOUT) as http:
        clients = [
            asyncio.create_task(client(http, people, lane, stream)) for lane in range(CLIENTS)
        ]
        async with asyncio.timeout(120):
            await stream.enough.wait()
        await kill_inside_a_transaction(database, server)
        async with asyncio.timeout(60):
            await asyncio.gather(*clients)
    return stream


def books_balance_by_cli(database_url: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLAZA_")}
    verified = subprocess.run(
        [sys.executable, "-m", "plaza", "wallet", "verify"],
        env=env | {"PLAZA_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


async def retry_every_key(server: LiveServer, stream: Stream) -> dict[str, str]:
    """Send every key again, twice, with the same body: acknowledged ones give their
    transfer back (200); the others give one transfer, the same both times."""
    outcome: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=server.url, timeout=TIMEOUT) as http:
        for payment in stream.sent:
            first, second = await pay(http, payment), await pay(http, payment)
            assert first.status_code in (200, 201), first.text
            assert (second.status_code, second.json()) == (200, first.json())
            if payment.key in stream.acknowledged:
                assert first.status_code == 200
                assert first.json()["id"] == stream.acknowledged[payment.key]
            outcome[payment.key] = first.json()["id"]
    return outcome


async def transfers_by_key(database: Database) -> dict[str, int]:
    async with database.sessionmaker() as session:
        records = (
            await session.scalars(
                select(IdempotencyRecord).where(IdempotencyRecord.scope == "wallet.transfer")
            )
        ).all()
    return {record.key: int(record.result["id"]) for record in records}


async def delivered(database: Database, transfer: Transfer) -> int:
    """What reached the recipient's wallet for this transfer."""
    async with database.sessionmaker() as session:
        account = await wallet.person_account(session, transfer.recipient_id, transfer.currency)
        total = await session.scalar(
            select(func.coalesce(func.sum(Posting.amount), 0))
            .join(JournalEntry, JournalEntry.id == Posting.entry_id)
            .where(
                Posting.account_id == account.id,
                JournalEntry.subject_type == "transfer",
                JournalEntry.subject_id == transfer.id,
            )
        )
    return int(total or 0)


async def check_the_money_of_each(database: Database, stream: Stream) -> None:
    """Each acknowledged transfer's money is in its hold (pending) or with its recipient
    (accepted, as every acceptance the server acknowledged must be)."""
    async with database.sessionmaker() as session:
        transfers = {t.id: t for t in (await session.scalars(select(Transfer))).all()}
        balances = {a.id: a.balance for a in (await session.scalars(select(LedgerAccount))).all()}
    for transfer_id in stream.acknowledged.values():
        transfer = transfers[int(transfer_id)]
        if transfer_id in stream.accepted:
            assert transfer.status == "accepted"
        if transfer.status == "accepted":
            assert (balances[transfer.hold_account_id], await delivered(database, transfer)) == (
                0,
                transfer.amount,
            )
        else:
            assert transfer.status == "pending"
            assert balances[transfer.hold_account_id] == transfer.amount


async def money_outside_the_bank(database: Database) -> int:
    """People's balances plus every hold: all but the bank's mirror of what came in."""
    async with database.sessionmaker() as session:
        total = await session.scalar(
            select(func.coalesce(func.sum(LedgerAccount.balance), 0)).where(
                LedgerAccount.purpose != wallet.Purpose.BANK_CLEARING
            )
        )
    return int(total or 0)


@pytest.mark.postgres
async def test_a_killed_server_loses_no_acknowledged_transfer_and_no_money(
    database_url: str, tmp_path: Path
) -> None:
    settings = server_settings(database_url, tmp_path)
    database = Database(database_url)
    try:
        with plaza_serve(tmp_path, settings) as server:
            async with httpx.AsyncClient(base_url=server.url, timeout=TIMEOUT) as http:
                people = [await ready_to_pay_on(http, database, name) for name in NAMES]
            stream = await stream_then_kill(database, server, people)
        assert stream.unexpected == []
        unacknowledged = len(stream.sent) - len(stream.acknowledged)
        assert unacknowledged >= 1, "the kill should cut at least one transfer short"

        with plaza_serve(tmp_path, settings) as server:
            await anyio.to_thread.run_sync(books_balance_by_cli, database_url)
            await check_the_money_of_each(database, stream)
            before_retry = await transfers_by_key(database)
            for key, transfer_id in stream.acknowledged.items():
                assert before_retry[key] == int(transfer_id)
            outcome = await retry_every_key(server, stream)

        by_key = await transfers_by_key(database)
        assert by_key == {key: int(transfer_id) for key, transfer_id in outcome.items()}
        async with database.sessionmaker() as session:
            stored = set((await session.scalars(select(Transfer.id))).all())
        assert stored == set(by_key.values()), "a transfer that no key accounts for"
        assert len(stored) == len(stream.sent), "one transfer per key, no more"
        await anyio.to_thread.run_sync(books_balance_by_cli, database_url)
        assert await money_outside_the_bank(database) == START * len(NAMES)
    finally:
        await database.dispose()
