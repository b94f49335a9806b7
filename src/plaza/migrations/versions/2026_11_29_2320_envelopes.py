"""Red envelopes and their shares.

Revision ID: 20261129_envelopes
Revises: 20261129_bank
Created: 2026-11-29 23:20 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_envelopes"
down_revision: str | None = "20261129_bank"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wallet_envelopes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("conversation_id", sa.BigInteger(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("greeting", sa.String(length=30), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("settled_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["accounts.id"], name=op.f("fk_wallet_envelopes_sender_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_envelopes")),
    )
    with op.batch_alter_table("wallet_envelopes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wallet_envelopes_sender_id"), ["sender_id"], unique=False
        )
        batch_op.create_index(
            "ix_wallet_envelopes_settled_at_expires_at", ["settled_at", "expires_at"], unique=False
        )

    op.create_table(
        "wallet_envelope_shares",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("envelope_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("hold_account_id", sa.BigInteger(), nullable=False),
        sa.Column("opener_id", sa.BigInteger(), nullable=True),
        sa.Column("opened_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["envelope_id"],
            ["wallet_envelopes.id"],
            name=op.f("fk_wallet_envelope_shares_envelope_id_wallet_envelopes"),
        ),
        sa.ForeignKeyConstraint(
            ["hold_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_wallet_envelope_shares_hold_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["opener_id"],
            ["accounts.id"],
            name=op.f("fk_wallet_envelope_shares_opener_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_envelope_shares")),
        sa.UniqueConstraint(
            "envelope_id", "opener_id", name=op.f("uq_wallet_envelope_shares_envelope_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("wallet_envelope_shares")
    with op.batch_alter_table("wallet_envelopes", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_envelopes_settled_at_expires_at")
        batch_op.drop_index(batch_op.f("ix_wallet_envelopes_sender_id"))

    op.drop_table("wallet_envelopes")
