from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base

TradeState = Literal["NOTPAY", "SUCCESS", "CLOSED", "REFUND"]
"""An order's state as the Open API tells it (``service.trade_state``)."""


class MiniappOrder(Base):
    """An order a mini-program's server created for one person (by their openid). It is
    paid at most once; refunds take back parts of it, never more than was paid."""

    __tablename__ = "miniapp_orders"
    __table_args__ = (UniqueConstraint("miniapp_id", "out_trade_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"))
    out_trade_no: Mapped[str] = mapped_column(String(32))
    """The mini-program's own order number, unique per mini-program."""
    prepay_id: Mapped[str] = mapped_column(String(35), unique=True)
    """``pp_`` and 32 random hex digits: what the mini-program hands the host to pay, so
    it must not be guessable."""
    description: Mapped[str] = mapped_column(String(127))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    payer_openid: Mapped[str] = mapped_column(String(64))
    notify_url: Mapped[str] = mapped_column(String(2048))
    state: Mapped[str] = mapped_column(String(8))
    """``NOTPAY``, ``SUCCESS`` or ``CLOSED`` as stored; a ``NOTPAY`` order past
    ``time_expire`` reads as ``CLOSED``, a paid one with refunds as ``REFUND``."""
    refunded: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_count: Mapped[int] = mapped_column(Integer, default=0)
    payer_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    """The account that paid it (set when paid; refunds go back to it)."""
    transaction_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime]
    time_expire: Mapped[datetime]
    success_time: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]


class MiniappRefund(Base):
    """Money given back from a paid order to its payer, by the mini-program's
    ``out_refund_no`` (unique per mini-program)."""

    __tablename__ = "miniapp_refunds"
    __table_args__ = (UniqueConstraint("miniapp_id", "out_refund_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("miniapp_orders.id"), index=True)
    out_refund_no: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(8))
    """``SUCCESS``: a refund moves its money in the request that makes it."""
    created_at: Mapped[datetime]
    success_time: Mapped[datetime]


class MiniappSettlementAccount(Base):
    """Where a mini-program's takings are paid out: the bank account its developer linked
    with the bank (``BankConnector.link_card``). Only the last four digits and the bank's
    token for it are kept."""

    __tablename__ = "wallet_miniapp_settlement_accounts"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    bank_name: Mapped[str] = mapped_column(String(64))
    account_last4: Mapped[str] = mapped_column(String(4))
    connector: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]
