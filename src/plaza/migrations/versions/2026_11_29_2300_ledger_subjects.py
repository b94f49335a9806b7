"""Entries name what they belong to; postings carry their entry's time.

Revision ID: 20261129_ledger_subjects
Revises: 20261129_transfers
Created: 2026-11-29 23:00 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_ledger_subjects"
down_revision: str | None = "20261129_transfers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject_type", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("subject_id", sa.BigInteger(), nullable=True))

    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute(
        "UPDATE postings SET created_at = "
        "(SELECT created_at FROM journal_entries WHERE journal_entries.id = postings.entry_id)"
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.alter_column(
            "created_at",
            existing_type=plaza.kit.db.UTCDateTime(timezone=True),
            nullable=False,
        )
        batch_op.create_index(
            "ix_postings_account_id_created_at", ["account_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index("ix_postings_account_id_created_at")
        batch_op.drop_column("created_at")

    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_column("subject_id")
        batch_op.drop_column("subject_type")
