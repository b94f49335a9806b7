"""Mini-program payment orders and refunds.

Revision ID: 20261130_orders
Revises: 20261130_open_api
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_orders"
down_revision: str | None = "20261130_open_api"
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
        "miniapp_orders",
        _id("id"),
        _id("miniapp_id"),
        sa.Column("out_trade_no", sa.String(length=32), nullable=False),
        sa.Column("prepay_id", sa.String(length=35), nullable=False),
        sa.Column("description", sa.String(length=127), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payer_openid", sa.String(length=64), nullable=False),
        sa.Column("notify_url", sa.String(length=2048), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("refunded", sa.BigInteger(), nullable=False),
        sa.Column("refund_count", sa.Integer(), nullable=False),
        _id("payer_id", nullable=True),
        sa.Column("transaction_id", sa.String(length=32), nullable=True),
        _when("created_at"),
        _when("time_expire"),
        _when("success_time", nullable=True),
        _when("closed_at", nullable=True),
        _fk("miniapp_orders", "miniapp_id", "miniapps"),
        _fk("miniapp_orders", "payer_id", "accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapp_orders")),
        sa.UniqueConstraint(
            "miniapp_id", "out_trade_no", name=op.f("uq_miniapp_orders_miniapp_id")
        ),
        sa.UniqueConstraint("prepay_id", name=op.f("uq_miniapp_orders_prepay_id")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_miniapp_orders_transaction_id")),
    )
    with op.batch_alter_table("miniapp_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_miniapp_orders_payer_id"), ["payer_id"], unique=False)

    op.create_table(
        "miniapp_refunds",
        _id("id"),
        _id("miniapp_id"),
        _id("order_id"),
        sa.Column("out_refund_no", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        _when("created_at"),
        _when("success_time"),
        _fk("miniapp_refunds", "miniapp_id", "miniapps"),
        _fk("miniapp_refunds", "order_id", "miniapp_orders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapp_refunds")),
        sa.UniqueConstraint(
            "miniapp_id", "out_refund_no", name=op.f("uq_miniapp_refunds_miniapp_id")
        ),
    )
    with op.batch_alter_table("miniapp_refunds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_miniapp_refunds_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("miniapp_refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapp_refunds_order_id"))
    op.drop_table("miniapp_refunds")
    with op.batch_alter_table("miniapp_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_miniapp_orders_payer_id"))
    op.drop_table("miniapp_orders")
