"""The posting engine: every movement of money is one journal entry whose postings sum
to zero, applied to row-locked balances in one transaction (DESIGN.md section 5)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.wallet import repository
from plaza.wallet.errors import InsufficientFunds
from plaza.wallet.models import JournalEntry


@dataclass(frozen=True, slots=True)
class Leg:
    """A signed amount, in minor units, on one ledger account."""

    account_id: int
    amount: int


@dataclass(frozen=True, slots=True)
class Subject:
    """What an entry belongs to, for bills: ``Subject("transfer", transfer.id)``."""

    type: str
    id: int


class UnbalancedEntry(ValueError):
    """A programming error: an entry whose legs do not sum to zero."""


def check_balanced(legs: Sequence[Leg], currency_of: dict[int, str]) -> None:
    if len(legs) < 2 or any(leg.amount == 0 for leg in legs):
        raise UnbalancedEntry("an entry needs two or more non-zero legs")
    totals: dict[str, int] = defaultdict(int)
    for leg in legs:
        totals[currency_of[leg.account_id]] += leg.amount
    if any(totals.values()):
        raise UnbalancedEntry(f"legs do not sum to zero: {dict(totals)}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One movement to record: its legs, what kind it is and what it belongs to."""

    kind: str
    legs: Sequence[Leg]
    memo: str = ""
    subject: Subject | None = None


async def post(
    session: AsyncSession,
    *,
    kind: str,
    legs: Sequence[Leg],
    memo: str = "",
    subject: Subject | None = None,
) -> JournalEntry:
    """Record one entry and apply it to the balances, or raise and change nothing.

    Accounts are locked lowest id first; an account that may not go negative and would
    raises ``InsufficientFunds`` (the caller's transaction then rolls back).
    """
    [entry] = await post_many(session, [Entry(kind, legs, memo, subject)])
    return entry


async def post_many(session: AsyncSession, entries: Sequence[Entry]) -> list[JournalEntry]:
    """Record several entries, in order, under one lock of all their accounts: as ``post``
    for each, in a few statements in all (a batch of envelope openings, say)."""
    account_ids = {leg.account_id for entry in entries for leg in entry.legs}
    accounts = {a.id: a for a in await repository.lock_accounts(session, account_ids)}
    if len(accounts) != len(account_ids):
        raise UnbalancedEntry("an entry names an account that does not exist")
    currency_of = {account_id: a.currency for account_id, a in accounts.items()}
    for entry in entries:
        check_balanced(entry.legs, currency_of)
    for entry in entries:  # in order: an entry may spend what an earlier one brought in
        change: dict[int, int] = defaultdict(int)
        for leg in entry.legs:
            change[leg.account_id] += leg.amount
        for account_id, delta in change.items():
            account = accounts[account_id]
            if account.balance + delta < 0 and not account.may_go_negative:
                raise InsufficientFunds(field="amount")
        for account_id, delta in change.items():
            accounts[account_id].balance += delta
    now = clock.now()
    journal = [
        JournalEntry(
            id=new_id(),
            kind=entry.kind,
            memo=entry.memo,
            subject_type=entry.subject.type if entry.subject else None,
            subject_id=entry.subject.id if entry.subject else None,
            created_at=now,
        )
        for entry in entries
    ]
    postings = [
        {
            "id": new_id(),
            "entry_id": written.id,
            "account_id": leg.account_id,
            "amount": leg.amount,
            "currency": currency_of[leg.account_id],
            "created_at": now,
        }
        for written, entry in zip(journal, entries, strict=True)
        for leg in entry.legs
    ]
    await repository.add_entries(session, journal, postings)
    return journal
