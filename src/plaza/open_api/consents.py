"""The scopes a person granted each mini-program, until revoked: the store the runtime's
consent dialog writes on a gesture of the person's, and Me -> Settings lists."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.miniapps.models import MiniApp
from plaza.open_api import repository
from plaza.open_api.models import Consent, Scope


async def granted(session: AsyncSession, app: MiniApp, account: Account, scope: Scope) -> bool:
    return await repository.get_consent_or_none(session, app.id, account.id, scope) is not None


async def grant(
    session: AsyncSession, app: MiniApp, account: Account, scope: Scope
) -> Sequence[Consent]:
    """Grant the scope (again is fine) and answer every grant the person gave the app."""
    if not await granted(session, app, account, scope):
        session.add(
            Consent(miniapp_id=app.id, account_id=account.id, scope=scope, granted_at=clock.now())
        )
        await session.flush()
    return await repository.list_consents(session, app.id, account.id)


async def revoke(session: AsyncSession, app: MiniApp, account: Account, scope: Scope) -> None:
    await repository.delete_consent(session, app.id, account.id, scope)


async def list_grants(session: AsyncSession, app: MiniApp, account: Account) -> Sequence[Consent]:
    return await repository.list_consents(session, app.id, account.id)


async def list_all_grants(session: AsyncSession, account: Account) -> Sequence[Consent]:
    """Every grant the person gave, to any mini-program: what Me -> Settings lists."""
    return await repository.list_account_consents(session, account.id)
