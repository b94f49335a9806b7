"""All of the wallet's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import insert_models, insert_rows, upsert_statement
from plaza.wallet.models import JournalEntry, LedgerAccount, Posting, Transfer, WalletProfile


async def get_account_by_key_or_none(session: AsyncSession, key: str) -> LedgerAccount | None:
    return await session.scalar(select(LedgerAccount).where(LedgerAccount.key == key))


async def add_account_if_missing(
    session: AsyncSession, row: dict[str, Any]
) -> LedgerAccount | None:
    """Insert the account unless its key exists (a concurrent twin may have made it): the
    new account, or None when the key was taken."""
    statement = upsert_statement(session, LedgerAccount).values(row)
    inserted: LedgerAccount | None = await session.scalar(
        statement.on_conflict_do_nothing(index_elements=[LedgerAccount.key]).returning(
            LedgerAccount
        )
    )
    return inserted


async def get_accounts_by_key(
    session: AsyncSession, keys: Collection[str]
) -> Sequence[LedgerAccount]:
    return (await session.scalars(select(LedgerAccount).where(LedgerAccount.key.in_(keys)))).all()


async def add_accounts_if_missing(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """``add_account_if_missing`` for several, in one round trip; returns nothing."""
    statement = upsert_statement(session, LedgerAccount).on_conflict_do_nothing(
        index_elements=[LedgerAccount.key]
    )
    await session.execute(statement, rows)


async def lock_accounts(session: AsyncSession, account_ids: Collection[int]) -> list[LedgerAccount]:
    """The accounts, row-locked in ascending id order so that two movements touching the
    same accounts always lock them in the same order and cannot deadlock."""
    rows = await session.scalars(
        select(LedgerAccount)
        .where(LedgerAccount.id.in_(account_ids))
        .order_by(LedgerAccount.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def lock_accounts_by_key(
    session: AsyncSession, keys: Collection[str]
) -> Sequence[LedgerAccount]:
    """The ledger accounts named ``keys`` that exist, row-locked lowest id first (the
    ledger's order, so that this cannot deadlock with a payment)."""
    return (
        await session.scalars(
            select(LedgerAccount)
            .where(LedgerAccount.key.in_(keys))
            .order_by(LedgerAccount.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).all()


async def add_entries(
    session: AsyncSession, entries: list[JournalEntry], postings: list[dict[str, Any]]
) -> None:
    """Write the entries and their postings with Core INSERTs, then flush the locked
    accounts' new balances: the entries do not enter the session."""
    await insert_models(session, entries)
    await insert_rows(session, Posting, postings)
    await session.flush()


async def balances_against_postings(session: AsyncSession) -> Sequence[tuple[int, str, int, int]]:
    """(account id, key, stored balance, sum of postings) for every account."""
    sums = (
        select(Posting.account_id, func.coalesce(func.sum(Posting.amount), 0).label("total"))
        .group_by(Posting.account_id)
        .subquery()
    )
    rows = await session.execute(
        select(
            LedgerAccount.id,
            LedgerAccount.key,
            LedgerAccount.balance,
            func.coalesce(sums.c.total, 0),
        )
        .outerjoin(sums, sums.c.account_id == LedgerAccount.id)
        .order_by(LedgerAccount.id)
    )
    return [(row[0], row[1], int(row[2]), int(row[3])) for row in rows.all()]


async def unbalanced_entries(session: AsyncSession) -> Sequence[tuple[int, str, int]]:
    """(entry id, currency, sum) for every entry whose postings do not sum to zero."""
    rows = await session.execute(
        select(Posting.entry_id, Posting.currency, func.sum(Posting.amount))
        .group_by(Posting.entry_id, Posting.currency)
        .having(func.sum(Posting.amount) != 0)
    )
    return [(row[0], row[1], int(row[2])) for row in rows.all()]


def account_row(
    key: str,
    owner_id: int | None,
    purpose: str,
    currency: str,
    *,
    may_go_negative: bool,
    at: datetime,
    account_id: int,
) -> dict[str, Any]:
    return {
        "id": account_id,
        "key": key,
        "owner_id": owner_id,
        "purpose": purpose,
        "currency": currency,
        "balance": 0,
        "may_go_negative": may_go_negative,
        "created_at": at,
    }


async def outgoing_since(
    session: AsyncSession, account_keys: Collection[str], since: datetime
) -> dict[str, int]:
    """Minor units that left each account named in ``account_keys`` since ``since`` (its
    negative postings), by key, in one statement; an account with none is left out."""
    rows = await session.execute(
        select(LedgerAccount.key, func.sum(-Posting.amount))
        .join(LedgerAccount, LedgerAccount.id == Posting.account_id)
        .where(
            LedgerAccount.key.in_(account_keys),
            Posting.created_at >= since,
            Posting.amount < 0,
        )
        .group_by(LedgerAccount.key)
    )
    return {key: int(total) for key, total in rows.all()}


async def get_profiles(
    session: AsyncSession, account_ids: Collection[int]
) -> Sequence[WalletProfile]:
    return (
        await session.scalars(
            select(WalletProfile).where(WalletProfile.account_id.in_(account_ids))
        )
    ).all()


async def negative_accounts(session: AsyncSession) -> Sequence[LedgerAccount]:
    """Accounts below zero that may not be."""
    return (
        await session.scalars(
            select(LedgerAccount).where(
                LedgerAccount.balance < 0, LedgerAccount.may_go_negative.is_(False)
            )
        )
    ).all()


async def get_transfer_or_none(session: AsyncSession, transfer_id: int) -> Transfer | None:
    return await session.get(Transfer, transfer_id)


async def get_transfer_for_update(session: AsyncSession, transfer_id: int) -> Transfer | None:
    return await session.scalar(
        select(Transfer)
        .where(Transfer.id == transfer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def lock_due_transfers(
    session: AsyncSession, *, status: str, due: datetime, limit: int
) -> Sequence[Transfer]:
    """Transfers in ``status`` that expired by ``due``, oldest first; rows another worker
    has locked are skipped."""
    return (
        await session.scalars(
            select(Transfer)
            .where(Transfer.status == status, Transfer.expires_at <= due)
            .order_by(Transfer.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def balance_of_accounts(session: AsyncSession, keys: Collection[str]) -> int:
    """The sum of the balances of the accounts named ``keys`` (those not opened count as
    zero), read without locking them."""
    total = await session.scalar(
        select(func.coalesce(func.sum(LedgerAccount.balance), 0)).where(LedgerAccount.key.in_(keys))
    )
    return int(total or 0)
