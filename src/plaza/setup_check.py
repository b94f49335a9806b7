"""What ``plaza check`` verifies: configuration, database, schema, Redis, media, web client."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from redis.asyncio import Redis
from sqlalchemy.engine import Connection

from plaza.config import Settings
from plaza.kit.db import Database
from plaza.migrate import alembic_config, sqlite_path


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


async def _configuration(settings: Settings) -> CheckResult:
    problems = settings.problems()
    detail = "; ".join(problems) or f"env={settings.env.value}"
    return CheckResult("configuration", not problems, detail)


async def _database(settings: Settings) -> CheckResult:
    sqlite_file = sqlite_path(settings.database_url)
    if sqlite_file is not None and not sqlite_file.exists():
        return CheckResult("database", False, f"no file at {sqlite_file}: run `plaza migrate`")
    database = Database(settings.database_url)
    try:
        await database.ping()

        def current_revision(connection: Connection) -> str | None:
            return MigrationContext.configure(connection).get_current_revision()

        async with database.engine.connect() as connection:
            current = await connection.run_sync(current_revision)
    finally:
        await database.dispose()
    head = ScriptDirectory.from_config(alembic_config(settings.database_url)).get_current_head()
    if current != head:
        return CheckResult("schema", False, f"at {current}, head is {head}: run `plaza migrate`")
    return CheckResult("database", True, f"{database.engine.dialect.name}, schema at {head}")


async def _ping_redis(url: str) -> None:
    client: Redis = Redis.from_url(url)
    try:
        await client.ping()
    finally:
        await client.aclose()


async def _redis(settings: Settings) -> CheckResult:
    if settings.redis_url is None:
        return CheckResult("redis", True, "not configured (in-process rate limits)")
    await _ping_redis(settings.redis_url)
    return CheckResult("redis", True, "answers PING")


async def _broker(settings: Settings) -> CheckResult:
    if settings.broker_url.startswith("memory:"):
        return CheckResult("broker", True, "in process (one node)")
    await _ping_redis(settings.broker_url)
    return CheckResult("broker", True, "Redis answers PING: nodes share real-time events")


async def _media(settings: Settings) -> CheckResult:
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=settings.media_dir):
        pass
    return CheckResult("media", True, f"{settings.media_dir} is writable")


async def _web_client(settings: Settings) -> CheckResult:
    built = (settings.web_dir / "index.html").is_file()
    detail = str(settings.web_dir) if built else f"{settings.web_dir} not built: run `make web`"
    return CheckResult("web client", built, detail)


CHECKS: tuple[tuple[str, Callable[[Settings], Awaitable[CheckResult]]], ...] = (
    ("configuration", _configuration),
    ("database", _database),
    ("redis", _redis),
    ("broker", _broker),
    ("media", _media),
    ("web client", _web_client),
)


async def run_checks(settings: Settings) -> list[CheckResult]:
    results = []
    for name, check in CHECKS:
        try:
            results.append(await check(settings))
        except Exception as exc:
            results.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}"))
    return results
