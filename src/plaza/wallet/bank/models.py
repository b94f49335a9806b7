"""Plaza's side of the bank (cards, orders, callbacks received) and, apart from it, the
sandbox bank's own books: the sandbox is "the bank", so nothing of it points at Plaza's
tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class BankCard(Base):
    """A bank card linked to a person's wallet. Only its last four digits and the bank's
    token for it are kept, never the number."""

    __tablename__ = "wallet_bank_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    holder_name: Mapped[str] = mapped_column(String(64))
    bank_name: Mapped[str] = mapped_column(String(64))
    last4: Mapped[str] = mapped_column(String(4))
    connector: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(100))
    """The connector's handle for the card: what a charge or a payout names."""
    created_at: Mapped[datetime]


class BankOrder(Base):
    """One top-up, withdrawal or settlement of a shop's or mini-program's takings: asked of
    the bank, settled when the bank calls back.

    The card (or the shop's settlement account) is copied (last four, bank) rather than
    referenced, so that an order keeps its meaning after the card is removed."""

    __tablename__ = "wallet_bank_orders"
    __table_args__ = (
        Index("ix_wallet_bank_orders_owner_id_id", "owner_id", "id"),
        Index("ix_wallet_bank_orders_status_created_at", "status", "created_at"),
        Index("ix_wallet_bank_orders_merchant_id_id", "merchant_id", "id"),
        Index("ix_wallet_bank_orders_miniapp_id_id", "miniapp_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    kind: Mapped[str] = mapped_column(String(10))
    """``top_up``, ``withdrawal`` or ``settlement`` (a shop's takings to its bank account)."""
    card_id: Mapped[int | None]
    """The person's card; none for a settlement, which goes to the shop's account."""
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchants.id"))
    """A settlement's shop (its ``owner_id`` is the shop's owner)."""
    miniapp_id: Mapped[int | None] = mapped_column(ForeignKey("miniapps.id"))
    """A settlement's mini-program (its ``owner_id`` is the developer)."""
    card_last4: Mapped[str] = mapped_column(String(4))
    bank_name: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10))
    """``pending``, then ``succeeded`` or ``failed``; ``declined`` when refused at once."""
    connector: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(100), unique=True)
    """The bank's reference for the request: how its callback finds the order."""
    hold_account_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_accounts.id"))
    """A withdrawal's or settlement's money waits here until the bank pays it out or refuses."""
    return_account_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_accounts.id"))
    """Where the held money goes back when the bank refuses a payout: a shop's takings for a
    settlement; unset, the owner's wallet (a withdrawal)."""
    created_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]


class BankCallback(Base):
    """Every callback a bank sent, as received, with what became of it: ``applied``,
    ``duplicate`` (the order was already settled), ``unmatched`` (no order has its
    reference) or ``forged`` (bad signature)."""

    __tablename__ = "wallet_bank_callbacks"
    __table_args__ = (Index("ix_wallet_bank_callbacks_outcome_id", "outcome", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    connector: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(100))
    order_id: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[datetime]


class SandboxCard(Base):
    """A card as the sandbox bank knows it, behind the token it gave Plaza."""

    __tablename__ = "sandbox_bank_cards"

    token: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder_name: Mapped[str] = mapped_column(String(64))
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime]


class SandboxRequest(Base):
    """A charge or payout the sandbox bank accepted (or declined), and when it settles."""

    __tablename__ = "sandbox_bank_requests"
    __table_args__ = (
        Index("ix_sandbox_bank_requests_settled_settles_at", "settled", "settles_at"),
    )

    reference: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    """``charge`` or ``pay_out``."""
    token: Mapped[str] = mapped_column(String(100))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    merchant_order: Mapped[str] = mapped_column(String(40))
    """Plaza's order id, as a bank keeps the merchant's own reference."""
    outcome: Mapped[str] = mapped_column(String(10))
    """What it will come to: ``succeeded``, ``failed``, ``declined`` or ``timeout``."""
    settled: Mapped[bool] = mapped_column(Boolean, default=False)
    """Its callback was sent (a timeout never is)."""
    settles_at: Mapped[datetime]
    created_at: Mapped[datetime]
