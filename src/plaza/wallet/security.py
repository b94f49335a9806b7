"""Who may pay: real-name verification and the payment PIN.

Unverified people can receive money but not send it. The PIN is 6 digits, stored with
argon2id over a keyed hash of it; 5 wrong tries lock payments for 3 hours; a forgotten
PIN is reset with a code sent by SMS plus the identity number verified before.

Why the key, and why a light argon2: a 6-digit PIN has a million values, so no hash
cost protects a stolen hash by itself (at the library's default cost of ~90 ms, one
core tries them all in a day). What protects it is the pepper: the PIN is first keyed
with the server's secret key, which is not in the database, so a stolen table alone
cannot be searched at all. Online guessing is stopped by the lockout. The argon2 cost
then only has to slow a thief who has both, and is sized (8 MiB, one pass: 4 to 9 ms on
a 2-core VM) so that checking the PIN on every payment does not cap the wallet at a few
dozen payments a second.

The checks run on a pool of their own, as many threads as the process's share of the
machine's cores (``PLAZA_PIN_THREADS``), not on the event loop's general pool: argon2
releases the GIL, but every check fills 8 MiB, and more checks at once than cores only
evict each other from the caches (on 2 cores, 32 at once cost 10.3 ms of CPU a check
against 7.2 ms two at a time).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import os
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.db import get_or_insert
from plaza.wallet import repository
from plaza.wallet.errors import (
    IdNumberMismatch,
    PinLocked,
    PinNotSet,
    PinTooSimple,
    PinWrong,
    RealNameRequired,
)
from plaza.wallet.id_documents import normalise_id_number
from plaza.wallet.models import WalletProfile

PIN_MAX_WRONG_TRIES = 5
PIN_LOCK = timedelta(hours=3)
_pins = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)  # argon2id, 8 MiB
_T = TypeVar("_T")


def _new_pin_threads(count: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(count, thread_name_prefix="pin")


_CORES = os.cpu_count() or 1
_pin_thread_count = _CORES
_pin_threads = _new_pin_threads(_pin_thread_count)


def configure_pin_threads(count: int | None) -> None:
    """How many PIN checks this process runs at once (``PLAZA_PIN_THREADS``); as many as
    the machine has cores when None."""
    global _pin_threads, _pin_thread_count
    wanted = count or _CORES
    if wanted != _pin_thread_count:
        _pin_threads.shutdown(wait=False)  # what it was given still runs
        _pin_threads, _pin_thread_count = _new_pin_threads(wanted), wanted


async def _on_pin_thread(work: Callable[..., _T], *args: str) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_pin_threads, work, *args)


def _peppered(secret: str, account_id: int, pin: str) -> str:
    return hmac.new(secret.encode(), f"pin:{account_id}:{pin}".encode(), hashlib.sha256).hexdigest()


def _id_hash(secret: str, country: str, number: str) -> str:
    return hmac.new(secret.encode(), f"{country}:{number}".encode(), hashlib.sha256).hexdigest()


def check_pin_strength(pin: str) -> None:
    """Six digits that are not one repeated digit or a straight run (111111, 123456)."""
    digits = [int(d) for d in pin]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    if len(steps) == 1 and steps <= {-1, 0, 1}:
        raise PinTooSimple(field="pin")


async def profile(session: AsyncSession, account_id: int) -> WalletProfile:
    """The person's wallet profile, made on first use."""
    return await get_or_insert(
        session, WalletProfile, {"account_id": account_id, "pin_failed_attempts": 0}
    )


async def verify_real_name(
    session: AsyncSession, account: Account, *, name: str, country: str, id_number: str, secret: str
) -> WalletProfile:
    number = normalise_id_number(country, id_number)
    mine = await profile(session, account.id)
    mine.real_name = name
    mine.id_country = country.upper()
    mine.id_number_hash = _id_hash(secret, mine.id_country, number)
    mine.id_number_last4 = number[-4:]
    mine.verified_at = clock.now()
    await session.flush()
    return mine


def require_verified(mine: WalletProfile) -> None:
    if mine.verified_at is None:
        raise RealNameRequired()


