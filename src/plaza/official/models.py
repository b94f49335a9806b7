from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class AccountType(StrEnum):
    SUBSCRIPTION = "subscription"
    """Broadcasts once a UTC day, into the follower's Subscriptions folder."""
    SERVICE = "service"
    """Broadcasts four times a calendar month, into the follower's chat list."""


class AccountStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class OfficialAccountRecord(Base):
    """An organisation's account: applied for by its operator, verified by a platform admin."""

    __tablename__ = "official_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    name_key: Mapped[str | None] = mapped_column(String(30), unique=True)
    """``name`` case-folded: names are unique on the platform regardless of case. None once
    rejected, which frees the name for a new application."""
    type: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(200))
    avatar_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    avatar_key: Mapped[str | None] = mapped_column(String(200))
    """The avatar upload's thumbnail in media storage, kept to make its URL without a query."""
    document_ids: Mapped[list[str]] = mapped_column(JSON)
    """The uploads (licence etc.) the admins review, as strings."""
    operator_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reject_reason: Mapped[str | None] = mapped_column(String(200))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    follower_count: Mapped[int]
    menu: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """The custom menu followers see on the account's chat page (set by ``official.messaging``)."""
    created_at: Mapped[datetime]
    reviewed_at: Mapped[datetime | None]


class Follow(Base):
    """``person_id`` follows the official account ``account_id``."""

    __tablename__ = "official_follows"

    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True, index=True)
    created_at: Mapped[datetime]


class ArticleRecord(Base):
    """A draft until a broadcast publishes it; published articles never change."""

    __tablename__ = "official_articles"
    __table_args__ = (
        Index("ix_official_articles_account_id_order_key", "account_id", "order_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"))
    title: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(120))
    cover_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    cover_key: Mapped[str | None] = mapped_column(String(200))
    """The cover upload's image in media storage, kept to make its URL without a query."""
    markdown: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    """``markdown`` rendered and sanitised (``official.articles.render``)."""
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("official_broadcasts.id"), index=True
    )
    order_key: Mapped[int | None]
    """Set on publishing, a fresh id per article, larger for earlier places in the
    broadcast: the profile lists published articles by it, newest broadcast first."""
    published_at: Mapped[datetime | None]
    like_count: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ArticleLike(Base):
    __tablename__ = "official_article_likes"

    article_id: Mapped[int] = mapped_column(ForeignKey("official_articles.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    created_at: Mapped[datetime]


class BroadcastRecord(Base):
    """One send of 1 to 8 articles to every follower."""

    __tablename__ = "official_broadcasts"
    __table_args__ = (Index("ix_official_broadcasts_account_id_sent_at", "account_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("official_accounts.id"))
    type: Mapped[str] = mapped_column(String(16))
    """The account's type when it was sent: where it landed."""
    sent_at: Mapped[datetime]


class SubscriptionsRead(Base):
    """How far a person has read their Subscriptions folder."""

    __tablename__ = "official_subscriptions_read"

    person_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    last_broadcast_id: Mapped[int]
    updated_at: Mapped[datetime]
