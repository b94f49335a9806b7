"""What every refund of a payment respects, whether of a mini-program's order
(``wallet/orders``) or of a payment to a shop (``wallet/merchants``), as WeChat Pay does:
at most 50 refunds of one payment, within 365 days of it, together never more than it.
The money comes back from the payee's takings stripes (``service.legs_from_stripes``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from plaza.kit import clock
from plaza.wallet.errors import RefundExceedsPaid, RefundWindowClosed, TooManyRefunds

MAX_REFUNDS = 50
"""Refunds per payment (issue 5, as WeChat Pay)."""
REFUND_WINDOW = timedelta(days=365)
"""How long after it was paid a payment may be refunded (issue 5, as WeChat Pay)."""


@dataclass(frozen=True, slots=True)
class Paid:
    """A payment as a refund sees it."""

    paid_at: datetime
    amount: int
    refunded: int
    refund_count: int


@dataclass(frozen=True, slots=True)
class Fields:
    """Which request fields an error names: the payment, the refund, its amount."""

    payment: str
    refund: str
    amount: str


def check(paid: Paid, amount: int, fields: Fields) -> None:
    """Refuse a refund of ``amount`` (minor units, > 0) that the rules do not allow."""
    if clock.now() > paid.paid_at + REFUND_WINDOW:
        raise RefundWindowClosed(field=fields.payment)
    if paid.refund_count >= MAX_REFUNDS:
        raise TooManyRefunds(field=fields.refund)
    left = paid.amount - paid.refunded
    if amount > left:
        raise RefundExceedsPaid(
            f"{left} of the {paid.amount} paid is left to refund.", field=fields.amount
        )
