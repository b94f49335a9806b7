"""A login code carries the openid and unionid it will be exchanged for, so that
code2session is one statement.

Login codes issued before this revision have neither and could not be exchanged; they
live five minutes, and the migration deletes those not yet used (a mini-program whose
exchange fails asks `plaza.login()` for a new code).

Revision ID: 20261130_login_code_ids
Revises: 20261130_miniapp_settlements
Created: 2026-11-30 UTC
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261130_login_code_ids"
down_revision: str | None = "20261130_miniapp_settlements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM open_codes WHERE kind = 'login' AND used_at IS NULL")
    with op.batch_alter_table("open_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("openid", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("unionid", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("open_codes", schema=None) as batch_op:
        batch_op.drop_column("unionid")
        batch_op.drop_column("openid")
