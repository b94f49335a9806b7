"""The SDK's verifier against signatures made by the platform's own signing code."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from plaza.kit.clock import ManualClock
from plaza.webhooks import signing
from plaza_sdk.webhooks import (
    InvalidSignature,
    MalformedWebhook,
    MemoryNonceStore,
    NonceStore,
    ReplayedNonce,
    StaleTimestamp,
    WebhookVerifier,
)

BODY = json.dumps({"id": "1", "type": "payment.succeeded", "data": {"amount": 1250}}).encode()


@pytest.fixture
def key() -> signing.SigningKey:
    return signing.SigningKey("ed25519-test", Ed25519PrivateKey.generate())


def verifier_for(
    key: signing.SigningKey, clock: ManualClock, *, nonces: NonceStore | None = None
) -> WebhookVerifier:
    return WebhookVerifier(
        key.public_key_base64, nonces=nonces, clock=lambda: clock.now().timestamp()
    )


def test_a_genuine_webhook_is_accepted_with_headers_in_any_case(
    key: signing.SigningKey, clock: ManualClock
) -> None:
    headers = {name.lower(): value for name, value in signing.signature_headers(key, BODY).items()}
    assert verifier_for(key, clock).verify(headers, BODY) == json.loads(BODY)


def test_a_tampered_body_is_refused(key: signing.SigningKey, clock: ManualClock) -> None:
    headers = signing.signature_headers(key, BODY)
    with pytest.raises(InvalidSignature):
        verifier_for(key, clock).verify(headers, BODY.replace(b"1250", b"9250"))


def test_a_signature_by_another_key_is_refused(key: signing.SigningKey, clock: ManualClock) -> None:
    other = signing.SigningKey("ed25519-other", Ed25519PrivateKey.generate())
    with pytest.raises(InvalidSignature):
        verifier_for(key, clock).verify(signing.signature_headers(other, BODY), BODY)


def test_a_tampered_timestamp_is_refused(key: signing.SigningKey, clock: ManualClock) -> None:
    headers = signing.signature_headers(key, BODY)
    headers["Plaza-Timestamp"] = str(int(headers["Plaza-Timestamp"]) + 1)
    with pytest.raises(InvalidSignature):
        verifier_for(key, clock).verify(headers, BODY)


@pytest.mark.parametrize(
    "skew", [timedelta(minutes=5, seconds=1), -timedelta(minutes=5, seconds=1)]
)
def test_a_timestamp_over_five_minutes_old_or_ahead_is_refused(
    key: signing.SigningKey, clock: ManualClock, skew: timedelta
) -> None:
    headers = signing.signature_headers(key, BODY)
    clock.advance(skew)
    with pytest.raises(StaleTimestamp):
        verifier_for(key, clock).verify(headers, BODY)


def test_a_timestamp_five_minutes_old_is_still_accepted(
    key: signing.SigningKey, clock: ManualClock
) -> None:
    headers = signing.signature_headers(key, BODY)
    clock.advance(timedelta(minutes=5))
    assert verifier_for(key, clock).verify(headers, BODY)["id"] == "1"


def test_a_replayed_nonce_is_refused(key: signing.SigningKey, clock: ManualClock) -> None:
    verifier = verifier_for(key, clock)
    headers = signing.signature_headers(key, BODY)
    verifier.verify(headers, BODY)
    clock.advance(timedelta(minutes=4))
    with pytest.raises(ReplayedNonce):
        verifier.verify(headers, BODY)
    assert verifier.verify(signing.signature_headers(key, BODY), BODY)["id"] == "1"


def test_a_forged_request_does_not_use_up_its_nonce(
    key: signing.SigningKey, clock: ManualClock
) -> None:
    verifier = verifier_for(key, clock)
    headers = signing.signature_headers(key, BODY)
    with pytest.raises(InvalidSignature):
        verifier.verify(headers, b"{}")
    assert verifier.verify(headers, BODY)["id"] == "1"


def test_the_nonce_store_is_pluggable(key: signing.SigningKey, clock: ManualClock) -> None:
    class SetStore:
        def __init__(self) -> None:
            self.seen: set[str] = set()

        def add_if_new(self, nonce: str, *, keep_until: float) -> bool:
            new = nonce not in self.seen
            self.seen.add(nonce)
            return new

    store = SetStore()
    headers = signing.signature_headers(key, BODY)
    verifier_for(key, clock, nonces=store).verify(headers, BODY)
    assert store.seen == {headers["Plaza-Nonce"]}
    with pytest.raises(ReplayedNonce):
        verifier_for(key, clock, nonces=store).verify(headers, BODY)


def test_the_memory_store_forgets_nonces_once_their_timestamps_are_refused(
    clock: ManualClock,
) -> None:
    store = MemoryNonceStore(clock=lambda: clock.now().timestamp())
    until = clock.now().timestamp() + 300
    assert store.add_if_new("a", keep_until=until)
    assert not store.add_if_new("a", keep_until=until)
    clock.advance(timedelta(seconds=301))
    assert store.add_if_new("a", keep_until=until + 301)


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Plaza-Signature", ""),
        ("Plaza-Signature", "not base64!"),
        ("Plaza-Timestamp", "12.5"),
        ("Plaza-Nonce", "n" * 65),
    ],
)
def test_a_malformed_header_is_refused(
    key: signing.SigningKey, clock: ManualClock, header: str, value: str
) -> None:
    headers = signing.signature_headers(key, BODY) | {header: value}
    with pytest.raises(MalformedWebhook):
        verifier_for(key, clock).verify(headers, BODY)


def test_a_key_document_of_another_algorithm_is_refused(key: signing.SigningKey) -> None:
    document = {"key_id": "x", "algorithm": "RSA", "public_key": key.public_key_base64}
    with pytest.raises(ValueError, match="unsupported algorithm"):
        WebhookVerifier.from_key_document(document)
    with pytest.raises(ValueError, match="base64 Ed25519"):
        WebhookVerifier(base64.b64encode(b"short").decode())
