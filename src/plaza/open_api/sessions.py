"""Who a person is to a mini-program: one-time codes the host issues to a signed-in
person, and their exchange by the mini-program's server.

- ``openid`` is one person in one mini-program; ``unionid`` is one person across all of
  one developer's mini-programs. Both are HMACs keyed with the server's secret key, so
  they are stable, differ between apps (or developers), and do not lead back to the
  account id. Nothing stores them in the clear except beside the hash of a login code
  (worked out when it is issued, so that its exchange is one statement) or of a session
  key.
- A code works once, for five minutes, and only with the token of the app it was issued
  for; an exchange attempted by another app leaves it untouched.
- ``session_key`` is fresh per exchange, given only to the developer's server and kept as
  its SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.identity.service import hash_token
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.open_api import consents, repository, tokens
from plaza.open_api.errors import CodeExpired, CodeInvalid, CodeUsed, ConsentRequired
from plaza.open_api.models import CodeKind, OneTimeCode, Scope

CODE_LIFETIME = timedelta(minutes=5)
CODE_BYTES = 24
SESSION_KEY_BYTES = 16  # as WeChat's: 24 characters of base64
ID_BYTES = 21  # 28 url-safe characters


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Identity:
    openid: str
    unionid: str
    session_key: str


def _keyed_id(key: str, purpose: str, scope_id: str, account_id: int) -> str:
    digest = hmac.new(
        key.encode(), f"{purpose}:{scope_id}:{account_id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:ID_BYTES]).decode()


def openid_for(key: str, app: MiniApp, account_id: int) -> str:
    return "o" + _keyed_id(key, "openid", app.app_id, account_id)


def unionid_for(key: str, app: MiniApp, account_id: int) -> str:
    return "u" + _keyed_id(key, "unionid", str(app.owner_id), account_id)


async def account_for_openid_or_none(
    session: AsyncSession, app: MiniApp, openid: str
) -> int | None:
    """Who ``openid`` is in ``app``: someone whose login code the app exchanged, else None
    (an openid of another app, or one never handed out)."""
    return await repository.account_for_openid_or_none(session, app.id, openid)


async def issue_code(
    session: AsyncSession, account: Account, app_id: str, kind: CodeKind, *, key: str
) -> IssuedCode:
    """A one-time code for the mini-program's server; a phone code needs the phone scope.
    A login code is given the openid and unionid its exchange will answer with."""
    app = await miniapps.openable_app(session, account.id, app_id)
    if kind is CodeKind.PHONE and not await consents.granted(session, app, account, Scope.PHONE):
        raise ConsentRequired("Ask the person for the phone scope first.")
    now = clock.now()
    code = secrets.token_urlsafe(CODE_BYTES)
    login = kind is CodeKind.LOGIN
    session.add(
        OneTimeCode(
            id=new_id(),
            kind=kind,
            miniapp_id=app.id,
            account_id=account.id,
            code_hash=hash_token(code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
            openid=openid_for(key, app, account.id) if login else None,
            unionid=unionid_for(key, app, account.id) if login else None,
        )
    )
    await session.flush()
    return IssuedCode(code, now + CODE_LIFETIME)


async def _why_refused(
    session: AsyncSession, app: MiniApp, code_hash: str, kind: CodeKind
) -> NoReturn:
    """Say why a code was not taken: another app's or kind's is invalid, whatever state
    it is in."""
    found = await repository.get_code_or_none(session, code_hash)
    if found is None or found.miniapp_id != app.id or found.kind != kind:
        raise CodeInvalid(field="code")
    if found.used_at is not None:
        raise CodeUsed(field="code")
    raise CodeExpired(field="code")


async def _redeem(session: AsyncSession, app: MiniApp, code: str, kind: CodeKind) -> int:
    """Use the code up; the account it was issued to."""
    code_hash, now = hash_token(code), clock.now()
    account_id = await repository.claim_code(session, code_hash, app.id, kind, now)
    if account_id is None:
        await _why_refused(session, app, code_hash, kind)
    return account_id


async def code_to_session(session: AsyncSession, access_token: str, code: str) -> Identity:
    """Exchange a login code for who the person is to this app, and a new session key.

    The code is claimed, for the app whose live token this is, and the session recorded in
    one statement; a refused exchange is looked at again only to say why, the token
    first (``open.token_invalid``), then the code."""
    code_hash, now = hash_token(code), clock.now()
    session_key = base64.b64encode(secrets.token_bytes(SESSION_KEY_BYTES)).decode()
    exchanged = await repository.exchange_login_code(
        session,
        token_hash=hash_token(access_token),
        code_hash=code_hash,
        now=now,
        session_id=new_id(),
        session_key_hash=hash_token(session_key),
    )
    if exchanged is None:
        app = await tokens.authenticate(session, access_token)
        await _why_refused(session, app, code_hash, CodeKind.LOGIN)
    return Identity(exchanged.openid, exchanged.unionid, session_key)


async def code_to_phone(session: AsyncSession, app: MiniApp, code: str) -> str:
    """Exchange a phone code for the person's number, if they still grant the scope."""
    account = await session.get(Account, await _redeem(session, app, code, CodeKind.PHONE))
    assert account is not None
    if account.phone is None or not await consents.granted(session, app, account, Scope.PHONE):
        raise ConsentRequired("The person revoked the phone scope.")
    return account.phone
