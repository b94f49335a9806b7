"""Bank cards and top-up and withdrawal orders.

Revision ID: 20261129_bank
Revises: 20261129_ledger_subjects
Created: 2026-11-29 23:10 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_bank"
down_revision: str | None = "20261129_ledger_subjects"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wallet_bank_cards",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("holder_name", sa.String(length=64), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=False),
        sa.Column("last4", sa.String(length=4), nullable=False),
        sa.Column("connector", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f("fk_wallet_bank_cards_owner_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_bank_cards")),
    )
    with op.batch_alter_table("wallet_bank_cards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wallet_bank_cards_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "wallet_bank_orders",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("card_id", sa.BigInteger(), nullable=False),
        sa.Column("card_last4", sa.String(length=4), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("connector", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("hold_account_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("settled_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["hold_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_wallet_bank_orders_hold_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f("fk_wallet_bank_orders_owner_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_bank_orders")),
        sa.UniqueConstraint("reference", name=op.f("uq_wallet_bank_orders_reference")),
    )
    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.create_index("ix_wallet_bank_orders_owner_id_id", ["owner_id", "id"], unique=False)
        batch_op.create_index(
            "ix_wallet_bank_orders_status_created_at", ["status", "created_at"], unique=False
        )

    op.create_table(
        "wallet_bank_callbacks",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("connector", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("received_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_bank_callbacks")),
    )
    with op.batch_alter_table("wallet_bank_callbacks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wallet_bank_callbacks_outcome_id", ["outcome", "id"], unique=False
        )

    op.create_table(
        "sandbox_bank_cards",
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("holder_name", sa.String(length=64), nullable=False),
        sa.Column("last4", sa.String(length=4), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_sandbox_bank_cards")),
    )
    op.create_table(
        "sandbox_bank_requests",
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("merchant_order", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("settled", sa.Boolean(), nullable=False),
        sa.Column("settles_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reference", name=op.f("pk_sandbox_bank_requests")),
    )
    with op.batch_alter_table("sandbox_bank_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sandbox_bank_requests_settled_settles_at", ["settled", "settles_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sandbox_bank_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_sandbox_bank_requests_settled_settles_at")
    op.drop_table("sandbox_bank_requests")
    op.drop_table("sandbox_bank_cards")

    with op.batch_alter_table("wallet_bank_callbacks", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_bank_callbacks_outcome_id")
    op.drop_table("wallet_bank_callbacks")

    with op.batch_alter_table("wallet_bank_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_bank_orders_status_created_at")
        batch_op.drop_index("ix_wallet_bank_orders_owner_id_id")
    op.drop_table("wallet_bank_orders")

    with op.batch_alter_table("wallet_bank_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wallet_bank_cards_owner_id"))
    op.drop_table("wallet_bank_cards")
