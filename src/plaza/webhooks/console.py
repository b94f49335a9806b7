"""What a console shows of an owner's webhooks, as the API's schemas: a page of deliveries
with how each one's latest attempt went, and one delivery with every attempt. The
mini-program console (``webhooks.endpoints``) and the official account console
(``official.messaging.endpoints``) each check that the caller owns what they ask for."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.pagination import Page, PageRequest, cut_page
from plaza.webhooks import deliveries
from plaza.webhooks.models import WebhookAttempt
from plaza.webhooks.schemas import WebhookAttemptOut, WebhookDelivery, WebhookDeliveryDetail
from plaza.webhooks.service import Owner, WebhookStatus


def _delivery_fields(delivery: deliveries.Delivery) -> dict[str, object]:
    webhook, last = delivery.webhook, delivery.last_attempt
    return {
        "id": webhook.id,
        "event_type": webhook.event_type,
        "url": webhook.url,
        "status": webhook.status,
        "attempts": webhook.attempts,
        "created_at": webhook.created_at,
        "last_attempt_at": last.started_at if last else None,
        "last_status_code": last.status_code if last else None,
        "last_error": last.error if last else None,
        "response_excerpt": last.response_excerpt if last else None,
        "next_attempt_at": (
            webhook.next_attempt_at if webhook.status == WebhookStatus.PENDING else None
        ),
    }


def to_attempt(attempt: WebhookAttempt) -> WebhookAttemptOut:
    return WebhookAttemptOut(
        number=attempt.number,
        started_at=attempt.started_at,
        duration_ms=attempt.duration_ms,
        status_code=attempt.status_code,
        error=attempt.error,
        response_excerpt=attempt.response_excerpt,
    )


def to_detail(
    delivery: deliveries.Delivery, attempts: Sequence[WebhookAttempt]
) -> WebhookDeliveryDetail:
    return WebhookDeliveryDetail.model_validate(
        _delivery_fields(delivery)
        | {
            "body": delivery.webhook.body,
            "finished_at": delivery.webhook.finished_at,
            "attempt_log": [to_attempt(attempt) for attempt in attempts],
        }
    )


async def delivery_page(
    session: AsyncSession, owner: Owner, page: PageRequest
) -> Page[WebhookDelivery]:
    """The owner's webhooks, newest first, a page at a time."""
    rows = await deliveries.list_deliveries(
        session, owner, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda delivery: delivery.webhook.id)
    return Page(
        items=[WebhookDelivery.model_validate(_delivery_fields(row)) for row in items],
        next_cursor=next_cursor,
    )


async def delivery_detail(
    session: AsyncSession, owner: Owner, webhook_id: int
) -> WebhookDeliveryDetail:
    """One of the owner's webhooks with every attempt; 404 ``webhooks.not_found`` for any
    other's."""
    delivery, attempts = await deliveries.get_delivery(session, owner, webhook_id)
    return to_detail(delivery, attempts)
