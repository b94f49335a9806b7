"""Merchants, shop payments and payment codes.

Revision ID: 20261129_merchants
Revises: 20261129_envelopes
Created: 2026-11-29 23:30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_merchants"
down_revision: str | None = "20261129_envelopes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merchants",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("business_name", sa.String(length=64), nullable=False),
        sa.Column("registration_number", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("settlement_bank_name", sa.String(length=64), nullable=False),
        sa.Column("settlement_account_last4", sa.String(length=4), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f("fk_merchants_owner_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchants")),
    )
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merchants_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "wallet_payments",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("payer_id", sa.BigInteger(), nullable=False),
        sa.Column("merchant_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_wallet_payments_merchant_id_merchants"),
        ),
        sa.ForeignKeyConstraint(
            ["payer_id"], ["accounts.id"], name=op.f("fk_wallet_payments_payer_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_payments")),
    )
    with op.batch_alter_table("wallet_payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wallet_payments_payer_id"), ["payer_id"], unique=False)
        batch_op.create_index(
            "ix_wallet_payments_merchant_id_id", ["merchant_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_wallet_payments_status_expires_at", ["status", "expires_at"], unique=False
        )

    op.create_table(
        "payment_code_secrets",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("token", sa.String(length=8), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_payment_code_secrets_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_code_secrets")),
        sa.UniqueConstraint("token", name=op.f("uq_payment_code_secrets_token")),
    )
    with op.batch_alter_table("payment_code_secrets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_code_secrets_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "payment_codes_used",
        sa.Column("secret_id", sa.BigInteger(), nullable=False),
        sa.Column("time_step", sa.BigInteger(), nullable=False),
        sa.Column("payment_id", sa.BigInteger(), nullable=False),
        sa.Column("used_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["wallet_payments.id"],
            name=op.f("fk_payment_codes_used_payment_id_wallet_payments"),
        ),
        sa.ForeignKeyConstraint(
            ["secret_id"],
            ["payment_code_secrets.id"],
            name=op.f("fk_payment_codes_used_secret_id_payment_code_secrets"),
        ),
        sa.PrimaryKeyConstraint("secret_id", "time_step", name=op.f("pk_payment_codes_used")),
    )


def downgrade() -> None:
    op.drop_table("payment_codes_used")
    with op.batch_alter_table("payment_code_secrets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_code_secrets_account_id"))

    op.drop_table("payment_code_secrets")
    with op.batch_alter_table("wallet_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_payments_status_expires_at")
        batch_op.drop_index("ix_wallet_payments_merchant_id_id")
        batch_op.drop_index(batch_op.f("ix_wallet_payments_payer_id"))

    op.drop_table("wallet_payments")
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merchants_owner_id"))

    op.drop_table("merchants")
