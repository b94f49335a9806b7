from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Template(Base):
    """A message a mini-program may send: a title and the names of its fields. The
    developer's server fills in the values when it sends one."""

    __tablename__ = "miniapp_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(20), unique=True)
    """The public id: "tpl_" and 16 hex digits."""
    miniapp_id: Mapped[int] = mapped_column(ForeignKey("miniapps.id"), index=True)
    title: Mapped[str] = mapped_column(String(20))
    fields: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class Subscription(Base):
    """How many messages of one template a person still allows: each "accept" in the
    host's dialog adds one, each message sent takes one."""

    __tablename__ = "miniapp_subscriptions"

    template_id: Mapped[int] = mapped_column(ForeignKey("miniapp_templates.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True, index=True)
    credits: Mapped[int]
    updated_at: Mapped[datetime]
