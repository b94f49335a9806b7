from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class LedgerAccount(Base):
    """A balance in one currency: a person's available money, or a system account
    (bank clearing, fees, holds). Its balance always equals the sum of its postings."""

    __tablename__ = "ledger_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    """``user:<id>:<purpose>:<currency>`` or ``system:<purpose>:<currency>``."""
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    purpose: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    may_go_negative: Mapped[bool] = mapped_column(Boolean, default=False)
    """Only system accounts that mirror money outside Plaza (bank clearing) may."""
    created_at: Mapped[datetime]


class JournalEntry(Base):
    """One movement of money. Never changed or deleted; a correction is a new entry."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    memo: Mapped[str] = mapped_column(String(200), default="")
    subject_type: Mapped[str | None] = mapped_column(String(20))
    """What the movement belongs to (``transfer``, ``envelope``, ``payment``, ``bank_order``),
    so that a bill can link to it."""
    subject_id: Mapped[int | None]
    created_at: Mapped[datetime]


class Posting(Base):
    """One leg of an entry: a signed amount on one account. An entry's postings sum to
    zero per currency."""

    __tablename__ = "postings"
    __table_args__ = (
        Index("ix_postings_account_id_id", "account_id", "id"),
        Index("ix_postings_account_id_created_at", "account_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime]
    """The entry's time, kept on each leg so that a day's or a month's movements on one
    account are one index range (daily limits, bills, statements)."""


class WalletProfile(Base):
    """What the wallet knows of a person: their verified real name and payment PIN.
    The identity number is kept only as a keyed hash and its last four characters."""

    __tablename__ = "wallet_profiles"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    real_name: Mapped[str | None] = mapped_column(String(64))
    id_country: Mapped[str | None] = mapped_column(String(2))
    id_number_hash: Mapped[str | None] = mapped_column(String(64))
    id_number_last4: Mapped[str | None] = mapped_column(String(4))
    verified_at: Mapped[datetime | None]
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    """argon2id."""
    pin_failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    pin_locked_until: Mapped[datetime | None]


class Transfer(Base):
    """Money sent to someone and held until they accept it (or it goes back after 24 h)."""

    __tablename__ = "wallet_transfers"
    __table_args__ = (Index("ix_wallet_transfers_status_expires_at", "status", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    memo: Mapped[str] = mapped_column(String(100), default="")
    conversation_id: Mapped[int | None]
    """The chat the transfer card was sent in, if any."""
    status: Mapped[str] = mapped_column(String(10))
    """``pending``, ``accepted`` or ``returned``."""
    hold_account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
