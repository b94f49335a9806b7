"""A transfer in Chromium: Alice sends money in a chat after her PIN, Bob accepts the
card, and both wallets and the books agree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.kit.db import Database
from plaza.wallet import service as wallet
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PIN, ready_to_pay, signed_in
from tests.servers import LiveServer


@pytest.fixture(scope="session")
async def payers(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person, int]]:
    """Alice (verified, with a PIN and 100.00) and Bob, friends with a 1:1 chat."""
    database = Database(live_server.database_url)
    try:
        alice = await create_person_in(database, "Alice Wallet", plaza_id="alice_wallet")
        bob = await create_person_in(database, "Bob Wallet", plaza_id="bob_wallet")
        async with database.unit_of_work() as session:
            await ready_to_pay(session, alice, real_name="Alice", top_up="100.00")
            await contacts.make_friends(session, alice.account_id, bob.account_id)
            direct = await chat.open_direct(session, alice.account_id, bob.account_id)
        yield alice, bob, direct.id
    finally:
        await database.dispose()


async def balances(database_url: str, *people: Person) -> list[int]:
    database = Database(database_url)
    try:
        async with database.sessionmaker() as session:
            assert await wallet.verify(session) == []
            return [(await wallet.balance(session, p.account_id, "CNY")).amount for p in people]
    finally:
        await database.dispose()


async def test_send_and_accept_a_transfer_in_chat(
    browser: Browser, live_server: LiveServer, payers: tuple[Person, Person, int], artifacts: Path
) -> None:
    alice, bob, direct = payers
    a = await (await signed_in(browser, alice)).new_page()
    b = await (await signed_in(browser, bob)).new_page()
    await a.goto(f"{live_server.url}/chats/{direct}")
    await b.goto(f"{live_server.url}/chats/{direct}")

    await a.get_by_test_id("composer-more").click()
    await a.get_by_test_id("composer-transfer").click()
    await a.get_by_test_id("transfer-amount").fill("12.34")
    await a.get_by_test_id("transfer-memo").fill("Dinner")
    await a.get_by_test_id("transfer-submit").click()
    await expect(a.get_by_test_id("pin-sheet-amount")).to_contain_text("12.34")
    await a.get_by_test_id("pin-input").fill(PIN)

    card = b.get_by_test_id("message-transfer")
    await expect(card).to_have_attribute("data-status", "pending")
    await expect(card).to_contain_text("12.34")
    assert await balances(live_server.database_url, alice, bob) == [8766, 0]
    await card.click()
    await b.get_by_test_id("transfer-accept").click()
    await expect(b.get_by_test_id("transfer-done")).to_be_visible()

    # Alice's card learns the new status through transfer.updated, without a reload.
    await expect(a.get_by_test_id("message-transfer")).to_have_attribute("data-status", "accepted")
    assert await balances(live_server.database_url, alice, bob) == [8766, 1234]
    await a.screenshot(path=artifacts / "wallet-transfer-accepted.png")
    await a.set_viewport_size(DESKTOP_VIEWPORT)
    await a.screenshot(path=artifacts / "wallet-transfer-accepted-desktop.png")
