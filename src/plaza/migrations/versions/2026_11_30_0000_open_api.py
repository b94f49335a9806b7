"""Open API access tokens, login codes and the ids a person has in each mini-program.

Revision ID: 20261130_open_api
Revises: 20261129_webhooks
Created: 2026-11-30 00:00 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import plaza.kit.db

revision: str = "20261130_open_api"
down_revision: str | None = "20261129_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, plaza.kit.db.UTCDateTime(timezone=True), nullable=nullable)


def _id(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "open_access_tokens",
        _id("id"),
        _id("miniapp_id"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _fk("open_access_tokens", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_access_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_open_access_tokens_token_hash")),
    )
    with op.batch_alter_table("open_access_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_open_access_tokens_miniapp_id"), ["miniapp_id"], unique=False
        )

    op.create_table(
        "open_codes",
        _id("id"),
        sa.Column("kind", sa.String(length=8), nullable=False),
        _id("miniapp_id"),
        _id("account_id"),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("used_at", nullable=True),
        _fk("open_codes", "account_id", "accounts"),
        _fk("open_codes", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_open_codes_code_hash")),
    )
    with op.batch_alter_table("open_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_open_codes_account_id"), ["account_id"], unique=False)

    op.create_table(
        "open_sessions",
        _id("id"),
        _id("miniapp_id"),
        _id("account_id"),
        sa.Column("openid", sa.String(length=32), nullable=False),
        sa.Column("session_key_hash", sa.String(length=64), nullable=False),
        _when("created_at"),
        _fk("open_sessions", "account_id", "accounts"),
        _fk("open_sessions", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_sessions")),
    )
    with op.batch_alter_table("open_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_open_sessions_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            "ix_open_sessions_miniapp_id_openid", ["miniapp_id", "openid"], unique=False
        )

    op.create_table(
        "miniapp_consents",
        _id("miniapp_id"),
        _id("account_id"),
        sa.Column("scope", sa.String(length=16), nullable=False),
        _when("granted_at"),
        _fk("miniapp_consents", "account_id", "accounts"),
        _fk("miniapp_consents", "miniapp_id", "miniapps"),
        sa.PrimaryKeyConstraint(
            "miniapp_id", "account_id", "scope", name=op.f("pk_miniapp_consents")
        ),
    )


def downgrade() -> None:
    op.drop_table("miniapp_consents")
    with op.batch_alter_table("open_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_open_sessions_miniapp_id_openid")
        batch_op.drop_index(batch_op.f("ix_open_sessions_account_id"))
    op.drop_table("open_sessions")
    with op.batch_alter_table("open_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_codes_account_id"))
    op.drop_table("open_codes")
    with op.batch_alter_table("open_access_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_access_tokens_miniapp_id"))
    op.drop_table("open_access_tokens")
