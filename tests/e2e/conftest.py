"""A live Plaza server (a real `plaza serve` process) and headless Chromium to drive it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, async_playwright

from plaza import migrate
from plaza.config import REPO_ROOT
from tests.conftest import Person
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


async def signed_in(browser: Browser, person: Person) -> BrowserContext:
    """A phone-sized browser context in English, signed in as ``person``."""
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    await context.add_init_script(
        f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(person.token)});"
    )
    return context


async def send_text(page: Page, text: str) -> None:
    """Type a message in the open conversation and send it."""
    await page.get_by_test_id("composer-input").fill(text)
    await page.get_by_test_id("composer-send").click()


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
