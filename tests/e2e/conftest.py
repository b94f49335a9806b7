"""A live Plaza server (a real `plaza serve` process) and headless Chromium to drive it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, async_playwright
from sqlalchemy.ext.asyncio import AsyncSession

from plaza import migrate
from plaza.config import DEV_SECRET_KEY, REPO_ROOT
from plaza.identity import service as identity
from plaza.kit.money import Money
from plaza.wallet import security
from plaza.wallet import service as wallet
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
PIN = "135790"
ID_NUMBER = "11010519491231002X"  # the standard's own example: valid for anyone


async def ready_to_pay(
    session: AsyncSession, person: Person, *, real_name: str, top_up: str | None = None
) -> None:
    """Verify ``person``'s real name, set the payment PIN ``PIN`` and deposit ``top_up``,
    straight in a live server's database (which keeps the development secret key)."""
    account = await identity.get_account(session, person.account_id)
    await security.verify_real_name(
        session, account, name=real_name, country="CN", id_number=ID_NUMBER, secret=DEV_SECRET_KEY
    )
    await security.set_pin(session, account, pin=PIN, current_pin=None, secret=DEV_SECRET_KEY)
    if top_up is not None:
        await wallet.deposit(session, owner_id=person.account_id, amount=Money.parse(top_up, "CNY"))


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
