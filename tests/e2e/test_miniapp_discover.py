"""Discover -> Mini Programs and Me -> Mini Program permissions in Chromium: recently used
in the order opened, search by name, a category, a tap that opens /mp/<app_id>; switching
a granted scope off revokes it on the server. Screenshots under test-artifacts/runtime-backend/."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, expect

from plaza.kit.db import Database
from plaza.miniapps import service
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, TOKEN_KEY, signed_in
from tests.miniapps.helpers import ICON, become_developer, create_app, manifest_for, package, step
from tests.miniapps.helpers import upload as upload_package
from tests.servers import LiveServer

SHOTS = "runtime-backend"
APPS = [  # name, category, description, icon colour
    ("Lantern Coffee", "food", "Order ahead, skip the queue", "#a47551"),
    ("Metro Pass", "travel", "Tap in with your phone", "#1aad19"),
    ("River Taxi", "travel", "Boats across the river, on time", "#10aeff"),
    ("Good Clinic", "health", "Book a doctor near you", "#fa5151"),
    ("Pocket Weather", "tools", "", "#6467f0"),
]


@dataclass(frozen=True)
class Shelf:
    carol: Person
    ids: dict[str, str]


def icon_png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (128, 128), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="session")
async def shelf(live_server: LiveServer) -> Shelf:
    database = Database(live_server.database_url)
    try:
        developer = await create_person_in(database, "Dev Discover", plaza_id="dev_discover")
        admin = await create_person_in(database, "Root Discover", plaza_id="root_discover")
        carol = await create_person_in(database, "Carol Discover", plaza_id="carol_discover")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
    finally:
        await database.dispose()
    ids: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await become_developer(client, developer)
        for name, category, description, colour in APPS:
            created = await create_app(
                client, developer, name, category=category, description=description
            )
            app_id = created["app_id"]
            data = package(manifest_for(app_id, name=name), files={ICON: icon_png(colour)})
            assert (await upload_package(client, developer, app_id, data)).status_code == 201
            assert (await step(client, developer, app_id, "1.0.0", "submit")).status_code == 200
            assert (await step(client, admin, app_id, "1.0.0", "approve")).status_code == 200
            ids[name] = app_id
        for name in ("Good Clinic", "Metro Pass", "Lantern Coffee"):  # the latest last
            opened = await client.post(f"/v1/miniapps/{ids[name]}/opens", headers=carol.auth)
            assert opened.status_code == 204
        for name, scope in (
            ("Lantern Coffee", "profile"),
            ("Lantern Coffee", "phone"),
            ("Metro Pass", "location"),
        ):
            granted = await client.post(
                f"/v1/miniapps/{ids[name]}/consents", headers=carol.auth, json={"scope": scope}
            )
            assert granted.status_code == 200, granted.text
    return Shelf(carol, ids)


@pytest.fixture
async def context(browser: Browser, shelf: Shelf) -> AsyncIterator[BrowserContext]:
    opened = await signed_in(browser, shelf.carol)
    yield opened
    await opened.close()


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    for label, size in [("phone", PHONE_VIEWPORT), ("desktop", DESKTOP_VIEWPORT)]:
        await page.set_viewport_size(size)
        await page.wait_for_timeout(250)
        await page.screenshot(path=folder / f"{name}-{label}.png")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def test_discover_mini_programs(
    context: BrowserContext, live_server: LiveServer, shelf: Shelf, artifacts: Path
) -> None:
    page = await context.new_page()
    await page.goto(f"{live_server.url}/discover")
    await shoot(page, artifacts, "discover-tab")
    await page.get_by_test_id("discover-miniapps-cell").click()
    await expect(page).to_have_url(f"{live_server.url}/discover/miniapps")

    recent = page.get_by_test_id("miniapps-recent").locator(".mpd-tile__name")
    await expect(recent).to_have_text(["Lantern Coffee", "Metro Pass", "Good Clinic"])
    directory = page.get_by_test_id("miniapps-directory")
    for name in shelf.ids:
        await expect(directory).to_contain_text(name)
    await expect(page.locator(".mpd-icon").first).to_have_js_property("complete", True)
    await shoot(page, artifacts, "miniapps")

    await page.get_by_test_id("miniapps-search").fill("TAXI")
    await expect(directory.locator(".mpd-row__name")).to_have_text(["River Taxi"])
    await expect(page.get_by_test_id("miniapps-recent")).to_have_count(0)
    await page.get_by_test_id("miniapps-search").fill("no such thing")
    await expect(page.get_by_test_id("miniapps-empty")).to_be_visible()
    await shoot(page, artifacts, "miniapps-no-results")

    await page.get_by_test_id("miniapps-search").fill("")
    await page.get_by_test_id("miniapps-category-travel").click()
    await expect(directory.locator(".mpd-row__name")).to_have_text(["River Taxi", "Metro Pass"])
    await shoot(page, artifacts, "miniapps-travel")

    await page.get_by_test_id(f"miniapps-entry-{shelf.ids['River Taxi']}").click()
    await expect(page).to_have_url(f"{live_server.url}/mp/{shelf.ids['River Taxi']}")


async def test_mini_program_permissions(
    context: BrowserContext, live_server: LiveServer, shelf: Shelf, artifacts: Path
) -> None:
    page = await context.new_page()
    await page.goto(f"{live_server.url}/me")
    await shoot(page, artifacts, "me-tab")
    await page.get_by_test_id("miniapp-grants-cell").click()
    await expect(page).to_have_url(f"{live_server.url}/me/miniapp-grants")
    coffee, metro = shelf.ids["Lantern Coffee"], shelf.ids["Metro Pass"]
    phone = page.get_by_test_id(f"grant-switch-{coffee}-phone")
    await expect(phone).to_have_attribute("aria-checked", "true")
    await expect(page.get_by_test_id(f"grant-{metro}-location")).to_contain_text("Location")
    await shoot(page, artifacts, "grants")

    await phone.click()
    await expect(phone).to_have_attribute("aria-checked", "false")
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        found = (await client.get("/v1/me/miniapp-grants", headers=shelf.carol.auth)).json()
    assert {grant["app_id"]: grant["scopes"] for grant in found} == {
        coffee: ["profile"],
        metro: ["location"],
    }
    await phone.click()  # a mistaken tap is undone on the spot
    await expect(phone).to_have_attribute("aria-checked", "true")
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        found = (await client.get("/v1/me/miniapp-grants", headers=shelf.carol.auth)).json()
    assert found[0]["scopes"] == ["phone", "profile"]


async def test_in_chinese(
    browser: Browser, live_server: LiveServer, shelf: Shelf, artifacts: Path
) -> None:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN")
    await context.add_init_script(
        f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(shelf.carol.token)});"
    )
    page = await context.new_page()
    await page.goto(f"{live_server.url}/discover/miniapps")
    await expect(page.get_by_test_id("miniapps-recent")).to_contain_text("最近使用")
    await expect(page.get_by_test_id("miniapps-category-travel")).to_have_text("出行")
    await shoot(page, artifacts, "miniapps-zh")
    await page.goto(f"{live_server.url}/me/miniapp-grants")
    await expect(page.get_by_test_id("grants-page")).to_contain_text("小程序授权管理")
    await shoot(page, artifacts, "grants-zh")
    await context.close()
