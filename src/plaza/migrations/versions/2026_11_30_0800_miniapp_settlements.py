"""Mini-programs' takings paid out to their developers' bank accounts: the settlement
account a developer links, and bank orders that name the mini-program they pay out.

Revision ID: 20261130_miniapp_settlements
Revises: 20261130_official_messaging
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_miniapp_settlements"
down_revision: str | None = "20261130_official_messaging"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wallet_miniapp_settlement_accounts",
        sa.Column("miniapp_id", sa.BigInteger(), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=False),
        sa.Column("account_last4", sa.String(length=4), nullable=False),
        sa.Column("connector", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("updated_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["miniapp_id"],
            ["miniapps.id"],
            name=op.f("fk_wallet_miniapp_settlement_accounts_miniapp_id_miniapps"),
        ),
        sa.PrimaryKeyConstraint("miniapp_id", name=op.f("pk_wallet_miniapp_settlement_accounts")),
    )
    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("miniapp_id", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_wallet_bank_orders_miniapp_id_miniapps"), "miniapps", ["miniapp_id"], ["id"]
        )
        batch_op.create_index(
            "ix_wallet_bank_orders_miniapp_id_id", ["miniapp_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_bank_orders_miniapp_id_id")
        batch_op.drop_constraint(
            op.f("fk_wallet_bank_orders_miniapp_id_miniapps"), type_="foreignkey"
        )
        batch_op.drop_column("miniapp_id")
    op.drop_table("wallet_miniapp_settlement_accounts")
