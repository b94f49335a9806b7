"""A red envelope in Chromium: Alice sends a lucky envelope to a group of three after her
PIN, Bob and Carol each open it in their own browser, and the detail page, the wallets
and the books agree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.kit.db import Database
from plaza.realtime.broker import MemoryBroker
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


@pytest.fixture(scope="session")
async def family(live_server: LiveServer) -> AsyncIterator[tuple[Person, Person, Person, int]]:
    """Alice (verified, with a PIN and 100.00), Bob and Carol, her friends, in a group."""
    database = Database(live_server.database_url)
    try:
        alice = await create_person_in(database, "Alice Red", plaza_id="alice_red")
        bob = await create_person_in(database, "Bob Red", plaza_id="bob_red")
        carol = await create_person_in(database, "Carol Red", plaza_id="carol_red")
        async with database.unit_of_work() as session:
            await ready_to_pay(session, alice, real_name="Alice", top_up="100.00")
            for friend in (bob, carol):
                await contacts.make_friends(session, alice.account_id, friend.account_id)
            group = await chat.create_group(
                session,
                MemoryBroker(),
                alice.account_id,
                name="Red family",
                member_ids=[bob.account_id, carol.account_id],
            )
        yield alice, bob, carol, group.id
    finally:
        await database.dispose()


async def both_sizes(page: Page, path: Path) -> None:
    """A screenshot at phone size and another at desktop size."""
    await page.screenshot(path=path.with_suffix(".png"), animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=path.with_name(f"{path.name}-desktop.png"), animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def open_the_envelope(page: Page, artifacts: Path | None) -> Decimal:
    """Tap the card, then "Open"; returns the amount the detail page shows as mine."""
    await page.get_by_test_id("message-envelope").click()
    dialog = page.get_by_test_id("envelope-open-dialog")
    await expect(dialog).to_contain_text("Happy new year")
    await expect(dialog).to_contain_text("Alice Red")
    if artifacts:
        await both_sizes(page, artifacts / "envelope-open-dialog")
    await page.get_by_test_id("envelope-open-button").click()
    mine = page.get_by_test_id("envelope-mine")
    await expect(mine).to_be_visible()
    return Decimal((await mine.inner_text()).split()[0].replace("yuan", ""))


async def test_a_lucky_envelope_in_a_group_opened_by_two(
    browser: Browser,
    live_server: LiveServer,
    family: tuple[Person, Person, Person, int],
    artifacts: Path,
) -> None:
    alice, bob, carol, group = family
    a = await (await signed_in(browser, alice)).new_page()
    await a.goto(f"{live_server.url}/chats/{group}")
    await a.get_by_test_id("composer-more").click()
    await a.get_by_test_id("composer-envelope").click()
    await expect(a.get_by_test_id("envelope-page")).to_contain_text("3 members")
    await a.get_by_test_id("envelope-count").fill("2")
    await a.get_by_test_id("envelope-amount").fill("10.00")
    await a.get_by_test_id("envelope-greeting").fill("Happy new year")
    await expect(a.get_by_test_id("envelope-total")).to_contain_text("10.00")
    await both_sizes(a, artifacts / "envelope-send")
    await a.get_by_test_id("envelope-submit").click()
    await expect(a.get_by_test_id("pin-sheet-amount")).to_contain_text("10.00")
    await a.get_by_test_id("pin-input").fill(PIN)

    card = a.get_by_test_id("message-envelope")
    await expect(card).to_contain_text("Happy new year")
    await expect(card).to_have_attribute("data-state", "open")
    assert (await balances(live_server.database_url, alice))[0] == 9000

    b = await (await signed_in(browser, bob)).new_page()
    await b.goto(f"{live_server.url}/chats/{group}")
    await expect(b.get_by_test_id("message-envelope")).to_have_attribute("data-state", "open")
    await both_sizes(b, artifacts / "envelope-chat-card")
    bob_got = await open_the_envelope(b, artifacts)

    c = await (await signed_in(browser, carol)).new_page()
    await c.goto(f"{live_server.url}/chats/{group}")
    carol_got = await open_the_envelope(c, None)
    assert bob_got + carol_got == Decimal("10.00")

    shares = c.get_by_test_id("envelope-share")
    await expect(shares).to_have_count(2)
    await expect(c.get_by_test_id("envelope-summary")).to_contain_text("all taken")
    await expect(c.get_by_test_id("envelope-luckiest")).to_have_count(1)
    shown = [
        Decimal(t.lstrip("¥"))
        for t in await c.get_by_test_id("envelope-share-amount").all_inner_texts()
    ]
    assert sorted(shown) == sorted([bob_got, carol_got])
    await both_sizes(c, artifacts / "envelope-detail")

    # Back in the chat, the card is pale and says it was opened.
    await c.go_back()
    opened = c.get_by_test_id("message-envelope")
    await expect(opened).to_have_attribute("data-state", "opened")
    await expect(opened).to_contain_text("Opened")
    await both_sizes(c, artifacts / "envelope-chat-opened")
    bob_minor, carol_minor = int(bob_got * 100), int(carol_got * 100)
    assert await balances(live_server.database_url, alice, bob, carol) == [
        9000,
        bob_minor,
        carol_minor,
    ]
