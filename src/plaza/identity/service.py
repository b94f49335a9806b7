"""Identity's business rules: sign-in codes, accounts, device sessions, profiles."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import anyio
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import repository
from plaza.identity.errors import (
    AccountNotFound,
    CodeAttemptsExceeded,
    CodeExpired,
    CodeInvalid,
    CodeUsed,
    DeviceNotFound,
    PhoneMismatch,
    PlazaIdChangeTooSoon,
    PlazaIdTaken,
    TokenInvalid,
    TokenRevoked,
)
from plaza.identity.models import Account, DeviceSession, SignInCode
from plaza.identity.schemas import CODE_LENGTH, ProfileUpdate
from plaza.identity.sms import SmsGateway
from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.db import SqlInt
from plaza.kit.errors import PlazaError
from plaza.kit.ids import new_id
from plaza.kit.ratelimit import RateLimiter, Rule
from plaza.media import service as media
from plaza.media.images import square_renditions
from plaza.media.storage import MediaStorage
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

CODE_TTL = timedelta(minutes=5)
CODE_MAX_WRONG_TRIES = 5
CODES_PER_PHONE_PER_HOUR = 5
CODES_PER_IP_PER_HOUR = 5
PLAZA_ID_CHANGE_INTERVAL = timedelta(days=365)  # WeChat: once a year
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # spare a write on every request
AVATAR_THUMBNAILS = {"small": 132, "medium": 640}
GENERATED_PLAZA_ID_PREFIX = "plaza_"
_GENERATED_ID_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(frozen=True, slots=True)
class SignInResult:
    account: Account
    device: DeviceSession
    token: str
    created: bool


@dataclass(frozen=True, slots=True)
class Authenticated:
    """Who is calling: the account and the device session whose token was presented."""

    account: Account
    device: DeviceSession


def hash_code(secret: str, phone: str, code: str) -> str:
    return hmac.new(secret.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def plaza_id_changeable_at(account: Account) -> datetime | None:
    if account.plaza_id_changed_at is None:
        return None
    next_change = account.plaza_id_changed_at + PLAZA_ID_CHANGE_INTERVAL
    return next_change if next_change > clock.now() else None


async def send_sign_in_code(
    session: AsyncSession,
    *,
    phone: str,
    client_ip: str,
    limiter: RateLimiter,
    sms: SmsGateway,
    secret: str,
) -> SignInCode:
    """Issue a fresh code for ``phone`` (superseding earlier ones) and text it after commit."""
    await limiter.hit(
        Rule(f"sign-in-code:phone:{phone}", CODES_PER_PHONE_PER_HOUR, timedelta(hours=1)),
        Rule(f"sign-in-code:ip:{client_ip}", CODES_PER_IP_PER_HOUR, timedelta(hours=1)),
    )
    code = "".join(secrets.choice(string.digits) for _ in range(CODE_LENGTH))
    now = clock.now()
    record = SignInCode(
        id=new_id(),
        phone=phone,
        code_hash=hash_code(secret, phone, code),
        created_at=now,
        expires_at=now + CODE_TTL,
        failed_attempts=0,
    )
    session.add(record)
    await session.flush()
    text = f"Your Plaza code is {code}. It expires in 5 minutes. Never share it."

    async def deliver() -> None:
        await sms.send(phone, text)

    after_commit(session, deliver)
    return record


async def get_account_by_phone_or_none(session: AsyncSession, phone: str) -> Account | None:
    return await repository.get_account_by_phone_or_none(session, phone)


async def get_account_by_plaza_id_or_none(session: AsyncSession, plaza_id: str) -> Account | None:
    return await repository.get_account_by_plaza_id_key_or_none(session, plaza_id.lower())


async def get_account_or_none(session: AsyncSession, account_id: int) -> Account | None:
    return await repository.get_account_or_none(session, account_id)


async def get_account(session: AsyncSession, account_id: int) -> Account:
    account = await get_account_or_none(session, account_id)
    if account is None:
        raise AccountNotFound(field="account_id")
    return account


async def get_accounts(session: AsyncSession, account_ids: Collection[int]) -> dict[int, Account]:
    """The accounts with these ids, in one query; unknown ids are left out."""
    return {a.id: a for a in await repository.get_accounts(session, account_ids)}


async def consume_code(session: AsyncSession, *, phone: str, code: str, secret: str) -> None:
    """Check a one-time code sent to ``phone`` and use it up (sign-in, PIN reset)."""
    record = await repository.get_latest_code_or_none(session, phone)
    if record is None:
        raise CodeInvalid("No code was sent to this number; ask for one first.", field="code")
    if record.used_at is not None:
        raise CodeUsed(field="code")
    if record.failed_attempts >= CODE_MAX_WRONG_TRIES:
        raise CodeAttemptsExceeded(field="code")
    now = clock.now()
    if now >= record.expires_at:
        raise CodeExpired(field="code")
    if not hmac.compare_digest(record.code_hash, hash_code(secret, phone, code)):
        record.failed_attempts += 1
        await session.flush()
        left = CODE_MAX_WRONG_TRIES - record.failed_attempts
        raise CodeInvalid(
            f"That code is not right; {left} tries left." if left else None, field="code"
        )
    record.used_at = now
    await session.flush()


def _generated_plaza_id() -> str:
    suffix = "".join(secrets.choice(_GENERATED_ID_ALPHABET) for _ in range(10))
    return GENERATED_PLAZA_ID_PREFIX + suffix


async def create_account(
    session: AsyncSession, *, phone: str, display_name: str = "", plaza_id: str | None = None
) -> Account:
    """A new account for ``phone``; Plaza ID chosen by the caller or generated."""
    account = Account(
        id=new_id(),
        phone=phone,
        display_name=display_name,
        bio="",
        region="",
        created_at=clock.now(),
    )
    if plaza_id is None:
        _assign_plaza_id(account, await _unused_generated_plaza_id(session))
    else:
        await _check_plaza_id_free(session, plaza_id)
        _assign_plaza_id(account, plaza_id)
    session.add(account)
    await session.flush()
    return account


async def _unused_generated_plaza_id(session: AsyncSession) -> str:
    while True:  # 36**10 choices: a second round is already astronomically rare
        candidate = _generated_plaza_id()
        if not await repository.plaza_id_key_in_use(session, candidate.lower()):
            return candidate


async def _check_plaza_id_free(session: AsyncSession, plaza_id: str) -> None:
    if await repository.plaza_id_key_in_use(session, plaza_id.lower()):
        raise PlazaIdTaken(field="plaza_id")


def _assign_plaza_id(account: Account, plaza_id: str) -> None:
    account.plaza_id = plaza_id
    account.plaza_id_key = plaza_id.lower()


async def sign_in(
    session: AsyncSession, *, phone: str, code: str, device_name: str, secret: str
) -> SignInResult:
    """Check the code, create the account on first sign-in, and open a device session."""
    await consume_code(session, phone=phone, code=code, secret=secret)
    account = await repository.get_account_by_phone_or_none(session, phone)
    created = account is None
    if account is None:
        account = await create_account(session, phone=phone)
    device, token = await open_device_session(session, account, device_name)
    return SignInResult(account=account, device=device, token=token, created=created)


async def open_device_session(
    session: AsyncSession, account: Account, device_name: str
) -> tuple[DeviceSession, str]:
    """A new signed-in device for ``account`` and its bearer token (shown only now)."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    device = DeviceSession(
        id=new_id(),
        account_id=account.id,
        token_hash=hash_token(token),
        device_name=device_name,
        created_at=now,
        last_seen_at=now,
    )
    session.add(device)
    await session.flush()
    return device, token


