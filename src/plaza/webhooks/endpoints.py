"""The public half of the webhook signing key, for receivers to verify signatures, and a
mini-program's deliveries for its developer's console (``webhooks.console``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, page_request
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.miniapps import service as miniapps
from plaza.miniapps.endpoints import AppIdPath
from plaza.webhooks import console, signing
from plaza.webhooks.schemas import (
    WebhookDelivery,
    WebhookDeliveryDetail,
    WebhookKey,
)
from plaza.webhooks.service import Owner

KEY_PATH = "/.well-known/plaza-webhook-key"

router = Router(tags=["webhooks"], route_class=UnitOfWorkRoute)
"""Unauthenticated on purpose: anyone may check a signature."""


@router.get(KEY_PATH)
async def webhook_key(session: DbSession) -> WebhookKey:
    """The Ed25519 public key that signs Plaza's webhooks."""
    key = await signing.current_key(session)
    return WebhookKey(
        key_id=key.key_id, algorithm=signing.ALGORITHM, public_key=key.public_key_base64
    )


deliveries_router = Router(
    prefix="/v1/miniapps",
    tags=["webhooks"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""The developer console's view: only the mini-program's owner sees its webhooks."""

MINIAPP_OWNER = "miniapp"


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
    return await console.delivery_page(session, owner, page)


@deliveries_router.get("/{appid}/webhooks/{webhook_id}")
async def get_delivery(
    appid: AppIdPath, webhook_id: PathId, caller: CurrentUser, session: DbSession
) -> WebhookDeliveryDetail:
    """One webhook of your mini-program: the body sent and every attempt; 404
    ``webhooks.not_found`` for another app's."""
    owner = await _owner(session, caller.account.id, appid)
    return await console.delivery_detail(session, owner, webhook_id)
