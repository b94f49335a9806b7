"""What the host needs around mini-programs, for signed-in people: the directory entry to
frame one at (``/v1/miniapps/directory/{appid}``), recently used, the directory with search
and categories, opens, per-person storage, links and QR codes, and the grants overview for
Me -> Settings. Docs: docs/subsystems/miniapps.md, "Runtime"."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response, status

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import PageRequest, page_request
from plaza.kit.routing import Router
from plaza.miniapps.endpoints import AppIdPath
from plaza.miniapps.runtime import directory, grants, links, opens, storage
from plaza.miniapps.runtime.origins import Origins
from plaza.miniapps.runtime.schemas import (
    STORAGE_KEY_MAX,
    CategoryCount,
    DayOpens,
    DirectoryEntry,
    DirectoryPage,
    MiniAppGrants,
    MiniAppLink,
    StorageEntry,
    StorageKeys,
    StorageValue,
)
from plaza.miniapps.schemas import NAME_MAX, Category

__all__ = ["DirectoryEntry", "host_router", "me_router", "router"]

router = Router(
    prefix="/v1/miniapps/directory",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

host_router = Router(
    prefix="/v1/miniapps",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""Registered before the console's router: its ``/v1/miniapps/{appid}`` would otherwise
take ``/v1/miniapps/recent`` and friends as app ids."""

me_router = Router(
    prefix="/v1/me",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

StorageKeyPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=STORAGE_KEY_MAX,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Up to 128 characters, no control characters; `/` is allowed.",
    ),
]


async def shelf_for(request: Request, settings: AppSettings) -> directory.Shelf:
    return directory.Shelf(Origins.from_settings(settings), request.url.port)


Shelf = Annotated[directory.Shelf, Depends(shelf_for)]


@router.get("/{appid}")
async def directory_entry(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, shelf: Shelf, settings: AppSettings
) -> DirectoryEntry:
    """A mini-program as the host shows and frames it: its released version, or for its
    testers its newest version on trial (`trial: true`, at an origin of its own); 404
    ``miniapps.not_found`` for one nobody has or that the caller cannot open."""
    key = settings.secret_key.get_secret_value()
    return await directory.get_entry(session, shelf, key, caller.account.id, appid)


@host_router.get("/recent")
async def recent(caller: CurrentUser, session: DbSession, shelf: Shelf) -> list[DirectoryEntry]:
    """The mini-programs the caller opened, the latest first: up to 20 still released."""
    return await directory.recent(session, shelf, caller.account.id)


@host_router.get("/directory")
async def browse_directory(
    session: DbSession,
    shelf: Shelf,
    page: Annotated[PageRequest, Depends(page_request)],
    q: Annotated[
        str | None, Query(max_length=NAME_MAX, description="Part of the name, in any case.")
    ] = None,
    category: Category | None = None,
) -> DirectoryPage:
    """Released mini-programs, the newest first, by name and category."""
    return await directory.browse(session, shelf, q=q, category=category, page=page)


@host_router.get("/categories")
async def categories(session: DbSession) -> list[CategoryCount]:
    """The directory's categories that have released mini-programs, and how many."""
    return await directory.categories(session)


@host_router.post("/{appid}/opens", status_code=status.HTTP_204_NO_CONTENT)
async def record_open(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> Response:
    """Record that the caller opened a mini-program they may open; the host calls it at
    each launch. Feeds recently used and the developer's daily opens."""
    await opens.record_open(session, caller.account, appid, settings.wallet_zone)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@host_router.get("/{appid}/stats/opens")
async def daily_opens(
    appid: AppIdPath,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    days: Annotated[int, Query(ge=1, le=opens.STATS_DAYS_MAX)] = opens.STATS_DAYS_DEFAULT,
) -> list[DayOpens]:
    """For the developer: opens and people a day over the last `days` days (up to 90),
    the oldest first, in the deployment's time zone."""
    return await opens.daily_opens(session, caller.account, appid, settings.wallet_zone, days=days)


@host_router.get("/{appid}/storage")
async def storage_keys(appid: AppIdPath, caller: CurrentUser, session: DbSession) -> StorageKeys:
    """Every key the mini-program stored for the caller."""
    return StorageKeys(keys=await storage.list_keys(session, caller.account, appid))


@host_router.get("/{appid}/storage/{key:path}")
async def get_storage(
    appid: AppIdPath, key: StorageKeyPath, caller: CurrentUser, session: DbSession
) -> StorageEntry:
    """The value stored under the key for the caller; 404 ``storage.key_not_found``."""
    value = await storage.get_value(session, caller.account, appid, key)
    return StorageEntry(key=key, value=value)


@host_router.put("/{appid}/storage/{key:path}", status_code=status.HTTP_204_NO_CONTENT)
async def put_storage(
    appid: AppIdPath,
    key: StorageKeyPath,
    body: StorageValue,
    caller: CurrentUser,
    session: DbSession,
) -> Response:
    """Store a value (up to 4,096 bytes) under the key for the caller; up to 1,024 keys
    per mini-program, replacing a key's value always fits."""
    await storage.set_value(session, caller.account, appid, key, body.value)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@host_router.delete("/{appid}/storage/{key:path}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_storage(
    appid: AppIdPath, key: StorageKeyPath, caller: CurrentUser, session: DbSession
) -> Response:
    """Remove the key; removing one not stored is fine."""
    await storage.remove_value(session, caller.account, appid, key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@host_router.get("/{appid}/link")
async def link(
    appid: AppIdPath,
    request: Request,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    path: Annotated[
        str | None, Query(description="A page, such as /pages/menu/index (up to 512).")
    ] = None,
    scene: Annotated[
        str | None, Query(description="Up to 32 of A-Z a-z 0-9 !#$&'()*+,/:;=?@-._~")
    ] = None,
) -> MiniAppLink:
    """A link and QR code that open the mini-program at the page with the scene, for its
    developer or anyone who can open it."""
    return await links.link(
        session,
        caller.account,
        appid,
        public_origin=settings.public_origin or str(request.base_url),
        path=path,
        scene=scene,
    )


@me_router.get("/miniapp-grants")
async def miniapp_grants(
    caller: CurrentUser, session: DbSession, shelf: Shelf
) -> list[MiniAppGrants]:
    """Every mini-program the caller granted a scope to, with those scopes, by name."""
    return await grants.list_grants(session, shelf, caller.account)
