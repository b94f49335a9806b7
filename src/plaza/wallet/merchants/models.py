from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Merchant(Base):
    """A shop run by a real-name-verified person. Its takings are ledger accounts of
    its own, spread over stripes (``system:merchant:<id>:<currency>:<stripe>``); the
    settlement bank account is kept as its last four digits and the bank's token for it."""

    __tablename__ = "merchants"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    business_name: Mapped[str] = mapped_column(String(64))
    registration_number: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32), default="")
    settlement_bank_name: Mapped[str] = mapped_column(String(64))
    settlement_account_last4: Mapped[str] = mapped_column(String(4))
    settlement_connector: Mapped[str | None] = mapped_column(String(20))
    settlement_token: Mapped[str | None] = mapped_column(String(100))
    """The bank's handle for the settlement account, what a settlement pays out to; unset
    for shops opened before settlements, until the owner enters the account again."""
    created_at: Mapped[datetime]


class Payment(Base):
    """Money a person paid a shop: by scanning its receive QR (``qr``) or by showing
    their payment code at its till (``code``)."""

    __tablename__ = "wallet_payments"
    __table_args__ = (
        Index("ix_wallet_payments_merchant_id_id", "merchant_id", "id"),
        Index("ix_wallet_payments_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(10))
    """``qr`` or ``code``."""
    status: Mapped[str] = mapped_column(String(15))
    """``completed``, ``awaiting_pin`` (a code charge over the no-PIN limit) or ``lapsed``."""
    note: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    """An ``awaiting_pin`` payment lapses then unless the payer confirms it."""
    completed_at: Mapped[datetime | None]
    refunded: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    """How much of it the shop has given back, over all its refunds."""
    refund_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PaymentRefund(Base):
    """Part or all of a completed payment, given back to the payer by the shop."""

    __tablename__ = "wallet_payment_refunds"
    __table_args__ = (Index("ix_wallet_payment_refunds_payment_id_id", "payment_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("wallet_payments.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]


class PaymentCodeSecret(Base):
    """The secret a device derives its payment codes from. The secret itself is never
    stored: it is HMAC(server secret key, id and nonce), so this row alone cannot make a
    code. ``token`` names the secret inside each code without revealing the account."""

    __tablename__ = "payment_code_secrets"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    token: Mapped[str] = mapped_column(String(8), unique=True)
    nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    """Set when the device asked for a new secret; codes from this one stop working."""


class UsedPaymentCode(Base):
    """A payment code that was charged: one per secret and time step, so the same code
    cannot pay twice, even by two tills at once (the primary key refuses the twin)."""

    __tablename__ = "payment_codes_used"

    secret_id: Mapped[int] = mapped_column(ForeignKey("payment_code_secrets.id"), primary_key=True)
    time_step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("wallet_payments.id"))
    used_at: Mapped[datetime]
