"""Wallet profiles: verified real names and payment PINs.

Revision ID: 20261129_wallet_profiles
Revises: 20261129_ledger
Created: 2026-11-29 22:30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_wallet_profiles"
down_revision: str | None = "20261129_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wallet_profiles",
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("real_name", sa.String(length=64), nullable=True),
        sa.Column("id_country", sa.String(length=2), nullable=True),
        sa.Column("id_number_hash", sa.String(length=64), nullable=True),
        sa.Column("id_number_last4", sa.String(length=4), nullable=True),
        sa.Column("verified_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("pin_hash", sa.String(length=200), nullable=True),
        sa.Column("pin_failed_attempts", sa.Integer(), nullable=False),
        sa.Column("pin_locked_until", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_wallet_profiles_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_wallet_profiles")),
    )


def downgrade() -> None:
    op.drop_table("wallet_profiles")
