"""Shops' takings settled to their bank accounts: the settlement account linked with the
bank, and bank orders that pay a shop's takings out.

Revision ID: 20261130_settlements
Revises: 20261130_shop_refunds
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261130_settlements"
down_revision: str | None = "20261130_shop_refunds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settlement_connector", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("settlement_token", sa.String(length=100), nullable=True))

    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.alter_column("card_id", existing_type=sa.BigInteger(), nullable=True)
        batch_op.add_column(sa.Column("merchant_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("return_account_id", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_wallet_bank_orders_merchant_id_merchants"),
            "merchants",
            ["merchant_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            op.f("fk_wallet_bank_orders_return_account_id_ledger_accounts"),
            "ledger_accounts",
            ["return_account_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_wallet_bank_orders_merchant_id_id", ["merchant_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_bank_orders_merchant_id_id")
        batch_op.drop_constraint(
            op.f("fk_wallet_bank_orders_return_account_id_ledger_accounts"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            op.f("fk_wallet_bank_orders_merchant_id_merchants"), type_="foreignkey"
        )
        batch_op.drop_column("return_account_id")
        batch_op.drop_column("merchant_id")
        batch_op.alter_column("card_id", existing_type=sa.BigInteger(), nullable=False)

    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_column("settlement_token")
        batch_op.drop_column("settlement_connector")
