"""The ledger: balanced entries, no overdrafts, nothing half-applied, and books that verify."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select, update

from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.errors import AmountInvalid, InsufficientFunds, SameAccount
from plaza.wallet.ledger import Leg, UnbalancedEntry, post
from plaza.wallet.models import JournalEntry, LedgerAccount, Posting
from tests.conftest import Person, create_person_in


def cny(text: str) -> Money:
    return Money.parse(text, "CNY")


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()


@pytest.fixture
async def alice(database: Database) -> Person:
    return await create_person_in(database, "Alice")


@pytest.fixture
async def bob(database: Database) -> Person:
    return await create_person_in(database, "Bob")


async def balances(database: Database, *people: Person) -> list[Money]:
    async with database.sessionmaker() as session:
        return [await wallet.balance(session, p.account_id, "CNY") for p in people]


async def rows(database: Database) -> tuple[int, int]:
    async with database.sessionmaker() as session:
        entries = await session.scalar(select(func.count()).select_from(JournalEntry))
        postings = await session.scalar(select(func.count()).select_from(Posting))
    return int(entries or 0), int(postings or 0)


async def test_top_up_transfer_and_withdraw(database: Database, alice: Person, bob: Person) -> None:
    async with database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=alice.account_id, amount=cny("100.00"))
    async with database.unit_of_work() as session:
        await wallet.transfer(
            session, from_owner=alice.account_id, to_owner=bob.account_id, amount=cny("30.50")
        )
    async with database.unit_of_work() as session:
        await wallet.withdraw(session, owner_id=bob.account_id, amount=cny("10.00"))
    assert await balances(database, alice, bob) == [cny("69.50"), cny("20.50")]
    assert await rows(database) == (3, 6)
    async with database.sessionmaker() as session:
        assert await wallet.verify(session) == []
        bank = await wallet.system_account(session, wallet.Purpose.BANK_CLEARING, "CNY")
        assert bank.balance == -9000  # 100.00 in, 10.00 out: the bank holds 90.00 for Plaza


async def test_an_overdraft_moves_nothing(database: Database, alice: Person, bob: Person) -> None:
    async with database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=alice.account_id, amount=cny("5.00"))
    with pytest.raises(InsufficientFunds):
        async with database.unit_of_work() as session:
            await wallet.transfer(
                session, from_owner=alice.account_id, to_owner=bob.account_id, amount=cny("5.01")
            )
    assert await balances(database, alice, bob) == [cny("5.00"), cny("0.00")]
    assert await rows(database) == (1, 2)


@pytest.mark.parametrize("amount", ["0", "-1.00"])
async def test_amounts_must_be_positive(
    database: Database, alice: Person, bob: Person, amount: str
) -> None:
    with pytest.raises(AmountInvalid):
        async with database.unit_of_work() as session:
            await wallet.transfer(
                session, from_owner=alice.account_id, to_owner=bob.account_id, amount=cny(amount)
            )
    assert await rows(database) == (0, 0)


async def test_no_transfer_to_oneself(database: Database, alice: Person) -> None:
    with pytest.raises(SameAccount):
        async with database.unit_of_work() as session:
            await wallet.transfer(
                session, from_owner=alice.account_id, to_owner=alice.account_id, amount=cny("1")
            )


async def test_unbalanced_entries_are_refused(
    database: Database, alice: Person, bob: Person
) -> None:
    async with database.unit_of_work() as session:
        a = await wallet.person_account(session, alice.account_id, "CNY")
        b = await wallet.person_account(session, bob.account_id, "CNY")
        ids = a.id, b.id
    for legs in (
        [Leg(ids[0], -5), Leg(ids[1], 4)],
        [Leg(ids[0], 0), Leg(ids[1], 0)],
        [Leg(ids[0], 1)],
    ):
        with pytest.raises(UnbalancedEntry):
            async with database.unit_of_work() as session:
                await post(session, kind="broken", legs=legs)
    assert await rows(database) == (0, 0)


async def test_verify_finds_a_tampered_balance(database: Database, alice: Person) -> None:
    async with database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=alice.account_id, amount=cny("1.00"))
    async with database.unit_of_work() as session:
        await session.execute(
            update(LedgerAccount)
            .where(LedgerAccount.owner_id == alice.account_id)
            .values(balance=1000)
        )
    async with database.sessionmaker() as session:
        found = await wallet.verify(session)
    assert [d.what for d in found] == [
        f"user:{alice.account_id}:available:CNY (#{found_id(found)}): balance 1000, postings 100"
    ]


def found_id(found: list[wallet.Discrepancy]) -> str:
    return found[0].what.split("#", 1)[1].split(")", 1)[0]
