"""What the runtime keeps per person: the mini-programs they opened (recently used), the
daily open counts developers see, and each mini-program's server-side storage for them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class RecentOpen(Base):
    """When the person last opened the mini-program: one row per person and app, moved to
    the front of Discover's "recently used" on each open."""

    __tablename__ = "miniapp_recents"
    __table_args__ = (Index("ix_miniapp_recents_account_id_opened_at", "account_id", "opened_at"),)

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    opened_at: Mapped[datetime]


class DailyOpens(Base):
    """How often one person opened the mini-program on one day (the deployment's day,
    ``settings.wallet_zone``): summed for opens, counted for people, each once a day."""

    __tablename__ = "miniapp_daily_opens"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    opens: Mapped[int]


class StorageItem(Base):
    """One key of a mini-program's storage for one person (``plaza.storage``)."""

    __tablename__ = "miniapp_storage_items"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class StorageUsage(Base):
    """How many keys a mini-program stores for one person. Writes lock this row, so two
    concurrent writes of new keys cannot both take the last place under the quota."""

    __tablename__ = "miniapp_storage_usage"

    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    key_count: Mapped[int]
