"""Accounts, sign-in codes, device sessions and the idempotency store.

Revision ID: 4350e11bd419
Revises:
Created: 2026-11-29 19:39 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "4350e11bd419"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("plaza_id", sa.String(length=20), nullable=True),
        sa.Column("plaza_id_key", sa.String(length=20), nullable=True),
        sa.Column("plaza_id_changed_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("bio", sa.String(length=255), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("avatar_key", sa.String(length=128), nullable=True),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("phone", name=op.f("uq_accounts_phone")),
        sa.UniqueConstraint("plaza_id_key", name=op.f("uq_accounts_plaza_id_key")),
    )
    op.create_table(
        "idempotency_records",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        sa.UniqueConstraint("scope", "owner_id", "key", name=op.f("uq_idempotency_records_scope")),
    )
    op.create_table(
        "sign_in_codes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_codes")),
    )
    with op.batch_alter_table("sign_in_codes", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_codes_phone_id", ["phone", "id"], unique=False)

    op.create_table(
        "device_sessions",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("device_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_device_sessions_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_sessions_token_hash")),
    )
    with op.batch_alter_table("device_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_device_sessions_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("device_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_sessions_account_id"))

    op.drop_table("device_sessions")
    with op.batch_alter_table("sign_in_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_codes_phone_id")

    op.drop_table("sign_in_codes")
    op.drop_table("idempotency_records")
    op.drop_table("accounts")
