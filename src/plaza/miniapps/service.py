"""Developers and their mini-programs: registration, the app's identity and settings, its
secret, its testers, and who the platform's admins are.

The Open API asks ``check_secret``; everything else answers the developer console.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Collection, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.db import SqlInt
from plaza.kit.ids import new_id
from plaza.miniapps import repository
from plaza.miniapps.errors import (
    DomainInvalid,
    MiniAppNotFound,
    NameTaken,
    NotAdmin,
    NotDeveloper,
    TesterNotFound,
)
from plaza.miniapps.models import Developer, MiniApp, Tester
from plaza.miniapps.runtime.csp import is_loopback_domain
from plaza.miniapps.schemas import MiniAppCreate, MiniAppUpdate

APP_ID_PREFIX = "px"  # as WeChat's "wx": the id says what it is
SECRET_BYTES = 32
HTTPS = "https://"
HTTP = "http://"
_HOST_NAME = re.compile(
    # dot-separated LDH labels ending in a top-level domain that starts with a letter:
    # no IP addresses, no ports, no paths, no single-label names such as localhost
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)


# Secrets


def hash_secret(key: str, app_id: str, secret: str) -> str:
    """A keyed hash: a leaked table gives nobody a working secret without the server key."""
    return hmac.new(key.encode(), f"{app_id}:{secret}".encode(), hashlib.sha256).hexdigest()


def _new_secret(key: str, app: MiniApp) -> str:
    secret = secrets.token_urlsafe(SECRET_BYTES)
    app.secret_hash = hash_secret(key, app.app_id, secret)
    app.secret_rotated_at = clock.now()
    return secret


async def check_secret(session: AsyncSession, key: str, app_id: str, secret: str) -> MiniApp | None:
    """The mini-program these credentials belong to, or None: the Open API's sign-in."""
    app = await repository.get_app_or_none(session, app_id)
    if app is None or not hmac.compare_digest(app.secret_hash, hash_secret(key, app_id, secret)):
        return None
    return app


# Developers and admins


async def become_developer(session: AsyncSession, account: Account, display_name: str) -> Developer:
    """Register the account as a developer, or rename it if it already is one."""
    developer = await repository.get_developer_or_none(session, account.id)
    if developer is None:
        developer = Developer(account_id=account.id, created_at=clock.now())
        session.add(developer)
    developer.display_name = display_name
    await session.flush()
    return developer


async def get_developer(session: AsyncSession, account_id: int) -> Developer:
    developer = await repository.get_developer_or_none(session, account_id)
    if developer is None:
        raise NotDeveloper()
    return developer


def require_admin(account: Account) -> None:
    if not account.is_admin:
        raise NotAdmin()


async def set_admin(session: AsyncSession, plaza_id: str, *, is_admin: bool) -> Account | None:
    """Make someone a platform admin (or no longer one); None when nobody has the Plaza ID."""
    account = await identity.get_account_by_plaza_id_or_none(session, plaza_id)
    if account is not None:
        account.is_admin = is_admin
        await session.flush()
    return account


# Mini-programs


def normalized_domains(domains: Sequence[str], *, loopback: bool) -> list[str]:
    """Host names, lower-cased and without duplicates; ``https://`` in front is allowed.
    Where ``loopback`` is allowed (not in production, where it would let a mini-program
    reach services on its user's own machine), a loopback host may carry a port and
    ``http://`` (``127.0.0.1:8010``): a developer's own backend beside Plaza, reached over
    http (``runtime.csp``)."""
    hosts: list[str] = []
    for index, domain in enumerate(domains):
        host = domain.strip().lower().removeprefix(HTTPS)
        if host.startswith(HTTP) and is_loopback_domain(host.removeprefix(HTTP)):
            host = host.removeprefix(HTTP)
        if is_loopback_domain(host) and not loopback:
            raise DomainInvalid(
                f"{domain!r} is a loopback host, which this deployment does not allow.",
                field=f"server_domains.{index}",
            )
        if not _HOST_NAME.match(host) and not is_loopback_domain(host):
            raise DomainInvalid(
                f"{domain!r} is not a host name such as api.example.com (https only), "
                "nor a loopback one such as 127.0.0.1:8010.",
                field=f"server_domains.{index}",
            )
        hosts.append(host)
    return list(dict.fromkeys(hosts))


async def _check_name_free(session: AsyncSession, name: str, *, except_id: int) -> str:
    name_key = name.casefold()
    if await repository.name_key_in_use(session, name_key, except_id=except_id):
        raise NameTaken(field="name")
    return name_key


