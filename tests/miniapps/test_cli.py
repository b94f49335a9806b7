"""``plaza user admin``: the platform's admins are named on the server, never through the API."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from plaza.config import Settings
from plaza.identity.models import Account
from plaza.kit.db import Database
from tests.test_cli import env, run  # noqa: F401  (env is a fixture)


async def is_admin(plaza_id: str) -> bool:
    database = Database(Settings().database_url)
    try:
        async with database.sessionmaker() as session:
            found = await session.scalar(
                select(Account.is_admin).where(Account.plaza_id == plaza_id)
            )
            return bool(found)
    finally:
        await database.dispose()


def test_user_admin_grants_and_revokes(env: Path) -> None:  # noqa: F811
    assert run("migrate")[0] == 0
    assert (
        run(
            "user", "create", "--phone", "+8613800138000", "--name", "Li", "--plaza-id", "li_admin"
        )[0]
        == 0
    )
    assert not asyncio.run(is_admin("li_admin"))
    code, output = run("user", "admin", "LI_ADMIN")
    assert (code, "LI_ADMIN is now a platform admin.") == (0, output.strip())
    assert asyncio.run(is_admin("li_admin"))
    code, output = run("user", "admin", "li_admin", "--revoke")
    assert (code, "li_admin is no longer a platform admin.") == (0, output.strip())
    assert not asyncio.run(is_admin("li_admin"))


def test_user_admin_needs_an_existing_plaza_id(env: Path) -> None:  # noqa: F811
    assert run("migrate")[0] == 0
    code, output = run("user", "admin", "nobody_here")
    assert code == 1
    assert "No account has the Plaza ID nobody_here." in output
