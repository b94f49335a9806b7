"""Wallet rules on top of the ledger: whose accounts exist, and the movements people
make. Amounts arrive as ``kit.money.Money``; the ledger stores minor units."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.wallet import ledger, repository
from plaza.wallet.errors import AmountInvalid, InsufficientFunds, SameAccount
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.models import JournalEntry, LedgerAccount


class Purpose(StrEnum):
    AVAILABLE = "available"
    """A person's spendable money."""
    BANK_CLEARING = "bank_clearing"
    """Mirrors money held at the bank for Plaza: top-ups credit people from it,
    withdrawals debit people into it. It goes negative by design."""
    TRANSFER_HOLD = "transfer_hold"
    """One per pending transfer: holds the money until it is accepted or returned."""
    ENVELOPE_HOLD = "envelope_hold"
    """One per red envelope: holds what is not yet opened until it goes back."""
    WITHDRAWAL_HOLD = "withdrawal_hold"
    """One per withdrawal: holds the money until the bank pays it out or refuses."""
    MERCHANT = "merchant"
    """A shop's takings."""
    MINIAPP = "miniapp"
    """A mini-program's takings (``wallet/orders``)."""


SYSTEM_MAY_GO_NEGATIVE = frozenset({Purpose.BANK_CLEARING})


@dataclass(frozen=True, slots=True)
class Discrepancy:
    what: str


def check_positive(amount: Money) -> None:
    """Every money movement moves more than nothing (``wallet.amount_invalid``)."""
    if amount.amount <= 0:
        raise AmountInvalid("The amount must be more than zero.", field="amount")


def _new_account_row(
    key: str, owner_id: int | None, purpose: Purpose, currency: str
) -> dict[str, Any]:
    return repository.account_row(
        key,
        owner_id,
        purpose.value,
        currency,
        may_go_negative=owner_id is None and purpose in SYSTEM_MAY_GO_NEGATIVE,
        at=clock.now(),
        account_id=new_id(),
    )


async def account_by_key(
    session: AsyncSession, key: str, owner_id: int | None, purpose: Purpose, currency: str
) -> LedgerAccount:
    """The account named ``key``, opened on first use (a concurrent twin may open it too:
    the insert then does nothing and both read the same row)."""
    found = await repository.get_account_by_key_or_none(session, key)
    if found is not None:
        return found
    made = await repository.add_account_if_missing(
        session, _new_account_row(key, owner_id, purpose, currency)
    )
    if made is None:  # the twin's
        made = await repository.get_account_by_key_or_none(session, key)
        assert made is not None
    return made


def person_account_key(owner_id: int, currency: str, purpose: Purpose = Purpose.AVAILABLE) -> str:
    return f"user:{owner_id}:{purpose}:{currency}"


async def person_account(
    session: AsyncSession, owner_id: int, currency: str, purpose: Purpose = Purpose.AVAILABLE
) -> LedgerAccount:
    """A person's account for ``purpose`` in ``currency``, opened on first use."""
    key = person_account_key(owner_id, currency, purpose)
    return await account_by_key(session, key, owner_id, purpose, currency)


async def person_accounts(
    session: AsyncSession, owner_ids: Collection[int], currency: str
) -> dict[int, LedgerAccount]:
    """Several people's spendable accounts in ``currency`` by owner, those missing opened
    now: ``person_account`` for each, in one statement, or three when some are new."""
    key_of = {owner: person_account_key(owner, currency) for owner in owner_ids}
    found = {a.key: a for a in await repository.get_accounts_by_key(session, key_of.values())}
    missing = {owner: key for owner, key in key_of.items() if key not in found}
    if missing:
        await repository.add_accounts_if_missing(
            session,
            [
                _new_account_row(key, owner, Purpose.AVAILABLE, currency)
                for owner, key in missing.items()
            ],
        )
        found |= {a.key: a for a in await repository.get_accounts_by_key(session, missing.values())}
    return {owner: found[key] for owner, key in key_of.items()}


async def system_account(session: AsyncSession, purpose: Purpose, currency: str) -> LedgerAccount:
    return await account_by_key(session, f"system:{purpose}:{currency}", None, purpose, currency)


def _new_system_account(key: str, purpose: Purpose, currency: str) -> LedgerAccount:
    return LedgerAccount(
        id=new_id(),
        key=key,
        owner_id=None,
        purpose=purpose.value,
        currency=currency,
        balance=0,
        may_go_negative=False,
        created_at=clock.now(),
    )


async def _insert_new_accounts(
    session: AsyncSession, purpose: Purpose, keys: Sequence[str], currency: str
) -> list[LedgerAccount]:
    """System accounts whose holders start now, so that none can exist yet: inserted
    without looking first, all in one statement."""
    accounts = [_new_system_account(key, purpose, currency) for key in keys]
    session.add_all(accounts)
    await session.flush()
    return accounts


def hold_account_key(purpose: Purpose, holder_id: int, currency: str) -> str:
    return f"system:{purpose}:{holder_id}:{currency}"


async def hold_account(
    session: AsyncSession, purpose: Purpose, holder_id: int, currency: str
) -> LedgerAccount:
    """An account of its own for a hold that starts now (a transfer, a withdrawal), so that
    what it holds is always exactly what is still owed. Its holder is new, so the account
    cannot exist yet: it is inserted without looking first (one statement, not three)."""
    [account] = await hold_accounts(session, purpose, [holder_id], currency)
    return account


async def hold_accounts(
    session: AsyncSession, purpose: Purpose, holder_ids: Sequence[int], currency: str
) -> list[LedgerAccount]:
    """``hold_account`` for several new holders, in one statement."""
    keys = [hold_account_key(purpose, holder, currency) for holder in holder_ids]
    return await _insert_new_accounts(session, purpose, keys, currency)


