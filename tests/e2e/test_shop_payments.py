"""Shop payments in Chromium: a merchant opens a shop in the web app; a customer pays it
by opening its pay link (as a scan of its receive QR would), then by showing a money
code that the merchant types into the point of sale; the merchant refunds part of it and
settles the rest to the shop's bank account. Both see the receipts and the books agree."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, FilePayload, Page, expect

from plaza.identity import service as identity
from plaza.kit.db import Database
from plaza.wallet import service as wallet
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants.models import Merchant
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import (
    DESKTOP_VIEWPORT,
    PHONE_VIEWPORT,
    PIN,
    ready_to_pay,
    signed_in,
)
from tests.e2e.test_sign_up import code_from_outbox
from tests.servers import LiveServer

FRESH_SECONDS = 20


async def verified(
    database: Database, name: str, plaza_id: str, *, top_up: str | None = None
) -> Person:
    """Someone with a verified real name and a PIN (and money, when ``top_up`` is given)."""
    person = await create_person_in(database, name, plaza_id=plaza_id)
    async with database.unit_of_work() as session:
        await ready_to_pay(session, person, real_name=name, top_up=top_up)
    return person


@pytest.fixture(scope="session")
async def shop_people(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person]]:
    """Olivia, who will open a shop, and Carl, her customer with 100.00."""
    database = Database(live_server.database_url)
    try:
        olivia = await verified(database, "Olivia Shop", "olivia_shop")
        carl = await verified(database, "Carl Shopper", "carl_shopper", top_up="100.00")
        yield olivia, carl
    finally:
        await database.dispose()


async def money(database_url: str, customer: Person, merchant_id: int) -> tuple[int, int]:
    """The customer's balance and the shop's takings, after checking the books."""
    database = Database(database_url)
    try:
        async with database.sessionmaker() as session:
            assert await wallet.verify(session) == []
            merchant = await session.get(Merchant, merchant_id)
            assert merchant is not None
            takings = await shops.takings(session, merchant, "CNY")
            return (await wallet.balance(session, customer.account_id, "CNY")).amount, (
                takings.amount
            )
    finally:
        await database.dispose()


async def fresh_code(page: Page) -> str:
    """The 18 digits on the money code page, read early in their minute so that they stay
    the same while the test charges them."""
    countdown = await page.get_by_test_id("money-code-countdown").inner_text()
    left = int(re.sub(r"\D", "", countdown))
    if left < FRESH_SECONDS:
        await page.wait_for_timeout((left + 1) * 1000)
    code = await page.get_by_test_id("money-code-digits").get_attribute("data-code")
    assert code is not None
    return code


async def snap(page: Page, artifacts: Path, name: str) -> None:
    """The page at phone size, then at desktop size, once no toast covers it."""
    await expect(page.get_by_test_id("toast")).to_have_count(0)
    await page.screenshot(path=artifacts / f"shop-{name}.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=artifacts / f"shop-{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def test_pay_a_shop_by_its_link_and_by_money_code(
    browser: Browser,
    live_server: LiveServer,
    shop_people: tuple[Person, Person],
    artifacts: Path,
) -> None:
    olivia, carl = shop_people
    merchant = await (await signed_in(browser, olivia)).new_page()
    customer = await (await signed_in(browser, carl)).new_page()

    # Olivia opens her shop from Me → Wallet → Merchant.
    await merchant.goto(f"{live_server.url}/me/wallet")
    await expect(merchant.get_by_test_id("wallet-money-code-cell")).to_be_visible()
    await snap(merchant, artifacts, "wallet")
    await merchant.get_by_test_id("wallet-merchant-cell").click()
    await merchant.get_by_test_id("merchant-business-name").fill("Olivia's Noodles")
    await merchant.get_by_test_id("merchant-registration-number").fill("91110000MA01ABCD2X")
    await merchant.get_by_test_id("merchant-category").fill("Food")
    await merchant.get_by_test_id("merchant-settlement-bank-name").fill("Sandbox Bank")
    await merchant.get_by_test_id("merchant-settlement-account-number").fill("4111 1111 1111 1111")
    await snap(merchant, artifacts, "register")
    await merchant.get_by_test_id("merchant-register-submit").click()
    await expect(merchant.get_by_test_id("merchant-name")).to_have_text("Olivia's Noodles")
    await merchant.get_by_test_id("merchant-receive-cell").click()
    await expect(merchant.get_by_test_id("receive-qr")).to_be_visible()
    found = re.search(r"/me/wallet/merchant/(\d+)/qr$", merchant.url)
    assert found, merchant.url
    merchant_id = found.group(1)
    await merchant.get_by_test_id("receive-set-amount").click()
    await merchant.get_by_test_id("receive-amount").fill("12.50")
    await merchant.get_by_test_id("receive-amount-save").click()
    await expect(merchant.get_by_test_id("receive-qr")).to_have_attribute(
        "aria-label", f"{live_server.url}/pay/{merchant_id}?amount=12.50"
    )
    await snap(merchant, artifacts, "receive-qr")
    receive_qr = await merchant.get_by_test_id("receive-qr").screenshot()
    await merchant.goto(f"{live_server.url}/me/wallet/merchant")

    # Scan to pay reads the receive QR (here from a picture) and opens the pay page with
    # the shop's fixed amount.
    await customer.goto(f"{live_server.url}/me/wallet")
    await customer.get_by_test_id("wallet-scan-cell").click()
    await customer.get_by_test_id("scan-input").set_input_files(
        files=FilePayload(name="shop.png", mimeType="image/png", buffer=receive_qr)
    )
    await expect(customer.get_by_test_id("pay-fixed-amount")).to_have_text("¥12.50", timeout=20_000)
    await expect(customer.get_by_test_id("pay-merchant")).to_contain_text("Olivia's Noodles")

    # (1) Carl opens the shop's pay link, as a scan of the receive QR would, and types 12.50.
    await customer.goto(f"{live_server.url}/pay/{merchant_id}")
    await expect(customer.get_by_test_id("pay-merchant")).to_contain_text("Olivia's Noodles")
    await customer.get_by_test_id("pay-amount").fill("12.50")
    await expect(customer.get_by_test_id("pay-submit")).to_be_enabled()
    await snap(customer, artifacts, "pay")
    await customer.get_by_test_id("pay-submit").click()
    await expect(customer.get_by_test_id("pin-sheet-amount")).to_contain_text("12.50")
    await customer.get_by_test_id("pin-input").fill(PIN)
    await expect(customer.get_by_test_id("receipt-status")).to_have_text("Payment successful")
    await expect(customer.get_by_test_id("receipt-amount")).to_have_text("¥12.50")
    await snap(customer, artifacts, "receipt")
    # Olivia's shop page hears of it through payment.completed, without a reload.
    await expect(merchant.get_by_test_id("merchant-takings")).to_have_text("¥12.50")
    await expect(merchant.get_by_test_id("merchant-receipt")).to_have_count(1)
    assert await money(live_server.database_url, carl, int(merchant_id)) == (8750, 1250)

    # (2) Carl shows his money code; Olivia types it into the point of sale with 8.80.
    await customer.goto(f"{live_server.url}/me/wallet")
    await customer.get_by_test_id("wallet-money-code-cell").click()
    await customer.get_by_test_id("money-code-enable").click()
    await customer.get_by_test_id("pin-input").fill(PIN)
    digits = customer.get_by_test_id("money-code-digits")
    await expect(digits).to_have_attribute("data-code", re.compile(r"^\d{18}$"))
    await expect(customer.get_by_test_id("money-code-barcode")).to_be_visible()
    await expect(customer.get_by_test_id("money-code-qr")).to_be_visible()
    await snap(customer, artifacts, "money-code")
    code = await fresh_code(customer)
    assert (await digits.inner_text()).replace(" ", "") == code

    await merchant.get_by_test_id("merchant-pos-cell").click()
    # The till reads the code's QR from a picture (the camera loop decodes the same way)...
    await merchant.get_by_test_id("pos-scan").click()
    picture = await customer.get_by_test_id("money-code-qr").screenshot()
    await merchant.get_by_test_id("pos-scan-input").set_input_files(
        files=FilePayload(name="code.png", mimeType="image/png", buffer=picture)
    )
    # jsQR loads on first use and decodes on a shared CPU: give it time.
    await expect(merchant.get_by_test_id("pos-code")).to_have_value(code, timeout=20_000)
    # ...and the cashier can always type it.
    await merchant.get_by_test_id("pos-code").fill(code)
    await merchant.get_by_test_id("pos-amount").fill("8.80")
    await expect(merchant.get_by_test_id("pos-charge")).to_be_enabled()
    await snap(merchant, artifacts, "pos")
    await merchant.get_by_test_id("pos-charge").click()
    await expect(merchant.get_by_test_id("receipt-amount")).to_have_text("¥8.80")
    await expect(merchant.get_by_test_id("receipt-status")).to_have_text("Payment successful")
    # Carl's money code page turns into the receipt when payment.completed arrives.
    await expect(customer.get_by_test_id("receipt-amount")).to_have_text("¥8.80")
    await expect(customer.get_by_test_id("payment-receipt")).to_have_attribute(
        "data-status", "completed"
    )
    assert await money(live_server.database_url, carl, int(merchant_id)) == (7870, 2130)

    # (3) Olivia gives 3.00 of the 8.80 back from its receipt, with her PIN; Carl's receipt
    # shows the refund as it happens (payment.refunded).
    await merchant.get_by_test_id("receipt-refund").click()
    await expect(merchant.get_by_test_id("refund-amount")).to_have_value("8.80")
    await merchant.get_by_test_id("refund-amount").fill("3.00")
    await merchant.get_by_test_id("refund-reason").fill("Out of coriander")
    await snap(merchant, artifacts, "refund")
    await merchant.get_by_test_id("refund-submit").click()
    await expect(merchant.get_by_test_id("pin-sheet-amount")).to_contain_text("3.00")
    await merchant.get_by_test_id("pin-input").fill(PIN)
    await expect(merchant.get_by_test_id("receipt-refunded")).to_have_text("¥3.00")
    await expect(merchant.get_by_test_id("receipt-refund-row")).to_contain_text("Out of coriander")
    await expect(customer.get_by_test_id("receipt-refunded")).to_have_text("¥3.00")
    await expect(customer.get_by_test_id("receipt-refund")).to_have_count(0)
    await snap(customer, artifacts, "refunded-receipt")
    assert await money(live_server.database_url, carl, int(merchant_id)) == (8170, 1830)

    await merchant.get_by_test_id("receipt-done").click()
    await expect(merchant.get_by_test_id("merchant-takings")).to_have_text("¥18.30")
    await expect(merchant.get_by_test_id("merchant-receipt")).to_have_count(2)
    await snap(merchant, artifacts, "merchant")

    # (4) Olivia settles the takings to the shop's bank account; the sandbox bank pays.
    await merchant.get_by_test_id("merchant-settle-cell").click()
    await expect(merchant.get_by_test_id("settle-amount")).to_have_value("18.30")
    await snap(merchant, artifacts, "settle")
    await merchant.get_by_test_id("settle-submit").click()
    await merchant.get_by_test_id("pin-input").fill(PIN)
    status = merchant.get_by_test_id("bank-order-status")
    await expect(status).to_have_attribute("data-status", "succeeded", timeout=15_000)
    await expect(merchant.get_by_test_id("bank-order-amount")).to_have_text("¥18.30")
    await snap(merchant, artifacts, "settled")
    assert await money(live_server.database_url, carl, int(merchant_id)) == (8170, 0)


async def test_a_large_money_code_charge_waits_for_the_payers_pin(
    browser: Browser, live_server: LiveServer, artifacts: Path
) -> None:
    database = Database(live_server.database_url)
    try:
        owner = await verified(database, "Pat Pharmacy", "pat_pharmacy")
        dana = await verified(database, "Dana Buyer", "dana_buyer", top_up="2000.00")
        async with database.unit_of_work() as session:
            shop = await shops.register(
                session,
                await identity.get_account(session, owner.account_id),
                business_name="Pat's Pharmacy",
                registration_number="91110000MA01PHARM1",
                category="",
                settlement_bank_name="Sandbox Bank",
                settlement_account_number="4242424242424242",
            )
    finally:
        await database.dispose()
    merchant = await (await signed_in(browser, owner)).new_page()
    customer = await (await signed_in(browser, dana)).new_page()

    await customer.goto(f"{live_server.url}/me/wallet/money-code")
    await customer.get_by_test_id("money-code-enable").click()
    await customer.get_by_test_id("pin-input").fill(PIN)
    code = await fresh_code(customer)
    await merchant.goto(f"{live_server.url}/me/wallet/merchant/{shop.id}/pos")
    await merchant.get_by_test_id("pos-code").fill(code)
    await merchant.get_by_test_id("pos-amount").fill("1000.01")
    await merchant.get_by_test_id("pos-charge").click()
    await expect(merchant.get_by_test_id("pos-waiting")).to_be_visible()

    # Over the no-PIN limit: Dana's money code page asks for her PIN.
    await expect(customer.get_by_test_id("pin-sheet-amount")).to_have_text("¥1000.01")
    await expect(customer.get_by_test_id("pin-sheet")).to_contain_text("Pat's Pharmacy")
    assert await money(live_server.database_url, dana, shop.id) == (200000, 0)
    await snap(customer, artifacts, "confirm")
    await customer.get_by_test_id("pin-input").fill(PIN)
    await expect(customer.get_by_test_id("receipt-amount")).to_have_text("¥1000.01")
    await expect(merchant.get_by_test_id("receipt-amount")).to_have_text("¥1000.01")
    await expect(merchant.get_by_test_id("receipt-status")).to_have_text("Payment successful")
    assert await money(live_server.database_url, dana, shop.id) == (99999, 100001)


async def test_a_pay_link_opened_signed_out_leads_to_the_pay_page_after_sign_in(
    browser: Browser, live_server: LiveServer
) -> None:
    database = Database(live_server.database_url)
    try:
        owner = await verified(database, "Tea Stall Owner", "tea_stall")
        customer = await verified(database, "Walk In", "walk_in")
        async with database.unit_of_work() as session:
            shop = await shops.register(
                session,
                await identity.get_account(session, owner.account_id),
                business_name="Tea Stall",
                registration_number="91110000MA01TEA1X",
                category="Food",
                settlement_bank_name="Sandbox Bank",
                settlement_account_number="4111 1111 1111 1111",
            )
    finally:
        await database.dispose()
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    page = await context.new_page()
    await page.goto(f"{live_server.url}/pay/{shop.id}?amount=3.00")

    await page.get_by_test_id("phone-country").select_option("+1")
    await page.get_by_test_id("phone-number").fill(customer.phone.removeprefix("+1"))
    await page.get_by_test_id("send-code").click()
    outbox = await context.new_page()
    code = await code_from_outbox(outbox, live_server, customer.phone)
    await outbox.close()
    await page.get_by_test_id("code-input").fill(code)
    await page.get_by_test_id("verify-code").click()

    await expect(page.get_by_test_id("pay-merchant")).to_contain_text("Tea Stall")
    await expect(page.get_by_test_id("pay-fixed-amount")).to_contain_text("3.00")
    await context.close()
