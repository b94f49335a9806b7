"""Refunds of shop payments: what each payment has refunded, and each refund.

Revision ID: 20261130_shop_refunds
Revises: 20261130_runtime
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_shop_refunds"
down_revision: str | None = "20261130_runtime"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("wallet_payments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("refunded", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("refund_count", sa.Integer(), server_default="0", nullable=False)
        )

    op.create_table(
        "wallet_payment_refunds",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("payment_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=80), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["wallet_payments.id"],
            name=op.f("fk_wallet_payment_refunds_payment_id_wallet_payments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_payment_refunds")),
    )
    with op.batch_alter_table("wallet_payment_refunds", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wallet_payment_refunds_payment_id_id", ["payment_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wallet_payment_refunds", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_payment_refunds_payment_id_id")
    op.drop_table("wallet_payment_refunds")
    with op.batch_alter_table("wallet_payments", schema=None) as batch_op:
        batch_op.drop_column("refund_count")
        batch_op.drop_column("refunded")
