"""Broadcast quotas: a subscription account sends once a UTC day, a service account four
times a calendar month (UTC), as on WeChat. Periods start at midnight UTC."""

from __future__ import annotations

from datetime import datetime, timedelta

from plaza.official.models import AccountType

SUBSCRIPTION_BROADCASTS_PER_DAY = 1
SERVICE_BROADCASTS_PER_MONTH = 4
QUOTAS = {
    AccountType.SUBSCRIPTION: SUBSCRIPTION_BROADCASTS_PER_DAY,
    AccountType.SERVICE: SERVICE_BROADCASTS_PER_MONTH,
}


def period_start(account_type: AccountType, now: datetime) -> datetime:
    """The start of the quota period ``now`` falls in."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return day if account_type == AccountType.SUBSCRIPTION else day.replace(day=1)


def next_period_start(account_type: AccountType, now: datetime) -> datetime:
    """When the quota is full again."""
    start = period_start(account_type, now)
    if account_type == AccountType.SUBSCRIPTION:
        return start + timedelta(days=1)
    return (start + timedelta(days=32)).replace(day=1)
