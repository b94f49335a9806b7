"""The directory people browse in Discover -> Mini Programs: released mini-programs, by
name and category, and the ones each person used recently; and the entry the host opens
one by, which for the app's testers is its version on trial (``runtime.trial``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.pagination import PageRequest, encode_cursor
from plaza.miniapps import repository as miniapps
from plaza.miniapps import service
from plaza.miniapps.errors import MiniAppNotFound
from plaza.miniapps.models import MiniApp, MiniAppVersion
from plaza.miniapps.runtime import repository, trial
from plaza.miniapps.runtime.origins import Origins
from plaza.miniapps.runtime.schemas import CategoryCount, DirectoryEntry, DirectoryPage

RECENT_MAX = 20  # what Discover's "recently used" shows


class Shelf:
    """Turns released mini-programs into directory entries for one request: the origins
    depend on the port the host was reached at."""

    def __init__(self, origins: Origins, request_port: int | None) -> None:
        self.origins = origins
        self.request_port = request_port

    def origin(self, app: MiniApp, trial_tag: str | None = None) -> str:
        return self.origins.origin_of(
            app.app_id, request_port=self.request_port, trial_tag=trial_tag
        )

    def icon_url(self, app: MiniApp, live: MiniAppVersion) -> str:
        return f"{self.origin(app)}/{live.manifest['icon']}"

    def entry(self, listed: repository.Listed, *, trial_tag: str | None = None) -> DirectoryEntry:
        """The entry for the released version; with ``trial_tag``, for ``listed``'s version
        on trial, at its own origin."""
        app, live, developer = listed
        origin = self.origin(app, trial_tag)
        return DirectoryEntry(
            app_id=app.app_id,
            name=app.name,
            category=app.category,
            description=app.description,
            developer=developer.display_name,
            live_version=live.version,
            origin=origin,
            url=f"{origin}/",
            icon_url=f"{origin}/{live.manifest['icon']}",
            trial=trial_tag is not None,
        )


async def get_entry(
    session: AsyncSession, shelf: Shelf, key: str, account_id: int, app_id: str
) -> DirectoryEntry:
    """What the host opens: for a tester of the app, its newest version on trial, at that
    version's trial origin; for anyone else the released version. Any other app is as
    unknown as a missing one."""
    app = await miniapps.get_app_or_none(session, app_id)
    if app is None:
        raise MiniAppNotFound()
    on_trial = await trial.version_for_tester(session, app, account_id)
    if on_trial is not None:
        developer = await service.get_developer(session, app.owner_id)
        tag = trial.tag_for(key, app.app_id, on_trial.version)
        return shelf.entry((app, on_trial, developer), trial_tag=tag)
    if app.live_version is None:
        raise MiniAppNotFound()
    live = await miniapps.get_version_or_none(session, app.id, app.live_version)
    if live is None:
        raise MiniAppNotFound()
    developer = await service.get_developer(session, app.owner_id)
    return shelf.entry((app, live, developer))


async def recent(session: AsyncSession, shelf: Shelf, account_id: int) -> list[DirectoryEntry]:
    """What the person opened, the latest first: only mini-programs that are still released,
    each with its released version (a tester opening one gets the trial from ``get_entry``)."""
    rows = await repository.recent(session, account_id, limit=RECENT_MAX)
    return [shelf.entry(row) for row in rows]


async def browse(
    session: AsyncSession,
    shelf: Shelf,
    *,
    q: str | None,
    category: str | None,
    page: PageRequest,
) -> DirectoryPage:
    rows = await repository.directory(
        session,
        name_part=q.strip() if q else None,
        category=category,
        before_id=page.after_id,
        limit=page.limit + 1,
    )
    shown = rows[: page.limit]
    more = len(rows) > page.limit
    return DirectoryPage(
        items=[shelf.entry(row) for row in shown],
        next_cursor=encode_cursor(shown[-1][0].id) if more and shown else None,
    )


async def categories(session: AsyncSession) -> list[CategoryCount]:
    rows = await repository.category_counts(session)
    return [
        CategoryCount.model_validate({"category": name, "count": count}) for name, count in rows
    ]
