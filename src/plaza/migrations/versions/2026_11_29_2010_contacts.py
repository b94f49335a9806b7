"""Contacts: friend requests, friendships, blocks and privacy settings.

Revision ID: 20261129_contacts
Revises: 4350e11bd419
Created: 2026-11-29 20:10 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261129_contacts"
down_revision: str | None = "4350e11bd419"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blocks",
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("blocked_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["blocked_id"], ["accounts.id"], name=op.f("fk_blocks_blocked_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f("fk_blocks_owner_id_accounts")
        ),
        sa.PrimaryKeyConstraint("owner_id", "blocked_id", name=op.f("pk_blocks")),
    )
    op.create_table(
        "contact_privacy",
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("findable_by_phone", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_contact_privacy_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_contact_privacy")),
    )
    op.create_table(
        "friend_requests",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("from_id", sa.BigInteger(), nullable=False),
        sa.Column("to_id", sa.BigInteger(), nullable=False),
        sa.Column("greeting", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("order_key", sa.BigInteger(), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_id"], ["accounts.id"], name=op.f("fk_friend_requests_from_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["to_id"], ["accounts.id"], name=op.f("fk_friend_requests_to_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_friend_requests")),
        sa.UniqueConstraint("from_id", "to_id", name=op.f("uq_friend_requests_from_id")),
    )
    with op.batch_alter_table("friend_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_friend_requests_from_id_order_key", ["from_id", "order_key"], unique=False
        )
        batch_op.create_index(
            "ix_friend_requests_to_id_order_key", ["to_id", "order_key"], unique=False
        )

    op.create_table(
        "friendships",
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("friend_id", sa.BigInteger(), nullable=False),
        sa.Column("remark", sa.String(length=64), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("created_at", plaza.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["friend_id"], ["accounts.id"], name=op.f("fk_friendships_friend_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f("fk_friendships_owner_id_accounts")
        ),
        sa.PrimaryKeyConstraint("owner_id", "friend_id", name=op.f("pk_friendships")),
    )


def downgrade() -> None:
    op.drop_table("friendships")
    with op.batch_alter_table("friend_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_friend_requests_to_id_order_key")
        batch_op.drop_index("ix_friend_requests_from_id_order_key")

    op.drop_table("friend_requests")
    op.drop_table("contact_privacy")
    op.drop_table("blocks")
