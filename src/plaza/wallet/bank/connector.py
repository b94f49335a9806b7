"""What Plaza needs from a bank, whichever bank it is (``PLAZA_BANK_CONNECTOR``).

A bank answers each request at once, with its own reference and whether it accepted
it; the final result comes later, as a signed callback to
``POST /v1/bank/callbacks/<connector>``. ``status`` answers for one reference when the
callback is late, which is how reconciliation settles what never called back.

A real bank's adapter implements ``BankConnector`` (HTTP to the bank, its own callback
signature scheme) and is added to ``banks.connector_for``.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from plaza.config import Settings
from plaza.kit.money import Money


class Answer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Outcome(StrEnum):
    """What the bank says became of an accepted request."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"
    """The bank has no such reference."""


@dataclass(frozen=True, slots=True)
class LinkedCard:
    token: str
    bank_name: str


@dataclass(frozen=True, slots=True)
class BankAnswer:
    reference: str
    answer: Answer


@dataclass(frozen=True, slots=True)
class BankResult:
    """A callback's content, once its signature is verified."""

    reference: str
    succeeded: bool
    """The bank's final word: the money moved, or it did not."""


@dataclass(frozen=True, slots=True)
class SampleCard:
    """A card number a test bank answers in a known way, shown to people trying Plaza."""

    number: str
    behaviour: Literal["succeeds", "declined", "fails", "no_answer"]


class BankConnector(Protocol):
    name: str
    sample_cards: tuple[SampleCard, ...]
    """Empty for a real bank."""

    async def link_card(self, *, holder_name: str, card_number: str) -> LinkedCard:
        """Verify the card with its bank and get a token to charge or pay it by."""

    async def charge(self, *, token: str, amount: Money, order_id: int) -> BankAnswer:
        """Take ``amount`` from the card into Plaza (a top-up)."""

    async def pay_out(self, *, token: str, amount: Money, order_id: int) -> BankAnswer:
        """Send ``amount`` from Plaza to the card (a withdrawal)."""

    async def status(self, reference: str) -> Outcome:
        """Where an accepted request stands now."""

    def read_callback(self, body: bytes, signature: str) -> BankResult | None:
        """The callback's final result, or None when its signature does not match its body."""


def callback_key(settings: Settings, connector: str) -> bytes:
    """The HMAC key a connector's callbacks are signed with, derived from the secret key."""
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, f"plaza.bank.callback:{connector}".encode(), hashlib.sha256).digest()


def sign(key: bytes, body: bytes) -> str:
    """HMAC-SHA256 of the body, in hex."""
    return hmac.new(key, body, hashlib.sha256).hexdigest()
