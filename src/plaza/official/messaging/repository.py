"""All of official messaging's SQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.official.messaging.models import Delivery, MessagingSettings, Thread


async def get_settings_or_none(session: AsyncSession, account_id: int) -> MessagingSettings | None:
    return await session.get(MessagingSettings, account_id)


async def get_thread_or_none(
    session: AsyncSession, account_id: int, person_id: int
) -> Thread | None:
    return await session.get(Thread, (account_id, person_id))


async def list_threads(session: AsyncSession, account_id: int, limit: int) -> Sequence[Thread]:
    """The latest conversations first."""
    return (
        await session.scalars(
            select(Thread)
            .where(Thread.account_id == account_id)
            .order_by(Thread.last_message_at.desc(), Thread.person_id)
            .limit(limit)
        )
    ).all()


async def lock_next_delivery(session: AsyncSession) -> Delivery | None:
    """The oldest unfinished delivery no other worker holds, locked until commit."""
    return await session.scalar(
        select(Delivery).order_by(Delivery.id).limit(1).with_for_update(skip_locked=True)
    )


async def delete_delivery(session: AsyncSession, delivery_id: int) -> None:
    await session.execute(delete(Delivery).where(Delivery.id == delivery_id))