async def _hash_pin(secret: str, account_id: int, pin: str) -> str:
    return await _on_pin_thread(_pins.hash, _peppered(secret, account_id, pin))


async def set_pin(
    session: AsyncSession, account: Account, *, pin: str, current_pin: str | None, secret: str
) -> WalletProfile:
    """Set the PIN (first time), or change it with the current one."""
    mine = await profile(session, account.id)
    require_verified(mine)
    if mine.pin_hash is not None:
        await check_pin(session, mine, current_pin or "", secret=secret, field="current_pin")
    check_pin_strength(pin)
    mine.pin_hash = await _hash_pin(secret, account.id, pin)
    await session.flush()
    return mine


async def check_pin(
    session: AsyncSession, mine: WalletProfile, pin: str, *, secret: str, field: str = "pin"
) -> None:
    """Refuse a locked or wrong PIN; the fifth wrong try in a row locks payments for 3 hours."""
    if mine.pin_hash is None:
        raise PinNotSet()
    now = clock.now()
    if mine.pin_locked_until is not None and mine.pin_locked_until > now:
        retry = int((mine.pin_locked_until - now).total_seconds()) + 1
        raise PinLocked(headers={"Retry-After": str(retry)})
    if not await pin_matches(mine, pin, secret=secret):
        mine.pin_failed_attempts += 1
        if mine.pin_failed_attempts >= PIN_MAX_WRONG_TRIES:
            mine.pin_failed_attempts = 0
            mine.pin_locked_until = now + PIN_LOCK
            await session.flush()
            raise PinLocked(headers={"Retry-After": str(int(PIN_LOCK.total_seconds()))})
        await session.flush()
        left = PIN_MAX_WRONG_TRIES - mine.pin_failed_attempts
        raise PinWrong(f"Wrong payment PIN; {left} tries left.", field=field)
    if mine.pin_failed_attempts or mine.pin_locked_until:
        mine.pin_failed_attempts = 0
        mine.pin_locked_until = None
        await session.flush()


async def pin_matches(mine: WalletProfile, pin: str, *, secret: str) -> bool:
    """Whether ``pin`` is the stored PIN, checked on a PIN thread (argon2 releases the GIL,
    so checks run on every core); nothing is counted or locked here."""
    if mine.pin_hash is None:
        return False
    try:
        peppered = _peppered(secret, mine.account_id, pin)
        await _on_pin_thread(_pins.verify, mine.pin_hash, peppered)
    except (VerificationError, InvalidHashError):
        return False
    return True


def may_pay_plainly(mine: WalletProfile | None) -> bool:
    """Verified, a PIN set, not locked and no wrong tries to forget: a right PIN then
    changes nothing in the profile (for payments served in batches, which leave everyone
    else to ``check_pin``)."""
    return (
        mine is not None
        and mine.verified_at is not None
        and mine.pin_hash is not None
        and mine.pin_locked_until is None
        and mine.pin_failed_attempts == 0
    )


async def profiles(session: AsyncSession, account_ids: Collection[int]) -> dict[int, WalletProfile]:
    """The wallet profiles of those of these people who have one, in one query."""
    return {mine.account_id: mine for mine in await repository.get_profiles(session, account_ids)}


async def reset_pin(
    session: AsyncSession, account: Account, *, code: str, id_number: str, pin: str, secret: str
) -> WalletProfile:
    """A forgotten PIN: an SMS code to the account's phone plus the verified identity number.
    A reset also lifts a lock."""
    mine = await profile(session, account.id)
    require_verified(mine)
    assert mine.id_country is not None
    assert account.phone is not None
    # The code first: a wrong identity number then costs the code (codes are rate-limited),
    # so the number cannot be guessed without the phone.
    await identity.consume_code(session, phone=account.phone, code=code, secret=secret)
    number = normalise_id_number(mine.id_country, id_number)
    if not hmac.compare_digest(
        mine.id_number_hash or "", _id_hash(secret, mine.id_country, number)
    ):
        raise IdNumberMismatch(field="id_number")
    check_pin_strength(pin)
    mine.pin_hash = await _hash_pin(secret, account.id, pin)
    mine.pin_failed_attempts = 0
    mine.pin_locked_until = None
    await session.flush()
    return mine
