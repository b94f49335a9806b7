from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    """``direct`` (two people) or ``group``."""
    name: Mapped[str] = mapped_column(String(64), default="")
    announcement: Mapped[str] = mapped_column(String(2000), default="")
    direct_key: Mapped[str | None] = mapped_column(String(41), unique=True)
    """``"<lower id>:<higher id>"`` for a direct conversation: one per pair."""
    last_seq: Mapped[int] = mapped_column(default=0)
    """The sequence number of the latest message; taken under this row's lock."""
    last_message_at: Mapped[datetime | None]
    join_token: Mapped[str | None] = mapped_column(String(43), unique=True)
    join_token_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Member(Base):
    __tablename__ = "conversation_members"
    __table_args__ = (Index("ix_conversation_members_account_id", "account_id"),)

    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    """``owner``, ``admin`` or ``member`` (direct conversations: ``member``)."""
    joined_seq: Mapped[int]
    """Messages up to this seq were sent before the member joined and stay hidden."""
    last_read_seq: Mapped[int]
    muted: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime]


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_messages_conversation_seq"),
        UniqueConstraint(
            "conversation_id", "sender_id", "client_msg_id", name="uq_messages_client_msg_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    seq: Mapped[int]
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    """None for system messages ("Alice invited Bob")."""
    client_msg_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    reply_to_id: Mapped[int | None]
    mentions: Mapped[list[int]] = mapped_column(JSON, default=list)
    mention_all: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    recalled_at: Mapped[datetime | None]


class HiddenMessage(Base):
    """A message deleted for one account only."""

    __tablename__ = "hidden_messages"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)


class ChatSettings(Base):
    __tablename__ = "chat_settings"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    read_receipts: Mapped[bool] = mapped_column(Boolean, default=False)
    """Off by default: WeChat keeps read state private."""
