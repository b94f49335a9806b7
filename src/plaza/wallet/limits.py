"""How much a person may pay out in one day.

Everything that takes money out of a person's available balance counts: transfers,
envelopes, shop payments and withdrawals. The check runs after the payment's postings,
in the same transaction: the payer's account row is locked by then, so two payments
at once are counted one after the other and cannot both slip under the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.kit import clock
from plaza.kit.money import Money
from plaza.wallet import repository, service
from plaza.wallet.errors import DailyLimitExceeded


@dataclass(frozen=True, slots=True)
class SpendingRules:
    daily_limit: Money
    zone: ZoneInfo
    """Whose midnight starts a new day."""

    @classmethod
    def from_settings(cls, settings: Settings) -> SpendingRules:
        limit = Money.parse(str(settings.wallet_daily_limit), settings.wallet_currency)
        return cls(daily_limit=limit, zone=settings.wallet_zone)


def start_of_day(at: datetime, zone: ZoneInfo) -> datetime:
    local = at.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


async def spent_today(session: AsyncSession, owner_id: int, rules: SpendingRules) -> Money:
    """What left the person's available balance since local midnight."""
    key = service.person_account_key(owner_id, rules.daily_limit.currency)
    since = start_of_day(clock.now(), rules.zone)
    spent = await repository.outgoing_since(session, key, since)
    return Money(spent, rules.daily_limit.currency)


async def check_daily_limit(
    session: AsyncSession, owner_id: int, rules: SpendingRules, *, paying: Money
) -> None:
    """Raise ``DailyLimitExceeded`` (rolling the payment back) when today's payments,
    ``paying`` (just posted) included, come to more than the limit."""
    spent = await spent_today(session, owner_id, rules)
    if spent.amount > rules.daily_limit.amount:
        left = Money(
            max(0, rules.daily_limit.amount - spent.amount + paying.amount), paying.currency
        )
        raise DailyLimitExceeded(
            f"You can pay out {rules.daily_limit} a day; {left} is left for today.",
            field="amount",
        )
