"""The mini-program host in Chromium: /mp/<appid> frames a released test mini-program
(tests/e2e/miniapps/bridge_app, using the real /__plaza__/plaza.js) and answers its calls.
Every call starts from a real click inside the frame; results come back into the page as
JSON and are checked, where it matters, against the server (code2session, storage,
consents, the order's state)."""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, FrameLocator, Page, Route, expect

from plaza.kit.db import Database
from plaza.miniapps import service
from tests.conftest import Person, befriend, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, PIN, ready_to_pay, signed_in
from tests.miniapps.helpers import ICON, become_developer, create_app, manifest_for, package, step
from tests.miniapps.helpers import upload as upload_package
from tests.servers import LiveServer

BUNDLE = Path(__file__).parent / "miniapps" / "bridge_app"
READY_TIMEOUT_S = 10
LATER_S = 7  # the test app's profileLater waits 6 s: longer than a tap's 5 s of activation
SHOTS = "host"
FRAME = "[data-testid=miniapp-frame]"
STALLED_PAGE = (
    b'<!doctype html><meta charset="utf-8"><title>Stalled</title>'
    b'<script type="module" src="/stalled.js"></script><h1>Never ready</h1>'
)
STALLED_SCRIPT = b'import plaza from "/__plaza__/plaza.js"; window.loaded = plaza.version;'


@dataclass(frozen=True)
class Apps:
    bob: Person
    developer: Person
    app_id: str
    app_secret: str
    stalled_id: str


def icon_png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (128, 128), colour).save(out, "PNG")
    return out.getvalue()


def bundle_files() -> dict[str, bytes]:
    files = {
        str(path.relative_to(BUNDLE)): path.read_bytes()
        for path in BUNDLE.rglob("*")
        if path.is_file()
    }
    return files | {ICON: icon_png("#a47551")}


async def release(
    client: httpx.AsyncClient,
    developer: Person,
    admin: Person,
    name: str,
    files: dict[str, bytes],
    pages: list[str],
) -> dict[str, Any]:
    created = await create_app(client, developer, name)
    app_id = created["app_id"]
    data = package(manifest_for(app_id, name=name, pages=pages), files=files)
    assert (await upload_package(client, developer, app_id, data)).status_code == 201
    assert (await step(client, developer, app_id, "1.0.0", "submit")).status_code == 200
    assert (await step(client, admin, app_id, "1.0.0", "approve")).status_code == 200
    return created


@pytest.fixture(scope="session")
async def apps(live_server: LiveServer) -> Apps:
    """Bob (real name, PIN, 100.00), the bridge test mini-program and one that never
    signals ready, both released."""
    database = Database(live_server.database_url)
    try:
        developer = await create_person_in(database, "Dev Host", plaza_id="dev_host")
        admin = await create_person_in(database, "Root Host", plaza_id="root_host")
        bob = await create_person_in(database, "Bob Host", plaza_id="bob_host")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
            await ready_to_pay(session, bob, real_name="Bob Host", top_up="100.00")
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await become_developer(client, developer)
        bridge = await release(
            client,
            developer,
            admin,
            "Bridge Test",
            bundle_files(),
            ["pages/index/index.html", "pages/second.html"],
        )
        stalled = await release(
            client,
            developer,
            admin,
            "Slow Poke",
            {"index.html": STALLED_PAGE, "stalled.js": STALLED_SCRIPT, ICON: icon_png("#888")},
            ["index.html"],
        )
    return Apps(bob, developer, bridge["app_id"], bridge["app_secret"], stalled["app_id"])


@pytest.fixture
async def context(browser: Browser, apps: Apps) -> AsyncIterator[BrowserContext]:
    opened = await signed_in(browser, apps.bob)
    yield opened
    await opened.close()


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    """The page at phone and desktop size, under test-artifacts/host/."""
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    for label, size in [("phone", PHONE_VIEWPORT), ("desktop", DESKTOP_VIEWPORT)]:
        await page.set_viewport_size(size)
        await page.wait_for_timeout(250)
        await page.screenshot(path=folder / f"{name}-{label}.png")
    await page.set_viewport_size(PHONE_VIEWPORT)


READY_TIMEOUT_MS = 10_000  # web/src/miniapps/host/MiniAppPage.tsx
ENTRY_ALLOWANCE_MS = 10_000
"""How long the host may take to fetch the mini-program's entry, before its ready timer
starts, on a loaded CI machine."""


