from __future__ import annotations

from typing import Annotated

from fastapi import Depends, File, Request, Response, UploadFile, status

from plaza import flows
from plaza.config import AppSettings
from plaza.identity import service
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.models import Account, DeviceSession
from plaza.identity.schemas import (
    AccountDeletion,
    Avatar,
    CodeRequest,
    CodeSent,
    Device,
    Me,
    Profile,
    ProfileUpdate,
    SignedIn,
    SignIn,
)
from plaza.identity.sms import Sms
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.errors import ImageTooLarge
from plaza.media.storage import Media, MediaStorage
from plaza.realtime.broker import AppBroker

AVATAR_MAX_BYTES = 5 * 1024 * 1024

public_router = Router(prefix="/v1/auth", tags=["sign-in"], route_class=UnitOfWorkRoute)
session_router = Router(
    prefix="/v1/auth",
    tags=["sign-in"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
accounts_router = Router(
    prefix="/v1/accounts",
    tags=["accounts"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
me_router = Router(
    prefix="/v1/me",
    tags=["me"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


def to_avatar(account: Account, storage: MediaStorage) -> Avatar | None:
    if account.avatar_key is None:
        return None
    return Avatar(
        original=storage.url(service.avatar_key(account, "original")),
        small=storage.url(service.avatar_key(account, "small")),
        medium=storage.url(service.avatar_key(account, "medium")),
    )


def to_profile(account: Account, storage: MediaStorage) -> Profile:
    """The public face of an account; other domains' endpoints use it too."""
    return Profile(
        id=account.id,
        plaza_id=account.plaza_id or "",
        display_name=account.display_name,
        bio=account.bio,
        region=account.region,
        avatar=to_avatar(account, storage),
        deleted=account.deleted_at is not None,
    )


def to_me(account: Account, storage: MediaStorage) -> Me:
    avatar = to_avatar(account, storage)
    return Me(
        id=account.id,
        phone=account.phone or "",
        plaza_id=account.plaza_id or "",
        display_name=account.display_name,
        bio=account.bio,
        region=account.region,
        avatar=avatar,
        plaza_id_changeable_at=service.plaza_id_changeable_at(account),
        profile_complete=bool(account.display_name),
        created_at=account.created_at,
    )


def to_device(device: DeviceSession, current: DeviceSession) -> Device:
    return Device(
        id=device.id,
        name=device.device_name,
        created_at=device.created_at,
        last_seen_at=device.last_seen_at,
        current=device.id == current.id,
    )


@public_router.post("/codes", status_code=status.HTTP_202_ACCEPTED)
async def request_code(
    body: CodeRequest,
    request: Request,
    session: DbSession,
    limiter: Limiter,
    sms: Sms,
    settings: AppSettings,
) -> CodeSent:
    """Text a 6-digit sign-in code to a phone number (5 an hour per number and per IP)."""
    code = await service.send_sign_in_code(
        session,
        phone=body.phone,
        client_ip=request.client.host if request.client else "unknown",
        limiter=limiter,
        sms=sms,
        secret=settings.secret_key.get_secret_value(),
    )
    return CodeSent(phone=code.phone, expires_at=code.expires_at)


@public_router.post("/sessions", status_code=status.HTTP_201_CREATED)
async def sign_in(
    body: SignIn, session: DbSession, settings: AppSettings, storage: Media
) -> SignedIn:
    """Sign in (or sign up, on first use) with the code, opening a session for this device."""
    result = await service.sign_in(
        session,
        phone=body.phone,
        code=body.code,
        device_name=body.device_name,
        secret=settings.secret_key.get_secret_value(),
    )
    return SignedIn(
        token=result.token,
        account=to_me(result.account, storage),
        device=to_device(result.device, result.device),
        created=result.created,
    )


@session_router.delete("/session", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out(caller: CurrentUser, session: DbSession, broker: AppBroker) -> Response:
    """Sign this device out; its token stops working at once."""
    await service.sign_out_device(session, broker, caller.account, caller.device.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.get("")
async def get_me(caller: CurrentUser, storage: Media) -> Me:
    """The signed-in account's own profile."""
    return to_me(caller.account, storage)


@me_router.patch("")
async def update_me(
    body: ProfileUpdate, caller: CurrentUser, session: DbSession, storage: Media
) -> Me:
    """Change the display name, Plaza ID (once a year), bio or region."""
    account = await service.update_profile(session, caller.account, body)
    return to_me(account, storage)


@me_router.put("/avatar")
async def set_avatar(
    file: Annotated[UploadFile, File(description="A PNG, JPEG or WebP image up to 5 MB.")],
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
) -> Me:
    """Upload a new avatar; it is re-encoded without EXIF and cut into square thumbnails."""
    data = await file.read(AVATAR_MAX_BYTES + 1)
    if len(data) > AVATAR_MAX_BYTES:
        raise ImageTooLarge("An avatar can be at most 5 MB.", field="file")
    account = await service.set_avatar(session, caller.account, data, storage)
    return to_me(account, storage)


@me_router.delete("/avatar")
async def remove_avatar(caller: CurrentUser, session: DbSession, storage: Media) -> Me:
    """Remove the avatar."""
    account = await service.remove_avatar(session, caller.account, storage)
    return to_me(account, storage)


@me_router.get("/devices")
async def list_devices(
    caller: CurrentUser, session: DbSession, page: Annotated[PageRequest, Depends(page_request)]
) -> Page[Device]:
    """Devices signed in to this account, newest first."""
    rows = await service.list_devices(
        session, caller.account, after_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda device: device.id)
    return Page(items=[to_device(d, caller.device) for d in items], next_cursor=next_cursor)


@me_router.delete("/devices/{device_id}", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out_device(
    device_id: PathId, caller: CurrentUser, session: DbSession, broker: AppBroker
) -> Response:
    """Sign one device out."""
    await service.sign_out_device(session, broker, caller.account, device_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.delete("/devices", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out_everywhere(
    caller: CurrentUser, session: DbSession, broker: AppBroker
) -> Response:
    """Sign out every device, this one included."""
    await service.sign_out_everywhere(session, broker, caller.account)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.post("/deletion", status_code=status.HTTP_204_NO_CONTENT)
async def delete_account(
    body: AccountDeletion,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    broker: AppBroker,
) -> Response:
    """Delete this account: sessions revoked, profile erased, phone number freed, and
    Moments posts and status deleted with their photos."""
    await flows.delete_account(session, broker, storage, caller.account, confirm_phone=body.phone)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@accounts_router.get("/{account_id}")
async def get_profile(account_id: PathId, session: DbSession, storage: Media) -> Profile:
    """Someone's public profile."""
    account = await service.get_account(session, account_id)
    return to_profile(account, storage)