def stripe_key(purpose: Purpose, holder_id: int, currency: str, stripe: int) -> str:
    return f"system:{purpose}:{holder_id}:{currency}:{stripe}"


async def new_stripe_accounts(
    session: AsyncSession, purpose: Purpose, holder_id: int, currency: str, count: int
) -> list[LedgerAccount]:
    """All the stripes of a holder that starts now (a red envelope), inserted at once."""
    keys = [stripe_key(purpose, holder_id, currency, stripe) for stripe in range(count)]
    return await _insert_new_accounts(session, purpose, keys, currency)


async def stripe_account(
    session: AsyncSession, purpose: Purpose, holder_id: int, currency: str, stripe: int
) -> LedgerAccount:
    """One of the accounts a busy holder's money is spread over (a red envelope's hold, a
    shop's takings), opened on first use. A single row that every movement locks caps out
    near a thousand commits a second (DESIGN.md section 5); spread over stripes, concurrent
    movements seldom wait on the same row lock."""
    key = stripe_key(purpose, holder_id, currency, stripe)
    return await account_by_key(session, key, None, purpose, currency)


async def legs_from_stripes(
    session: AsyncSession, *, stripe_keys: list[str], to: LedgerAccount, amount: Money, field: str
) -> list[Leg]:
    """The legs that move ``amount`` out of a holder's takings stripes into ``to`` (a
    payer's refund, a shop's settlement): from the stripes with the most in them, as many
    as it takes, so that no stripe goes below zero. The stripes and ``to`` are locked
    together, lowest id first, as the ledger will lock them. Short of money it is
    ``InsufficientFunds``: takings only grow by payments and shrink by refunds and
    settlements, so a refund of what was paid falls short only after a settlement."""
    locked = await repository.lock_accounts_by_key(session, [*stripe_keys, to.key])
    stripes = sorted(
        (a for a in locked if a.id != to.id and a.balance > 0), key=lambda a: -a.balance
    )
    legs, left = [Leg(to.id, amount.amount)], amount.amount
    for stripe in stripes:
        take = min(stripe.balance, left)
        legs.append(Leg(stripe.id, -take))
        left -= take
        if left == 0:
            return legs
    raise InsufficientFunds("The takings do not cover it.", field=field)


async def deposit(
    session: AsyncSession,
    *,
    owner_id: int,
    amount: Money,
    memo: str = "",
    subject: Subject | None = None,
) -> JournalEntry:
    """Money the bank has confirmed arrives in a person's wallet (a settled top-up)."""
    return await _with_bank(
        session, owner_id, amount, kind="top_up", inbound=True, memo=memo, subject=subject
    )


async def withdraw(
    session: AsyncSession,
    *,
    owner_id: int,
    amount: Money,
    memo: str = "",
    subject: Subject | None = None,
) -> JournalEntry:
    """Money leaves a person's wallet for the bank."""
    return await _with_bank(
        session, owner_id, amount, kind="withdrawal", inbound=False, memo=memo, subject=subject
    )


async def _with_bank(
    session: AsyncSession,
    owner_id: int,
    amount: Money,
    *,
    kind: str,
    inbound: bool,
    memo: str,
    subject: Subject | None,
) -> JournalEntry:
    check_positive(amount)
    bank = await system_account(session, Purpose.BANK_CLEARING, amount.currency)
    mine = await person_account(session, owner_id, amount.currency)
    source, target = (bank, mine) if inbound else (mine, bank)
    legs = [Leg(source.id, -amount.amount), Leg(target.id, amount.amount)]
    return await ledger.post(session, kind=kind, legs=legs, memo=memo, subject=subject)


async def transfer(
    session: AsyncSession, *, from_owner: int, to_owner: int, amount: Money, memo: str = ""
) -> JournalEntry:
    """Move money from one person's wallet to another's."""
    check_positive(amount)
    if from_owner == to_owner:
        raise SameAccount(field="to")
    source = await person_account(session, from_owner, amount.currency)
    target = await person_account(session, to_owner, amount.currency)
    legs = [Leg(source.id, -amount.amount), Leg(target.id, amount.amount)]
    return await ledger.post(session, kind="transfer", legs=legs, memo=memo)


async def balance(session: AsyncSession, owner_id: int, currency: str) -> Money:
    account = await repository.get_account_by_key_or_none(
        session, person_account_key(owner_id, currency)
    )
    return Money(account.balance if account else 0, currency)


async def verify(session: AsyncSession) -> list[Discrepancy]:
    """Every way the books could be wrong; an empty list means they are right.

    Each balance must equal the sum of its postings, each entry's postings must sum to
    zero per currency, and no account that may not go negative may be negative.
    """
    found = []
    for account_id, key, stored, posted in await repository.balances_against_postings(session):
        if stored != posted:
            found.append(Discrepancy(f"{key} (#{account_id}): balance {stored}, postings {posted}"))
    for entry_id, currency, total in await repository.unbalanced_entries(session):
        found.append(Discrepancy(f"entry #{entry_id} sums to {total} {currency}"))
    for account in await repository.negative_accounts(session):
        found.append(Discrepancy(f"{account.key} (#{account.id}) is negative: {account.balance}"))
    return found


async def takings(session: AsyncSession, stripe_keys: list[str], currency: str) -> Money:
    """What a business holds over its takings stripes (a shop's, a mini-program's), in one
    query: stripes no payment has reached yet are not opened and count as zero."""
    return Money(await repository.balance_of_accounts(session, stripe_keys), currency)
