"""The developer console in Chromium: a person becomes a developer from Me, creates a
mini-program and sees its secret once, uploads a package, adds a tester and a message
template, and submits the version; a platform admin approves it from the review queue, and
the mini-program is then in the directory. Along the way the webhook deliveries and daily
opens pages show what the server recorded. Every page is photographed at phone and desktop
size into test-artifacts/console/."""

from __future__ import annotations

import contextlib
import io
import json
import re
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.async_api import Browser, FilePayload, Page, expect

from plaza.kit.db import Database
from plaza.miniapps import service as miniapps
from plaza.webhooks import service as webhooks
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, PIN, ready_to_pay, signed_in
from tests.miniapps.helpers import DOMAIN, ICON, manifest_for, package
from tests.miniapps.kit import create_order, openid_of, released_server
from tests.servers import LiveServer

APP_NAME = "Console Coffee"
DELIVERY_WAIT_MS = 15_000


@pytest.fixture(scope="session")
async def console_people(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person, Person]]:
    """Dora, who will become a developer; Theo, her tester; and Ada, a platform admin."""
    database = Database(live_server.database_url)
    try:
        dora = await create_person_in(database, "Dora Dev", plaza_id="dora_console")
        theo = await create_person_in(database, "Theo Tester", plaza_id="theo_console")
        ada = await create_person_in(database, "Ada Admin", plaza_id="ada_console")
        async with database.unit_of_work() as session:
            await miniapps.set_admin(session, ada.plaza_id, is_admin=True)
        yield dora, theo, ada
    finally:
        await database.dispose()


@pytest.fixture
def notify_receiver() -> Iterator[str]:
    """A developer's server on a local port: ``/ok`` answers 200, anything else 500."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            ok = self.path == "/ok"
            reply = b'{"code":"SUCCESS"}' if ok else b'{"code":"FAIL","message":"no such order"}'
            with contextlib.suppress(ConnectionError):
                self.send_response(200 if ok else 500)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def icon_png() -> bytes:
    """A real 96x96 PNG: the console shows the live version's icon."""
    out = io.BytesIO()
    Image.new("RGB", (96, 96), (250, 157, 59)).save(out, "PNG")
    return out.getvalue()


async def snap(page: Page, artifacts: Path, name: str) -> None:
    """The page at desktop size, then at phone size, once no toast covers it."""
    folder = artifacts / "console"
    folder.mkdir(exist_ok=True)
    await expect(page.get_by_test_id("toast")).to_have_count(0, timeout=5000)
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-phone.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)


async def desktop_page(browser: Browser, person: Person) -> Page:
    context = await signed_in(browser, person)
    page = await context.new_page()
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    return page


async def enqueue_notifications(database_url: str, app_id: str, receiver: str) -> None:
    """Two payment notifications for the app, as the payments domain would send them."""
    database = Database(database_url)
    try:
        async with database.unit_of_work() as session:
            app = await miniapps.any_app(session, app_id)
            owner = webhooks.Owner("miniapp", app.id)
            for path, order in (("/fails", "order-1"), ("/ok", "order-2")):
                await webhooks.enqueue(
                    session,
                    url=receiver + path,
                    event_type="payment.succeeded",
                    payload={"out_trade_no": order, "amount": {"total": 1800, "currency": "CNY"}},
                    owner=owner,
                )
    finally:
        await database.dispose()


