"""The SQL behind bills and statements: index ranges over one account's postings.

Every query starts from ``(account_id, created_at)``, so reading a page or a month costs
the same however long a person's history is (opening balances aside, which sum
everything before the month).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, case, func, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.wallet.bank.models import BankOrder
from plaza.wallet.envelopes.models import Envelope
from plaza.wallet.merchants.models import Merchant, Payment
from plaza.wallet.models import JournalEntry, LedgerAccount, Posting, Transfer


@dataclass(frozen=True, slots=True)
class BillQuery:
    """Which of an account's postings to read; every filter is optional and they compose."""

    account_id: int
    incoming: bool | None = None
    """True for money in, False for money out, None for both."""
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    after_id: int | None = None
    """The last posting of the previous page: the page continues just older than it."""


async def bills_page(
    session: AsyncSession, query: BillQuery, limit: int
) -> Sequence[tuple[Posting, JournalEntry]]:
    """Postings with their entries, newest first by (created_at, id).

    The cursor is a posting id; its time is looked up in the same statement (and only on
    this account, so another person's posting id gives an empty page, not their times).
    """
    statement = (
        select(Posting, JournalEntry)
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .where(Posting.account_id == query.account_id)
        .order_by(Posting.created_at.desc(), Posting.id.desc())
        .limit(limit)
    )
    if query.incoming is not None:
        statement = statement.where(Posting.amount > 0 if query.incoming else Posting.amount < 0)
    if query.kind is not None:
        statement = statement.where(JournalEntry.kind == query.kind)
    if query.since is not None:
        statement = statement.where(Posting.created_at >= query.since)
    if query.until is not None:
        statement = statement.where(Posting.created_at < query.until)
    if query.after_id is not None:
        last_at = (
            select(Posting.created_at)
            .where(Posting.id == query.after_id, Posting.account_id == query.account_id)
            .scalar_subquery()
        )
        statement = statement.where(
            Posting.created_at <= last_at,  # keeps the scan an index range
            or_(Posting.created_at < last_at, Posting.id < query.after_id),
        )
    rows = await session.execute(statement)
    return [(posting, entry) for posting, entry in rows.all()]


async def bill_or_none(
    session: AsyncSession, owner_id: int, purpose: str, posting_id: int
) -> tuple[Posting, JournalEntry] | None:
    """A posting on one of the owner's accounts of ``purpose``, with its entry."""
    row = (
        await session.execute(
            select(Posting, JournalEntry)
            .join(JournalEntry, JournalEntry.id == Posting.entry_id)
            .join(LedgerAccount, LedgerAccount.id == Posting.account_id)
            .where(
                Posting.id == posting_id,
                LedgerAccount.owner_id == owner_id,
                LedgerAccount.purpose == purpose,
            )
        )
    ).first()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True, slots=True)
class OtherLeg:
    amount: int
    currency: str
    purpose: str
    owner_id: int | None


async def other_legs(session: AsyncSession, posting: Posting) -> list[OtherLeg]:
    """The entry's other postings, with whose accounts they are on."""
    rows = await session.execute(
        select(Posting.amount, Posting.currency, LedgerAccount.purpose, LedgerAccount.owner_id)
        .join(LedgerAccount, LedgerAccount.id == Posting.account_id)
        .where(Posting.entry_id == posting.entry_id, Posting.id != posting.id)
        .order_by(Posting.id)
    )
    return [OtherLeg(*row) for row in rows.all()]


@dataclass(frozen=True, slots=True)
class TransferSide:
    transfer_id: int
    other_id: int
    conversation_id: int | None


async def transfer_sides(
    session: AsyncSession, me: int, transfer_ids: Collection[int]
) -> list[TransferSide]:
    """For each transfer, the person on its other side and the chat it was sent in."""
    other = case((Transfer.sender_id == me, Transfer.recipient_id), else_=Transfer.sender_id)
    rows = await session.execute(
        select(Transfer.id, other, Transfer.conversation_id).where(Transfer.id.in_(transfer_ids))
    )
    return [TransferSide(*row) for row in rows.all()]


