"""Moments: posts, photos, audience, privacy, likes, comments, notifications and statuses.

Revision ID: 20261130_moments
Revises: 20261130_settlements
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_moments"
down_revision: str | None = "20261130_settlements"
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


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def upgrade() -> None:
    op.create_table(
        "moment_posts",
        _id("id"),
        _id("author_id"),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("location", sa.JSON(), nullable=True),
        sa.Column("link", sa.JSON(), nullable=True),
        sa.Column("audience_kind", sa.String(length=8), nullable=False),
        sa.Column("audience_tags", sa.JSON(), nullable=False),
        sa.Column("audience_people", sa.JSON(), nullable=False),
        _when("created_at"),
        _fk("moment_posts", "author_id", "accounts"),
        _pk("moment_posts", "id"),
        sa.UniqueConstraint("author_id", "client_id", name=op.f("uq_moment_posts_author_id")),
    )
    with op.batch_alter_table("moment_posts", schema=None) as batch_op:
        batch_op.create_index("ix_moment_posts_author_id_id", ["author_id", "id"], unique=False)

    op.create_table(
        "moment_post_audience",
        _id("post_id"),
        _id("account_id"),
        _fk("moment_post_audience", "account_id", "accounts"),
        _fk("moment_post_audience", "post_id", "moment_posts"),
        _pk("moment_post_audience", "post_id", "account_id"),
    )
    op.create_table(
        "moment_timeline",
        _id("viewer_id"),
        _id("post_id"),
        _fk("moment_timeline", "post_id", "moment_posts"),
        _fk("moment_timeline", "viewer_id", "accounts"),
        _pk("moment_timeline", "viewer_id", "post_id"),
    )
    with op.batch_alter_table("moment_timeline", schema=None) as batch_op:
        batch_op.create_index("ix_moment_timeline_post_id", ["post_id"], unique=False)

    op.create_table(
        "moment_likes",
        _id("post_id"),
        _id("account_id"),
        _when("created_at"),
        _fk("moment_likes", "account_id", "accounts"),
        _fk("moment_likes", "post_id", "moment_posts"),
        _pk("moment_likes", "post_id", "account_id"),
    )
    op.create_table(
        "moment_comments",
        _id("id"),
        _id("post_id"),
        _id("author_id"),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        _id("reply_to_author_id", nullable=True),
        sa.Column("text", sa.String(length=500), nullable=False),
        _when("created_at"),
        _fk("moment_comments", "author_id", "accounts"),
        _fk("moment_comments", "post_id", "moment_posts"),
        _fk("moment_comments", "reply_to_author_id", "accounts"),
        _pk("moment_comments", "id"),
        sa.UniqueConstraint("author_id", "client_id", name=op.f("uq_moment_comments_author_id")),
    )
    with op.batch_alter_table("moment_comments", schema=None) as batch_op:
        batch_op.create_index("ix_moment_comments_post_id_id", ["post_id", "id"], unique=False)

    op.create_table(
        "moment_notifications",
        _id("id"),
        _id("recipient_id"),
        sa.Column("kind", sa.String(length=8), nullable=False),
        _id("actor_id"),
        _id("post_id"),
        _id("comment_id", nullable=True),
        sa.Column("comment_text", sa.String(length=500), nullable=True),
        _when("created_at"),
        _when("read_at", nullable=True),
        _fk("moment_notifications", "actor_id", "accounts"),
        _fk("moment_notifications", "post_id", "moment_posts"),
        _fk("moment_notifications", "recipient_id", "accounts"),
        _pk("moment_notifications", "id"),
    )
    with op.batch_alter_table("moment_notifications", schema=None) as batch_op:
        batch_op.create_index("ix_moment_notifications_post_id", ["post_id"], unique=False)
        batch_op.create_index(
            "ix_moment_notifications_recipient_id_id", ["recipient_id", "id"], unique=False
        )

    op.create_table(
        "moment_settings",
        _id("account_id"),
        sa.Column("friends_see", sa.String(length=3), nullable=False),
        sa.Column("strangers_see_ten", sa.Boolean(), nullable=False),
        _id("timeline_seen_id", nullable=True),
        _fk("moment_settings", "account_id", "accounts"),
        _pk("moment_settings", "account_id"),
    )
    op.create_table(
        "moment_person_settings",
        _id("owner_id"),
        _id("other_id"),
        sa.Column("hide_their_posts", sa.Boolean(), nullable=False),
        sa.Column("hide_my_posts", sa.Boolean(), nullable=False),
        _fk("moment_person_settings", "other_id", "accounts"),
        _fk("moment_person_settings", "owner_id", "accounts"),
        _pk("moment_person_settings", "owner_id", "other_id"),
    )
    op.create_table(
        "moment_statuses",
        _id("account_id"),
        sa.Column("text", sa.String(length=60), nullable=False),
        sa.Column("emoji", sa.String(length=8), nullable=False),
        sa.Column("photo", sa.JSON(), nullable=True),
        _when("created_at"),
        _when("expires_at"),
        _fk("moment_statuses", "account_id", "accounts"),
        _pk("moment_statuses", "account_id"),
    )


def downgrade() -> None:
    op.drop_table("moment_statuses")
    op.drop_table("moment_person_settings")
    op.drop_table("moment_settings")
    with op.batch_alter_table("moment_notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_notifications_recipient_id_id")
        batch_op.drop_index("ix_moment_notifications_post_id")
    op.drop_table("moment_notifications")
    with op.batch_alter_table("moment_comments", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_comments_post_id_id")
    op.drop_table("moment_comments")
    op.drop_table("moment_likes")
    with op.batch_alter_table("moment_timeline", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_timeline_post_id")
    op.drop_table("moment_timeline")
    op.drop_table("moment_post_audience")
    with op.batch_alter_table("moment_posts", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_posts_author_id_id")
    op.drop_table("moment_posts")
