"""The official account console in Chromium: an organisation applies from Me (name, type,
avatar, a licence), a platform admin approves it in the console's review queue, and the
operator writes an article (the preview is the server's sanitised HTML in a sandboxed frame;
Markdown with script is refused on the field), broadcasts it (the quota shows what is left,
and a broadcast over quota is refused with its reason), sets a menu with a keyword item (a
link that is not https is caught on its field) and a keyword auto-reply. A follower taps the
keyword in the account's chat and gets the auto-reply; the operator finds the message in the
inbox and replies; the follower sees the reply. Console pages are photographed at phone and
desktop size, in English and Chinese, into test-artifacts/official-console/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
from playwright.async_api import Browser, FilePayload, Page, expect
from sqlalchemy import update

from plaza.kit import clock
from plaza.kit.db import Database
from plaza.miniapps import service as miniapps
from plaza.official.messaging.models import Thread
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, signed_in
from tests.e2e.test_official_reader import png, upload
from tests.servers import LiveServer

SHOTS = "official-console"
NAME = "Harbour Ferries"
KEYWORD = "timetable"
AUTO_REPLY = "Ferries leave every 20 minutes from 6:00 to 23:00."
ARTICLE_MARKDOWN = """From **1 June** the evening ferries run every 20 minutes, and the last boat
leaves at 23:00.

## Piers

- Pier 1 to the islands
- Pier 3 to the old town

Tickets on board or in the [Harbour app](https://ferries.example.org).
"""


@pytest.fixture(scope="session")
async def console_people(live_server: LiveServer) -> tuple[Person, Person, Person]:
    """Hana, who runs the ferries' account; Abe, a platform admin; and Fay, a passenger."""
    database = Database(live_server.database_url)
    try:
        hana = await create_person_in(database, "Hana Harbour", plaza_id="hana_oc")
        abe = await create_person_in(database, "Abe Admin", plaza_id="abe_oc")
        fay = await create_person_in(database, "Fay Follower", plaza_id="fay_oc")
        async with database.unit_of_work() as session:
            await miniapps.set_admin(session, abe.plaza_id, is_admin=True)
    finally:
        await database.dispose()
    return hana, abe, fay


async def snap(page: Page, artifacts: Path, name: str) -> None:
    """The page at desktop size, then at phone size, once no toast covers it."""
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await expect(page.get_by_test_id("toast")).to_have_count(0, timeout=5000)
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-phone.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)


async def desktop_page(browser: Browser, person: Person, locale: str = "en-US") -> Page:
    context = await signed_in(browser, person)
    if locale != "en-US":
        await context.add_init_script("localStorage.setItem('plaza.lang', 'zh-CN');")
    page = await context.new_page()
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    return page


async def broadcast_through_api(
    client: httpx.AsyncClient, operator: Person, account_id: str, title: str
) -> None:
    made = await client.post(
        f"/v1/official/accounts/{account_id}/articles",
        headers=operator.auth,
        json={"title": title, "markdown": f"{title}."},
    )
    assert made.status_code == 201, made.text
    sent = await client.post(
        f"/v1/official/accounts/{account_id}/broadcasts",
        headers=operator.auth,
        json={"article_ids": [made.json()["id"]]},
    )
    assert sent.status_code == 201, sent.text


