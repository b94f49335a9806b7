"""The public half of the webhook signing key, for receivers to verify signatures."""

from __future__ import annotations

from fastapi import APIRouter

from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.webhooks import signing
from plaza.webhooks.schemas import WebhookKey

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
