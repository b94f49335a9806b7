"""Developers, mini-programs, their versions and reviews.

Revision ID: 20261129_miniapps
Revises: 20261129_merchants
Created: 2026-11-29 23:40 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_miniapps"
down_revision: str | None = "20261129_merchants"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    op.create_table(
        "miniapp_developers",
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_miniapp_developers_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_miniapp_developers")),
    )

    op.create_table(
        "miniapps",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("app_id", sa.String(length=18), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("name_key", sa.String(length=30), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("server_domains", sa.JSON(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("secret_rotated_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("live_version", sa.String(length=32), nullable=True),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["miniapp_developers.account_id"],
            name=op.f("fk_miniapps_owner_id_miniapp_developers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapps")),
        sa.UniqueConstraint("app_id", name=op.f("uq_miniapps_app_id")),
        sa.UniqueConstraint("name_key", name=op.f("uq_miniapps_name_key")),
    )
    with op.batch_alter_table("miniapps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_miniapps_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "miniapp_versions",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("miniapp_id", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("reject_reason", sa.String(length=200), nullable=True),
        sa.Column("reviewer_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["miniapp_id"], ["miniapps.id"], name=op.f("fk_miniapp_versions_miniapp_id_miniapps")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["accounts.id"], name=op.f("fk_miniapp_versions_reviewer_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapp_versions")),
        sa.UniqueConstraint("miniapp_id", "version", name=op.f("uq_miniapp_versions_miniapp_id")),
    )
    with op.batch_alter_table("miniapp_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_miniapp_versions_status"), ["status"], unique=False)

    op.create_table(
        "miniapp_testers",
        sa.Column("miniapp_id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("added_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_miniapp_testers_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["miniapp_id"], ["miniapps.id"], name=op.f("fk_miniapp_testers_miniapp_id_miniapps")
        ),
        sa.PrimaryKeyConstraint("miniapp_id", "account_id", name=op.f("pk_miniapp_testers")),
    )


def downgrade() -> None:
    op.drop_table("miniapp_testers")
    with op.batch_alter_table("miniapp_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapp_versions_status"))

    op.drop_table("miniapp_versions")
    with op.batch_alter_table("miniapps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapps_owner_id"))

    op.drop_table("miniapps")
    op.drop_table("miniapp_developers")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
