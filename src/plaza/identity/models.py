from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base

PHONE_MAX_LENGTH = 16  # E.164: "+" and at most 15 digits


class Account(Base):
    """A person. Deleting one erases its profile and frees its phone and Plaza ID,
    but keeps the row so that what others hold (messages, payments) still resolves."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(PHONE_MAX_LENGTH), unique=True)
    plaza_id: Mapped[str | None] = mapped_column(String(20))
    plaza_id_key: Mapped[str | None] = mapped_column(String(20), unique=True)
    """``plaza_id`` lower-cased: Plaza IDs are unique regardless of case."""
    plaza_id_changed_at: Mapped[datetime | None]
    """When the owner last chose their Plaza ID; None while it is the generated one."""
    display_name: Mapped[str] = mapped_column(String(64), default="")
    bio: Mapped[str] = mapped_column(String(255), default="")
    region: Mapped[str] = mapped_column(String(64), default="")
    avatar_key: Mapped[str | None] = mapped_column(String(128))
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    """A platform admin reviews mini-programs; set with ``plaza user admin``."""
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class SignInCode(Base):
    """A one-time code sent by SMS. Only a keyed hash of the code is stored."""

    __tablename__ = "sign_in_codes"
    __table_args__ = (Index("ix_sign_in_codes_phone_id", "phone", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_MAX_LENGTH))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None]


class DeviceSession(Base):
    """One signed-in device. The bearer token is stored only as its SHA-256."""

    __tablename__ = "device_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
