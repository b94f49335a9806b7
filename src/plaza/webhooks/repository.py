"""All of the webhooks' SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import upsert_statement
from plaza.webhooks.models import Webhook, WebhookAttempt, WebhookSigningKey


async def get_signing_key_or_none(session: AsyncSession, slot: str) -> WebhookSigningKey | None:
    return await session.get(WebhookSigningKey, slot)


async def add_signing_key_if_missing(session: AsyncSession, row: dict[str, Any]) -> None:
    """Insert the key unless its slot is taken (another node may have just made one)."""
    statement = upsert_statement(session, WebhookSigningKey).values(row)
    await session.execute(statement.on_conflict_do_nothing(index_elements=["slot"]))


async def lock_due(
    session: AsyncSession, *, status: str, due: datetime, limit: int
) -> Sequence[Webhook]:
    """Due webhooks, oldest first, row-locked; rows another worker holds are skipped."""
    return (
        await session.scalars(
            select(Webhook)
            .where(Webhook.status == status, Webhook.next_attempt_at <= due)
            .order_by(Webhook.next_attempt_at, Webhook.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def get_webhooks(session: AsyncSession, ids: Sequence[int]) -> dict[int, Webhook]:
    rows = await session.scalars(select(Webhook).where(Webhook.id.in_(ids)))
    return {webhook.id: webhook for webhook in rows}


async def list_owned_with_last_attempt(
    session: AsyncSession, *, owner_type: str, owner_id: int, before_id: int | None, limit: int
) -> Sequence[tuple[Webhook, WebhookAttempt | None]]:
    """An owner's webhooks, newest first, each with its latest attempt (one query: the
    latest attempt is the one numbered as many as the webhook's attempts)."""
    query = (
        select(Webhook, WebhookAttempt)
        .outerjoin(
            WebhookAttempt,
            (WebhookAttempt.webhook_id == Webhook.id) & (WebhookAttempt.number == Webhook.attempts),
        )
        .where(Webhook.owner_type == owner_type, Webhook.owner_id == owner_id)
        .order_by(Webhook.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Webhook.id < before_id)
    return [(webhook, attempt) for webhook, attempt in await session.execute(query)]


async def get_owned_or_none(
    session: AsyncSession, *, owner_type: str, owner_id: int, webhook_id: int
) -> Webhook | None:
    return await session.scalar(
        select(Webhook).where(
            Webhook.id == webhook_id,
            Webhook.owner_type == owner_type,
            Webhook.owner_id == owner_id,
        )
    )


async def list_attempts(session: AsyncSession, webhook_id: int) -> Sequence[WebhookAttempt]:
    return (
        await session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.webhook_id == webhook_id)
            .order_by(WebhookAttempt.number)
        )
    ).all()
