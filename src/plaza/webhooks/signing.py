"""The platform's Ed25519 key pair and the signature on every webhook.

The pair lives in the database (``webhook_signing_keys``), made the first time a node needs
it: every node of a deployment then signs with the same key without a shared file, and a
database backup keeps the key that receivers trust. Receivers fetch the public half from
``GET /.well-known/plaza-webhook-key``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.webhooks import repository

ALGORITHM = "Ed25519"
CURRENT_SLOT = "current"
TIMESTAMP_HEADER = "Plaza-Timestamp"
NONCE_HEADER = "Plaza-Nonce"
SIGNATURE_HEADER = "Plaza-Signature"
NONCE_BYTES = 16


@dataclass(frozen=True, slots=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_key_base64(self) -> str:
        raw = self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()


def key_id_for(public_key: bytes) -> str:
    """Names the key by its fingerprint, so that a receiver can tell a rotated key apart."""
    return "ed25519-" + hashlib.sha256(public_key).hexdigest()[:16]


async def current_key(session: AsyncSession) -> SigningKey:
    """The key webhooks are signed with, made and stored on first use."""
    stored = await repository.get_signing_key_or_none(session, CURRENT_SLOT)
    if stored is None:
        private = Ed25519PrivateKey.generate()
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        await repository.add_signing_key_if_missing(
            session,
            {
                "slot": CURRENT_SLOT,
                "key_id": key_id_for(public),
                "algorithm": ALGORITHM,
                "public_key": public,
                "private_key": private.private_bytes_raw(),
                "created_at": clock.now(),
            },
        )
        stored = await repository.get_signing_key_or_none(session, CURRENT_SLOT)
        assert stored is not None
    return SigningKey(stored.key_id, Ed25519PrivateKey.from_private_bytes(stored.private_key))


def signed_message(timestamp: str, nonce: str, body: bytes) -> bytes:
    """What the signature covers: ``timestamp + "\\n" + nonce + "\\n" + body``."""
    return timestamp.encode() + b"\n" + nonce.encode() + b"\n" + body


def signature_headers(key: SigningKey, body: bytes) -> dict[str, str]:
    """Fresh timestamp, nonce and signature for one attempt: a retry hours later must not
    look like a replay, nor carry a timestamp the receiver refuses as old."""
    timestamp = str(int(clock.now().timestamp()))
    nonce = secrets.token_urlsafe(NONCE_BYTES)
    signature = key.private_key.sign(signed_message(timestamp, nonce, body))
    return {
        TIMESTAMP_HEADER: timestamp,
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: base64.b64encode(signature).decode(),
    }
