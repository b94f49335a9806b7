"""A red envelope and its shares. The shares are decided when the envelope is sent and
stored one row each, so that opening is "claim one unclaimed share"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Envelope(Base):
    """Money shared out in a chat, open for 24 hours; what is left then goes back."""

    __tablename__ = "wallet_envelopes"
    __table_args__ = (
        Index("ix_wallet_envelopes_settled_at_expires_at", "settled_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    conversation_id: Mapped[int] = mapped_column(BigInteger)
    """The chat the envelope card was sent in; only its members may open it."""
    direct: Mapped[bool]
    """Sent in a 1:1 chat: one share, which only the other person may open."""
    kind: Mapped[str] = mapped_column(String(5))
    """``equal`` or ``lucky``."""
    total: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    count: Mapped[int] = mapped_column(Integer)
    greeting: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]
    """When the sweep gave back what was left (if anything) and closed the envelope.
    Opening never writes this row, so it is not a lock every opener queues on."""


class Share(Base):
    """One share of an envelope, held in one of the envelope's hold accounts until a
    member claims it. One share per person per envelope (the unique constraint)."""

    __tablename__ = "wallet_envelope_shares"
    __table_args__ = (UniqueConstraint("envelope_id", "opener_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    envelope_id: Mapped[int] = mapped_column(ForeignKey("wallet_envelopes.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    hold_account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"))
    """The stripe of the envelope's hold that this share is paid from."""
    opener_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    opened_at: Mapped[datetime | None]
