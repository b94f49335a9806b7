from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class CodeKind(StrEnum):
    LOGIN = "login"
    PHONE = "phone"


class Scope(StrEnum):
    """What a person may let a mini-program have, each asked for on a gesture of theirs."""

    PROFILE = "profile"
    PHONE = "phone"
    LOCATION = "location"
    CAMERA = "camera"


class AccessToken(Base):
    """A mini-program server's access token. Only its SHA-256 is stored; a newer one
    shortens the older ones to a few minutes (``tokens.ROTATION_OVERLAP``)."""

    __tablename__ = "open_access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class OneTimeCode(Base):
    """A code the host gave a mini-program for one signed-in person, for its server to
    exchange once. Only its SHA-256 is stored. A login code carries the person's openid
    and unionid, worked out when it is issued, so that the exchange is one statement."""

    __tablename__ = "open_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    openid: Mapped[str | None] = mapped_column(String(32))
    """A login code's; a phone code has none."""
    unionid: Mapped[str | None] = mapped_column(String(32))


class AppSession(Base):
    """One ``code2session`` exchange: the session key's SHA-256, kept for later signature
    checks, under the openid the mini-program knows the person by."""

    __tablename__ = "open_sessions"
    __table_args__ = (Index("ix_open_sessions_miniapp_id_openid", "miniapp_id", "openid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    openid: Mapped[str] = mapped_column(String(32))
    session_key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Consent(Base):
    """A scope a person granted a mini-program, until they revoke it. The runtime's
    consent dialog and Me -> Settings read and write this."""

    __tablename__ = "miniapp_consents"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_at: Mapped[datetime]