@dataclass(frozen=True, slots=True)
class EnvelopeSide:
    envelope_id: int
    conversation_id: int
    sender_id: int
    share_count: int
    direct: bool


async def envelope_sides(
    session: AsyncSession, envelope_ids: Collection[int]
) -> list[EnvelopeSide]:
    """For each envelope, its sender, its chat and how many it was cut for."""
    rows = await session.execute(
        select(
            Envelope.id,
            Envelope.conversation_id,
            Envelope.sender_id,
            Envelope.count,
            Envelope.direct,
        ).where(Envelope.id.in_(envelope_ids))
    )
    return [EnvelopeSide(*row) for row in rows.all()]


@dataclass(frozen=True, slots=True)
class PaymentSide:
    payment_id: int
    merchant_id: int
    business_name: str


async def payment_sides(
    session: AsyncSession, payer_id: int, payment_ids: Collection[int]
) -> list[PaymentSide]:
    """For each of the payer's payments, the shop it went to."""
    rows = await session.execute(
        select(Payment.id, Merchant.id, Merchant.business_name)
        .join(Merchant, Merchant.id == Payment.merchant_id)
        .where(Payment.id.in_(payment_ids), Payment.payer_id == payer_id)
    )
    return [PaymentSide(*row) for row in rows.all()]


@dataclass(frozen=True, slots=True)
class BankOrderSide:
    order_id: int
    card_id: int
    bank_name: str
    card_last4: str


async def bank_order_sides(
    session: AsyncSession, owner_id: int, order_ids: Collection[int]
) -> list[BankOrderSide]:
    """For each of the owner's top-ups and withdrawals, the bank and card as the order
    copied them (a shop's settlements have no card and no bill in its owner's wallet)."""
    rows = await session.execute(
        select(BankOrder.id, BankOrder.card_id, BankOrder.bank_name, BankOrder.card_last4).where(
            BankOrder.id.in_(order_ids), BankOrder.owner_id == owner_id
        )
    )
    return [
        BankOrderSide(order_id, card_id, bank_name, last4)
        for order_id, card_id, bank_name, last4 in rows.all()
        if card_id is not None
    ]


@dataclass(frozen=True, slots=True)
class MonthSums:
    opening: int
    """The sum of the postings before the month."""
    closing: int
    """The sum of the postings before the month's end, summed on its own as a check."""
    by_kind: dict[str, tuple[int, int, int]]
    """Kind: (money in, money out, count) within the month."""


async def month_sums(
    session: AsyncSession, account_id: int, since: datetime, until: datetime
) -> MonthSums:
    """One statement (so one snapshot: a payment committing meanwhile cannot make the parts
    disagree) of three index ranges: before the month, within it by kind, before its end."""
    mine = Posting.account_id == account_id
    zero = literal(0)
    no_kind = literal("", String)
    before = select(
        literal("opening"), no_kind, func.coalesce(func.sum(Posting.amount), 0), zero, zero
    ).where(mine, Posting.created_at < since)
    within = (
        select(
            literal("month"),
            JournalEntry.kind,
            func.coalesce(func.sum(case((Posting.amount > 0, Posting.amount), else_=0)), 0),
            func.coalesce(func.sum(case((Posting.amount < 0, -Posting.amount), else_=0)), 0),
            func.count(),
        )
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .where(mine, and_(Posting.created_at >= since, Posting.created_at < until))
        .group_by(JournalEntry.kind)
    )
    to_end = select(
        literal("closing"), no_kind, func.coalesce(func.sum(Posting.amount), 0), zero, zero
    ).where(mine, Posting.created_at < until)
    opening = closing = 0
    by_kind: dict[str, tuple[int, int, int]] = {}
    for part, kind, first, second, count in (
        await session.execute(union_all(before, within, to_end))
    ).all():
        if part == "opening":
            opening = int(first)
        elif part == "closing":
            closing = int(first)
        else:
            by_kind[kind] = (int(first), int(second), int(count))
    return MonthSums(opening=opening, closing=closing, by_kind=by_kind)
