from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class VersionStatus(StrEnum):
    DEVELOPMENT = "development"
    TRIAL = "trial"
    UNDER_REVIEW = "under_review"
    RELEASED = "released"
    REJECTED = "rejected"


class Developer(Base):
    """An account that registered to build mini-programs; the name is what people see
    as the mini-program's maker."""

    __tablename__ = "miniapp_developers"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class MiniApp(Base):
    """A mini-program. Its secret is kept only as a keyed hash (``service.hash_secret``)."""

    __tablename__ = "miniapps"

    id: Mapped[int] = mapped_column(primary_key=True)
    app_id: Mapped[str] = mapped_column(String(18), unique=True)
    """The public id: "px" and 16 hex digits, as in manifests and the Open API."""
    owner_id: Mapped[int] = mapped_column(ForeignKey("miniapp_developers.account_id"), index=True)
    name: Mapped[str] = mapped_column(String(30))
    name_key: Mapped[str] = mapped_column(String(30), unique=True)
    """``name`` case-folded: names are unique on the platform regardless of case."""
    category: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(200))
    server_domains: Mapped[list[str]] = mapped_column(JSON)
    secret_hash: Mapped[str] = mapped_column(String(64))
    secret_rotated_at: Mapped[datetime]
    live_version: Mapped[str | None] = mapped_column(String(32))
    """The released version people get; a rollback points it at an earlier one."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MiniAppVersion(Base):
    """One uploaded package, unpacked under ``<miniapp_dir>/<app_id>/<version>/``."""

    __tablename__ = "miniapp_versions"
    __table_args__ = (UniqueConstraint("miniapp_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"))
    version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    size: Mapped[int]
    """The package's size in bytes, as uploaded (the zip), counted against the app's quota."""
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    reject_reason: Mapped[str | None] = mapped_column(String(200))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]


class Tester(Base):
    """Someone the developer lets open the mini-program's trial version."""

    __tablename__ = "miniapp_testers"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    added_at: Mapped[datetime]
