"""Official accounts: applications, followers, articles, broadcasts, menus, auto-replies and inbox.

Revision ID: 20261130_official
Revises: 20261130_moments
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_official"
down_revision: str | None = "20261130_moments"
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
        "official_accounts",
        _id("id"),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("name_key", sa.String(length=30), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        _id("avatar_id", nullable=True),
        sa.Column("avatar_key", sa.String(length=200), nullable=True),
        sa.Column("document_ids", sa.JSON(), nullable=False),
        _id("operator_id"),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reject_reason", sa.String(length=200), nullable=True),
        _id("reviewer_id", nullable=True),
        _id("follower_count"),
        sa.Column("menu", sa.JSON(), nullable=False),
        _when("created_at"),
        _when("reviewed_at", nullable=True),
        _fk("official_accounts", "avatar_id", "uploads"),
        _fk("official_accounts", "operator_id", "accounts"),
        _fk("official_accounts", "reviewer_id", "accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_accounts")),
        sa.UniqueConstraint("name_key", name=op.f("uq_official_accounts_name_key")),
    )
    with op.batch_alter_table("official_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_official_accounts_operator_id"), ["operator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_official_accounts_status"), ["status"], unique=False)

    op.create_table(
        "official_follows",
        _id("account_id"),
        _id("person_id"),
        _when("created_at"),
        _fk("official_follows", "account_id", "official_accounts"),
        _fk("official_follows", "person_id", "accounts"),
        sa.PrimaryKeyConstraint("account_id", "person_id", name=op.f("pk_official_follows")),
    )
    with op.batch_alter_table("official_follows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_official_follows_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "official_broadcasts",
        _id("id"),
        _id("account_id"),
        sa.Column("type", sa.String(length=16), nullable=False),
        _when("sent_at"),
        _fk("official_broadcasts", "account_id", "official_accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_broadcasts")),
    )
    with op.batch_alter_table("official_broadcasts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_official_broadcasts_account_id_sent_at", ["account_id", "sent_at"], unique=False
        )

    op.create_table(
        "official_articles",
        _id("id"),
        _id("account_id"),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=120), nullable=False),
        _id("cover_id", nullable=True),
        sa.Column("cover_key", sa.String(length=200), nullable=True),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        _id("broadcast_id", nullable=True),
        _id("order_key", nullable=True),
        _when("published_at", nullable=True),
        _id("like_count"),
        _when("created_at"),
        _when("updated_at"),
        _fk("official_articles", "account_id", "official_accounts"),
        _fk("official_articles", "cover_id", "uploads"),
        _fk("official_articles", "broadcast_id", "official_broadcasts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_articles")),
    )
    with op.batch_alter_table("official_articles", schema=None) as batch_op:
        batch_op.create_index(
            "ix_official_articles_account_id_order_key", ["account_id", "order_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_official_articles_broadcast_id"), ["broadcast_id"], unique=False
        )

    op.create_table(
        "official_article_likes",
        _id("article_id"),
        _id("person_id"),
        _when("created_at"),
        _fk("official_article_likes", "article_id", "official_articles"),
        _fk("official_article_likes", "person_id", "accounts"),
        sa.PrimaryKeyConstraint("article_id", "person_id", name=op.f("pk_official_article_likes")),
    )

    op.create_table(
        "official_subscriptions_read",
        _id("person_id"),
        _id("last_broadcast_id"),
        _when("updated_at"),
        _fk("official_subscriptions_read", "person_id", "accounts"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_official_subscriptions_read")),
    )


def downgrade() -> None:
    op.drop_table("official_subscriptions_read")
    op.drop_table("official_article_likes")
    with op.batch_alter_table("official_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_official_articles_broadcast_id"))
        batch_op.drop_index("ix_official_articles_account_id_order_key")
    op.drop_table("official_articles")
    with op.batch_alter_table("official_broadcasts", schema=None) as batch_op:
        batch_op.drop_index("ix_official_broadcasts_account_id_sent_at")
    op.drop_table("official_broadcasts")
    with op.batch_alter_table("official_follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_official_follows_person_id"))
    op.drop_table("official_follows")
    with op.batch_alter_table("official_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_official_accounts_status"))
        batch_op.drop_index(batch_op.f("ix_official_accounts_operator_id"))
    op.drop_table("official_accounts")
