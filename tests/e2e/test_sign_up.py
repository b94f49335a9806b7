"""A new person signs up in Chromium with the code from the dev outbox."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.servers import LiveServer

NATIONAL_NUMBER = "2025550177"
PHONE = "+1" + NATIONAL_NUMBER


async def code_from_outbox(page: Page, server: LiveServer, phone: str) -> str:
    await page.goto(f"{server.url}/dev/outbox")
    entry = page.locator(f'li[data-phone="{phone}"]').first
    await expect(entry).to_be_visible()
    found = re.search(r"\b(\d{6})\b", await entry.inner_text())
    assert found, await entry.inner_text()
    return found.group(1)


async def test_sign_up_set_a_name_see_the_tabs_and_switch_to_chinese(
    browser: Browser, live_server: LiveServer, artifacts: Path
) -> None:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    page = await context.new_page()
    await page.goto(live_server.url)

    await page.get_by_test_id("phone-country").select_option("+1")
    await page.get_by_test_id("phone-number").fill(NATIONAL_NUMBER)
    await expect(page.get_by_test_id("dev-outbox-link")).to_be_visible()
    await page.screenshot(path=artifacts / "sign-in-phone.png")
    await page.get_by_test_id("send-code").click()
    await expect(page.get_by_test_id("code-input")).to_be_visible()

    outbox = await context.new_page()
    code = await code_from_outbox(outbox, live_server, PHONE)
    await outbox.close()

    await page.get_by_test_id("code-input").fill(code)
    await page.get_by_test_id("verify-code").click()

    await expect(page.get_by_test_id("profile-name")).to_be_visible()
    await page.get_by_test_id("profile-name").fill("Mei Tester")
    await page.screenshot(path=artifacts / "profile-setup.png")
    await page.get_by_test_id("profile-save").click()

    for tab in ("tab-chats", "tab-contacts", "tab-discover", "tab-me"):
        await expect(page.get_by_test_id(tab)).to_be_visible()
    await page.get_by_test_id("tab-chats").click()
    await expect(page.get_by_test_id("empty-state")).to_be_visible()
    await page.screenshot(path=artifacts / "chats-empty.png")

    await page.get_by_test_id("tab-me").click()
    await expect(page.get_by_test_id("me-name")).to_have_text("Mei Tester")
    await page.screenshot(path=artifacts / "me-en.png")

    await page.get_by_test_id("language-cell").click()
    await page.get_by_test_id("language-zh").click()
    await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    await page.get_by_role("button", name="返回").click()
    await expect(page.get_by_test_id("tab-me")).to_contain_text("我")
    await expect(page.get_by_test_id("tab-chats")).to_contain_text("聊天")
    await page.get_by_test_id("tab-me").click()
    await page.screenshot(path=artifacts / "me-zh.png")

    # The choice of language and the session survive a reload.
    await page.reload()
    await expect(page.get_by_test_id("me-name")).to_have_text("Mei Tester")
    await expect(page.get_by_test_id("tab-me")).to_contain_text("我")

    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=artifacts / "me-zh-desktop.png")
    await context.close()


async def test_a_wrong_code_is_shown_next_to_the_field(
    browser: Browser, live_server: LiveServer
) -> None:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    page = await context.new_page()
    await page.goto(live_server.url)
    await page.get_by_test_id("phone-country").select_option("+86")
    await page.get_by_test_id("phone-number").fill("13800138009")
    await page.get_by_test_id("send-code").click()
    outbox = await context.new_page()
    code = await code_from_outbox(outbox, live_server, "+8613800138009")
    await outbox.close()
    wrong = "000000" if code != "000000" else "111111"
    await page.get_by_test_id("code-input").fill(wrong)
    await page.get_by_test_id("verify-code").click()
    await expect(page.get_by_test_id("field-error")).to_be_visible()
    await expect(page.get_by_test_id("tab-me")).to_have_count(0)
    await context.close()
