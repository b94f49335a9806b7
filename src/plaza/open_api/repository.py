"""All of the Open API's SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ScalarSelect, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.open_api.models import AccessToken, AppSession, Consent, OneTimeCode


async def shorten_tokens(session: AsyncSession, miniapp_id: int, *, until: datetime) -> None:
    """Let every token of the app that would outlive ``until`` end then instead."""
    await session.execute(
        update(AccessToken)
        .where(AccessToken.miniapp_id == miniapp_id, AccessToken.expires_at > until)
        .values(expires_at=until)
    )


# The claim of code2session, the Open API's busiest call, is built once: building it took
# about 0.2 ms of CPU a call. An UPDATE's parameters must not share its columns' names.

_CLAIM_CODE = (
    update(OneTimeCode)
    .where(
        OneTimeCode.code_hash == bindparam("hash_of_code"),
        OneTimeCode.miniapp_id == bindparam("app_row"),
        OneTimeCode.kind == bindparam("code_kind"),
        OneTimeCode.used_at.is_(None),
        OneTimeCode.expires_at > bindparam("at"),
    )
    .values(used_at=bindparam("at"))
    .returning(OneTimeCode.account_id)
    .execution_options(synchronize_session=False)
)


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
