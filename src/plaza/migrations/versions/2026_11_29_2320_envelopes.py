"""Red envelopes and their shares.

Revision ID: 20261129_envelopes
Revises: 20261129_bank
Created: 2026-11-29 23:20 UTC
"""

from collections.abc import Sequence

revision: str = "20261129_envelopes"
down_revision: str | None = "20261129_bank"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