async def authenticate(session: AsyncSession, token: str) -> Authenticated:
    found = await repository.get_device_session_by_token_hash_or_none(session, hash_token(token))
    if found is None:
        raise TokenInvalid()
    signed_in = _admit(*found, clock.now())
    if session.dirty:  # last_seen_at moved on
        await session.flush()
    return signed_in


async def authenticate_many(
    session: AsyncSession, tokens: Collection[str]
) -> dict[str, Authenticated | PlazaError]:
    """``authenticate`` for several bearer tokens in one query (a batch of requests served
    together): who each token signs in, or the error that token gets."""
    found = await repository.get_device_sessions_by_token_hash(
        session, {hash_token(token) for token in tokens}
    )
    now = clock.now()
    answers: dict[str, Authenticated | PlazaError] = {}
    for token in tokens:
        device_and_account = found.get(hash_token(token))
        try:
            if device_and_account is None:
                raise TokenInvalid()
            answers[token] = _admit(*device_and_account, now)
        except PlazaError as refused:
            answers[token] = refused
    if session.dirty:
        await session.flush()
    return answers


def _admit(device: DeviceSession, account: Account, now: datetime) -> Authenticated:
    """The device session signs its account in unless it or the account is gone; its
    last_seen_at moves on once a minute at most."""
    if device.revoked_at is not None or account.deleted_at is not None:
        raise TokenRevoked()
    if now - device.last_seen_at >= LAST_SEEN_RESOLUTION:
        device.last_seen_at = now
    return Authenticated(account=account, device=device)


