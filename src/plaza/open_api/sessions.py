"""Who a person is to a mini-program: one-time codes the host issues to a signed-in
person, and their exchange by the mini-program's server.

- ``openid`` is one person in one mini-program; ``unionid`` is one person across all of
  one developer's mini-programs. Both are HMACs keyed with the server's secret key, so
  they are stable, differ between apps (or developers), and do not lead back to the
  account id. Nothing stores them in the clear except beside a session key's hash.
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

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.identity.service import hash_token
from plaza.kit import clock
from plaza.kit.db import insert_row
from plaza.kit.ids import new_id
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.open_api import consents, repository
from plaza.open_api.errors import CodeExpired, CodeInvalid, CodeUsed, ConsentRequired
from plaza.open_api.models import AppSession, CodeKind, OneTimeCode, Scope

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
    session: AsyncSession, account: Account, app_id: str, kind: CodeKind
) -> IssuedCode:
    """A one-time code for the mini-program's server; a phone code needs the phone scope."""
    app = await miniapps.openable_app(session, account.id, app_id)
    if kind is CodeKind.PHONE and not await consents.granted(session, app, account, Scope.PHONE):
        raise ConsentRequired("Ask the person for the phone scope first.")
    now = clock.now()
    code = secrets.token_urlsafe(CODE_BYTES)
    session.add(
        OneTimeCode(
            id=new_id(),
            kind=kind,
            miniapp_id=app.id,
            account_id=account.id,
            code_hash=hash_token(code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    await session.flush()
    return IssuedCode(code, now + CODE_LIFETIME)


async def _redeem(session: AsyncSession, app: MiniApp, code: str, kind: CodeKind) -> int:
    """Use the code up; the account it was issued to. A refused code is looked at again
    only to say why: another app's or kind's is invalid, whatever state it is in."""
    code_hash, now = hash_token(code), clock.now()
    account_id = await repository.claim_code(session, code_hash, app.id, kind, now)
    if account_id is not None:
        return account_id
    found = await repository.get_code_or_none(session, code_hash)
    if found is None or found.miniapp_id != app.id or found.kind != kind:
        raise CodeInvalid(field="code")
    if found.used_at is not None:
        raise CodeUsed(field="code")
    raise CodeExpired(field="code")


async def code_to_session(session: AsyncSession, key: str, app: MiniApp, code: str) -> Identity:
    """Exchange a login code for who the person is to this app, and a new session key."""
    account_id = await _redeem(session, app, code, CodeKind.LOGIN)
    openid = openid_for(key, app, account_id)
    session_key = base64.b64encode(secrets.token_bytes(SESSION_KEY_BYTES)).decode()
    await insert_row(
        session,
        AppSession(
            id=new_id(),
            miniapp_id=app.id,
            account_id=account_id,
            openid=openid,
            session_key_hash=hash_token(session_key),
            created_at=clock.now(),
        ),
    )
    return Identity(openid, unionid_for(key, app, account_id), session_key)


async def code_to_phone(session: AsyncSession, app: MiniApp, code: str) -> str:
    """Exchange a phone code for the person's number, if they still grant the scope."""
    account = await session.get(Account, await _redeem(session, app, code, CodeKind.PHONE))
    assert account is not None
    if account.phone is None or not await consents.granted(session, app, account, Scope.PHONE):
        raise ConsentRequired("The person revoked the phone scope.")
    return account.phone
