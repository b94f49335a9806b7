"""Bank cards and top-up and withdrawal orders.

Revision ID: 20261129_bank
Revises: 20261129_ledger_subjects
Created: 2026-11-29 23:10 UTC
"""

from collections.abc import Sequence

revision: str = "20261129_bank"
down_revision: str | None = "20261129_ledger_subjects"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
