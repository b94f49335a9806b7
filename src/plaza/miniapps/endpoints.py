"""The developer console's API: developers, mini-programs, versions, testers and the
platform's review. Docs: docs/subsystems/miniapps.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Request, status

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.endpoints import to_profile
from plaza.identity.schemas import Profile
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.routing import Router
from plaza.media.storage import Media
from plaza.miniapps import service, versions
from plaza.miniapps.models import Developer, MiniApp
from plaza.miniapps.schemas import (
    AppSecret,
    DeveloperCreate,
    DeveloperOut,
    MiniAppCreate,
    MiniAppCreated,
    MiniAppOut,
    MiniAppUpdate,
    RejectBody,
    ReviewItem,
    RollbackBody,
    TestersUpdate,
    VersionName,
    VersionOut,
)

router = Router(
    prefix="/v1/miniapps",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

AppIdPath = Annotated[
    str, Path(pattern=r"^px[0-9a-f]{16}$", description="The mini-program's app id.")
]
VersionPath = Annotated[VersionName, Path(description="A version, as its manifest names it.")]


def to_developer(developer: Developer) -> DeveloperOut:
    return DeveloperOut(display_name=developer.display_name, created_at=developer.created_at)


def _app_fields(app: MiniApp) -> dict[str, Any]:
    return {
        "app_id": app.app_id,
        "name": app.name,
        "category": app.category,
        "description": app.description,
        "server_domains": list(app.server_domains),
        "live_version": app.live_version,
        "secret_rotated_at": app.secret_rotated_at,
        "created_at": app.created_at,
        "updated_at": app.updated_at,
    }


def to_app(app: MiniApp) -> MiniAppOut:
    return MiniAppOut(**_app_fields(app))


def to_version(view: versions.VersionView) -> VersionOut:
    version, manifest = view.version, view.version.manifest
    return VersionOut(
        version=version.version,
        status=version.status,
        live=view.live,
        size=version.size,
        name=manifest["name"],
        icon=manifest["icon"],
        pages=manifest["pages"],
        permissions=manifest["permissions"],
        server_domains=manifest["server_domains"],
        reject_reason=version.reject_reason,
        created_at=version.created_at,
        submitted_at=version.submitted_at,
        reviewed_at=version.reviewed_at,
    )


@router.post("/developer")
async def become_developer(
    body: DeveloperCreate, caller: CurrentUser, session: DbSession
) -> DeveloperOut:
    """Register as a developer (again: rename yourself); needed before creating apps."""
    developer = await service.become_developer(session, caller.account, body.display_name)
    return to_developer(developer)


@router.get("/developer")
async def get_developer(caller: CurrentUser, session: DbSession) -> DeveloperOut:
    """Your developer registration; 403 ``miniapps.not_developer`` before you registered."""
    return to_developer(await service.get_developer(session, caller.account.id))


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_app(
    body: MiniAppCreate, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> MiniAppCreated:
    """Create a mini-program; the answer holds its secret, which is never shown again."""
    app, secret = await service.create_app(
        session,
        caller.account,
        settings.secret_key.get_secret_value(),
        body,
        loopback=settings.allows_loopback_server_domains,
    )
    return MiniAppCreated(**_app_fields(app), app_secret=secret)


@router.get("")
async def list_apps(caller: CurrentUser, session: DbSession) -> list[MiniAppOut]:
    """Your mini-programs, newest first."""
    return [to_app(app) for app in await service.list_apps(session, caller.account)]


@router.get("/review-queue")
async def review_queue(caller: CurrentUser, session: DbSession) -> list[ReviewItem]:
    """For platform admins: versions under review, the longest waiting first."""
    queue = await versions.review_queue(session, caller.account)
    return [
        ReviewItem(app=to_app(view.app), developer=developer.display_name, version=to_version(view))
        for view, developer in queue
    ]


@router.get("/{appid}")
async def get_app(appid: AppIdPath, caller: CurrentUser, session: DbSession) -> MiniAppOut:
    """One of your mini-programs (never its secret)."""
    return to_app(await service.owned_app(session, caller.account.id, appid))


@router.patch("/{appid}")
async def update_app(
    appid: AppIdPath,
    body: MiniAppUpdate,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
) -> MiniAppOut:
    """Change the name, category, description or server domains."""
    loopback = settings.allows_loopback_server_domains
    return to_app(await service.update_app(session, caller.account, appid, body, loopback=loopback))


@router.post("/{appid}/secret/rotate")
async def rotate_secret(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> AppSecret:
    """A new secret, shown this once; the old one stops working at once."""
    app, secret = await service.rotate_secret(
        session, caller.account, settings.secret_key.get_secret_value(), appid
    )
    return AppSecret(app_id=app.app_id, app_secret=secret, rotated_at=app.secret_rotated_at)


@router.get("/{appid}/testers")
async def list_testers(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, storage: Media
) -> list[Profile]:
    """Who may open the trial version."""
    testers = await service.list_testers(session, caller.account, appid)
    return [to_profile(tester, storage) for tester in testers]


@router.put("/{appid}/testers")
async def set_testers(
    appid: AppIdPath, body: TestersUpdate, caller: CurrentUser, session: DbSession, storage: Media
) -> list[Profile]:
    """Replace who may open the trial version (up to 30 people)."""
    testers = await service.set_testers(session, caller.account, appid, body.plaza_ids)
    return [to_profile(tester, storage) for tester in testers]


@router.post(
    "/{appid}/versions",
    status_code=status.HTTP_201_CREATED,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The zipped package (not a form), at most 2 MB.",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload_version(
    appid: AppIdPath,
    request: Request,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    settings: AppSettings,
) -> VersionOut:
    """Upload a version, in development; it is checked whole and stored only if it passes."""
    view = await versions.upload(
        session,
        storage,
        versions.bundle_root(settings),
        caller.account,
        appid,
        request.stream(),
    )
    return to_version(view)


@router.get("/{appid}/versions")
async def list_versions(
    appid: AppIdPath, caller: CurrentUser, session: DbSession
) -> list[VersionOut]:
    """Every version, the latest upload first."""
    views = await versions.list_versions(session, caller.account, appid)
    return [to_version(view) for view in views]


@router.get("/{appid}/versions/{version}")
async def get_version(
    appid: AppIdPath, version: VersionPath, caller: CurrentUser, session: DbSession
) -> VersionOut:
    """One version of your mini-program, with its state and manifest."""
    return to_version(await versions.get_version(session, caller.account, appid, version))


@router.post("/{appid}/versions/{version}/trial")
async def start_trial(
    appid: AppIdPath, version: VersionPath, caller: CurrentUser, session: DbSession
) -> VersionOut:
    """Open a version in development to your testers."""
    return to_version(await versions.start_trial(session, caller.account, appid, version))


@router.post("/{appid}/versions/{version}/submit")
async def submit_version(
    appid: AppIdPath, version: VersionPath, caller: CurrentUser, session: DbSession
) -> VersionOut:
    """Send a version in development or trial for review."""
    return to_version(await versions.submit(session, caller.account, appid, version))


@router.post("/{appid}/versions/{version}/approve")
async def approve_version(
    appid: AppIdPath, version: VersionPath, caller: CurrentUser, session: DbSession
) -> VersionOut:
    """For platform admins: release a version under review; it goes live."""
    return to_version(await versions.approve(session, caller.account, appid, version))


@router.post("/{appid}/versions/{version}/reject")
async def reject_version(
    appid: AppIdPath,
    version: VersionPath,
    body: RejectBody,
    caller: CurrentUser,
    session: DbSession,
) -> VersionOut:
    """For platform admins: turn down a version under review, with a reason."""
    view = await versions.reject(session, caller.account, appid, version, body.reason)
    return to_version(view)


@router.post("/{appid}/rollback")
async def rollback(
    appid: AppIdPath, body: RollbackBody, caller: CurrentUser, session: DbSession
) -> VersionOut:
    """Make an earlier released version the live one again."""
    return to_version(await versions.rollback(session, caller.account, appid, body.version))
