"""Verify the webhooks Plaza sends to your server.

Plaza signs each POST with Ed25519 over ``timestamp + "\\n" + nonce + "\\n" + body`` and
publishes its public key at ``GET /.well-known/plaza-webhook-key``. A verifier refuses a
request whose signature does not match, whose timestamp is more than five minutes away
from now, or whose nonce it has seen before, each with its own exception::

    key_document = httpx.get(f"{PLAZA_URL}/.well-known/plaza-webhook-key").json()
    verifier = WebhookVerifier.from_key_document(key_document)
    try:
        event = verifier.verify(request.headers, request.body)
    except WebhookVerificationError:
        return 401

Exceptions::

    WebhookVerificationError
    ├── MalformedWebhook   a header is missing or not in its format, or the body not JSON
    ├── InvalidSignature   not signed by the key you trust (tampered, or another key)
    ├── StaleTimestamp     signed more than ``tolerance_seconds`` before or after now
    └── ReplayedNonce      a nonce seen before: the same request sent again
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature as _CryptographyInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

__all__ = [
    "ALGORITHM",
    "NONCE_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "TOLERANCE_SECONDS",
    "InvalidSignature",
    "MalformedWebhook",
    "MemoryNonceStore",
    "NonceStore",
    "ReplayedNonce",
    "StaleTimestamp",
    "WebhookVerificationError",
    "WebhookVerifier",
]

ALGORITHM = "Ed25519"
TIMESTAMP_HEADER = "Plaza-Timestamp"
NONCE_HEADER = "Plaza-Nonce"
SIGNATURE_HEADER = "Plaza-Signature"
TOLERANCE_SECONDS = 5 * 60
MAX_NONCE_LENGTH = 64
"""Plaza's nonces are 22 characters; a longer one is refused before it is stored."""


class WebhookVerificationError(Exception):
    """The request is not a genuine, fresh webhook from Plaza: answer 401 and drop it."""


class MalformedWebhook(WebhookVerificationError):
    pass


class InvalidSignature(WebhookVerificationError):
    pass


class StaleTimestamp(WebhookVerificationError):
    pass


class ReplayedNonce(WebhookVerificationError):
    pass


class NonceStore(Protocol):
    """Remembers the nonces of verified webhooks. Use a shared store (a database table, Redis
    ``SET NX EX``) when several processes receive webhooks."""

    def add_if_new(self, nonce: str, *, keep_until: float) -> bool:
        """Remember ``nonce`` until the unix time ``keep_until``; False if already there."""
        ...


class MemoryNonceStore:
    """Nonces in this process's memory, forgotten once their timestamps would be refused
    anyway."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._kept_until: dict[str, float] = {}

    def add_if_new(self, nonce: str, *, keep_until: float) -> bool:
        with self._lock:
            now = self._clock()
            self._kept_until = {
                seen: until for seen, until in self._kept_until.items() if until >= now
            }
            if nonce in self._kept_until:
                return False
            self._kept_until[nonce] = keep_until
            return True


class WebhookVerifier:
    """Checks webhooks against one Plaza deployment's public key."""

    def __init__(
        self,
        public_key: str,
        *,
        nonces: NonceStore | None = None,
        tolerance_seconds: int = TOLERANCE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``public_key`` is the base64 raw key from ``/.well-known/plaza-webhook-key``;
        ``clock`` gives unix seconds."""
        try:
            raw = base64.b64decode(public_key, validate=True)
            self._key = Ed25519PublicKey.from_public_bytes(raw)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("public_key must be a base64 Ed25519 public key") from exc
        self._clock = clock
        self._nonces = nonces if nonces is not None else MemoryNonceStore(clock=clock)
        self._tolerance = tolerance_seconds

    @classmethod
    def from_key_document(
        cls,
        document: Mapping[str, Any],
        *,
        nonces: NonceStore | None = None,
        tolerance_seconds: int = TOLERANCE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> WebhookVerifier:
        """A verifier for the JSON served at ``/.well-known/plaza-webhook-key``."""
        if document.get("algorithm") != ALGORITHM:
            raise ValueError(f"unsupported algorithm {document.get('algorithm')!r}")
        return cls(
            str(document["public_key"]),
            nonces=nonces,
            tolerance_seconds=tolerance_seconds,
            clock=clock,
        )

    def verify(self, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
        """The webhook's JSON (``id``, ``type``, ``created_at``, ``data``) if the request is
        genuine and new; raises a ``WebhookVerificationError`` otherwise. Pass the raw body
        bytes as received: re-serialized JSON does not match the signature."""
        by_name = {name.lower(): value for name, value in headers.items()}
        timestamp = _header(by_name, TIMESTAMP_HEADER)
        nonce = _header(by_name, NONCE_HEADER)
        signature = _header(by_name, SIGNATURE_HEADER)
        if not timestamp.isascii() or not timestamp.isdigit():
            raise MalformedWebhook(f"{TIMESTAMP_HEADER} must be unix seconds")
        if len(nonce) > MAX_NONCE_LENGTH or "\n" in nonce:
            raise MalformedWebhook(f"{NONCE_HEADER} is not a Plaza nonce")
        signed_at = int(timestamp)
        if abs(self._clock() - signed_at) > self._tolerance:
            raise StaleTimestamp(
                f"signed at {signed_at}, more than {self._tolerance} s away from now"
            )
        try:
            raw_signature = base64.b64decode(signature, validate=True)
        except binascii.Error as exc:
            raise MalformedWebhook(f"{SIGNATURE_HEADER} must be base64") from exc
        message = timestamp.encode() + b"\n" + nonce.encode() + b"\n" + body
        try:
            self._key.verify(raw_signature, message)
        except _CryptographyInvalidSignature as exc:
            raise InvalidSignature("the signature does not match the body and key") from exc
        if not self._nonces.add_if_new(nonce, keep_until=signed_at + self._tolerance):
            raise ReplayedNonce(f"nonce {nonce!r} was already used")
        try:
            event: dict[str, Any] = json.loads(body)
        except ValueError as exc:
            raise MalformedWebhook("the body is not JSON") from exc
        return event


def _header(by_name: Mapping[str, str], name: str) -> str:
    value = by_name.get(name.lower())
    if not value:
        raise MalformedWebhook(f"missing {name} header")
    return value