async def launch(page: Page, live_server: LiveServer, app_id: str, query: str = "") -> FrameLocator:
    """Open the mini-program and wait for the host's verdict: running, or stalled once the
    mini-program has had the host's READY_TIMEOUT_MS to say it is ready."""
    await page.goto(f"{live_server.url}/mp/{app_id}{query}")
    host = page.get_by_test_id("miniapp-page")
    await expect(host).to_have_attribute(
        "data-phase",
        re.compile("^(running|stalled)$"),
        timeout=ENTRY_ALLOWANCE_MS + READY_TIMEOUT_MS,
    )
    assert await host.get_attribute("data-phase") == "running", "the mini-program stalled"
    return page.frame_locator(FRAME)


async def call(frame: FrameLocator, name: str) -> dict[str, Any]:
    """Taps the mini-program's button for ``name``; what plaza.js answered."""
    await frame.locator(f"button[data-call={name}]").click()
    return await result(frame, name)


async def result(frame: FrameLocator, name: str) -> dict[str, Any]:
    out = frame.locator(f'[data-result="{name}"]')
    await expect(out).to_be_attached(timeout=15_000)
    found: dict[str, Any] = json.loads(await out.inner_text())
    return found


async def open_api_token(client: httpx.AsyncClient, apps: Apps) -> dict[str, str]:
    answer = await client.post(
        "/open/v1/token", json={"app_id": apps.app_id, "app_secret": apps.app_secret}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def test_launch_shows_the_loading_screen_then_the_titled_mini_program(
    context: BrowserContext, live_server: LiveServer, apps: Apps, artifacts: Path
) -> None:
    held = asyncio.Event()

    async def hold_script(route: Route) -> None:
        await held.wait()
        await route.continue_()

    await context.route(f"**/{apps.app_id}.apps.localhost*/pages/app.js", hold_script)
    page = await context.new_page()
    await page.goto(f"{live_server.url}/mp/{apps.app_id}?scene=table7")
    loading = page.get_by_test_id("miniapp-loading")
    await expect(loading).to_contain_text("Bridge Test")
    await expect(page.get_by_test_id("capsule")).to_be_visible()
    await shoot(page, artifacts, "loading")
    held.set()

    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute("data-phase", "running")
    await expect(loading).to_have_count(0)
    await expect(page.get_by_test_id("miniapp-title")).to_have_text("Bridge Test")
    frame_element = page.locator(FRAME)
    assert await frame_element.get_attribute("sandbox") == "allow-scripts allow-forms"
    assert await frame_element.get_attribute("allow") is None
    src = await frame_element.get_attribute("src") or ""
    assert src.startswith(f"http://{apps.app_id}.apps.localhost:")
    assert f"plaza-host={live_server.url.replace(':', '%3A').replace('/', '%2F')}" in src
    frame = page.frame_locator(FRAME)
    await expect(frame.get_by_test_id("scene")).to_have_text(
        "scene=table7 supports(login)=true v1.0.0"
    )
    await shoot(page, artifacts, "running")

    await page.get_by_test_id("capsule-menu").click()
    await expect(page.get_by_test_id("capsule-sheet")).to_be_visible()
    await shoot(page, artifacts, "capsule-menu")
    await page.get_by_test_id("capsule-about").click()
    about = page.get_by_test_id("about-sheet")
    await expect(about).to_contain_text("Coffee Co")
    await expect(about).to_contain_text(apps.app_id)
    await shoot(page, artifacts, "about")
    await page.get_by_test_id("about-close").click()

    async with httpx.AsyncClient(base_url=live_server.url) as client:
        recent = await client.get("/v1/miniapps/recent", headers=apps.bob.auth)
    assert recent.status_code == 200, recent.text
    assert apps.app_id in [entry["app_id"] for entry in recent.json()]


async def test_a_login_code_is_accepted_once_by_code2session(
    context: BrowserContext, live_server: LiveServer, apps: Apps
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)
    login = await call(frame, "login")
    assert login["ok"], login
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        auth = await open_api_token(client, apps)
        found = await client.post(
            "/open/v1/code2session", headers=auth, json={"code": login["value"]["code"]}
        )
        assert found.status_code == 200, found.text
        assert set(found.json()) == {"openid", "unionid", "session_key"}
        again = await client.post(
            "/open/v1/code2session", headers=auth, json={"code": login["value"]["code"]}
        )
        assert again.status_code != 200  # one use only


async def test_consent_is_asked_on_a_tap_and_remembered(
    context: BrowserContext, live_server: LiveServer, apps: Apps, artifacts: Path
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)

    # Long after the tap, there is no gesture to ask on: refused without a dialog. (Nothing
    # may touch the page meanwhile: Playwright's own evaluations count as gestures.)
    await frame.locator("button[data-call=profileLater]").click()
    await asyncio.sleep(LATER_S)
    assert await result(frame, "profileLater") == {
        "ok": False,
        "code": "consent.gesture_required",
    }
    await expect(page.get_by_test_id("consent-dialog")).to_have_count(0)

    await frame.locator("button[data-call=profile]").click()
    dialog = page.get_by_test_id("consent-dialog")
    await expect(dialog).to_contain_text("Bridge Test")
    await expect(dialog).to_contain_text("Your nickname and profile photo")
    await shoot(page, artifacts, "consent")
    await page.get_by_test_id("consent-deny").click()
    assert await result(frame, "profile") == {"ok": False, "code": "consent.denied"}

    await frame.locator("button[data-call=profile]").click()
    await page.get_by_test_id("consent-allow").click()
    assert await result(frame, "profile") == {
        "ok": True,
        "value": {"nickname": "Bob Host", "avatarUrl": ""},
    }
    assert (await call(frame, "profile"))["ok"]  # remembered: no dialog this time
    await expect(dialog).to_have_count(0)

    await frame.locator("button[data-call=phone]").click()
    await page.get_by_test_id("consent-allow").click()
    phone = await result(frame, "phone")
    assert phone["ok"], phone
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        granted = await client.get(f"/v1/miniapps/{apps.app_id}/consents", headers=apps.bob.auth)
        assert sorted(grant["scope"] for grant in granted.json()) == ["phone", "profile"]
        number = await client.post(
            "/open/v1/phone-number",
            headers=await open_api_token(client, apps),
            json={"code": phone["value"]["code"]},
        )
        assert number.status_code == 200, number.text
        assert number.json()["phone_number"] == apps.bob.phone
        for scope in ["phone", "profile"]:  # as it was, for the other tests
            await client.delete(
                f"/v1/miniapps/{apps.app_id}/consents/{scope}", headers=apps.bob.auth
            )


async def test_storage_round_trip(
    context: BrowserContext, live_server: LiveServer, apps: Apps
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)
    assert await call(frame, "storageSet") == {"ok": True, "value": None}
    assert await call(frame, "storageGet") == {"ok": True, "value": "你好, plaza"}
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        stored = await client.get(
            f"/v1/miniapps/{apps.app_id}/storage/greeting", headers=apps.bob.auth
        )
        assert stored.json() == {"key": "greeting", "value": "你好, plaza"}
    assert await call(frame, "storageRemove") == {"ok": True, "value": None}
    assert await call(frame, "storageGet") == {"ok": True, "value": None}


async def test_title_modal_toast_pages_and_close(
    context: BrowserContext, live_server: LiveServer, apps: Apps
) -> None:
    page = await context.new_page()
    await page.goto(f"{live_server.url}/discover")
    frame = await launch(page, live_server, apps.app_id)
    title = page.get_by_test_id("miniapp-title")

    assert (await call(frame, "setTitle"))["ok"]
    await expect(title).to_have_text("Menu")

    await frame.locator("button[data-call=modal]").click()
    await expect(page.get_by_test_id("dialog")).to_contain_text("Order a flat white?")
    await page.get_by_test_id("dialog-confirm").click()
    assert await result(frame, "modal") == {"ok": True, "value": {"confirm": True}}
    await frame.locator("button[data-call=modal]").click()
    await page.get_by_test_id("dialog-cancel").click()
    assert await result(frame, "modal") == {"ok": True, "value": {"confirm": False}}

    assert (await call(frame, "toast"))["ok"]
    await expect(page.get_by_test_id("toast")).to_have_text("Saved")

    assert await call(frame, "unknown") == {"ok": False, "code": "bridge.unknown_method"}
    malformed = await call(frame, "malformed")  # junk is ignored; the real call after it works
    assert malformed["ok"]
    assert malformed["value"]["code"]

    # plaza.navigateTo pushes a page; the host's Back pops it before leaving.
    await frame.locator("button[data-call=navigate]").click()
    second = page.frame_locator(FRAME)
    await expect(second.locator("#where")).to_have_text("/pages/second.html?from=navigate")
    await expect(title).to_have_text("Bridge Test")
    assert (await call(second, "setTitle"))["ok"]
    await expect(title).to_have_text("Second title")
    await page.get_by_test_id("nav-back").click()
    await expect(title).to_have_text("Menu")  # the first page's own title
    first = page.frame_locator(FRAME)
    await expect(first.locator("h1")).to_have_text("Bridge Test")

    # A plain link to another page goes through the host too, and plaza.navigateBack returns.
    await first.locator("#link").click()
    await expect(page.frame_locator(FRAME).locator("#where")).to_have_text(
        "/pages/second.html?from=link"
    )
    await page.frame_locator(FRAME).locator("button[data-call=back]").click()
    await expect(page.frame_locator(FRAME).locator("h1")).to_have_text("Bridge Test")

    await page.frame_locator(FRAME).locator("button[data-call=close]").click()
    await expect(page).to_have_url(f"{live_server.url}/discover")


async def test_the_payment_sheet_shows_the_platform_amount_and_needs_the_pin(
    context: BrowserContext, live_server: LiveServer, apps: Apps, artifacts: Path
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)
    login = await call(frame, "login")
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        auth = await open_api_token(client, apps)
        session = await client.post(
            "/open/v1/code2session", headers=auth, json={"code": login["value"]["code"]}
        )
        order = await client.post(
            "/open/v1/pay/orders",
            headers=auth,
            json={
                "out_trade_no": "host-e2e-0001",
                "description": "Flat white",
                "amount": {"total": 1234, "currency": "CNY"},
                "payer": {"openid": session.json()["openid"]},
                "notify_url": "http://127.0.0.1:9/notify",
            },
        )
        assert order.status_code == 201, order.text
        prepay_id = order.json()["prepay_id"]

        await frame.locator("#prepay").fill(prepay_id)
        await frame.locator("button[data-call=pay]").click()
        sheet = page.get_by_test_id("pin-sheet")
        await expect(page.get_by_test_id("payment-merchant")).to_have_text("Bridge Test")
        await expect(page.get_by_test_id("pin-sheet-amount")).to_have_text("¥12.34")
        await expect(sheet).to_contain_text("Flat white")
        await shoot(page, artifacts, "payment")
        await page.get_by_test_id("pin-sheet-close").click()
        assert await result(frame, "pay") == {"ok": False, "code": "payments.cancelled"}
        state = await client.get("/open/v1/pay/orders/host-e2e-0001", headers=auth)
        assert state.json()["trade_state"] == "NOTPAY"

        await frame.locator("button[data-call=pay]").click()
        await page.get_by_test_id("pin-input").fill(PIN)
        assert await result(frame, "pay") == {"ok": True, "value": {"status": "SUCCESS"}}
        state = await client.get("/open/v1/pay/orders/host-e2e-0001", headers=auth)
        assert state.json()["trade_state"] == "SUCCESS"


async def test_subscribe_dialog_lists_the_templates_and_records_the_answers(
    context: BrowserContext, live_server: LiveServer, apps: Apps
) -> None:
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        ids = []
        for title in ["Order ready", "Order shipped"]:
            made = await client.post(
                f"/v1/miniapps/{apps.app_id}/templates",
                headers=apps.developer.auth,
                json={"title": title, "fields": ["Order", "Time"]},
            )
            assert made.status_code == 201, made.text
            ids.append(made.json()["template_id"])
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)
    await frame.locator("#templates").fill(",".join(ids))
    await frame.locator("button[data-call=subscribe]").click()
    dialog = page.get_by_test_id("subscribe-dialog")
    await expect(dialog.get_by_test_id("subscribe-template")).to_have_text(
        ["Order ready", "Order shipped"]
    )
    await dialog.get_by_test_id("subscribe-switch").nth(1).click()
    await page.get_by_test_id("subscribe-accept").click()
    assert await result(frame, "subscribe") == {
        "ok": True,
        "value": {ids[0]: "accept", ids[1]: "reject"},
    }


