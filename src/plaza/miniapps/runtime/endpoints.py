"""What the host needs to open a mini-program: ``GET /v1/miniapps/directory/{appid}`` for
signed-in people, with the origin to frame it at and to address postMessage calls to."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from plaza.config import AppSettings
from plaza.identity.auth import authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.schemas import Schema
from plaza.miniapps import repository, service
from plaza.miniapps.endpoints import AppIdPath
from plaza.miniapps.errors import MiniAppNotFound
from plaza.miniapps.runtime.origins import Origins
from plaza.miniapps.schemas import Category

router = APIRouter(
    prefix="/v1/miniapps/directory",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


class DirectoryEntry(Schema):
    app_id: str = Field(examples=["px3f9a0c4e5d6b7a81"])
    name: str
    category: Category
    description: str
    developer: str = Field(description="The developer's display name.")
    live_version: str = Field(description="The released version the URL serves.")
    origin: str = Field(
        description="The mini-program's own origin: the iframe's and postMessage's target.",
        examples=["http://px3f9a0c4e5d6b7a81.apps.localhost:8000"],
    )
    url: str = Field(description="Where it opens: its first page.")
    icon_url: str


@router.get("/{appid}")
async def directory_entry(
    appid: AppIdPath, request: Request, session: DbSession, settings: AppSettings
) -> DirectoryEntry:
    """A released mini-program, as the host shows and frames it; 404
    ``miniapps.not_found`` for one nobody has or that has no released version."""
    app = await repository.get_app_or_none(session, appid)
    if app is None or app.live_version is None:
        raise MiniAppNotFound()
    live = await repository.get_version_or_none(session, app.id, app.live_version)
    if live is None:
        raise MiniAppNotFound()
    developer = await service.get_developer(session, app.owner_id)
    origin = Origins.from_settings(settings).origin_of(app.app_id, request_port=request.url.port)
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
    )
