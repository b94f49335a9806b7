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
    accounts = {
        a.id: a for a in await repository.lock_accounts(session, {leg.account_id for leg in legs})
    }
    if len(accounts) != len({leg.account_id for leg in legs}):
        raise UnbalancedEntry("an entry names an account that does not exist")
    check_balanced(legs, {account_id: a.currency for account_id, a in accounts.items()})
    change: dict[int, int] = defaultdict(int)
    for leg in legs:
        change[leg.account_id] += leg.amount
    for account_id, delta in change.items():
        account = accounts[account_id]
        if account.balance + delta < 0 and not account.may_go_negative:
            raise InsufficientFunds(field="amount")
    for account_id, delta in change.items():
        accounts[account_id].balance += delta
    entry = JournalEntry(
        id=new_id(),
        kind=kind,
        memo=memo,
        subject_type=subject.type if subject else None,
        subject_id=subject.id if subject else None,
        created_at=clock.now(),
    )
    postings = [
        {
            "id": new_id(),
            "entry_id": entry.id,
            "account_id": leg.account_id,
            "amount": leg.amount,
            "currency": accounts[leg.account_id].currency,
            "created_at": entry.created_at,
        }
        for leg in legs
    ]
    await repository.add_entry(session, entry, postings)
    return entry
