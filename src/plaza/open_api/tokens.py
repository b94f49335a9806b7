"""Access tokens for a mini-program's server: app id and secret in, a random token out.

A token lasts two hours. Asking for a new one leaves the ones before it working for
``ROTATION_OVERLAP`` more, so that a fleet of servers can switch over without a gap, and
then only the newest works. Tokens are stored as their SHA-256 only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.service import hash_token
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.ratelimit import RateLimiter, Rule
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.open_api import repository
from plaza.open_api.errors import AccessTokenInvalid, CredentialsInvalid
from plaza.open_api.models import AccessToken

TOKEN_LIFETIME = timedelta(hours=2)
ROTATION_OVERLAP = timedelta(minutes=5)
TOKEN_BYTES = 32
TOKENS_PER_HOUR = 100
REFUSALS_PER_HOUR = 20


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_in: int
    """Seconds, as WeChat's ``expires_in``."""


def token_rule(app: MiniApp) -> Rule:
    """Tokens issued per app: counted only for right credentials, since app ids are public
    and a stranger's wrong guesses must not use up the app's allowance."""
    return Rule(f"open:token:{app.app_id}", TOKENS_PER_HOUR, timedelta(hours=1))


def refusal_rule(client_ip: str) -> Rule:
    """Wrong credentials per address: whoever keeps guessing is slowed down."""
    return Rule(f"open:token-refused:{client_ip}", REFUSALS_PER_HOUR, timedelta(hours=1))


async def issue(
    session: AsyncSession,
    limiter: RateLimiter,
    key: str,
    credentials: tuple[str, str],
    client_ip: str,
) -> IssuedToken:
    """A new token for the app whose ``(app id, secret)`` these are; older ones end within
    minutes."""
    app = await miniapps.check_secret(session, key, *credentials)
    if app is None:
        await limiter.hit(refusal_rule(client_ip))
        raise CredentialsInvalid()
    await limiter.hit(token_rule(app))
    now = clock.now()
    await repository.shorten_tokens(session, app.id, until=now + ROTATION_OVERLAP)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        AccessToken(
            id=new_id(),
            miniapp_id=app.id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + TOKEN_LIFETIME,
        )
    )
    await session.flush()
    return IssuedToken(token, int(TOKEN_LIFETIME.total_seconds()))


async def authenticate(session: AsyncSession, token: str) -> MiniApp:
    """The mini-program a live access token belongs to."""
    app = await miniapps.app_by_row_id_query_or_none(
        session, repository.live_token_app_id(hash_token(token), clock.now())
    )
    if app is None:
        raise AccessTokenInvalid(headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return app
