from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class MessagingSettings(Base):
    """An account's auto-replies and webhook; no row until its operator sets either."""

    __tablename__ = "official_messaging_settings"

    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"), primary_key=True)
    on_follow: Mapped[str] = mapped_column(String(600))
    """Posted to each new follower; empty: nothing."""
    default_reply: Mapped[str] = mapped_column(String(600))
    """Posted when no keyword matches a follower's message; empty: nothing."""
    keywords: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """``[{keyword, match: "exact"|"contains", reply}]``, tried in order."""
    webhook_url: Mapped[str | None] = mapped_column(String(2048))
    updated_at: Mapped[datetime]


class Thread(Base):
    """A follower who wrote to the account: one row of the operator's inbox."""

    __tablename__ = "official_threads"
    __table_args__ = (
        Index("ix_official_threads_account_id_last_message_at", "account_id", "last_message_at"),
    )

    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    last_message_text: Mapped[str] = mapped_column(String(80))
    last_message_at: Mapped[datetime]
    last_follower_message_at: Mapped[datetime]
    """The account may reply until 48 hours after this."""


class Delivery(Base):
    """A broadcast still being posted into its followers' chats (a service account's) or
    told to them (a subscription account's), a batch at a time (``jobs``)."""

    __tablename__ = "official_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The chat message every follower gets."""
    after_person_id: Mapped[int | None]
    """Followers up to this id have it; None: nobody yet."""
    created_at: Mapped[datetime]