async def test_an_organisation_runs_its_official_account_from_the_console(
    browser: Browser,
    live_server: LiveServer,
    console_people: tuple[Person, Person, Person],
    artifacts: Path,
) -> None:
    hana, abe, fay = console_people
    page = await desktop_page(browser, hana)

    # Me -> Official account console -> apply.
    await page.goto(f"{live_server.url}/me")
    await expect(page.get_by_test_id("official-console-cell")).to_be_visible()
    await snap(page, artifacts, "00-me")
    await page.get_by_test_id("official-console-cell").click()
    await expect(page.get_by_test_id("oc-no-accounts")).to_be_visible()
    await snap(page, artifacts, "01-no-accounts")
    await page.get_by_test_id("oc-apply-empty").click()
    await page.get_by_test_id("oc-name").fill(NAME)
    await page.get_by_test_id("oc-type-service").click()
    await page.get_by_test_id("oc-description").fill("Ferries across the bay, every day.")
    await page.get_by_test_id("oc-avatar-file").set_input_files(
        FilePayload(name="logo.png", mimeType="image/png", buffer=png("#1f6f8b", (200, 200)))
    )
    await expect(page.get_by_test_id("avatar-image")).to_be_visible()
    await expect(page.get_by_test_id("oc-apply-submit")).to_be_disabled()  # no document yet
    await page.get_by_test_id("oc-document-file").set_input_files(
        FilePayload(name="licence.pdf", mimeType="application/pdf", buffer=b"%PDF-1.4 licence")
    )
    await expect(page.get_by_test_id("oc-document")).to_have_text("licence.pdf")
    await snap(page, artifacts, "02-apply")
    await page.get_by_test_id("oc-apply-submit").click()
    await expect(page.get_by_test_id("oc-status")).to_have_attribute("data-status", "pending")
    await expect(page.get_by_test_id("oc-pending")).to_be_visible()
    await snap(page, artifacts, "03-pending")

    # A platform admin approves it from the console's review queue (in Chinese).
    admin = await desktop_page(browser, abe, locale="zh-CN")
    await admin.goto(f"{live_server.url}/official-console")
    await admin.get_by_test_id("oc-nav-review").click()
    item = admin.get_by_test_id("oc-review-item").filter(has_text=NAME)
    await expect(item.get_by_test_id("oc-review-documents")).to_contain_text("1 份材料")
    document = item.get_by_test_id("oc-review-document")
    await expect(document).to_have_text("licence.pdf")
    href = await document.get_attribute("href")
    assert href is not None
    opened = await admin.request.get(urljoin(admin.url, href))
    assert await opened.body() == b"%PDF-1.4 licence"
    await snap(admin, artifacts, "04-review-zh")
    await item.get_by_test_id("oc-review-approve").click()
    await admin.get_by_test_id("dialog-confirm").click()
    await expect(admin.get_by_test_id("oc-review-item").filter(has_text=NAME)).to_have_count(0)
    await admin.context.close()

    # Verified: the account's sections open. Fay follows it (through the API).
    await page.reload()
    await expect(page.get_by_test_id("oc-status")).to_have_attribute("data-status", "verified")
    account_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        followed = await client.post(f"/v1/official/accounts/{account_id}/follow", headers=fay.auth)
        assert followed.status_code == 200, followed.text
    await snap(page, artifacts, "05-account")

    # An article: script is refused on the field; the preview is the sanitised HTML.
    await page.get_by_test_id("oc-open-articles").click()
    await expect(page.get_by_test_id("oc-no-drafts")).to_be_visible()
    await page.get_by_test_id("oc-article-new").click()
    await page.get_by_test_id("oc-article-title").fill("Summer timetable")
    await page.get_by_test_id("oc-article-digest").fill("Evening ferries every 20 minutes.")
    await page.get_by_test_id("oc-cover-file").set_input_files(
        FilePayload(name="cover.png", mimeType="image/png", buffer=png("#e3b448"))
    )
    await expect(page.get_by_test_id("oc-cover-image")).to_be_visible()
    markdown = page.get_by_test_id("oc-article-markdown")
    await markdown.fill("Hello <script>window.__pwned = 1</script>")
    await page.get_by_test_id("oc-article-save").click()
    await expect(page.locator("#oc-markdown-error")).to_be_visible()
    await expect(markdown).to_have_class("cinput ctextarea cinput--error cmono")
    await markdown.fill(ARTICLE_MARKDOWN)
    await page.get_by_test_id("oc-article-save").click()
    preview = page.frame_locator("[data-testid=oc-preview]")
    await expect(preview.locator("h1")).to_have_text("Summer timetable")
    await expect(preview.locator("h2")).to_have_text("Piers")
    await expect(preview.locator("strong")).to_have_text("1 June")
    assert await page.get_by_test_id("oc-preview").get_attribute("sandbox") == ""
    await snap(page, artifacts, "06-editor")

    # Broadcast it: a service account has 4 a month.
    await page.get_by_test_id("oc-side-broadcast").click()
    await expect(page.get_by_test_id("oc-quota")).to_have_attribute("data-left", "4")
    await page.get_by_test_id("oc-broadcast-draft").filter(has_text="Summer timetable").click()
    await snap(page, artifacts, "07-broadcast")
    await page.get_by_test_id("oc-broadcast-send").click()
    await page.get_by_test_id("dialog-confirm").click()
    await expect(page.get_by_test_id("oc-quota")).to_have_attribute("data-left", "3")
    await expect(page.get_by_test_id("oc-broadcast-draft")).to_have_count(0)

    # Three more use up the month; the next one is refused with the reason.
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        for number in (2, 3, 4):
            await broadcast_through_api(client, hana, account_id, f"Notice {number}")
        spare = await client.post(
            f"/v1/official/accounts/{account_id}/articles",
            headers=hana.auth,
            json={"title": "One too many", "markdown": "Over the quota."},
        )
        assert spare.status_code == 201, spare.text
    await page.reload()
    await expect(page.get_by_test_id("oc-quota")).to_have_attribute("data-left", "0")
    await page.get_by_test_id("oc-broadcast-draft").filter(has_text="One too many").click()
    await page.get_by_test_id("oc-broadcast-send").click()
    await page.get_by_test_id("dialog-confirm").click()
    await expect(page.locator("#oc-broadcast-error")).to_contain_text("broadcast")
    await snap(page, artifacts, "08-broadcast-quota")

    # The menu: a keyword item, and a link that must be https.
    await page.get_by_test_id("oc-side-menu").click()
    await page.get_by_test_id("oc-menu-add").click()
    await page.get_by_test_id("oc-menu-0-name").fill("Timetable")
    await page.get_by_test_id("oc-menu-0-keyword").fill(KEYWORD)
    await page.get_by_test_id("oc-menu-add").click()
    await page.get_by_test_id("oc-menu-1-name").fill("Website")
    await page.get_by_test_id("oc-menu-1-kind").select_option("link")
    await page.get_by_test_id("oc-menu-1-url").fill("http://ferries.example.org")
    await page.get_by_test_id("oc-menu-save").click()
    url_field = page.get_by_test_id("oc-menu-1-url")
    await expect(url_field).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_test_id("oc-menu-1").get_by_test_id("field-error")).to_contain_text(
        "https://"
    )
    await snap(page, artifacts, "09-menu-error")
    await url_field.fill("https://ferries.example.org")
    await page.get_by_test_id("oc-menu-save").click()
    await expect(page.get_by_test_id("toast")).to_contain_text("Menu saved")
    await snap(page, artifacts, "10-menu")

    # The keyword's auto-reply.
    await page.get_by_test_id("oc-side-replies").click()
    await page.get_by_test_id("oc-reply-on-follow").fill("Welcome aboard!")
    await page.get_by_test_id("oc-rule-add").click()
    await page.get_by_test_id("oc-rule-keyword").fill(KEYWORD)
    await page.get_by_test_id("oc-rule-match").select_option("exact")
    await page.get_by_test_id("oc-rule-reply").fill(AUTO_REPLY)
    await page.get_by_test_id("oc-replies-save").click()
    await expect(page.get_by_test_id("toast")).to_contain_text("saved")
    await snap(page, artifacts, "11-replies")

    # Fay taps the menu's keyword in the account's chat and gets the auto-reply.
    follower = await (await signed_in(browser, fay)).new_page()
    await follower.goto(f"{live_server.url}/official/accounts/{account_id}/chat")
    messages = follower.get_by_test_id("message-list")
    await expect(messages).to_contain_text("Summer timetable")  # the broadcast, as a chat message
    await follower.get_by_test_id("official-menu-item").filter(has_text="Timetable").click()
    await expect(messages).to_contain_text(AUTO_REPLY)

    # Hana finds the message in the inbox and replies within the 48 hours.
    await page.get_by_test_id("oc-side-inbox").click()
    thread = page.get_by_test_id("oc-thread").filter(has_text=fay.name)
    await expect(thread.get_by_test_id("oc-thread-last")).to_contain_text(AUTO_REPLY)
    await snap(page, artifacts, "12-inbox")
    await thread.click()
    await expect(page.locator("[data-testid=oc-message][data-from=follower]")).to_contain_text(
        KEYWORD
    )
    await expect(page.get_by_test_id("oc-reply-window")).to_contain_text("You can reply until")
    await page.get_by_test_id("oc-reply-text").fill("The 23:00 ferry runs on Sundays too.")
    await page.get_by_test_id("oc-reply-send").click()
    await expect(
        page.get_by_test_id("oc-message").filter(has_text="The 23:00 ferry")
    ).to_have_attribute("data-from", "account")
    await snap(page, artifacts, "13-thread")

    # Fay sees the reply in the chat.
    await expect(messages).to_contain_text("The 23:00 ferry runs on Sundays too.")
    await follower.context.close()

    # 49 hours after Fay's last message the reply box is closed, and says why.
    database = Database(live_server.database_url)
    try:
        async with database.unit_of_work() as session:
            await session.execute(
                update(Thread)
                .where(Thread.account_id == int(account_id), Thread.person_id == int(fay.id))
                .values(last_follower_message_at=clock.now() - timedelta(hours=49))
            )
    finally:
        await database.dispose()
    await page.get_by_test_id("oc-thread-refresh").click()
    await expect(page.get_by_test_id("oc-reply-window")).to_contain_text("More than 48 hours")
    await expect(page.get_by_test_id("oc-reply-text")).to_be_disabled()
    await expect(page.get_by_test_id("oc-reply-send")).to_be_disabled()
    await snap(page, artifacts, "14-thread-closed")

    # The console's home lists the account; the webhook page takes an https URL.
    await page.get_by_test_id("oc-side-webhook").click()
    await page.get_by_test_id("oc-webhook-url").fill("https://ferries.example.org/plaza")
    await page.get_by_test_id("oc-webhook-save").click()
    await expect(page.get_by_test_id("oc-webhook-saved")).to_contain_text("ferries.example.org")
    await snap(page, artifacts, "15-webhook")
    # A follower's message goes out to it; the delivery is listed and opens with its body.
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        sent = await client.post(
            f"/v1/official/accounts/{account_id}/messages",
            headers=fay.auth,
            json={"client_msg_id": "e2e-webhook", "text": "Is the 07:10 on time?"},
        )
        assert sent.status_code == 201, sent.text
    await page.get_by_test_id("delivery-refresh").click()
    delivered = page.get_by_test_id("delivery-row").filter(has_text="official.message")
    await expect(delivered).to_have_count(1)
    await expect(delivered).to_contain_text("ferries.example.org")
    await snap(page, artifacts, "15-webhook-deliveries")
    await delivered.click()
    await expect(page.get_by_test_id("oc-webhook-delivery-page")).to_be_visible()
    await expect(page.get_by_test_id("delivery-body-json")).to_contain_text("Is the 07:10 on time?")
    await snap(page, artifacts, "15-webhook-delivery")
    await page.get_by_test_id("oc-nav-accounts").click()
    await expect(page.get_by_test_id("oc-account").filter(has_text=NAME)).to_be_visible()
    await snap(page, artifacts, "16-home")
    await page.context.close()


