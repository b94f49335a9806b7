"""A tester trying a version before review, in Chromium: /mp/<appid> frames the version on
trial from its own origin (``<app_id>-<tag>.apps.localhost``) with a Trial badge in the
title bar, and plaza.js works from it; someone else gets the released version."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, expect

from plaza.kit.db import Database
from plaza.miniapps import service
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, TOKEN_KEY, signed_in
from tests.e2e.test_miniapp_host import FRAME, bundle_files, call, launch
from tests.miniapps.helpers import become_developer, create_app, manifest_for, package, step
from tests.miniapps.helpers import upload as upload_package
from tests.servers import LiveServer

PAGES = ["pages/index/index.html", "pages/second.html"]
INDEX = PAGES[0]
RELEASED_HEADING = b"<h1>Bridge Test</h1>"
TRIAL_HEADING = b"<h1>Bridge Test, trial build</h1>"
SHOTS = "trial"


@dataclass(frozen=True)
class TrialApp:
    app_id: str
    app_secret: str
    tester: Person
    someone: Person


async def put_version(
    client: httpx.AsyncClient, developer: Person, app_id: str, version: str, heading: bytes
) -> None:
    files = bundle_files()
    files[INDEX] = files[INDEX].replace(RELEASED_HEADING, heading)
    data = package(
        manifest_for(app_id, name="Trial Run", version=version, pages=PAGES), files=files
    )
    uploaded = await upload_package(client, developer, app_id, data)
    assert uploaded.status_code == 201, uploaded.text


@pytest.fixture(scope="session")
async def trial_app(live_server: LiveServer) -> TrialApp:
    """ "Trial Run": 1.0.0 released, 2.0.0 on trial with Tess as its tester; Nora is not one."""
    database = Database(live_server.database_url)
    try:
        developer = await create_person_in(database, "Dev Trial", plaza_id="dev_trial")
        admin = await create_person_in(database, "Root Trial", plaza_id="root_trial")
        tester = await create_person_in(database, "Tess Trial", plaza_id="tess_trial")
        someone = await create_person_in(database, "Nora Trial", plaza_id="nora_trial")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await become_developer(client, developer)
        created = await create_app(client, developer, "Trial Run")
        app_id = created["app_id"]
        await put_version(client, developer, app_id, "1.0.0", RELEASED_HEADING)
        assert (await step(client, developer, app_id, "1.0.0", "submit")).status_code == 200
        assert (await step(client, admin, app_id, "1.0.0", "approve")).status_code == 200
        await put_version(client, developer, app_id, "2.0.0", TRIAL_HEADING)
        assert (await step(client, developer, app_id, "2.0.0", "trial")).status_code == 200
        testers = await client.put(
            f"/v1/miniapps/{app_id}/testers",
            headers=developer.auth,
            json={"plaza_ids": [tester.plaza_id]},
        )
        assert testers.status_code == 200, testers.text
    return TrialApp(app_id, created["app_secret"], tester, someone)


@pytest.fixture
async def browser_for(browser: Browser) -> AsyncIterator[dict[str, BrowserContext]]:
    """Signed-in browser contexts, made on demand and closed after the test."""
    contexts: dict[str, BrowserContext] = {}
    yield contexts
    for context in contexts.values():
        await context.close()


async def test_a_tester_opens_the_trial_and_signs_in_from_it(
    browser: Browser,
    browser_for: dict[str, BrowserContext],
    live_server: LiveServer,
    trial_app: TrialApp,
    artifacts: Path,
) -> None:
    browser_for["tester"] = await signed_in(browser, trial_app.tester)
    page = await browser_for["tester"].new_page()
    frame = await launch(page, live_server, trial_app.app_id)

    await expect(frame.locator("h1")).to_have_text("Bridge Test, trial build")
    badge = page.get_by_test_id("miniapp-trial")
    await expect(badge).to_have_text("Trial")
    await expect(page.get_by_test_id("miniapp-title")).to_have_text("Trial Run")
    src = await page.locator(FRAME).get_attribute("src") or ""
    assert src.startswith(f"http://{trial_app.app_id}-"), src
    trial_origin = src.split("/pages/")[0]
    assert len(trial_origin.removeprefix("http://").split(".")[0]) == 35

    # plaza.js answers from the trial origin: the bridge takes its messages (the entry's
    # origin is the trial's), and the code is the app's, good for code2session.
    login = await call(frame, "login")
    assert login["ok"], login
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        token = await client.post(
            "/open/v1/token",
            json={"app_id": trial_app.app_id, "app_secret": trial_app.app_secret},
        )
        assert token.status_code == 200, token.text
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        found = await client.post(
            "/open/v1/code2session", headers=auth, json={"code": login["value"]["code"]}
        )
        assert found.status_code == 200, found.text
    stored = await call(frame, "storageSet")
    assert stored["ok"], stored

    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    for label, size in [("phone", PHONE_VIEWPORT), ("desktop", DESKTOP_VIEWPORT)]:
        await page.set_viewport_size(size)
        await page.wait_for_timeout(250)
        await page.screenshot(path=folder / f"tester-{label}.png")

    # In Chinese the badge reads 体验版, as WeChat's.
    chinese = await browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN")
    browser_for["chinese"] = chinese
    await chinese.add_init_script(
        f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(trial_app.tester.token)});"
    )
    zh_page = await chinese.new_page()
    await launch(zh_page, live_server, trial_app.app_id)
    await expect(zh_page.get_by_test_id("miniapp-trial")).to_have_text("体验版")
    await zh_page.screenshot(path=folder / "tester-phone-zh.png")


async def test_someone_else_gets_the_released_version_without_a_badge(
    browser: Browser,
    browser_for: dict[str, BrowserContext],
    live_server: LiveServer,
    trial_app: TrialApp,
) -> None:
    browser_for["someone"] = await signed_in(browser, trial_app.someone)
    page = await browser_for["someone"].new_page()
    frame = await launch(page, live_server, trial_app.app_id)
    await expect(frame.locator("h1")).to_have_text("Bridge Test")
    await expect(page.get_by_test_id("miniapp-trial")).to_have_count(0)
    src = await page.locator(FRAME).get_attribute("src") or ""
    assert src.startswith(f"http://{trial_app.app_id}.apps.localhost:"), src
    login = await call(frame, "login")
    assert login["ok"], login
