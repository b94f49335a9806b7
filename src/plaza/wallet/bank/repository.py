"""All of the bank side's SQL, Plaza's and the sandbox bank's."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.wallet.bank.models import BankCallback, BankCard, BankOrder, SandboxRequest


async def cards_of(session: AsyncSession, owner_id: int) -> Sequence[BankCard]:
    return (
        await session.scalars(
            select(BankCard).where(BankCard.owner_id == owner_id).order_by(BankCard.id.desc())
        )
    ).all()


async def orders_of(
    session: AsyncSession,
    owner_id: int,
    *,
    kinds: Collection[str],
    before_id: int | None,
    limit: int,
) -> Sequence[BankOrder]:
    """The person's orders of these kinds, newest first, older than ``before_id`` when it
    is given."""
    query = select(BankOrder).where(BankOrder.owner_id == owner_id, BankOrder.kind.in_(kinds))
    if before_id is not None:
        query = query.where(BankOrder.id < before_id)
    return (await session.scalars(query.order_by(BankOrder.id.desc()).limit(limit))).all()


async def settlements_of(
    session: AsyncSession, merchant_id: int, *, limit: int
) -> Sequence[BankOrder]:
    """A shop's settlements, newest first."""
    query = select(BankOrder).where(BankOrder.merchant_id == merchant_id)
    return (await session.scalars(query.order_by(BankOrder.id.desc()).limit(limit))).all()


async def miniapp_settlements_of(
    session: AsyncSession, miniapp_id: int, *, limit: int
) -> Sequence[BankOrder]:
    """A mini-program's settlements, newest first."""
    query = select(BankOrder).where(BankOrder.miniapp_id == miniapp_id)
    return (await session.scalars(query.order_by(BankOrder.id.desc()).limit(limit))).all()


async def lock_order_by_reference(session: AsyncSession, reference: str) -> BankOrder | None:
    return await session.scalar(
        select(BankOrder)
        .where(BankOrder.reference == reference)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def lock_orders_placed_by(
    session: AsyncSession, *, status: str, placed_by: datetime, limit: int
) -> Sequence[BankOrder]:
    """Orders in ``status`` placed at ``placed_by`` or earlier, oldest first; rows another
    worker has locked are skipped."""
    return (
        await session.scalars(
            select(BankOrder)
            .where(BankOrder.status == status, BankOrder.created_at <= placed_by)
            .order_by(BankOrder.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def callbacks_since(
    session: AsyncSession, *, outcomes: Collection[str], since: datetime
) -> Sequence[BankCallback]:
    return (
        await session.scalars(
            select(BankCallback)
            .where(BankCallback.outcome.in_(outcomes), BankCallback.received_at >= since)
            .order_by(BankCallback.id)
        )
    ).all()


async def lock_due_sandbox_requests(
    session: AsyncSession, *, outcomes: Collection[str], due: datetime, limit: int
) -> Sequence[SandboxRequest]:
    """The sandbox's unsettled requests due by ``due``, oldest first, skipping rows another
    worker holds, so that no request is settled twice."""
    return (
        await session.scalars(
            select(SandboxRequest)
            .where(
                SandboxRequest.settled.is_(False),
                SandboxRequest.outcome.in_(outcomes),
                SandboxRequest.settles_at <= due,
            )
            .order_by(SandboxRequest.settles_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