async def test_a_rejected_application_shows_the_admins_reason(
    browser: Browser,
    live_server: LiveServer,
    console_people: tuple[Person, Person, Person],
    artifacts: Path,
) -> None:
    _, abe, fay = console_people
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        licence = await upload(client, fay, "file", b"%PDF-1.4 licence", "licence.pdf")
        applied = await client.post(
            "/v1/official/applications",
            headers=fay.auth,
            json={"name": "Fay's Bakery", "type": "subscription", "document_ids": [licence]},
        )
        assert applied.status_code == 201, applied.text

    admin = await desktop_page(browser, abe)
    await admin.goto(f"{live_server.url}/official-console/review")
    item = admin.get_by_test_id("oc-review-item").filter(has_text="Fay's Bakery")
    await item.get_by_test_id("oc-review-reject").click()
    await admin.get_by_test_id("oc-review-reason").fill("The licence is not readable.")
    await snap(admin, artifacts, "20-reject")
    await admin.get_by_test_id("dialog-confirm").click()
    await expect(item).to_have_count(0)
    await admin.context.close()

    page = await desktop_page(browser, fay, locale="zh-CN")
    await page.goto(f"{live_server.url}/official-console")
    card = page.get_by_test_id("oc-account").filter(has_text="Fay's Bakery")
    await expect(card.get_by_test_id("oc-status")).to_have_text("未通过")
    await card.click()
    await expect(page.get_by_test_id("oc-reject-reason")).to_contain_text(
        "The licence is not readable."
    )
    await expect(page.get_by_test_id("oc-side-articles")).to_have_count(0)
    await snap(page, artifacts, "21-rejected-zh")
    await page.context.close()
