from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class WebhookSigningKey(Base):
    """The platform's Ed25519 key pair, made on first use and kept in the database so
    that every `plaza serve` node signs with the same key without sharing a file."""

    __tablename__ = "webhook_signing_keys"

    slot: Mapped[str] = mapped_column(String(20), primary_key=True)
    """``current``: one row, so that two nodes making the first key at once keep one."""
    key_id: Mapped[str] = mapped_column(String(40), unique=True)
    algorithm: Mapped[str] = mapped_column(String(20))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime]


class Webhook(Base):
    """One notification in the outbox: inserted in its cause's transaction, posted after
    commit until the receiver answers 2xx or the retry schedule runs out."""

    __tablename__ = "webhooks"
    __table_args__ = (
        Index("ix_webhooks_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_webhooks_owner_type_owner_id_id", "owner_type", "owner_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(20))
    """Whose notification it is (``miniapp``), so that a console can list its deliveries."""
    owner_id: Mapped[int]
    url: Mapped[str] = mapped_column(String(2048))
    event_type: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    """The JSON sent, fixed at enqueue time: every attempt posts the same bytes."""
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    """When it is due; while a worker posts it, the end of that worker's lease."""
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    """When it was delivered or given up."""


class WebhookAttempt(Base):
    """One POST of a webhook and how the receiver answered, for the developer console."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    """The receiver's HTTP status; null when no answer came (see ``error``)."""
    error: Mapped[str | None] = mapped_column(String(200))
    response_excerpt: Mapped[str] = mapped_column(String(1024), default="")
    """The first kilobyte of the receiver's answer."""
