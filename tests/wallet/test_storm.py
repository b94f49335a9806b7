"""Many concurrent transfers on PostgreSQL: nothing created, lost or applied twice, no
overdraft, and no deadlock reaching a caller."""

from __future__ import annotations

import asyncio
import random

import pytest

from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.errors import InsufficientFunds
from tests.conftest import create_person_in, fresh_postgres_database

WORKERS = 8
TRANSFERS_PER_WORKER = 200
PEOPLE = 12
START = 10_000  # 100.00 each: small enough that many transfers meet empty wallets


@pytest.mark.postgres
async def test_concurrent_transfers_keep_the_books(migrated_postgres_template: str | None) -> None:
    if migrated_postgres_template is None:
        pytest.skip("PLAZA_TEST_POSTGRES_URL is not set; .ci/run sets it to the local PostgreSQL")
    async with fresh_postgres_database(migrated_postgres_template) as url:
        database = Database(url)
        try:
            owners = [(await create_person_in(database, f"P{n}")).account_id for n in range(PEOPLE)]
            for owner in owners:
                async with database.unit_of_work() as session:
                    await wallet.deposit(session, owner_id=owner, amount=Money(START, "CNY"))
            outcomes = await asyncio.gather(
                *(worker(database, owners, random.Random(seed)) for seed in range(WORKERS))
            )
            moved = sum(done for done, _ in outcomes)
            refused = sum(short for _, short in outcomes)
            assert moved + refused == WORKERS * TRANSFERS_PER_WORKER
            assert moved > WORKERS * TRANSFERS_PER_WORKER // 2
            async with database.sessionmaker() as session:
                assert await wallet.verify(session) == []
                total = sum([(await wallet.balance(session, o, "CNY")).amount for o in owners])
            assert total == START * PEOPLE
        finally:
            await database.dispose()


async def worker(database: Database, owners: list[int], rng: random.Random) -> tuple[int, int]:
    moved = refused = 0
    for _ in range(TRANSFERS_PER_WORKER):
        payer, payee = rng.sample(owners, 2)
        amount = Money(rng.randint(1, 3_000), "CNY")
        try:
            async with database.unit_of_work() as session:
                await wallet.transfer(session, from_owner=payer, to_owner=payee, amount=amount)
            moved += 1
        except InsufficientFunds:
            refused += 1
    return moved, refused
