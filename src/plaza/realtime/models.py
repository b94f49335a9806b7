from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Inbox(Base):
    """One row per account: the sequence number of its latest event."""

    __tablename__ = "inboxes"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class InboxEvent(Base):
    """Something an account's devices must learn, numbered per account so that a
    device catches up with one query from its cursor."""

    __tablename__ = "inbox_events"
    __table_args__ = (Index("ix_inbox_events_subject_id", "subject_id"),)

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    """The message (or other object) the event is about, so it can be redacted later."""
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
