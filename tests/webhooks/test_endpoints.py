"""The published public key."""

from __future__ import annotations

import base64

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import FastAPI

from plaza.kit.db import Database
from plaza.webhooks import signing
from plaza.webhooks.endpoints import KEY_PATH
from plaza.webhooks.models import WebhookSigningKey


async def test_the_public_key_is_published_without_a_token_and_stays_the_same(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    first = await client.get(KEY_PATH)
    second = await client.get(KEY_PATH)

    assert first.status_code == 200, first.text
    assert first.json() == second.json()
    document = first.json()
    assert set(document) == {"key_id", "algorithm", "public_key"}
    assert document["algorithm"] == "Ed25519"
    raw = base64.b64decode(document["public_key"])
    Ed25519PublicKey.from_public_bytes(raw)
    assert document["key_id"] == signing.key_id_for(raw)
    database: Database = app.state.database
    async with database.unit_of_work() as session:
        stored = await session.get_one(WebhookSigningKey, signing.CURRENT_SLOT)
        assert (await signing.current_key(session)).key_id == document["key_id"]
    assert stored.public_key == raw


async def test_a_new_app_on_the_same_database_signs_with_the_same_key(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    published = (await client.get(KEY_PATH)).json()
    other_node = Database(app.state.settings.database_url)
    try:
        async with other_node.unit_of_work() as session:
            key = await signing.current_key(session)
    finally:
        await other_node.dispose()
    assert (key.key_id, key.public_key_base64) == (published["key_id"], published["public_key"])
