"""How much a person may pay out in one day.

Everything that takes money out of a person's available balance counts: transfers,
envelopes, shop payments and withdrawals. The check runs after the payment's postings,
in the same transaction: the payer's account row is locked by then, so two payments
at once are counted one after the other and cannot both slip under the limit.
"""

from __future__ import annotations

from collections.abc import Collection
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

    def allows(self, spent: Money) -> bool:
        """Whether one day's payments may come to ``spent``."""
        return spent.amount <= self.daily_limit.amount

    @classmethod
    def from_settings(cls, settings: Settings) -> SpendingRules:
        limit = Money.parse(str(settings.wallet_daily_limit), settings.wallet_currency)
        return cls(daily_limit=limit, zone=settings.wallet_zone)


def start_of_day(at: datetime, zone: ZoneInfo) -> datetime:
    local = at.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


async def spent_today(
    session: AsyncSession, owner_ids: Collection[int], rules: SpendingRules
) -> dict[int, Money]:
    """What left each person's available balance since local midnight, in one query."""
    currency = rules.daily_limit.currency
    key_of = {owner: service.person_account_key(owner, currency) for owner in owner_ids}
    since = start_of_day(clock.now(), rules.zone)
    spent = await repository.outgoing_since(session, key_of.values(), since)
    return {owner: Money(spent.get(key, 0), currency) for owner, key in key_of.items()}


async def check_daily_limit(
    session: AsyncSession, owner_id: int, rules: SpendingRules, *, paying: Money
) -> None:
    """Raise ``DailyLimitExceeded`` (rolling the payment back) when today's payments,
    ``paying`` (just posted) included, come to more than the limit."""
    spent = (await spent_today(session, [owner_id], rules))[owner_id]
    if not rules.allows(spent):
        left = Money(
            max(0, rules.daily_limit.amount - spent.amount + paying.amount), paying.currency
        )
        raise DailyLimitExceeded(
            f"You can pay out {rules.daily_limit} a day; {left} is left for today.",
            field="amount",
        )
