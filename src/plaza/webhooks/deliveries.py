"""What the developer console shows of an owner's webhooks: each delivery with how its
latest attempt went, and one delivery with every attempt. Docs: docs/subsystems/webhooks.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.webhooks import repository
from plaza.webhooks.errors import WebhookNotFound
from plaza.webhooks.models import Webhook, WebhookAttempt
from plaza.webhooks.service import Owner


@dataclass(frozen=True, slots=True)
class Delivery:
    webhook: Webhook
    last_attempt: WebhookAttempt | None
    """None until the first attempt has been made."""


async def list_deliveries(
    session: AsyncSession, owner: Owner, *, before_id: int | None, limit: int
) -> list[Delivery]:
    """The owner's webhooks, newest first, older than ``before_id`` when given."""
    rows = await repository.list_owned_with_last_attempt(
        session, owner_type=owner.type, owner_id=owner.id, before_id=before_id, limit=limit
    )
    return [Delivery(webhook, attempt) for webhook, attempt in rows]


async def get_delivery(
    session: AsyncSession, owner: Owner, webhook_id: int
) -> tuple[Delivery, Sequence[WebhookAttempt]]:
    """One of the owner's webhooks and all of its attempts, the first first."""
    webhook = await repository.get_owned_or_none(
        session, owner_type=owner.type, owner_id=owner.id, webhook_id=webhook_id
    )
    if webhook is None:
        raise WebhookNotFound()
    attempts = await repository.list_attempts(session, webhook.id)
    return Delivery(webhook, attempts[-1] if attempts else None), attempts
