"""The public half of the webhook signing key, for receivers to verify signatures, and a
mini-program's deliveries for its developer's console."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.schemas import PathId
from plaza.miniapps import service as miniapps
from plaza.miniapps.endpoints import AppIdPath
from plaza.webhooks import deliveries, signing
from plaza.webhooks.models import WebhookAttempt
from plaza.webhooks.schemas import (
    WebhookAttemptOut,
    WebhookDelivery,
    WebhookDeliveryDetail,
    WebhookKey,
)
from plaza.webhooks.service import Owner, WebhookStatus

KEY_PATH = "/.well-known/plaza-webhook-key"

router = APIRouter(tags=["webhooks"], route_class=UnitOfWorkRoute)
"""Unauthenticated on purpose: anyone may check a signature."""


@router.get(KEY_PATH)
async def webhook_key(session: DbSession) -> WebhookKey:
    """The Ed25519 public key that signs Plaza's webhooks."""
    key = await signing.current_key(session)
    return WebhookKey(
        key_id=key.key_id, algorithm=signing.ALGORITHM, public_key=key.public_key_base64
    )


deliveries_router = APIRouter(
    prefix="/v1/miniapps",
    tags=["webhooks"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""The developer console's view: only the mini-program's owner sees its webhooks."""

MINIAPP_OWNER = "miniapp"


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


async def _owner(session: AsyncSession, account_id: int, appid: str) -> Owner:
    app = await miniapps.owned_app(session, account_id, appid)
    return Owner(MINIAPP_OWNER, app.id)


@deliveries_router.get("/{appid}/webhooks")
async def list_deliveries(
    appid: AppIdPath,
    caller: CurrentUser,
    session: DbSession,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[WebhookDelivery]:
    """Your mini-program's webhooks, newest first, each with how its latest attempt went."""
    owner = await _owner(session, caller.account.id, appid)
    rows = await deliveries.list_deliveries(
        session, owner, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda delivery: delivery.webhook.id)
    return Page(
        items=[WebhookDelivery.model_validate(_delivery_fields(row)) for row in items],
        next_cursor=next_cursor,
    )


@deliveries_router.get("/{appid}/webhooks/{webhook_id}")
async def get_delivery(
    appid: AppIdPath, webhook_id: PathId, caller: CurrentUser, session: DbSession
) -> WebhookDeliveryDetail:
    """One webhook of your mini-program: the body sent and every attempt; 404
    ``webhooks.not_found`` for another app's."""
    owner = await _owner(session, caller.account.id, appid)
    delivery, attempts = await deliveries.get_delivery(session, owner, webhook_id)
    return to_detail(delivery, attempts)
