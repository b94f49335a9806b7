"""Opens: each launch moves the mini-program to the front of the person's recently used and
counts towards its daily figures.

A day is the deployment's day (``settings.wallet_zone``, Asia/Shanghai by default), the
same day the wallet's daily limit and statements use, so a developer's chart and a
person's evening agree about when midnight is."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.miniapps import service
from plaza.miniapps.runtime import repository
from plaza.miniapps.runtime.schemas import DayOpens

STATS_DAYS_DEFAULT = 30
STATS_DAYS_MAX = 90  # a quarter: enough for a chart, and one query stays small


async def record_open(session: AsyncSession, account: Account, app_id: str, zone: ZoneInfo) -> None:
    """Record that the person opened a mini-program they may open."""
    app = await service.openable_app(session, account.id, app_id)
    now = clock.now()
    await repository.record_open(
        session, app.id, account.id, now=now, day=now.astimezone(zone).date()
    )


async def daily_opens(
    session: AsyncSession, account: Account, app_id: str, zone: ZoneInfo, *, days: int
) -> list[DayOpens]:
    """The developer's own mini-program's opens over the last ``days`` days up to today,
    the oldest first, days without opens included as zeros."""
    app = await service.owned_app(session, account.id, app_id)
    last = clock.now().astimezone(zone).date()
    first = last - timedelta(days=days - 1)
    found = await repository.opens_by_day(session, app.id, first=first, last=last)
    every_day = (first + timedelta(days=offset) for offset in range(days))
    return [_day(day, *found.get(day, (0, 0))) for day in every_day]


def _day(day: date, opens: int, people: int) -> DayOpens:
    return DayOpens(day=day, opens=opens, people=people)
