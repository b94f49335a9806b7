"""The Open API (``/open/v1``, called by mini-program servers) and the host-side routes
that give a signed-in person's codes to a mini-program. Docs: docs/open-platform/api.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.miniapps import service as miniapps
from plaza.miniapps.endpoints import AppIdPath
from plaza.miniapps.models import MiniApp
from plaza.open_api import consents, sessions, tokens
from plaza.open_api.errors import AccessTokenInvalid
from plaza.open_api.models import CodeKind, Consent, Scope
from plaza.open_api.schemas import (
    AccessTokenOut,
    AccessTokenRequest,
    AppSessionOut,
    CodeExchange,
    ConsentGrant,
    ConsentOut,
    OneTimeCodeOut,
    PhoneNumberOut,
)

open_router = Router(prefix="/open/v1", tags=["open"], route_class=UnitOfWorkRoute)
"""Called by mini-program servers, never by people: app credentials or an access token."""

host_router = Router(
    prefix="/v1/miniapps",
    tags=["open"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

_access_token = HTTPBearer(
    auto_error=False,
    scheme_name="OpenAccessToken",
    description="An access token from POST /open/v1/token (not a person's session token).",
)


def access_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_access_token)],
) -> str:
    if credentials is None:
        raise AccessTokenInvalid(headers={"WWW-Authenticate": "Bearer"})
    return credentials.credentials


AccessToken = Annotated[str, Depends(access_token)]
"""The bearer token as given, not yet checked: for code2session, which checks it in the
statement that claims the code."""


async def authenticate_app(session: DbSession, token: AccessToken) -> MiniApp:
    return await tokens.authenticate(session, token)


CallingApp = Annotated[MiniApp, Depends(authenticate_app)]


@open_router.post("/token")
async def get_access_token(
    body: AccessTokenRequest,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    limiter: Limiter,
) -> AccessTokenOut:
    """An access token for the app's server, valid 2 hours; the previous one keeps working
    5 more minutes. A wrong secret and an unknown app are both 401. At most 100 tokens an
    hour per app, and 20 refused attempts an hour per address."""
    issued = await tokens.issue(
        session,
        limiter,
        settings.secret_key.get_secret_value(),
        (body.app_id, body.app_secret),
        request.client.host if request.client else "unknown",
    )
    return AccessTokenOut(access_token=issued.token, expires_in=issued.expires_in)


@open_router.post("/code2session")
async def code_to_session(
    body: CodeExchange, token: AccessToken, session: DbSession
) -> AppSessionOut:
    """Exchange a login code from `plaza.login()` for the person's openid, unionid and a
    new session key. A code works once, for 5 minutes, and only for its own app."""
    found = await sessions.code_to_session(session, token, body.code)
    return AppSessionOut(openid=found.openid, unionid=found.unionid, session_key=found.session_key)


@open_router.post("/phone-number")
async def phone_number(body: CodeExchange, app: CallingApp, session: DbSession) -> PhoneNumberOut:
    """Exchange a phone code from `plaza.getPhoneNumber()` for the person's number, under
    the same rules as login codes and only while the phone scope is granted."""
    return PhoneNumberOut(phone_number=await sessions.code_to_phone(session, app, body.code))


def _issued(issued: sessions.IssuedCode) -> OneTimeCodeOut:
    return OneTimeCodeOut(code=issued.code, expires_at=issued.expires_at)


@host_router.post("/{appid}/login-code", status_code=status.HTTP_201_CREATED)
async def issue_login_code(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> OneTimeCodeOut:
    """A one-time login code for a mini-program the caller can open (released, or on trial
    with the caller as a tester), valid 5 minutes: what `plaza.login()` resolves to."""
    key = settings.secret_key.get_secret_value()
    return _issued(
        await sessions.issue_code(session, caller.account, appid, CodeKind.LOGIN, key=key)
    )


@host_router.post("/{appid}/phone-code", status_code=status.HTTP_201_CREATED)
async def issue_phone_code(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> OneTimeCodeOut:
    """A one-time phone code, as a login code, once the caller granted the `phone` scope."""
    key = settings.secret_key.get_secret_value()
    return _issued(
        await sessions.issue_code(session, caller.account, appid, CodeKind.PHONE, key=key)
    )


def _consents(found: Sequence[Consent]) -> list[ConsentOut]:
    return [ConsentOut(scope=Scope(c.scope), granted_at=c.granted_at) for c in found]


@host_router.get("/{appid}/consents")
async def list_consents(
    appid: AppIdPath, caller: CurrentUser, session: DbSession
) -> list[ConsentOut]:
    """The scopes the caller granted this mini-program."""
    app = await miniapps.openable_app(session, caller.account.id, appid)
    return _consents(await consents.list_grants(session, app, caller.account))


@host_router.post("/{appid}/consents")
async def grant_consent(
    appid: AppIdPath, body: ConsentGrant, caller: CurrentUser, session: DbSession
) -> list[ConsentOut]:
    """Grant a scope, on the person's gesture in the host's consent dialog; again is fine.
    Answers every scope now granted."""
    app = await miniapps.openable_app(session, caller.account.id, appid)
    return _consents(await consents.grant(session, app, caller.account, body.scope))


@host_router.delete("/{appid}/consents/{scope}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_consent(
    appid: AppIdPath, scope: Scope, caller: CurrentUser, session: DbSession
) -> Response:
    """Revoke a scope; revoking one not granted is fine. Codes not yet exchanged that need
    it stop working."""
    app = await miniapps.openable_app(session, caller.account.id, appid)
    await consents.revoke(session, app, caller.account, scope)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
