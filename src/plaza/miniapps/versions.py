"""A mini-program's versions: upload, then development -> trial -> under review ->
released or rejected; the platform's review; rollback to an earlier release.

The app's row is locked by every change, so two uploads cannot both fit the quota and two
versions cannot both be under review.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.media import service as media
from plaza.media.errors import FileTooLarge
from plaza.media.storage import MediaStorage
from plaza.miniapps import packages, repository, service
from plaza.miniapps.errors import (
    AlreadyLive,
    NotReleased,
    PackageTooLarge,
    QuotaExceeded,
    ReviewPending,
    TransitionNotAllowed,
    VersionExists,
    VersionNotFound,
)
from plaza.miniapps.models import Developer, MiniApp, MiniAppVersion, VersionStatus

BUNDLES = "miniapps"


@dataclass(frozen=True, slots=True)
class VersionView:
    app: MiniApp
    version: MiniAppVersion

    @property
    def live(self) -> bool:
        return self.app.live_version == self.version.version


def bundle_root(settings: Settings) -> Path:
    """Where packages are unpacked: ``miniapp_dir``, else ``miniapps`` beside the media
    directory. Never inside it: the host's origin serves media, and a mini-program's files
    must only ever be served from an origin of their own."""
    return settings.miniapp_dir or settings.media_dir.parent / BUNDLES


def bundle_dir(root: Path, app: MiniApp, version: str) -> Path:
    return root / app.app_id / version


async def upload(
    session: AsyncSession,
    storage: MediaStorage,
    root: Path,
    account: Account,
    app_id: str,
    body: AsyncIterator[bytes],
) -> VersionView:
    """Check a streamed package and store it as a new version in development."""
    app = await service.owned_app(session, account.id, app_id, for_update=True)
    try:
        spooled = await media.spool(body, storage, limit=packages.PACKAGE_MAX)
    except FileTooLarge as exc:
        raise PackageTooLarge(field="package") from exc
    try:
        package = await anyio.to_thread.run_sync(
            lambda: packages.inspect(
                spooled, app_id=app.app_id, declared_domains=app.server_domains
            )
        )
        manifest = package.manifest
        if await repository.get_version_or_none(session, app.id, manifest.version) is not None:
            raise VersionExists(field="manifest.version")
        if await repository.stored_bytes(session, app.id) + package.size > packages.QUOTA:
            raise QuotaExceeded(field="package")
        version = MiniAppVersion(
            id=new_id(),
            miniapp_id=app.id,
            version=manifest.version,
            status=VersionStatus.DEVELOPMENT,
            size=package.size,
            manifest=manifest.model_dump(),
            created_at=clock.now(),
        )
        session.add(version)
        await session.flush()
        target = bundle_dir(root, app, manifest.version)
        await anyio.to_thread.run_sync(packages.unpack, spooled, target)
    finally:
        await anyio.Path(spooled).unlink(missing_ok=True)
    return VersionView(app, version)


async def list_versions(session: AsyncSession, account: Account, app_id: str) -> list[VersionView]:
    app = await service.owned_app(session, account.id, app_id)
    return [
        VersionView(app, version) for version in await repository.list_versions(session, app.id)
    ]


async def _version_of(session: AsyncSession, app: MiniApp, version: str) -> MiniAppVersion:
    found = await repository.get_version_or_none(session, app.id, version)
    if found is None:
        raise VersionNotFound()
    return found


async def get_version(
    session: AsyncSession, account: Account, app_id: str, version: str
) -> VersionView:
    app = await service.owned_app(session, account.id, app_id)
    return VersionView(app, await _version_of(session, app, version))


def _move(version: MiniAppVersion, allowed: Sequence[VersionStatus], to: VersionStatus) -> None:
    if version.status not in allowed:
        needed = " or ".join(status.value for status in allowed)
        raise TransitionNotAllowed(
            f"Version {version.version} is {version.status}; this needs {needed}."
        )
    version.status = to


async def start_trial(
    session: AsyncSession, account: Account, app_id: str, version: str
) -> VersionView:
    """Let the app's testers open a version in development."""
    app = await service.owned_app(session, account.id, app_id, for_update=True)
    found = await _version_of(session, app, version)
    _move(found, [VersionStatus.DEVELOPMENT], VersionStatus.TRIAL)
    await session.flush()
    return VersionView(app, found)


async def submit(session: AsyncSession, account: Account, app_id: str, version: str) -> VersionView:
    """Ask the platform to review a version; one version of an app is reviewed at a time."""
    app = await service.owned_app(session, account.id, app_id, for_update=True)
    found = await _version_of(session, app, version)
    if found.status != VersionStatus.UNDER_REVIEW and await repository.version_under_review_exists(
        session, app.id
    ):
        raise ReviewPending()
    _move(found, [VersionStatus.DEVELOPMENT, VersionStatus.TRIAL], VersionStatus.UNDER_REVIEW)
    found.submitted_at = clock.now()
    await session.flush()
    return VersionView(app, found)


async def review_queue(
    session: AsyncSession, admin: Account
) -> list[tuple[VersionView, Developer]]:
    """What waits for the platform's review, with who made it."""
    service.require_admin(admin)
    return [
        (VersionView(app, version), developer)
        for version, app, developer in await repository.review_queue(session)
    ]


async def approve(session: AsyncSession, admin: Account, app_id: str, version: str) -> VersionView:
    """Release a reviewed version: it becomes the one people get."""
    service.require_admin(admin)
    app = await service.any_app(session, app_id)
    found = await _version_of(session, app, version)
    _move(found, [VersionStatus.UNDER_REVIEW], VersionStatus.RELEASED)
    now = clock.now()
    found.reviewer_id, found.reviewed_at = admin.id, now
    app.live_version, app.updated_at = found.version, now
    await session.flush()
    return VersionView(app, found)


async def reject(
    session: AsyncSession, admin: Account, app_id: str, version: str, reason: str
) -> VersionView:
    """Turn a version down with a reason for its developer; they upload a new one."""
    service.require_admin(admin)
    app = await service.any_app(session, app_id)
    found = await _version_of(session, app, version)
    _move(found, [VersionStatus.UNDER_REVIEW], VersionStatus.REJECTED)
    found.reviewer_id, found.reviewed_at, found.reject_reason = admin.id, clock.now(), reason
    await session.flush()
    return VersionView(app, found)


async def rollback(
    session: AsyncSession, account: Account, app_id: str, version: str
) -> VersionView:
    """Make an earlier released version the live one again, at once (it passed review)."""
    app = await service.owned_app(session, account.id, app_id, for_update=True)
    found = await _version_of(session, app, version)
    if found.status != VersionStatus.RELEASED:
        raise NotReleased(field="version")
    if app.live_version == found.version:
        raise AlreadyLive(field="version")
    app.live_version, app.updated_at = found.version, clock.now()
    await session.flush()
    return VersionView(app, found)
