"""Official messaging: accounts' auto-replies and webhook, the operators' inbox threads and
service broadcasts still being delivered.

Revision ID: 20261130_official_messaging
Revises: 20261130_official
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_official_messaging"
down_revision: str | None = "20261130_official"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, plaza.kit.db.UTCDateTime(timezone=True), nullable=nullable)


def _id(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.BigInteger(), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "official_messaging_settings",
        _id("account_id"),
        sa.Column("on_follow", sa.String(length=600), nullable=False),
        sa.Column("default_reply", sa.String(length=600), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("webhook_url", sa.String(length=2048), nullable=True),
        _when("updated_at"),
        _fk("official_messaging_settings", "account_id", "official_accounts"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_official_messaging_settings")),
    )
    op.create_table(
        "official_threads",
        _id("account_id"),
        _id("person_id"),
        _id("conversation_id"),
        sa.Column("last_message_text", sa.String(length=80), nullable=False),
        _when("last_message_at"),
        _when("last_follower_message_at"),
        _fk("official_threads", "account_id", "official_accounts"),
        _fk("official_threads", "person_id", "accounts"),
        _fk("official_threads", "conversation_id", "conversations"),
        sa.PrimaryKeyConstraint("account_id", "person_id", name=op.f("pk_official_threads")),
    )
    with op.batch_alter_table("official_threads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_official_threads_account_id_last_message_at",
            ["account_id", "last_message_at"],
            unique=False,
        )
    op.create_table(
        "official_deliveries",
        _id("id"),
        _id("account_id"),
        sa.Column("content", sa.JSON(), nullable=False),
        _id("after_person_id", nullable=True),
        _when("created_at"),
        _fk("official_deliveries", "account_id", "official_accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_deliveries")),
    )


def downgrade() -> None:
    op.drop_table("official_deliveries")
    with op.batch_alter_table("official_threads", schema=None) as batch_op:
        batch_op.drop_index("ix_official_threads_account_id_last_message_at")
    op.drop_table("official_threads")
    op.drop_table("official_messaging_settings")
