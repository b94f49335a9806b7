"""Moments tables: posts, their resolved audience and fanned-out timeline entries, likes,
comments, notifications, privacy settings and statuses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Post(Base):
    """One post. Photos are copied from their uploads when posting (keys and sizes), so a
    page of posts needs no look-up of uploads."""

    __tablename__ = "moment_posts"
    __table_args__ = (
        UniqueConstraint("author_id", "client_id"),
        Index("ix_moment_posts_author_id_id", "author_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(String(2000))
    photos: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """``[{upload_id, key, thumbnail_key, width, height}]`` in the order chosen."""
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    link: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    audience_kind: Mapped[str] = mapped_column(String(8))
    """``friends``, ``private``, ``include`` or ``exclude``."""
    audience_tags: Mapped[list[str]] = mapped_column(JSON)
    audience_people: Mapped[list[int]] = mapped_column(JSON)
    """The tags and people as the author chose them (shown back to the author only)."""
    created_at: Mapped[datetime]


class AudienceMember(Base):
    """Someone an ``include`` post was shown to, or an ``exclude`` post was kept from,
    resolved from the chosen tags and people when the post was made."""

    __tablename__ = "moment_post_audience"

    post_id: Mapped[int] = mapped_column(ForeignKey("moment_posts.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)


class TimelineEntry(Base):
    """A post in someone's timeline, written for each friend who could see it when it was
    posted (and for the author), so that reading a timeline is one range scan."""

    __tablename__ = "moment_timeline"
    __table_args__ = (Index("ix_moment_timeline_post_id", "post_id"),)

    viewer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("moment_posts.id"), primary_key=True)


class Like(Base):
    __tablename__ = "moment_likes"

    post_id: Mapped[int] = mapped_column(ForeignKey("moment_posts.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    created_at: Mapped[datetime]


class Comment(Base):
    __tablename__ = "moment_comments"
    __table_args__ = (
        UniqueConstraint("author_id", "client_id"),
        Index("ix_moment_comments_post_id_id", "post_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("moment_posts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    client_id: Mapped[str] = mapped_column(String(64))
    reply_to_author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    """Whose comment this one answers; kept when that comment is deleted."""
    text: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]


class Notification(Base):
    """A like, comment or reply that someone should hear of."""

    __tablename__ = "moment_notifications"
    __table_args__ = (
        Index("ix_moment_notifications_recipient_id_id", "recipient_id", "id"),
        Index("ix_moment_notifications_post_id", "post_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    kind: Mapped[str] = mapped_column(String(8))
    """``like``, ``comment`` or ``reply``."""
    actor_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("moment_posts.id"))
    comment_id: Mapped[int | None] = mapped_column(BigInteger)
    comment_text: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class Settings(Base):
    """An account's Moments privacy; created on first change, defaults apply until then."""

    __tablename__ = "moment_settings"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    friends_see: Mapped[str] = mapped_column(String(3))
    """``3d``, ``6m`` or ``all``: how far back friends may look."""
    strangers_see_ten: Mapped[bool]
    timeline_seen_id: Mapped[int | None] = mapped_column(BigInteger)
    """The newest post on the owner's last first timeline page (for the badge)."""


class PersonSettings(Base):
    """What ``owner_id`` chose about ``other_id``'s posts and their own."""

    __tablename__ = "moment_person_settings"

    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    hide_their_posts: Mapped[bool]
    """Their posts stay out of the owner's timeline."""
    hide_my_posts: Mapped[bool]
    """They may not see the owner's posts."""


class Status(Base):
    """Someone's current status; it lapses at ``expires_at``."""

    __tablename__ = "moment_statuses"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    text: Mapped[str] = mapped_column(String(60))
    emoji: Mapped[str] = mapped_column(String(8))
    photo: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """``{upload_id, key, thumbnail_key}``."""
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
