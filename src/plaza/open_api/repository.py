"""All of the Open API's SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, ScalarSelect, String, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import UTCDateTime, insert_row
from plaza.open_api.models import AccessToken, AppSession, CodeKind, Consent, OneTimeCode


async def shorten_tokens(session: AsyncSession, miniapp_id: int, *, until: datetime) -> None:
    """Let every token of the app that would outlive ``until`` end then instead."""
    await session.execute(
        update(AccessToken)
        .where(AccessToken.miniapp_id == miniapp_id, AccessToken.expires_at > until)
        .values(expires_at=until)
    )


# The Open API's busiest call, code2session, is built once: building its statements took
# about 0.2 ms of CPU a call. An UPDATE's parameters must not share its columns' names.

_HASH_OF_CODE = bindparam("hash_of_code", type_=String())
_AT = bindparam("at", type_=UTCDateTime())

_CLAIM_CODE = (
    update(OneTimeCode)
    .where(
        OneTimeCode.code_hash == _HASH_OF_CODE,
        OneTimeCode.miniapp_id == bindparam("app_row"),
        OneTimeCode.kind == bindparam("code_kind"),
        OneTimeCode.used_at.is_(None),
        OneTimeCode.expires_at > _AT,
    )
    .values(used_at=_AT)
    .returning(OneTimeCode.account_id)
    .execution_options(synchronize_session=False)
)

_CLAIM_LOGIN_CODE = (
    update(OneTimeCode)
    .where(
        OneTimeCode.code_hash == _HASH_OF_CODE,
        OneTimeCode.miniapp_id
        == select(AccessToken.miniapp_id)
        .where(AccessToken.token_hash == bindparam("hash_of_token"), AccessToken.expires_at > _AT)
        .scalar_subquery(),
        OneTimeCode.kind == CodeKind.LOGIN.value,
        OneTimeCode.used_at.is_(None),
        OneTimeCode.expires_at > _AT,
    )
    .values(used_at=_AT)
    .returning(
        OneTimeCode.miniapp_id, OneTimeCode.account_id, OneTimeCode.openid, OneTimeCode.unionid
    )
    .execution_options(synchronize_session=False)
)

_CLAIMED = _CLAIM_LOGIN_CODE.cte("claimed")
_SESSION_COLUMNS = ["id", "miniapp_id", "account_id", "openid", "session_key_hash", "created_at"]
_EXCHANGE_LOGIN_CODE = (
    select(_CLAIMED.c.openid, _CLAIMED.c.unionid)
    .add_cte(
        insert(AppSession)
        .from_select(
            _SESSION_COLUMNS,
            select(
                bindparam("session_row", type_=BigInteger()),
                _CLAIMED.c.miniapp_id,
                _CLAIMED.c.account_id,
                _CLAIMED.c.openid,
                bindparam("hash_of_key", type_=String()),
                _AT,
            ),
        )
        .cte("made")
    )
    .execution_options(synchronize_session=False)
)
"""PostgreSQL runs a data-changing CTE whether or not the query reads it: the code is
claimed and the session made in one statement."""


@dataclass(frozen=True, slots=True)
class Exchanged:
    openid: str
    unionid: str


async def exchange_login_code(
    session: AsyncSession,
    *,
    token_hash: str,
    code_hash: str,
    now: datetime,
    session_id: int,
    session_key_hash: str,
) -> Exchanged | None:
    """Claim the login code if it is unused, unexpired and issued to the app whose live
    access token this is, and record the new session key under the person's openid: one
    statement on PostgreSQL, two on SQLite (no changes inside WITH there). None when the
    token or the code is refused; only then does anyone look again, to say which.

    The one statement is its own transaction on PostgreSQL (autocommit for the rest of
    the request, which only reads): no BEGIN and COMMIT round trips, which were a sixth
    of the call's CPU. The pool gives the connection back with its usual isolation."""
    claim = {"hash_of_code": code_hash, "hash_of_token": token_hash, "at": now}
    if session.get_bind().dialect.name == "postgresql":
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        made = (
            await session.execute(
                _EXCHANGE_LOGIN_CODE,
                claim | {"session_row": session_id, "hash_of_key": session_key_hash},
            )
        ).first()
        return None if made is None else Exchanged(made.openid, made.unionid)
    claimed = (await session.execute(_CLAIM_LOGIN_CODE, claim)).first()
    if claimed is None:
        return None
    await insert_row(
        session,
        AppSession(
            id=session_id,
            miniapp_id=claimed.miniapp_id,
            account_id=claimed.account_id,
            openid=claimed.openid,
            session_key_hash=session_key_hash,
            created_at=now,
        ),
    )
    return Exchanged(claimed.openid, claimed.unionid)


def live_token_app_id(token_hash: str, now: datetime) -> ScalarSelect[int]:
    """The row id of the mini-program whose unexpired token this is, for a query of the
    app (no row when the token is unknown or expired)."""
    return (
        select(AccessToken.miniapp_id)
        .where(AccessToken.token_hash == token_hash, AccessToken.expires_at > now)
        .scalar_subquery()
    )


async def get_code_or_none(session: AsyncSession, code_hash: str) -> OneTimeCode | None:
    return await session.scalar(select(OneTimeCode).where(OneTimeCode.code_hash == code_hash))


async def claim_code(
    session: AsyncSession, code_hash: str, miniapp_id: int, kind: str, now: datetime
) -> int | None:
    """Mark the code used if it is this app's, of this kind, unused and unexpired, in one
    statement; the account it was issued to, or None (``get_code_or_none`` tells why)."""
    claimed: int | None = await session.scalar(
        _CLAIM_CODE,
        {"hash_of_code": code_hash, "app_row": miniapp_id, "code_kind": kind, "at": now},
    )
    return claimed


async def account_for_openid_or_none(
    session: AsyncSession, miniapp_id: int, openid: str
) -> int | None:
    return await session.scalar(
        select(AppSession.account_id)
        .where(AppSession.miniapp_id == miniapp_id, AppSession.openid == openid)
        .limit(1)
    )


async def list_consents(
    session: AsyncSession, miniapp_id: int, account_id: int
) -> Sequence[Consent]:
    return (
        await session.scalars(
            select(Consent)
            .where(Consent.miniapp_id == miniapp_id, Consent.account_id == account_id)
            .order_by(Consent.scope)
        )
    ).all()


async def list_account_consents(session: AsyncSession, account_id: int) -> Sequence[Consent]:
    """Every scope the person granted any mini-program."""
    return (
        await session.scalars(
            select(Consent)
            .where(Consent.account_id == account_id)
            .order_by(Consent.miniapp_id, Consent.scope)
        )
    ).all()


async def get_consent_or_none(
    session: AsyncSession, miniapp_id: int, account_id: int, scope: str
) -> Consent | None:
    return await session.get(Consent, (miniapp_id, account_id, scope))


async def delete_consent(
    session: AsyncSession, miniapp_id: int, account_id: int, scope: str
) -> None:
    await session.execute(
        delete(Consent).where(
            Consent.miniapp_id == miniapp_id,
            Consent.account_id == account_id,
            Consent.scope == scope,
        )
    )
