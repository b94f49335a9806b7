"""A live Plaza server (a real `plaza serve` process) and headless Chromium to drive it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, ViewportSize, async_playwright

from plaza import migrate
from plaza.config import REPO_ROOT
from plaza.identity import service as identity
from plaza.kit.db import Database
from tests.servers import LiveServer, plaza_serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WEB_DIST = REPO_ROOT / "web" / "dist"
ARTIFACTS = REPO_ROOT / "test-artifacts"
PHONE_VIEWPORT: ViewportSize = {"width": 390, "height": 844}
DESKTOP_VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
TOKEN_KEY = "plaza.token"  # web/src/api/token.ts


@dataclass(frozen=True)
class Person:
    account_id: str
    token: str
    plaza_id: str
    name: str


async def create_person(database: Database, phone: str, name: str, plaza_id: str) -> Person:
    """An account with a finished profile and a signed-in device, without the SMS code
    (the server allows 5 codes per IP an hour, and the sign-up test uses them)."""
    async with database.unit_of_work() as session:
        account = await identity.create_account(
            session, phone=phone, display_name=name, plaza_id=plaza_id
        )
        _, token = await identity.open_device_session(session, account, "Chromium (e2e)")
    return Person(account_id=str(account.id), token=token, plaza_id=plaza_id, name=name)


async def signed_in(browser: Browser, person: Person) -> BrowserContext:
    """A phone-sized browser context in English, signed in as ``person``."""
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    await context.add_init_script(
        f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(person.token)});"
    )
    return context


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not (WEB_DIST / "index.html").is_file():
        pytest.skip("the web client is not built; `make web` builds it (make test does)")
    root = tmp_path_factory.mktemp("live")
    database_url = f"sqlite+aiosqlite:///{root / 'plaza.db'}"
    migrate.upgrade(database_url)
    settings = {
        "PLAZA_ENV": "dev",
        "PLAZA_DATABASE_URL": database_url,
        "PLAZA_MEDIA_DIR": str(root / "media"),
        "PLAZA_WEB_DIR": str(WEB_DIST),
    }
    with plaza_serve(root, settings) as server:
        yield server


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        await launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
