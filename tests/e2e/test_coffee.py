"""The issue's "done when", in Chromium: on a Plaza set up as `make run` sets it up (a fresh
database, `plaza demo`, `plaza serve` with the coffee shop's server beside it), a demo
person opens Discover -> Mini Programs -> Coffee, is signed in by the tap that opened it,
adds a flat white, pays with the PIN in the host's sheet, and the "ready" notice arrives in
the Service Notifications chat.

Plaza here is a server of its own rather than the shared ``live_server``: `plaza demo`
adds fixed people and a mini-program called "Coffee" that other tests must not meet. The
shop's server is started by `plaza serve`'s own ``_start_coffee`` with the credentials
`plaza demo` wrote; only its port (any free one) and the barista's delay (one second) come
from ``COFFEE_*`` variables. The bundle calls the shop at its declared domain,
127.0.0.1:8010; the browser's requests there are passed on to the port the shop listens
on, so a developer's own `make run` on 8010 cannot get in the way."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, expect

from plaza import demo, migrate
from plaza.cli import _start_coffee, _stop
from plaza.config import Environment, Settings
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.media.storage import LocalMediaStorage
from tests.conftest import Person
from tests.e2e.conftest import PHONE_VIEWPORT, WEB_DIST, signed_in
from tests.servers import LiveServer, free_port, plaza_serve

SHOTS = "coffee"
CUSTOMER = "bob_okafor"
FLAT_WHITE = 2800  # coffee_server/menu.py, in fen
READY_AFTER_S = "1"
SHOP_STARTUP_S = 20
WAIT_MS = 15_000  # a cold start on a busy 2-core CI machine


@dataclass(frozen=True)
class CoffeeShop:
    plaza: LiveServer
    app_id: str
    shop_url: str
    """Where the shop's server really listens."""
    customer: Person


def settings_for(root: Path, database_url: str, port: int) -> Settings:
    """The settings of the Plaza server at ``port``, as `plaza demo` would read them."""
    return Settings(
        env=Environment.DEV,
        database_url=database_url,
        media_dir=root / "var" / "media",
        web_dir=WEB_DIST,
        host="127.0.0.1",
        port=port,
    )


async def seed(settings: Settings) -> tuple[demo.CoffeeSample, Person]:
    """`plaza demo`: the demo people and the coffee sample; and a signed-in device for the
    customer (as if they had signed in with the SMS code)."""
    database = Database(settings.database_url)
    storage = LocalMediaStorage(settings.media_dir)
    try:
        await demo.seed(database, storage, settings, on_progress=lambda _person, _new: None)
        sample = await demo.seed_coffee(database, storage, settings)
        assert sample is not None
        async with database.unit_of_work() as session:
            account = await identity.get_account_by_plaza_id_or_none(session, CUSTOMER)
            assert account is not None
            assert account.phone is not None
            _, token = await identity.open_device_session(session, account, "Test device")
            person = Person(account.id, account.display_name, token, account.phone, CUSTOMER)
    finally:
        await database.dispose()
    return sample, person


