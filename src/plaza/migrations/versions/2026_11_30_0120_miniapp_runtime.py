"""Mini-program opens (recently used, daily opens) and per-person storage.

Revision ID: 20261130_runtime
Revises: 20261130_subscriptions
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_runtime"
down_revision: str | None = "20261130_subscriptions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, plaza.kit.db.UTCDateTime(timezone=True), nullable=False)


def _id(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "miniapp_recents",
        _id("account_id"),
        _id("miniapp_id"),
        _when("opened_at"),
        _fk("miniapp_recents", "account_id", "accounts"),
        _fk("miniapp_recents", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint("account_id", "miniapp_id", name=op.f("pk_miniapp_recents")),
    )
    with op.batch_alter_table("miniapp_recents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_miniapp_recents_account_id_opened_at", ["account_id", "opened_at"], unique=False
        )

    op.create_table(
        "miniapp_daily_opens",
        _id("miniapp_id"),
        sa.Column("day", sa.Date(), nullable=False),
        _id("account_id"),
        _id("opens"),
        _fk("miniapp_daily_opens", "account_id", "accounts"),
        _fk("miniapp_daily_opens", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint(
            "miniapp_id", "day", "account_id", name=op.f("pk_miniapp_daily_opens")
        ),
    )

    op.create_table(
        "miniapp_storage_items",
        _id("miniapp_id"),
        _id("account_id"),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _when("updated_at"),
        _fk("miniapp_storage_items", "account_id", "accounts"),
        _fk("miniapp_storage_items", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint(
            "miniapp_id", "account_id", "key", name=op.f("pk_miniapp_storage_items")
        ),
    )

    op.create_table(
        "miniapp_storage_usage",
        _id("miniapp_id"),
        _id("account_id"),
        _id("key_count"),
        _fk("miniapp_storage_usage", "account_id", "accounts"),
        _fk("miniapp_storage_usage", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint("miniapp_id", "account_id", name=op.f("pk_miniapp_storage_usage")),
    )


def downgrade() -> None:
    op.drop_table("miniapp_storage_usage")
    op.drop_table("miniapp_storage_items")
    op.drop_table("miniapp_daily_opens")
    with op.batch_alter_table("miniapp_recents", schema=None) as batch_op:
        batch_op.drop_index("ix_miniapp_recents_account_id_opened_at")
    op.drop_table("miniapp_recents")
