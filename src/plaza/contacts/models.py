from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class FriendRequestRecord(Base):
    """One friend request per (sender, recipient) pair: sending again reuses the row."""

    __tablename__ = "friend_requests"
    __table_args__ = (
        UniqueConstraint("from_id", "to_id"),
        Index("ix_friend_requests_from_id_order_key", "from_id", "order_key"),
        Index("ix_friend_requests_to_id_order_key", "to_id", "order_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    to_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    greeting: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    order_key: Mapped[int]
    """A fresh id at every send: lists go newest first and a re-sent request moves up."""
    created_at: Mapped[datetime]
    """When it was last sent."""
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class Friendship(Base):
    """One side of a friendship; a pair of friends has two rows, each with its own
    remark and tags."""

    __tablename__ = "friendships"

    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    friend_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    remark: Mapped[str] = mapped_column(String(64), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]


class Block(Base):
    """``owner_id`` blocked ``blocked_id``: they cannot find, ask or message the owner."""

    __tablename__ = "blocks"

    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    created_at: Mapped[datetime]


class PrivacySettings(Base):
    """Who may find an account; created on first change, defaults apply until then."""

    __tablename__ = "contact_privacy"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    findable_by_phone: Mapped[bool] = mapped_column(default=True)
