"""All of the mini-program platform's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import SqlInt
from plaza.miniapps.models import Developer, MiniApp, MiniAppVersion, Tester, VersionStatus


async def get_developer_or_none(session: AsyncSession, account_id: int) -> Developer | None:
    return await session.get(Developer, account_id)


async def get_app_or_none(
    session: AsyncSession, app_id: str, *, for_update: bool = False
) -> MiniApp | None:
    query = select(MiniApp).where(MiniApp.app_id == app_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def get_app_by_row_id(session: AsyncSession, miniapp_id: int) -> MiniApp | None:
    return await session.get(MiniApp, miniapp_id)


async def get_app_by_row_id_where(session: AsyncSession, miniapp_id: SqlInt) -> MiniApp | None:
    return await session.scalar(select(MiniApp).where(MiniApp.id == miniapp_id))


async def get_apps_by_row_ids(
    session: AsyncSession, miniapp_ids: Collection[int]
) -> Sequence[MiniApp]:
    if not miniapp_ids:
        return []
    return (await session.scalars(select(MiniApp).where(MiniApp.id.in_(miniapp_ids)))).all()


async def trial_open_to(session: AsyncSession, miniapp_id: int, account_id: int) -> bool:
    """True when the app has a trial version and the person is one of its testers."""
    found = await session.scalar(
        select(MiniAppVersion.id)
        .join(Tester, Tester.miniapp_id == MiniAppVersion.miniapp_id)
        .where(
            MiniAppVersion.miniapp_id == miniapp_id,
            MiniAppVersion.status == VersionStatus.TRIAL,
            Tester.account_id == account_id,
        )
        .limit(1)
    )
    return found is not None


async def trial_versions(session: AsyncSession, miniapp_id: int) -> Sequence[MiniAppVersion]:
    """The app's versions on trial, the newest upload first (``runtime.trial``)."""
    return (
        await session.scalars(
            select(MiniAppVersion)
            .where(
                MiniAppVersion.miniapp_id == miniapp_id,
                MiniAppVersion.status == VersionStatus.TRIAL,
            )
            .order_by(MiniAppVersion.id.desc())
        )
    ).all()


async def name_key_in_use(session: AsyncSession, name_key: str, *, except_id: int) -> bool:
    found = await session.scalar(
        select(MiniApp.id).where(MiniApp.name_key == name_key, MiniApp.id != except_id)
    )
    return found is not None


async def list_apps(session: AsyncSession, owner_id: int) -> Sequence[MiniApp]:
    return (
        await session.scalars(
            select(MiniApp).where(MiniApp.owner_id == owner_id).order_by(MiniApp.id.desc())
        )
    ).all()


async def get_version_or_none(
    session: AsyncSession, miniapp_id: int, version: str
) -> MiniAppVersion | None:
    return await session.scalar(
        select(MiniAppVersion).where(
            MiniAppVersion.miniapp_id == miniapp_id, MiniAppVersion.version == version
        )
    )


async def list_versions(session: AsyncSession, miniapp_id: int) -> Sequence[MiniAppVersion]:
    """Newest upload first."""
    return (
        await session.scalars(
            select(MiniAppVersion)
            .where(MiniAppVersion.miniapp_id == miniapp_id)
            .order_by(MiniAppVersion.id.desc())
        )
    ).all()


async def stored_bytes(session: AsyncSession, miniapp_id: int) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(MiniAppVersion.size), 0)).where(
            MiniAppVersion.miniapp_id == miniapp_id
        )
    )
    return int(total or 0)


async def version_under_review_exists(session: AsyncSession, miniapp_id: int) -> bool:
    found = await session.scalar(
        select(MiniAppVersion.id).where(
            MiniAppVersion.miniapp_id == miniapp_id,
            MiniAppVersion.status == VersionStatus.UNDER_REVIEW,
        )
    )
    return found is not None


async def review_queue(
    session: AsyncSession,
) -> Sequence[tuple[MiniAppVersion, MiniApp, Developer]]:
    """Versions waiting for review with their app and developer, the longest waiting first."""
    rows = await session.execute(
        select(MiniAppVersion, MiniApp, Developer)
        .join(MiniApp, MiniApp.id == MiniAppVersion.miniapp_id)
        .join(Developer, Developer.account_id == MiniApp.owner_id)
        .where(MiniAppVersion.status == VersionStatus.UNDER_REVIEW)
        .order_by(MiniAppVersion.submitted_at, MiniAppVersion.id)
    )
    return [(version, app, developer) for version, app, developer in rows]


async def list_tester_ids(session: AsyncSession, miniapp_id: int) -> Sequence[int]:
    return (
        await session.scalars(
            select(Tester.account_id)
            .where(Tester.miniapp_id == miniapp_id)
            .order_by(Tester.added_at, Tester.account_id)
        )
    ).all()


async def remove_testers(session: AsyncSession, miniapp_id: int) -> None:
    await session.execute(delete(Tester).where(Tester.miniapp_id == miniapp_id))