async def update_profile(session: AsyncSession, account: Account, update: ProfileUpdate) -> Account:
    if update.plaza_id is not None and update.plaza_id != account.plaza_id:
        if plaza_id_changeable_at(account) is not None:
            raise PlazaIdChangeTooSoon(field="plaza_id")
        if update.plaza_id.lower() != account.plaza_id_key:
            await _check_plaza_id_free(session, update.plaza_id)
        _assign_plaza_id(account, update.plaza_id)
        account.plaza_id_changed_at = clock.now()
    if update.display_name is not None:
        account.display_name = update.display_name
    if update.bio is not None:
        account.bio = update.bio
    if update.region is not None:
        account.region = update.region
    await session.flush()
    return account


def avatar_key(account: Account, rendition: str) -> str:
    assert account.avatar_key is not None
    return f"{account.avatar_key}/{rendition}.webp"


def _forget_avatar_after_commit(
    session: AsyncSession, storage: MediaStorage, account: Account
) -> None:
    if account.avatar_key is None:
        return
    stale = [avatar_key(account, name) for name in ("original", *AVATAR_THUMBNAILS)]
    media.delete_after_commit(session, storage, stale)


async def set_avatar(
    session: AsyncSession, account: Account, data: bytes, storage: MediaStorage
) -> Account:
    """Re-encode and store a new avatar; the old files go once the change commits."""
    renditions = await anyio.to_thread.run_sync(square_renditions, data, AVATAR_THUMBNAILS)
    _forget_avatar_after_commit(session, storage, account)
    account.avatar_key = media.unguessable_folder("avatars", account.id)
    for rendition in renditions:
        await storage.put(avatar_key(account, rendition.name), rendition.data)
    await session.flush()
    return account


async def remove_avatar(session: AsyncSession, account: Account, storage: MediaStorage) -> Account:
    _forget_avatar_after_commit(session, storage, account)
    account.avatar_key = None
    await session.flush()
    return account


async def list_devices(
    session: AsyncSession, account: Account, *, after_id: int | None, limit: int
) -> Sequence[DeviceSession]:
    return await repository.list_active_device_sessions(
        session, account.id, after_id=after_id, limit=limit
    )


async def sign_out_device(
    session: AsyncSession, broker: Broker, account: Account, device_id: int
) -> None:
    """Revoke one device's token; its open sockets close once this commits."""
    device = await repository.get_active_device_session_or_none(session, account.id, device_id)
    if device is None:
        raise DeviceNotFound(field="device_id")
    device.revoked_at = clock.now()
    await session.flush()
    realtime.disconnect_after_commit(session, broker, account.id, [device_id])


async def sign_out_everywhere(session: AsyncSession, broker: Broker, account: Account) -> None:
    await repository.revoke_all_device_sessions(session, account.id, clock.now())
    realtime.disconnect_after_commit(session, broker, account.id, None)


async def delete_account(
    session: AsyncSession,
    broker: Broker,
    account: Account,
    *,
    confirm_phone: str,
    storage: MediaStorage,
) -> None:
    """Revoke every session, erase the profile and free the phone number and Plaza ID."""
    if confirm_phone != account.phone:
        raise PhoneMismatch(field="phone")
    await sign_out_everywhere(session, broker, account)
    _forget_avatar_after_commit(session, storage, account)
    account.phone = None
    account.plaza_id = None
    account.plaza_id_key = None
    account.display_name = ""
    account.bio = ""
    account.region = ""
    account.avatar_key = None
    account.deleted_at = clock.now()
    await session.flush()


def deleted_condition(account: SqlInt) -> ColumnElement[bool]:
    """The account was deleted, as a condition for another domain's query (a deleted
    account's posts are gone for everyone)."""
    return repository.deleted_condition(account)