async def test_a_developer_publishes_a_mini_program_through_the_console(
    browser: Browser,
    live_server: LiveServer,
    console_people: tuple[Person, Person, Person],
    notify_receiver: str,
    artifacts: Path,
) -> None:
    dora, theo, ada = console_people
    page = await desktop_page(browser, dora)

    # Me → Developer console → become a developer.
    await page.goto(f"{live_server.url}/me")
    await page.get_by_test_id("developer-console-cell").click()
    await expect(page.get_by_test_id("become-developer")).to_be_visible()
    await page.get_by_test_id("developer-name").fill("Dora's Coffee Co")
    await snap(page, artifacts, "01-become-developer")
    await page.get_by_test_id("developer-submit").click()
    await expect(page.get_by_test_id("console-no-apps")).to_be_visible()
    await snap(page, artifacts, "02-no-apps")

    # Create the app; its secret is shown once.
    await page.get_by_test_id("console-create").click()
    await page.get_by_test_id("app-name").fill(APP_NAME)
    await page.get_by_test_id("app-category").select_option("food")
    await page.get_by_test_id("app-description").fill("Order ahead and pick up your coffee.")
    await page.get_by_test_id("app-domains").fill(DOMAIN)
    await snap(page, artifacts, "03-create")
    await page.get_by_test_id("app-create-submit").click()
    dialog = page.get_by_test_id("secret-dialog")
    await expect(dialog).to_be_visible()
    app_id = await page.get_by_test_id("secret-app-id").inner_text()
    secret = await page.get_by_test_id("secret-value").inner_text()
    assert re.fullmatch(r"px[0-9a-f]{16}", app_id)
    assert len(secret) >= 40
    await expect(page.get_by_test_id("secret-done")).to_be_disabled()
    await snap(page, artifacts, "04-secret-once")
    await page.get_by_test_id("secret-saved").check()
    await page.get_by_test_id("secret-done").click()
    await expect(dialog).to_have_count(0)
    await expect(page.get_by_test_id("app-detail-id")).to_have_text(app_id)
    await expect(page.get_by_test_id("app-detail-name")).to_have_text(APP_NAME)
    assert secret not in await page.content()  # shown once: gone from the page
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        token = await client.post("/open/v1/token", json={"app_id": app_id, "app_secret": secret})
        assert token.status_code == 200, token.text
    await snap(page, artifacts, "05-app-overview")

    # Upload a version.
    await page.get_by_test_id("console-side-versions").click()
    await expect(page.get_by_test_id("version-upload")).to_be_visible()
    zipped = package(manifest_for(app_id, name=APP_NAME), files={ICON: icon_png()})
    await page.get_by_test_id("version-file").set_input_files(
        FilePayload(name="coffee-1.0.0.zip", mimeType="application/zip", buffer=zipped)
    )
    row = page.locator("[data-testid=version-row][data-version='1.0.0']")
    await expect(row.get_by_test_id("version-status")).to_have_attribute(
        "data-status", "development"
    )
    # A broken package is refused with the reason.
    await page.get_by_test_id("version-file").set_input_files(
        FilePayload(name="broken.zip", mimeType="application/zip", buffer=b"not a zip")
    )
    await expect(page.get_by_test_id("version-upload-error")).to_contain_text("zip")
    await snap(page, artifacts, "06-versions-development")

    # A tester, and a message template.
    await page.get_by_test_id("console-side-testers").click()
    await page.get_by_test_id("tester-plaza-id").fill(theo.plaza_id)
    await page.get_by_test_id("tester-add-submit").click()
    await expect(page.get_by_test_id("tester-row")).to_have_attribute(
        "data-plaza-id", theo.plaza_id
    )
    await expect(page.get_by_test_id("tester-count")).to_have_text("1 / 30")
    await snap(page, artifacts, "07-testers")
    await page.get_by_test_id("console-side-templates").click()
    await page.get_by_test_id("template-title").fill("Order ready")
    await page.get_by_test_id("template-field").first.fill("Order")
    await page.get_by_test_id("template-add-field").click()
    await page.get_by_test_id("template-field").nth(1).fill("Pick up at")
    await page.get_by_test_id("template-create").click()
    await expect(page.get_by_test_id("template-row")).to_have_count(1)
    await expect(page.get_by_test_id("template-id")).to_have_text(re.compile(r"^tpl_[0-9a-f]{16}$"))
    await snap(page, artifacts, "08-templates")

    # Trial, then submit for review.
    await page.get_by_test_id("console-side-versions").click()
    await row.get_by_test_id("version-trial").click()
    await expect(row.get_by_test_id("version-status")).to_have_attribute("data-status", "trial")
    await row.get_by_test_id("version-submit").click()
    await page.get_by_test_id("dialog-confirm").click()
    await expect(row.get_by_test_id("version-status")).to_have_attribute(
        "data-status", "under_review"
    )
    await snap(page, artifacts, "09-versions-under-review")

    # Ada approves it from the review queue; it is released.
    admin = await desktop_page(browser, ada)
    await admin.goto(f"{live_server.url}/dev/review")
    item = admin.locator(f"[data-testid=review-item][data-app-id={app_id}]")
    await expect(item).to_be_visible()
    await expect(admin.get_by_test_id("console-nav-review")).to_be_visible()
    await snap(admin, artifacts, "10-review-queue")
    await item.get_by_test_id("review-approve").click()
    await admin.get_by_test_id("dialog-confirm").click()
    await expect(admin.get_by_test_id("review-empty")).to_be_visible()
    await snap(admin, artifacts, "11-review-empty")

    await page.reload()
    await expect(row.get_by_test_id("version-status")).to_have_attribute("data-status", "released")
    await expect(row.get_by_test_id("version-live")).to_be_visible()
    await snap(page, artifacts, "12-versions-released")
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        entry = await client.get(f"/v1/miniapps/directory/{app_id}", headers=theo.auth)
        assert entry.status_code == 200, entry.text
        assert (entry.json()["name"], entry.json()["live_version"]) == (APP_NAME, "1.0.0")
        assert entry.json()["developer"] == "Dora's Coffee Co"
        for person in (theo, ada, theo):
            opened = await client.post(f"/v1/miniapps/{app_id}/opens", headers=person.auth)
            assert opened.status_code == 204, opened.text

    # Webhook deliveries: one answered 500 (retried), one delivered.
    await enqueue_notifications(live_server.database_url, app_id, notify_receiver)
    await page.get_by_test_id("console-side-webhooks").click()
    deliveries = page.get_by_test_id("delivery-row")
    await expect(deliveries).to_have_count(2)
    for _ in range(DELIVERY_WAIT_MS // 500):
        answers = await page.get_by_test_id("delivery-answer").all_inner_texts()
        if all(answer.startswith(("200", "500")) for answer in answers):
            break
        await page.wait_for_timeout(500)
        await page.get_by_test_id("delivery-refresh").click()
    statuses = await page.get_by_test_id("delivery-status").all_inner_texts()
    assert sorted(statuses) == ["Delivered", "Retrying"], statuses
    await snap(page, artifacts, "13-webhooks")
    await page.locator("[data-testid=delivery-row]", has_text="500").click()
    await expect(page.get_by_test_id("delivery-attempt")).to_have_count(1)
    await expect(page.get_by_test_id("delivery-attempt")).to_contain_text("no such order")
    body = json.loads(await page.get_by_test_id("delivery-body-json").inner_text())
    assert body["data"]["out_trade_no"] == "order-1"
    await snap(page, artifacts, "14-webhook-detail")

    # Daily opens: today's three.
    await page.get_by_test_id("console-side-stats").click()
    await expect(page.get_by_test_id("opens-total")).to_have_text("3")
    await expect(page.get_by_test_id("opens-bar")).to_have_count(30)
    await expect(page.get_by_test_id("opens-bar").last).to_have_attribute("data-opens", "3")
    await snap(page, artifacts, "15-opens")

    # The list and the overview now show the release.
    await page.get_by_test_id("console-nav-apps").click()
    await expect(page.locator(f"[data-testid=console-app][data-app-id={app_id}]")).to_contain_text(
        "1.0.0"
    )
    await snap(page, artifacts, "16-apps")
    await page.locator(f"[data-testid=console-app][data-app-id={app_id}]").click()
    await expect(page.get_by_test_id("app-live-version")).to_contain_text("1.0.0")
    icon = page.get_by_test_id("app-identity").get_by_test_id("app-icon-image")
    await expect(icon).to_be_visible()
    assert await icon.evaluate("(image) => image.naturalWidth") == 96
    await snap(page, artifacts, "17-app-released")

    # Rotating the secret shows a new one once; the old one stops working.
    await page.get_by_test_id("secret-rotate").click()
    await page.get_by_test_id("dialog-confirm").click()
    await expect(page.get_by_test_id("secret-dialog")).to_be_visible()
    new_secret = await page.get_by_test_id("secret-value").inner_text()
    assert new_secret != secret
    await page.get_by_test_id("secret-saved").check()
    await page.get_by_test_id("secret-done").click()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        old = await client.post("/open/v1/token", json={"app_id": app_id, "app_secret": secret})
        new = await client.post("/open/v1/token", json={"app_id": app_id, "app_secret": new_secret})
        assert (old.status_code, new.status_code) == (401, 200)

    # The same console in Chinese.
    await page.evaluate("localStorage.setItem('plaza.lang', 'zh-CN')")
    await page.get_by_test_id("console-side-versions").click()
    await page.reload()
    await expect(page.get_by_test_id("console-side-versions")).to_have_text("版本管理")
    await expect(row.get_by_test_id("version-status")).to_have_text("已发布")
    await snap(page, artifacts, "18-versions-zh")


async def test_a_developer_pays_the_takings_out_to_the_bank(
    browser: Browser, live_server: LiveServer, artifacts: Path
) -> None:
    """Somebody pays 12.50 inside Kiosk; its developer links a settlement account on the
    Takings page and pays the takings out with the PIN; the sandbox bank then pays it."""
    database = Database(live_server.database_url)
    try:
        dev = await create_person_in(database, "Kim Dev", plaza_id="kim_takings")
        admin = await create_person_in(database, "Kai Admin", plaza_id="kai_takings")
        payer = await create_person_in(database, "Pia Payer", plaza_id="pia_takings")
        async with database.unit_of_work() as session:
            await miniapps.set_admin(session, admin.plaza_id, is_admin=True)
            await ready_to_pay(session, dev, real_name="Kim Dev")
            await ready_to_pay(session, payer, real_name="Pia Payer", top_up="50.00")
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        kiosk = await released_server(client, dev, admin, "Kiosk")
        openid = await openid_of(client, kiosk, payer)
        prepay_id = await create_order(client, kiosk, openid, total=1250)
        paid = await client.post(
            f"/v1/miniapps/{kiosk.app.app_id}/orders/{prepay_id}/pay",
            headers=payer.auth,
            json={"pin": PIN},
        )
        assert paid.status_code == 200, paid.text

    page = await desktop_page(browser, dev)
    await page.goto(f"{live_server.url}/dev/apps/{kiosk.app.app_id}/takings")
    await expect(page.get_by_test_id("takings-balance")).to_contain_text("12.50")
    await expect(page.get_by_test_id("takings-payout")).to_be_disabled()  # no account yet
    await page.get_by_test_id("takings-bank-name").fill("Sandbox Bank")
    await page.get_by_test_id("takings-account-number").fill("1234")
    await page.get_by_test_id("takings-link").click()
    await expect(page.get_by_test_id("field-error")).to_be_visible()
    await page.get_by_test_id("takings-account-number").fill("6222 0000 0000 0009")
    await page.get_by_test_id("takings-link").click()
    await expect(page.get_by_test_id("takings-account")).to_contain_text("0009")
    await snap(page, artifacts, "20-takings")

    await page.get_by_test_id("takings-payout").click()
    await expect(page.get_by_test_id("pin-sheet-amount")).to_contain_text("12.50")
    await page.get_by_test_id("pin-input").fill(PIN)
    payout = page.get_by_test_id("takings-settlement")
    await expect(payout).to_have_count(1)
    await expect(page.get_by_test_id("takings-balance")).to_contain_text("0.00")
    await expect(payout).to_have_attribute("data-status", re.compile("pending|succeeded"))
    # The sandbox bank pays after PLAZA_SANDBOX_BANK_DELAY_SECONDS (2 s) and calls back.
    for _ in range(30):
        if await payout.get_attribute("data-status") == "succeeded":
            break
        await page.wait_for_timeout(500)
        await page.reload()
        await expect(payout).to_have_count(1)
    await expect(payout).to_have_attribute("data-status", "succeeded")
    await snap(page, artifacts, "21-takings-paid-out")
    await page.context.close()
