"""A top-up in Chromium: a verified person with a PIN adds a sandbox card, tops up 200.00,
watches it go from Processing to Done, and sees the balance rise; the books agree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from plaza.kit.db import Database
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import (
    DESKTOP_VIEWPORT,
    PHONE_VIEWPORT,
    PIN,
    ready_to_pay,
    signed_in,
)
from tests.e2e.test_wallet import balances
from tests.servers import LiveServer

CARD = "6222021234567894"  # any valid number succeeds at the sandbox bank


@pytest.fixture(scope="session")
async def topper(live_server: LiveServer) -> AsyncIterator[Person]:
    """Tess, her real name verified and a PIN set, with an empty wallet."""
    database = Database(live_server.database_url)
    try:
        tess = await create_person_in(database, "Tess Topup", plaza_id="tess_topup")
        async with database.unit_of_work() as session:
            await ready_to_pay(session, tess, real_name="Tess")
        yield tess
    finally:
        await database.dispose()


async def both_sizes(page: Page, path: Path) -> None:
    """A screenshot at phone size, and one at desktop size beside it, once the page has
    slid in and any toast has gone."""
    await expect(page.get_by_test_id("toast")).to_have_count(0)
    await page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    await page.set_viewport_size(PHONE_VIEWPORT)
    await page.screenshot(path=path.with_suffix(".png"))
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=path.with_name(f"{path.name}-desktop.png"))
    await page.set_viewport_size(PHONE_VIEWPORT)


async def test_top_up_from_a_sandbox_card(
    browser: Browser, live_server: LiveServer, topper: Person, artifacts: Path
) -> None:
    page = await (await signed_in(browser, topper)).new_page()
    await page.goto(f"{live_server.url}/me/wallet")
    await expect(page.get_by_test_id("wallet-balance")).to_contain_text("0.00")

    await page.get_by_test_id("wallet-cards-cell").click()
    await expect(page.get_by_test_id("bank-cards-empty")).to_be_visible()
    await page.get_by_test_id("bank-card-add").click()
    await expect(page.get_by_test_id("add-card-holder")).to_have_text("Tess")
    await expect(page.get_by_test_id("add-card-sandbox-hint")).to_contain_text("0002")
    await page.get_by_test_id("add-card-number").fill(CARD)
    await expect(page.get_by_test_id("add-card-number")).to_have_value("6222 0212 3456 7894")
    await both_sizes(page, artifacts / "bank-add-card")
    await page.get_by_test_id("add-card-submit").click()
    card = page.get_by_test_id("bank-card")
    await expect(card).to_have_attribute("data-last4", "7894")
    await both_sizes(page, artifacts / "bank-cards")

    await page.goto(f"{live_server.url}/me/wallet")
    await page.get_by_test_id("wallet-top-up-cell").click()
    await expect(page.get_by_test_id("bank-card-option-7894")).to_be_visible()
    await page.get_by_test_id("bank-amount").fill("200.00")
    await both_sizes(page, artifacts / "bank-top-up")
    await page.get_by_test_id("bank-submit").click()
    await expect(page.get_by_test_id("pin-sheet-amount")).to_contain_text("200.00")
    await page.get_by_test_id("pin-input").fill(PIN)

    status = page.get_by_test_id("bank-order-status")
    await expect(status).to_have_attribute("data-status", "pending")
    await expect(status).to_contain_text("Processing")
    # The sandbox bank settles after PLAZA_SANDBOX_BANK_DELAY_SECONDS (2 s) and calls back;
    # bank_order.updated turns the page to Done.
    await expect(status).to_have_attribute("data-status", "succeeded", timeout=15_000)
    await expect(status).to_contain_text("Done")
    await both_sizes(page, artifacts / "bank-top-up-done")
    assert await balances(live_server.database_url, topper) == [20000]

    await page.get_by_test_id("bank-order-done").click()
    await expect(page.get_by_test_id("wallet-balance")).to_contain_text("200.00")
    await both_sizes(page, artifacts / "bank-wallet")
    await page.get_by_test_id("wallet-withdraw-cell").click()
    await expect(page.get_by_test_id("bank-available")).to_contain_text("200.00")
    await page.get_by_test_id("bank-withdraw-all").click()
    await expect(page.get_by_test_id("bank-amount")).to_have_value("200.00")
    await both_sizes(page, artifacts / "bank-withdraw")
