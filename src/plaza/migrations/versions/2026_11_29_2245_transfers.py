"""Transfers between people, held until accepted.

Revision ID: 20261129_transfers
Revises: 20261129_wallet_profiles
Created: 2026-11-29 22:45 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_transfers"
down_revision: str | None = "20261129_wallet_profiles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wallet_transfers",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("memo", sa.String(length=100), nullable=False),
        sa.Column("conversation_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hold_account_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["hold_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_wallet_transfers_hold_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["accounts.id"],
            name=op.f("fk_wallet_transfers_recipient_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["accounts.id"], name=op.f("fk_wallet_transfers_sender_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_transfers")),
    )
    with op.batch_alter_table("wallet_transfers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wallet_transfers_recipient_id"), ["recipient_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_wallet_transfers_sender_id"), ["sender_id"], unique=False
        )
        batch_op.create_index(
            "ix_wallet_transfers_status_expires_at", ["status", "expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wallet_transfers", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_transfers_status_expires_at")
        batch_op.drop_index(batch_op.f("ix_wallet_transfers_sender_id"))
        batch_op.drop_index(batch_op.f("ix_wallet_transfers_recipient_id"))

    op.drop_table("wallet_transfers")