async def test_a_mini_program_that_never_signals_ready_gets_the_error_screen(
    context: BrowserContext, live_server: LiveServer, apps: Apps, artifacts: Path
) -> None:
    page = await context.new_page()
    await page.goto(f"{live_server.url}/mp/{apps.stalled_id}")
    await expect(page.get_by_test_id("miniapp-loading")).to_contain_text("Slow Poke")
    # A "ready" from any window but the frame's (here the host page's own) is ignored, even
    # with the right session.
    await page.evaluate(
        """() => {
            const src = document.querySelector("[data-testid=miniapp-frame]").src;
            const session = new URLSearchParams(src.split("#")[1]).get("plaza-session");
            window.postMessage({ plaza: 1, event: "ready", session }, "*");
        }"""
    )
    error = page.get_by_test_id("miniapp-error")
    await expect(error).to_contain_text("Slow Poke isn't responding", timeout=15_000)
    await expect(page.get_by_test_id("miniapp-loading")).to_have_count(0)
    await shoot(page, artifacts, "error")
    await page.get_by_test_id("miniapp-retry").click()
    await expect(page.get_by_test_id("miniapp-loading")).to_be_visible()
    await expect(error).to_be_visible(timeout=(READY_TIMEOUT_S + 5) * 1000)


async def test_share_sends_the_page_to_a_chat_from_the_capsule_and_from_the_app(
    context: BrowserContext, live_server: LiveServer, apps: Apps, artifacts: Path
) -> None:
    database = Database(live_server.database_url)
    try:
        cara = await create_person_in(database, "Cara Host", plaza_id="cara_host")
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await befriend(client, apps.bob, cara)
        direct = await client.post(
            "/v1/conversations/direct", headers=apps.bob.auth, json={"peer_id": cara.id}
        )
        assert direct.status_code in (200, 201), direct.text
        conversation_id = direct.json()["id"]
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)
    assert (await call(frame, "setTitle"))["ok"]

    await page.get_by_test_id("capsule-menu").click()
    await page.get_by_test_id("capsule-share").click()
    picker = page.get_by_test_id("share-picker")
    await expect(picker.get_by_test_id("share-card")).to_contain_text("Menu")
    await picker.locator(f"[data-conversation-id='{conversation_id}']").click()
    await page.get_by_test_id("share-send").click()
    await expect(picker).to_have_count(0)

    async with httpx.AsyncClient(base_url=live_server.url) as client:
        history = await client.get(
            f"/v1/conversations/{conversation_id}/messages", headers=cara.auth
        )
    assert history.status_code == 200, history.text
    [shared] = [m for m in history.json()["items"] if m["kind"] == "miniapp"]
    assert shared["content"]["app_id"] == apps.app_id
    assert shared["content"]["title"] == "Menu"

    await page.goto(f"{live_server.url}/chats/{conversation_id}")
    await expect(page.get_by_test_id("message-miniapp")).to_contain_text("Bridge Test")
    await shoot(page, artifacts, "shared-card")
    await page.get_by_test_id("message-miniapp").click()
    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute("data-phase", "running")
    assert f"/mp/{apps.app_id}" in page.url


