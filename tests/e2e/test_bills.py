"""Bills in Chromium: Carol reads her bills, filters them, opens one and the month's
statement; then she resets her forgotten PIN with an SMS code and pays with the new one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from plaza.chat import conversations as chat
from plaza.config import DEV_SECRET_KEY
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.wallet import security
from plaza.wallet import service as wallet
from tests.conftest import Person, bearer, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, signed_in
from tests.e2e.test_sign_up import code_from_outbox
from tests.e2e.test_wallet import ID_NUMBER, PIN, balances
from tests.servers import LiveServer

NEW_PIN = "246813"
CAROL_PHONE = "+12025550777"


@pytest.fixture(scope="session")
async def carol_and_dave(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person, int]]:
    """Carol (verified, PIN set) and her friend Dave, with a 1:1 chat. This month Carol
    topped up 100.00, withdrew 5.00 and sent Dave 12.34 in the chat, which he accepted."""
    database = Database(live_server.database_url)
    try:
        carol = await create_person_in(database, "Carol Bills", phone=CAROL_PHONE)
        dave = await create_person_in(database, "Dave Bills")
        async with database.unit_of_work() as session:
            account = await identity.get_account(session, carol.account_id)
            await security.verify_real_name(
                session,
                account,
                name="Carol",
                country="CN",
                id_number=ID_NUMBER,
                secret=DEV_SECRET_KEY,
            )
            await security.set_pin(
                session, account, pin=PIN, current_pin=None, secret=DEV_SECRET_KEY
            )
            await wallet.deposit(
                session, owner_id=carol.account_id, amount=Money.parse("100.00", "CNY")
            )
            await wallet.withdraw(
                session, owner_id=carol.account_id, amount=Money.parse("5.00", "CNY")
            )
            await contacts.make_friends(session, carol.account_id, dave.account_id)
            direct = await chat.open_direct(session, carol.account_id, dave.account_id)
        async with httpx.AsyncClient(base_url=live_server.url) as http:
            sent = await http.post(
                "/v1/wallet/transfers",
                headers=bearer(carol.token) | {"Idempotency-Key": "bills-e2e"},
                json={
                    "to": dave.id,
                    "amount": "12.34",
                    "memo": "Noodles",
                    "pin": PIN,
                    "conversation_id": str(direct.id),
                },
            )
            assert sent.status_code == 201, sent.text
            accepted = await http.post(
                f"/v1/wallet/transfers/{sent.json()['id']}/accept", headers=bearer(dave.token)
            )
            assert accepted.status_code == 200, accepted.text
        yield carol, dave, direct.id
    finally:
        await database.dispose()


async def both_sizes(page: Page, path: Path) -> None:
    """A screenshot at phone size and one at desktop size (``<name>-desktop.png``), once
    the page has slid in and any toast has gone."""
    await expect(page.get_by_test_id("toast")).to_have_count(0)
    await page.screenshot(path=path, animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=path.with_name(f"{path.stem}-desktop.png"), animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def test_bills_statement_and_a_pin_reset(
    browser: Browser,
    live_server: LiveServer,
    carol_and_dave: tuple[Person, Person, int],
    artifacts: Path,
) -> None:
    carol, dave, direct = carol_and_dave
    context = await signed_in(browser, carol)
    page = await context.new_page()
    await page.goto(f"{live_server.url}/me/wallet")
    await expect(page.get_by_test_id("wallet-pin-reset-cell")).to_be_visible()
    await page.get_by_test_id("wallet-bills-cell").click()

    rows = page.get_by_test_id("bill-row")
    await expect(rows).to_have_count(3)
    await expect(rows.get_by_test_id("bill-title")).to_have_text(
        ["Transfer to Dave Bills", "Withdrawal", "Top-up"]
    )
    month = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    await expect(page.get_by_test_id(f"bills-month-totals-{month}")).to_have_text(
        "Out ¥17.34 · In ¥100.00"
    )
    await both_sizes(page, artifacts / "bills.png")

    await page.get_by_test_id("bills-filter-out").click()
    await expect(rows.get_by_test_id("bill-amount")).to_have_text(["-¥12.34", "-¥5.00"])
    await rows.first.click()
    await expect(page.get_by_test_id("bill-detail-amount")).to_have_text("-¥12.34")
    await expect(page.get_by_test_id("bill-detail-counterparty")).to_have_text("Dave Bills")
    await expect(page.get_by_test_id("bill-detail-memo")).to_have_text("Noodles")
    await expect(page.get_by_test_id("bill-detail-chat")).to_be_visible()
    await both_sizes(page, artifacts / "bill-detail.png")

    await page.get_by_test_id("bill-detail-statement").click()
    await expect(page.get_by_test_id("statement-opening")).to_have_text("¥0.00")
    await expect(page.get_by_test_id("statement-in")).to_have_text("+¥100.00")
    await expect(page.get_by_test_id("statement-out")).to_have_text("-¥17.34")
    await expect(page.get_by_test_id("statement-closing")).to_have_text("¥82.66")
    await expect(page.get_by_test_id("statement-kind-transfer_sent")).to_contain_text("-¥12.34")
    await both_sizes(page, artifacts / "statement.png")

    # Carol forgets her PIN: a code to her phone and her ID number set a new one.
    await page.goto(f"{live_server.url}/me/wallet")
    await page.get_by_test_id("wallet-pin-cell").click()
    await page.get_by_test_id("pin-forgot-link").click()
    await expect(page.get_by_test_id("pin-reset-page")).to_be_visible()
    await page.get_by_test_id("pin-reset-send").click()
    outbox = await context.new_page()
    code = await code_from_outbox(outbox, live_server, CAROL_PHONE)
    await outbox.close()
    await page.get_by_test_id("pin-reset-code").fill(code)
    await page.get_by_test_id("pin-reset-id").fill(ID_NUMBER)
    await expect(page.get_by_test_id("pin-reset-next")).to_be_enabled()
    await both_sizes(page, artifacts / "pin-reset.png")
    await page.get_by_test_id("pin-reset-next").click()
    await page.get_by_test_id("pin-input").fill(NEW_PIN)
    await expect(page.get_by_test_id("pin-step")).to_have_text("Enter the PIN again to confirm")
    await page.get_by_test_id("pin-input").fill(NEW_PIN)
    await expect(page.get_by_test_id("wallet-page")).to_be_visible()

    # And pays with the new PIN.
    await page.goto(f"{live_server.url}/chats/{direct}")
    await page.get_by_test_id("composer-more").click()
    await page.get_by_test_id("composer-transfer").click()
    await page.get_by_test_id("transfer-amount").fill("1.00")
    await page.get_by_test_id("transfer-submit").click()
    await expect(page.get_by_test_id("pin-sheet-forgot")).to_be_visible()
    await page.get_by_test_id("pin-input").fill(NEW_PIN)
    await expect(page.get_by_test_id("message-transfer")).to_have_count(2)
    assert await balances(live_server.database_url, carol, dave) == [8166, 1234]
