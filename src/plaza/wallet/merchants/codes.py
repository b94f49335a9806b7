"""Payment codes (付款码): 18 digits a payer's device shows offline and a till reads.

A code is a fixed 2-digit prefix, an 8-digit token that names the device's secret (not
the account), and an 8-digit TOTP of that secret for the current minute. The server never
stores the secret: it is HMAC-SHA256(server secret key, secret id and a random nonce),
cut to 20 bytes, so a copy of the database alone cannot make codes. A code is good for
its minute and the one before (clock skew), and once: each charged (secret, minute) is
recorded under a primary key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.wallet.errors import PaymentCodeExpired, PaymentCodeInvalid, PaymentCodeUsed
from plaza.wallet.merchants import repository, totp
from plaza.wallet.merchants.models import PaymentCodeSecret, UsedPaymentCode

CODE_PREFIX = "28"
TOKEN_DIGITS = 8
CODE_LENGTH = len(CODE_PREFIX) + TOKEN_DIGITS + totp.DIGITS
SECRET_BYTES = 20  # as RFC 4226 recommends for HMAC-SHA1
ACCEPTED_STEPS = 2
"""The code's own minute and the one before, for a till whose clock is a little ahead."""
EXPIRED_LOOK_BACK = 10
"""Minutes within which an old code is told apart as expired rather than invalid."""


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    row: PaymentCodeSecret
    secret: bytes

    @property
    def base32(self) -> str:
        return base64.b32encode(self.secret).decode().rstrip("=")


@dataclass(frozen=True, slots=True)
class ResolvedCode:
    """A good, unused code: whose secret, and for which time step."""

    secret: PaymentCodeSecret
    time_step: int


def derive_secret(server_key: str, secret_id: int, nonce: str) -> bytes:
    message = f"payment-code:{secret_id}:{nonce}".encode()
    return hmac.new(server_key.encode(), message, hashlib.sha256).digest()[:SECRET_BYTES]


async def _free_token(session: AsyncSession) -> str:
    """Random digits no secret has used, so a token never names two accounts over time."""
    while True:
        token = str(secrets.randbelow(10**TOKEN_DIGITS)).zfill(TOKEN_DIGITS)
        if not await repository.token_taken(session, token):
            return token


async def issue_secret(session: AsyncSession, account_id: int, server_key: str) -> IssuedSecret:
    """A fresh secret for the device (the caller checked the PIN); older ones stop working."""
    now = clock.now()
    await repository.revoke_secrets_of(session, account_id, now)
    row = PaymentCodeSecret(
        id=new_id(),
        account_id=account_id,
        token=await _free_token(session),
        nonce=secrets.token_hex(16),
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return IssuedSecret(row, derive_secret(server_key, row.id, row.nonce))


async def resolve(session: AsyncSession, code: str, server_key: str) -> ResolvedCode:
    """The secret and time step of a code a till read, or why it cannot be charged."""
    digits = code.replace(" ", "")
    if len(digits) != CODE_LENGTH or not digits.isdigit() or not digits.startswith(CODE_PREFIX):
        raise PaymentCodeInvalid(field="code")
    token, otp = digits[len(CODE_PREFIX) : -totp.DIGITS], digits[-totp.DIGITS :]
    row = await repository.live_secret_by_token(session, token)
    if row is None:
        raise PaymentCodeInvalid(field="code")
    secret = derive_secret(server_key, row.id, row.nonce)
    now = totp.time_step(clock.now())
    for step in range(now, now - ACCEPTED_STEPS, -1):
        if totp.matches(secret, otp, step):
            if await repository.code_used(session, row.id, step):
                raise PaymentCodeUsed(field="code")
            return ResolvedCode(row, step)
    if any(
        totp.matches(secret, otp, step)
        for step in range(now - ACCEPTED_STEPS, now - EXPIRED_LOOK_BACK, -1)
    ):
        raise PaymentCodeExpired(field="code")
    raise PaymentCodeInvalid(field="code")


async def record_use(session: AsyncSession, code: ResolvedCode, payment_id: int) -> None:
    """Use the code up; a twin charge of the same code fails here on the primary key."""
    session.add(
        UsedPaymentCode(
            secret_id=code.secret.id,
            time_step=code.time_step,
            payment_id=payment_id,
            used_at=clock.now(),
        )
    )
    await session.flush()