async def test_location_after_consent_and_a_picture_from_the_hosts_picker(
    context: BrowserContext, live_server: LiveServer, apps: Apps
) -> None:
    await context.grant_permissions(["geolocation"], origin=live_server.url)
    await context.set_geolocation({"latitude": 31.2304, "longitude": 121.4737, "accuracy": 20})
    page = await context.new_page()
    frame = await launch(page, live_server, apps.app_id)

    await frame.locator("button[data-call=location]").click()
    await expect(page.get_by_test_id("consent-dialog")).to_have_attribute("data-scope", "location")
    await page.get_by_test_id("consent-allow").click()
    assert await result(frame, "location") == {
        "ok": True,
        "value": {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 20},
    }
    await page.reload()  # a new frame: granted, so it may use geolocation itself
    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute("data-phase", "running")
    assert await page.locator(FRAME).get_attribute("allow") == "geolocation"

    async with page.expect_file_chooser() as chooser:
        await page.frame_locator(FRAME).locator("button[data-call=image]").click()
    picture = icon_png("#07c160")
    await (await chooser.value).set_files(
        {"name": "latte.png", "mimeType": "image/png", "buffer": picture}
    )
    assert await result(page.frame_locator(FRAME), "image") == {
        "ok": True,
        "value": [
            {
                "name": "latte.png",
                "type": "image/png",
                "size": len(picture),
                "blob": True,
                "dataUrl": "data:image/png;base64,",
            }
        ],
    }
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await client.delete(f"/v1/miniapps/{apps.app_id}/consents/location", headers=apps.bob.auth)
