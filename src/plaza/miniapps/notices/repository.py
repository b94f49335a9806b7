"""All of the subscribe messages' SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import upsert_statement
from plaza.miniapps.notices.models import Subscription, Template


async def get_template_or_none(session: AsyncSession, template_id: str) -> Template | None:
    return await session.scalar(select(Template).where(Template.template_id == template_id))


async def get_templates(
    session: AsyncSession, template_ids: Collection[str]
) -> dict[str, Template]:
    rows = await session.scalars(select(Template).where(Template.template_id.in_(template_ids)))
    return {template.template_id: template for template in rows}


async def list_templates(session: AsyncSession, miniapp_id: int) -> Sequence[Template]:
    return (
        await session.scalars(
            select(Template).where(Template.miniapp_id == miniapp_id).order_by(Template.id)
        )
    ).all()


async def count_templates(session: AsyncSession, miniapp_id: int) -> int:
    count = await session.scalar(
        select(func.count()).select_from(Template).where(Template.miniapp_id == miniapp_id)
    )
    return int(count or 0)


async def delete_template(session: AsyncSession, template_row_id: int) -> None:
    """The template and every credit to it."""
    await session.execute(delete(Subscription).where(Subscription.template_id == template_row_id))
    await session.execute(delete(Template).where(Template.id == template_row_id))


async def add_credit(
    session: AsyncSession, template_row_id: int, account_id: int, *, cap: int, now: datetime
) -> None:
    """One more message allowed, up to ``cap``; concurrent accepts each count."""
    statement = upsert_statement(session, Subscription).values(
        template_id=template_row_id, account_id=account_id, credits=1, updated_at=now
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Subscription.template_id, Subscription.account_id],
            set_={
                "credits": case(
                    (Subscription.credits < cap, Subscription.credits + 1),
                    else_=Subscription.credits,
                ),
                "updated_at": now,
            },
        )
    )


async def take_credit(
    session: AsyncSession, template_row_id: int, account_id: int, now: datetime
) -> bool:
    """Use one allowed message; False when none is left. Atomic: two sends racing for the
    last credit cannot both have it."""
    taken = await session.scalar(
        update(Subscription)
        .where(
            Subscription.template_id == template_row_id,
            Subscription.account_id == account_id,
            Subscription.credits > 0,
        )
        .values(credits=Subscription.credits - 1, updated_at=now)
        .returning(Subscription.credits)
        .execution_options(synchronize_session=False)
    )
    return taken is not None


async def credits_of(session: AsyncSession, template_row_id: int, account_id: int) -> int:
    found = await session.get(Subscription, (template_row_id, account_id))
    return found.credits if found else 0
