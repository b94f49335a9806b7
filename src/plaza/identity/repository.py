"""All of identity's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account, DeviceSession, SignInCode
from plaza.kit.db import SqlInt


async def get_account_or_none(session: AsyncSession, account_id: int) -> Account | None:
    return await session.get(Account, account_id)


async def get_account_by_phone_or_none(session: AsyncSession, phone: str) -> Account | None:
    return await session.scalar(select(Account).where(Account.phone == phone))


async def get_account_by_plaza_id_key_or_none(session: AsyncSession, key: str) -> Account | None:
    return await session.scalar(select(Account).where(Account.plaza_id_key == key))


async def get_accounts(session: AsyncSession, account_ids: Collection[int]) -> Sequence[Account]:
    if not account_ids:
        return []
    return (await session.scalars(select(Account).where(Account.id.in_(account_ids)))).all()


async def plaza_id_key_in_use(session: AsyncSession, key: str) -> bool:
    found = await session.scalar(select(Account.id).where(Account.plaza_id_key == key))
    return found is not None


async def get_latest_code_or_none(session: AsyncSession, phone: str) -> SignInCode | None:
    return await session.scalar(
        select(SignInCode)
        .where(SignInCode.phone == phone)
        .order_by(SignInCode.id.desc())
        .limit(1)
        .with_for_update()
    )


async def get_device_session_by_token_hash_or_none(
    session: AsyncSession, token_hash: str
) -> tuple[DeviceSession, Account] | None:
    row = (
        await session.execute(
            select(DeviceSession, Account)
            .join(Account, Account.id == DeviceSession.account_id)
            .where(DeviceSession.token_hash == token_hash)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


async def get_device_sessions_by_token_hash(
    session: AsyncSession, token_hashes: Collection[str]
) -> dict[str, tuple[DeviceSession, Account]]:
    rows = await session.execute(
        select(DeviceSession, Account)
        .join(Account, Account.id == DeviceSession.account_id)
        .where(DeviceSession.token_hash.in_(token_hashes))
    )
    return {device.token_hash: (device, account) for device, account in rows}


async def list_active_device_sessions(
    session: AsyncSession, account_id: int, *, after_id: int | None, limit: int
) -> Sequence[DeviceSession]:
    query = (
        select(DeviceSession)
        .where(DeviceSession.account_id == account_id, DeviceSession.revoked_at.is_(None))
        .order_by(DeviceSession.id.desc())
        .limit(limit)
    )
    if after_id is not None:
        query = query.where(DeviceSession.id < after_id)
    return (await session.scalars(query)).all()


async def get_active_device_session_or_none(
    session: AsyncSession, account_id: int, device_id: int
) -> DeviceSession | None:
    return await session.scalar(
        select(DeviceSession).where(
            DeviceSession.id == device_id,
            DeviceSession.account_id == account_id,
            DeviceSession.revoked_at.is_(None),
        )
    )


async def revoke_all_device_sessions(session: AsyncSession, account_id: int, at: datetime) -> None:
    await session.execute(
        update(DeviceSession)
        .where(DeviceSession.account_id == account_id, DeviceSession.revoked_at.is_(None))
        .values(revoked_at=at)
        .execution_options(synchronize_session="fetch")
    )


def deleted_condition(account: SqlInt) -> ColumnElement[bool]:
    return exists().where(Account.id == account, Account.deleted_at.is_not(None))
