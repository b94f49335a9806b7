"""All of the runtime's SQL: recently used, daily opens, the directory and storage."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import upsert_statement
from plaza.miniapps.models import Developer, MiniApp, MiniAppVersion, VersionStatus
from plaza.miniapps.runtime.models import DailyOpens, RecentOpen, StorageItem, StorageUsage

Listed = tuple[MiniApp, MiniAppVersion, Developer]
"""A released mini-program with its live version and its developer: one directory entry."""


# Opens


async def record_open(
    session: AsyncSession, miniapp_id: int, account_id: int, *, now: datetime, day: date
) -> None:
    """Move the app to the front of the person's recently used and count the open."""
    await session.execute(
        upsert_statement(session, RecentOpen)
        .values(account_id=account_id, miniapp_id=miniapp_id, opened_at=now)
        .on_conflict_do_update(
            index_elements=[RecentOpen.account_id, RecentOpen.miniapp_id],
            set_={"opened_at": now},
        )
    )
    await session.execute(
        upsert_statement(session, DailyOpens)
        .values(miniapp_id=miniapp_id, day=day, account_id=account_id, opens=1)
        .on_conflict_do_update(
            index_elements=[DailyOpens.miniapp_id, DailyOpens.day, DailyOpens.account_id],
            set_={"opens": DailyOpens.opens + 1},
        )
    )


async def opens_by_day(
    session: AsyncSession, miniapp_id: int, *, first: date, last: date
) -> dict[date, tuple[int, int]]:
    """Each day with opens in ``first..last``: (opens, people)."""
    rows = await session.execute(
        select(DailyOpens.day, func.sum(DailyOpens.opens), func.count())
        .where(DailyOpens.miniapp_id == miniapp_id, DailyOpens.day.between(first, last))
        .group_by(DailyOpens.day)
    )
    return {day: (int(opens), int(people)) for day, opens, people in rows}


# The directory


def _listed() -> Select[MiniApp, MiniAppVersion, Developer]:
    return (
        select(MiniApp, MiniAppVersion, Developer)
        .join(
            MiniAppVersion,
            and_(
                MiniAppVersion.miniapp_id == MiniApp.id,
                MiniAppVersion.version == MiniApp.live_version,
                MiniAppVersion.status == VersionStatus.RELEASED,
            ),
        )
        .join(Developer, Developer.account_id == MiniApp.owner_id)
    )


def _rows(result: Any) -> list[Listed]:
    return [(app, version, developer) for app, version, developer in result]


async def recent(session: AsyncSession, account_id: int, *, limit: int) -> list[Listed]:
    """The released mini-programs the person opened, the latest open first."""
    result = await session.execute(
        _listed()
        .join(RecentOpen, RecentOpen.miniapp_id == MiniApp.id)
        .where(RecentOpen.account_id == account_id)
        .order_by(RecentOpen.opened_at.desc(), MiniApp.id.desc())
        .limit(limit)
    )
    return _rows(result)


async def directory(
    session: AsyncSession,
    *,
    name_part: str | None,
    category: str | None,
    before_id: int | None,
    limit: int,
) -> list[Listed]:
    """Released mini-programs, the newest first; ``name_part`` is matched case-folded
    anywhere in the name."""
    query = _listed()
    if name_part:
        query = query.where(MiniApp.name_key.contains(name_part.casefold(), autoescape=True))
    if category is not None:
        query = query.where(MiniApp.category == category)
    if before_id is not None:
        query = query.where(MiniApp.id < before_id)
    result = await session.execute(query.order_by(MiniApp.id.desc()).limit(limit))
    return _rows(result)


async def listed_by_ids(session: AsyncSession, miniapp_ids: Collection[int]) -> dict[int, Listed]:
    if not miniapp_ids:
        return {}
    result = await session.execute(_listed().where(MiniApp.id.in_(miniapp_ids)))
    return {row[0].id: row for row in _rows(result)}


async def category_counts(session: AsyncSession) -> list[tuple[str, int]]:
    """Each category with released mini-programs, and how many, by category name."""
    listed = _listed().subquery()
    rows = await session.execute(
        select(listed.c.category, func.count())
        .group_by(listed.c.category)
        .order_by(listed.c.category)
    )
    return [(category, int(count)) for category, count in rows]


# Storage


async def lock_storage_usage(
    session: AsyncSession, miniapp_id: int, account_id: int
) -> StorageUsage:
    """The person's key count in the app, created at 0 when new, locked until commit."""
    await session.execute(
        upsert_statement(session, StorageUsage)
        .values(miniapp_id=miniapp_id, account_id=account_id, key_count=0)
        .on_conflict_do_nothing(index_elements=[StorageUsage.miniapp_id, StorageUsage.account_id])
    )
    usage = await session.scalar(
        select(StorageUsage)
        .where(StorageUsage.miniapp_id == miniapp_id, StorageUsage.account_id == account_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert usage is not None  # made just above, and never deleted
    return usage


async def get_storage_item_or_none(
    session: AsyncSession, miniapp_id: int, account_id: int, key: str
) -> StorageItem | None:
    return await session.get(StorageItem, (miniapp_id, account_id, key))


async def delete_storage_item(
    session: AsyncSession, miniapp_id: int, account_id: int, key: str
) -> bool:
    """False when there was no such key."""
    deleted = await session.scalar(
        delete(StorageItem)
        .where(
            StorageItem.miniapp_id == miniapp_id,
            StorageItem.account_id == account_id,
            StorageItem.key == key,
        )
        .returning(StorageItem.key)
        .execution_options(synchronize_session=False)
    )
    return deleted is not None


async def storage_keys(session: AsyncSession, miniapp_id: int, account_id: int) -> Sequence[str]:
    return (
        await session.scalars(
            select(StorageItem.key).where(
                StorageItem.miniapp_id == miniapp_id, StorageItem.account_id == account_id
            )
        )
    ).all()
