from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from plaza.kit.db import Base


class Upload(Base):
    """A file someone uploaded to use in a message, post, status or official account: an
    image, a file or a voice note."""

    __tablename__ = "uploads"
    __table_args__ = (
        Index(
            "ix_uploads_unused",
            "created_at",
            postgresql_where=text("used_at IS NULL"),
            sqlite_where=text("used_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    """``image``, ``file`` or ``voice``."""
    key: Mapped[str] = mapped_column(String(200))
    thumbnail_key: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    """When something first took it into use (``service.get_own_uploads``); an upload
    still unused a day after it was made is deleted (``jobs``)."""
