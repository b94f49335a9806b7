"""Subscribe-message templates and each person's one-time consents.

Revision ID: 20261130_subscriptions
Revises: 20261130_orders
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_subscriptions"
down_revision: str | None = "20261130_orders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, plaza.kit.db.UTCDateTime(timezone=True), nullable=False)


def _id(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "miniapp_templates",
        _id("id"),
        sa.Column("template_id", sa.String(length=20), nullable=False),
        _id("miniapp_id"),
        sa.Column("title", sa.String(length=20), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["miniapp_id"], ["miniapps.id"], name=op.f("fk_miniapp_templates_miniapp_id_miniapps")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapp_templates")),
        sa.UniqueConstraint("template_id", name=op.f("uq_miniapp_templates_template_id")),
    )
    with op.batch_alter_table("miniapp_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_miniapp_templates_miniapp_id"), ["miniapp_id"], unique=False
        )

    op.create_table(
        "miniapp_subscriptions",
        _id("template_id"),
        _id("account_id"),
        _id("credits"),
        _when("updated_at"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_miniapp_subscriptions_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["miniapp_templates.id"],
            name=op.f("fk_miniapp_subscriptions_template_id_miniapp_templates"),
        ),
        sa.PrimaryKeyConstraint("template_id", "account_id", name=op.f("pk_miniapp_subscriptions")),
    )
    with op.batch_alter_table("miniapp_subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_miniapp_subscriptions_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("miniapp_subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapp_subscriptions_account_id"))
    op.drop_table("miniapp_subscriptions")
    with op.batch_alter_table("miniapp_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapp_templates_miniapp_id"))
    op.drop_table("miniapp_templates")
