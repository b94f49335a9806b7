"""Merchants, shop payments and payment codes.

Revision ID: 20261129_merchants
Revises: 20261129_envelopes
Created: 2026-11-29 23:30 UTC
"""

from collections.abc import Sequence

revision: str = "20261129_merchants"
down_revision: str | None = "20261129_envelopes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
