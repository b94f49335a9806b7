"""Bills in Chromium: Carol reads her bills, filters them, opens one and the month's
statement, and follows a red envelope's bill to the envelope; then she resets her
forgotten PIN with an SMS code and pays with the new one. Erin's bills name the shop she
paid and the bank card she topped up from and withdrew to, and lead to the receipt and the
orders."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.bank.sandbox import BANK_NAME
from plaza.wallet.merchants import service as shops
from tests.conftest import Person, bearer, create_person_in
from tests.e2e.conftest import (
    DESKTOP_VIEWPORT,
    ID_NUMBER,
    PHONE_VIEWPORT,
    PIN,
    ready_to_pay,
    signed_in,
)
from tests.e2e.test_shop_payments import verified
from tests.e2e.test_sign_up import code_from_outbox
from tests.e2e.test_wallet import balances
from tests.servers import LiveServer

NEW_PIN = "246813"
CAROL_PHONE = "+12025550777"


@pytest.fixture(scope="session")
async def carol_and_dave(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person, int]]:
    """Carol (verified, PIN set) and her friend Dave, with a 1:1 chat. This month Carol
    topped up 100.00, withdrew 5.00, sent Dave a red envelope of 6.00 in the chat, which
    he opened, and then 12.34, which he accepted."""
    database = Database(live_server.database_url)
    try:
        carol = await create_person_in(database, "Carol Bills", phone=CAROL_PHONE)
        dave = await create_person_in(database, "Dave Bills")
        async with database.unit_of_work() as session:
            await ready_to_pay(session, carol, real_name="Carol", top_up="100.00")
            await wallet.withdraw(
                session, owner_id=carol.account_id, amount=Money.parse("5.00", "CNY")
            )
            await contacts.make_friends(session, carol.account_id, dave.account_id)
            direct = await chat.open_direct(session, carol.account_id, dave.account_id)
        async with httpx.AsyncClient(base_url=live_server.url) as http:
            envelope = await http.post(
                "/v1/wallet/envelopes",
                headers=bearer(carol.token) | {"Idempotency-Key": "bills-e2e-envelope"},
                json={
                    "conversation_id": str(direct.id),
                    "kind": "lucky",
                    "total": "6.00",
                    "count": 1,
                    "pin": PIN,
                },
            )
            assert envelope.status_code == 201, envelope.text
            opened = await http.post(
                f"/v1/wallet/envelopes/{envelope.json()['id']}/open", headers=bearer(dave.token)
            )
            assert opened.status_code == 200, opened.text
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
    await expect(rows).to_have_count(4)
    await expect(rows.get_by_test_id("bill-title")).to_have_text(
        ["Transfer to Dave Bills", "Red envelope to Dave Bills", "Withdrawal", "Top-up"]
    )
    month = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    await expect(page.get_by_test_id(f"bills-month-totals-{month}")).to_have_text(
        "Out ¥23.34 · In ¥100.00"
    )
    await both_sizes(page, artifacts / "bills.png")

    await page.get_by_test_id("bills-filter-out").click()
    await expect(rows.get_by_test_id("bill-amount")).to_have_text(["-¥12.34", "-¥6.00", "-¥5.00"])
    await rows.first.click()
    await expect(page.get_by_test_id("bill-detail-amount")).to_have_text("-¥12.34")
    await expect(page.get_by_test_id("bill-detail-counterparty")).to_have_text("Dave Bills")
    await expect(page.get_by_test_id("bill-detail-memo")).to_have_text("Noodles")
    await expect(page.get_by_test_id("bill-detail-chat")).to_be_visible()
    await both_sizes(page, artifacts / "bill-detail.png")

    await page.get_by_test_id("bill-detail-statement").click()
    await expect(page.get_by_test_id("statement-opening")).to_have_text("¥0.00")
    await expect(page.get_by_test_id("statement-in")).to_have_text("+¥100.00")
    await expect(page.get_by_test_id("statement-out")).to_have_text("-¥23.34")
    await expect(page.get_by_test_id("statement-closing")).to_have_text("¥76.66")
    await expect(page.get_by_test_id("statement-kind-transfer_sent")).to_contain_text("-¥12.34")
    await both_sizes(page, artifacts / "statement.png")

    # The red envelope's bill leads to the envelope.
    await page.goto(f"{live_server.url}/me/wallet/bills")
    await rows.nth(1).click()
    await expect(page.get_by_test_id("bill-detail-title")).to_have_text(
        "Red envelope to Dave Bills"
    )
    await expect(page.get_by_test_id("bill-detail-counterparty")).to_have_text("Dave Bills")
    await expect(page.get_by_test_id("bill-detail-chat")).to_be_visible()
    await both_sizes(page, artifacts / "bill-detail-envelope.png")
    await page.get_by_test_id("bill-detail-subject").click()
    await expect(page.get_by_test_id("envelope-share-amount")).to_have_text(["¥6.00"])

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
    assert await balances(live_server.database_url, carol, dave) == [7566, 1834]


async def settled(http: httpx.AsyncClient, order_id: str) -> None:
    """Wait for the sandbox bank to call back (after PLAZA_SANDBOX_BANK_DELAY_SECONDS)."""
    for _ in range(150):
        found = await http.get(f"/v1/wallet/bank-orders/{order_id}")
        if found.json()["status"] != "pending":
            assert found.json()["status"] == "succeeded", found.text
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"bank order {order_id} never settled")


async def test_bills_name_the_shop_and_the_bank_card(
    browser: Browser, live_server: LiveServer, artifacts: Path
) -> None:
    database = Database(live_server.database_url)
    try:
        olga = await verified(database, "Olga Cafe", "olga_cafe")
        erin = await verified(database, "Erin Bills", "erin_bills", top_up="50.00")
        async with database.unit_of_work() as session:
            shop = await shops.register(
                session,
                await identity.get_account(session, olga.account_id),
                business_name="Corner Café",
                registration_number="91110000MA01CAFE01",
                category="food",
                settlement_bank_name="Sandbox Bank",
                settlement_account_number="4242424242424242",
            )
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url, headers=bearer(erin.token)) as http:
        card = await http.post(
            "/v1/wallet/cards",
            json={"holder_name": "Erin Bills", "card_number": "4242 4242 4242 4242"},
        )
        assert card.status_code == 201, card.text
        paid = await http.post(
            "/v1/wallet/payments",
            headers={"Idempotency-Key": "bills-e2e-cafe"},
            json={"merchant_id": str(shop.id), "amount": "8.80", "pin": PIN},
        )
        assert paid.status_code == 201, paid.text
        orders = [
            await http.post(
                f"/v1/wallet/{path}",
                headers={"Idempotency-Key": f"bills-e2e-{path}"},
                json={"card_id": card.json()["id"], "amount": amount, "pin": PIN},
            )
            for path, amount in (("top-ups", "20.00"), ("withdrawals", "5.00"))
        ]
        for placed in orders:
            assert placed.status_code == 201, placed.text
            await settled(http, placed.json()["id"])

    page = await (await signed_in(browser, erin)).new_page()
    await page.goto(f"{live_server.url}/me/wallet/bills")
    rows = page.get_by_test_id("bill-row")
    bank = f"{BANK_NAME} ••4242"
    await expect(rows.get_by_test_id("bill-title")).to_have_text(
        [f"Top-up from {bank}", f"Withdrawal to {bank}", "Paid to Corner Café", "Top-up"]
    )
    await both_sizes(page, artifacts / "bills-shop-and-bank.png")

    await rows.nth(2).click()
    await expect(page.get_by_test_id("bill-detail-counterparty")).to_have_text("Corner Café")
    await expect(page.get_by_test_id("bill-detail-memo")).to_have_count(0)  # the same name
    await both_sizes(page, artifacts / "bill-detail-payment.png")
    await page.get_by_test_id("bill-detail-subject").click()
    await expect(page.get_by_test_id("receipt-amount")).to_contain_text("8.80")

    await page.goto(f"{live_server.url}/me/wallet/bills")
    await rows.first.click()
    await expect(page.get_by_test_id("bill-detail-counterparty")).to_have_text(bank)
    await expect(page.get_by_test_id("bill-detail-chat")).to_have_count(0)
    await both_sizes(page, artifacts / "bill-detail-bank.png")
    await page.get_by_test_id("bill-detail-subject").click()
    await expect(page.get_by_test_id("bank-order-status")).to_have_attribute(
        "data-status", "succeeded"
    )