async def create_app(
    session: AsyncSession, account: Account, key: str, body: MiniAppCreate, *, loopback: bool
) -> tuple[MiniApp, str]:
    """A new mini-program and its secret, which the caller shows this once."""
    await get_developer(session, account.id)
    app_row_id = new_id()
    now = clock.now()
    app = MiniApp(
        id=app_row_id,
        app_id=APP_ID_PREFIX + secrets.token_hex(8),
        owner_id=account.id,
        name=body.name,
        name_key=await _check_name_free(session, body.name, except_id=app_row_id),
        category=body.category,
        description=body.description,
        server_domains=normalized_domains(body.server_domains, loopback=loopback),
        created_at=now,
        updated_at=now,
    )
    secret = _new_secret(key, app)
    session.add(app)
    await session.flush()
    return app, secret


async def owned_app(
    session: AsyncSession, account_id: int, app_id: str, *, for_update: bool = False
) -> MiniApp:
    """The caller's own mini-program; someone else's is as unknown as a missing one."""
    app = await repository.get_app_or_none(session, app_id, for_update=for_update)
    if app is None or app.owner_id != account_id:
        raise MiniAppNotFound()
    return app


async def any_app(session: AsyncSession, app_id: str) -> MiniApp:
    """Any mini-program, for the platform's admins (locked: a review changes it)."""
    app = await repository.get_app_or_none(session, app_id, for_update=True)
    if app is None:
        raise MiniAppNotFound()
    return app


async def openable_app(session: AsyncSession, account_id: int, app_id: str) -> MiniApp:
    """A mini-program this person may open: released, or on trial with them as a tester.
    Any other is as unknown as a missing one."""
    app = await repository.get_app_or_none(session, app_id)
    if app is None:
        raise MiniAppNotFound()
    if app.live_version is None and not await repository.trial_open_to(session, app.id, account_id):
        raise MiniAppNotFound()
    return app


async def app_by_row_id(session: AsyncSession, miniapp_id: int) -> MiniApp:
    """The app a row of another domain (a token, a code) references."""
    app = await repository.get_app_by_row_id(session, miniapp_id)
    assert app is not None  # such rows reference their app
    return app


async def app_by_row_id_query_or_none(session: AsyncSession, miniapp_id: SqlInt) -> MiniApp | None:
    """The app whose row id an SQL expression of another domain's yields (its token's,
    say), in one query with it; None when it yields none."""
    return await repository.get_app_by_row_id_where(session, miniapp_id)


async def apps_by_row_ids(session: AsyncSession, miniapp_ids: Collection[int]) -> Sequence[MiniApp]:
    """The apps rows of other domains reference (orders, consents), in one query."""
    return await repository.get_apps_by_row_ids(session, miniapp_ids)


async def list_apps(session: AsyncSession, account: Account) -> Sequence[MiniApp]:
    return await repository.list_apps(session, account.id)


async def update_app(
    session: AsyncSession, account: Account, app_id: str, body: MiniAppUpdate, *, loopback: bool
) -> MiniApp:
    app = await owned_app(session, account.id, app_id, for_update=True)
    if body.name is not None:
        app.name_key = await _check_name_free(session, body.name, except_id=app.id)
        app.name = body.name
    if body.category is not None:
        app.category = body.category
    if body.description is not None:
        app.description = body.description
    if body.server_domains is not None:
        app.server_domains = normalized_domains(body.server_domains, loopback=loopback)
    app.updated_at = clock.now()
    await session.flush()
    return app


async def rotate_secret(
    session: AsyncSession, account: Account, key: str, app_id: str
) -> tuple[MiniApp, str]:
    """A new secret, shown this once; the old one stops working at once."""
    app = await owned_app(session, account.id, app_id, for_update=True)
    secret = _new_secret(key, app)
    await session.flush()
    return app, secret


# Testers


async def list_testers(session: AsyncSession, account: Account, app_id: str) -> list[Account]:
    app = await owned_app(session, account.id, app_id)
    return await _testers_of(session, app)


async def _testers_of(session: AsyncSession, app: MiniApp) -> list[Account]:
    ids = await repository.list_tester_ids(session, app.id)
    accounts = await identity.get_accounts(session, ids)
    return [accounts[account_id] for account_id in ids]


async def set_testers(
    session: AsyncSession, account: Account, app_id: str, plaza_ids: Sequence[str]
) -> list[Account]:
    """Replace who may open the trial version."""
    app = await owned_app(session, account.id, app_id, for_update=True)
    testers: dict[int, Account] = {}
    for index, plaza_id in enumerate(plaza_ids):
        tester = await identity.get_account_by_plaza_id_or_none(session, plaza_id)
        if tester is None:
            raise TesterNotFound(
                f"No one has the Plaza ID {plaza_id!r}.", field=f"plaza_ids.{index}"
            )
        testers[tester.id] = tester
    await repository.remove_testers(session, app.id)
    now = clock.now()
    session.add_all(
        Tester(miniapp_id=app.id, account_id=tester_id, added_at=now) for tester_id in testers
    )
    await session.flush()
    return await _testers_of(session, app)
