"""Time-based one-time passwords (RFC 4226 HOTP over RFC 6238 time steps), the part of a
payment code that changes every minute. The device computes the same numbers offline
with WebCrypto (web/src/wallet/merchants/paymentCode.ts)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

DIGITS = 8
STEP_SECONDS = 60


def time_step(at: datetime, step_seconds: int = STEP_SECONDS) -> int:
    """How many whole steps have passed since the Unix epoch at ``at``."""
    return int(at.timestamp()) // step_seconds


def hotp(secret: bytes, counter: int, digits: int = DIGITS) -> str:
    """HMAC-SHA1 of the 8-byte counter, dynamically truncated (RFC 4226 section 5.3)."""
    digest = hmac.new(secret, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def totp(secret: bytes, at: datetime, *, step_seconds: int = STEP_SECONDS) -> str:
    return hotp(secret, time_step(at, step_seconds))


def matches(secret: bytes, otp: str, step: int) -> bool:
    """Whether ``otp`` is the password of ``step``, compared in constant time."""
    return hmac.compare_digest(hotp(secret, step, len(otp)), otp)