def wait_for_shop(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SHOP_STARTUP_S
    while True:
        try:
            if httpx.get(f"{url}/menu", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the coffee shop's server did not start")
        time.sleep(0.1)


@dataclass(frozen=True)
class FreshPlaza:
    server: LiveServer
    root: Path


@pytest.fixture(scope="session")
def fresh_plaza(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshPlaza]:
    """`plaza serve` in dev on an empty, migrated database of its own."""
    if not (WEB_DIST / "index.html").is_file():
        pytest.skip("the web client is not built; `make web` builds it (make test does)")
    root = tmp_path_factory.mktemp("coffee")
    database_url = f"sqlite+aiosqlite:///{root / 'plaza.db'}"
    migrate.upgrade(database_url)
    env = {
        "PLAZA_ENV": "dev",
        "PLAZA_DATABASE_URL": database_url,
        "PLAZA_MEDIA_DIR": str(root / "var" / "media"),
        "PLAZA_WEB_DIR": str(WEB_DIST),
    }
    with plaza_serve(root, env) as server:
        yield FreshPlaza(server, root)


@pytest.fixture(scope="session")
async def coffee_shop(fresh_plaza: FreshPlaza) -> AsyncIterator[CoffeeShop]:
    """`plaza demo` on it, then the shop's server as `plaza serve` starts it."""
    plaza = fresh_plaza.server
    port = int(plaza.url.rsplit(":", 1)[1])
    settings = settings_for(fresh_plaza.root, plaza.database_url, port)
    sample, customer = await seed(settings)
    shop_port = free_port()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COFFEE_PORT", str(shop_port))
        patch.setenv("COFFEE_READY_AFTER", READY_AFTER_S)
        shop = _start_coffee(settings)
    assert shop is not None
    try:
        shop_url = f"http://127.0.0.1:{shop_port}"
        wait_for_shop(shop_url, shop)
        yield CoffeeShop(plaza, sample.app_id, shop_url, customer)
    finally:
        _stop(shop)


@dataclass
class ShopProxy:
    """Passes the page's requests for 127.0.0.1:8010 on to the shop, noting each as
    "METHOD /path status"; ``signed_in`` is set once the shop accepted a login code."""

    shop_url: str
    seen: list[str]
    signed_in: asyncio.Event

    async def forward(self, route: Route) -> None:
        request = route.request
        path = request.url.removeprefix(f"http://{demo.COFFEE_SERVER}")
        answer = await route.fetch(url=self.shop_url + path)
        self.seen.append(f"{request.method} {path} {answer.status}")
        if (request.method, path, answer.status) == ("POST", "/login", 200):
            self.signed_in.set()
        await route.fulfill(response=answer)


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await page.screenshot(path=folder / f"{name}-phone.png", animations="disabled")


async def balance(plaza: LiveServer, person: Person) -> int:
    async with httpx.AsyncClient(base_url=plaza.url) as client:
        answer = await client.get("/v1/wallet", headers=person.auth)
    assert answer.status_code == 200, answer.text
    amount: int = answer.json()["balance"]["amount"]
    return amount


async def test_order_a_flat_white_and_hear_when_it_is_ready(
    browser: Browser, coffee_shop: CoffeeShop, artifacts: Path
) -> None:
    plaza, person = coffee_shop.plaza, coffee_shop.customer
    before = await balance(plaza, person)
    context = await signed_in(browser, person)
    proxy = ShopProxy(coffee_shop.shop_url, [], asyncio.Event())
    await context.route(f"http://{demo.COFFEE_SERVER}/**", proxy.forward)
    page = await context.new_page()
    assert page.viewport_size == PHONE_VIEWPORT

    # Found through the UI: Discover -> Mini Programs -> the directory's Coffee.
    await page.goto(f"{plaza.url}/discover")
    await page.get_by_test_id("discover-miniapps-cell").click()
    entry = page.get_by_test_id(f"miniapps-entry-{coffee_shop.app_id}")
    await expect(entry).to_contain_text(demo.COFFEE_NAME, timeout=WAIT_MS)
    await entry.click()
    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute(
        "data-phase", "running", timeout=WAIT_MS
    )
    await expect(page.get_by_test_id("miniapp-title")).to_have_text("Menu")
    shop = page.frame_locator("[data-testid=miniapp-frame]")
    flat_white = shop.get_by_role("button", name="Add: Flat white")
    await expect(flat_white).to_be_visible(timeout=WAIT_MS)

    # Signed in by the tap that opened it: plaza.login() on start, exchanged by the shop.
    await asyncio.wait_for(proxy.signed_in.wait(), WAIT_MS / 1000)
    await expect(page.get_by_test_id("consent-dialog")).to_have_count(0)
    await shoot(page, artifacts, "menu")

    await flat_white.click()
    await expect(shop.locator("#cart-count")).to_have_text("1")
    await shop.locator("#open-cart").click()
    await expect(shop.locator("#pay")).to_have_text("Pay ¥28.00")
    await shop.locator("#pay").click()

    # The shop asks to send one notice (on the Pay tap), then for the payment.
    await page.get_by_test_id("subscribe-accept").click()
    await expect(page.get_by_test_id("payment-merchant")).to_have_text(
        demo.COFFEE_NAME, timeout=WAIT_MS
    )
    await expect(page.get_by_test_id("pin-sheet-amount")).to_have_text("¥28.00")
    await expect(page.get_by_test_id("pin-sheet")).to_contain_text("Flat white")
    await shoot(page, artifacts, "payment-sheet")
    await page.get_by_test_id("pin-input").fill(demo.DEMO_PIN)

    order_headline = shop.locator("#order-headline")
    await expect(order_headline).to_have_text("Your coffee is ready", timeout=WAIT_MS)
    assert await balance(plaza, person) == before - FLAT_WHITE
    # The menu's sign-in, its one order, then the order page's own sign-in.
    posts = [seen for seen in proxy.seen if seen.startswith("POST ")]
    assert posts == ["POST /login 200", "POST /orders 201", "POST /login 200"]
    await shoot(page, artifacts, "order-ready")

    await page.goto(f"{plaza.url}/chats")
    notices = page.get_by_test_id("chat-list-item").filter(has_text="Service Notifications")
    await expect(notices).to_contain_text("Order ready", timeout=WAIT_MS)
    await notices.click()
    card = page.get_by_test_id("service-notice")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("Your coffee is ready")
    await expect(card).to_contain_text("1 × Flat white")
    await shoot(page, artifacts, "ready-notice")

    await card.click()  # opens the order in the mini-program
    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute(
        "data-phase", "running", timeout=WAIT_MS
    )
    await expect(shop.locator("#order-headline")).to_have_text("Your coffee is ready")
    await context.close()
