"""Uploads remember when they were first used, so that those never used can be deleted
a day on (``media.jobs``).

Uploads made before this revision count as used when they were made: whether something
uses them cannot be told from the upload, and only a never-used upload may go.

Revision ID: 20261201_upload_use
Revises: 20261130_login_code_ids
Created: 2026-12-01 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261201_upload_use"
down_revision: str | None = "20261130_login_code_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNUSED = sa.text("used_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("used_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute("UPDATE uploads SET used_at = created_at")
    op.create_index(
        "ix_uploads_unused",
        "uploads",
        ["created_at"],
        unique=False,
        postgresql_where=UNUSED,
        sqlite_where=UNUSED,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_uploads_unused", table_name="uploads", postgresql_where=UNUSED, sqlite_where=UNUSED
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_column("used_at")
