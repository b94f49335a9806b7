"""Two people become friends and chat in Chromium: messages arrive in real time, a
device that was offline catches up with each message exactly once, and a recall shows
on the other side."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from plaza.kit.db import Database
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, send_text, signed_in
from tests.servers import LiveServer

OFFLINE_MESSAGES = 20


@pytest.fixture(scope="session")
async def chat_people(live_server: LiveServer) -> AsyncIterator[dict[str, Person]]:
    database = Database(live_server.database_url)
    try:
        yield {
            "alice": await create_person_in(
                database, "Alice Tester", phone="+12025550181", plaza_id="alice_e2e"
            ),
            "bob": await create_person_in(
                database, "Bob Tester", phone="+12025550182", plaza_id="bob_e2e"
            ),
        }
    finally:
        await database.dispose()


async def bubble_texts(page: Page) -> list[tuple[int, str]]:
    """(seq, text) of every text bubble on screen, top to bottom."""
    bubbles = page.locator('[data-testid="message-bubble"][data-kind="text"]')
    found = []
    for index in range(await bubbles.count()):
        bubble = bubbles.nth(index)
        seq = await bubble.get_attribute("data-seq")
        text = await bubble.get_by_test_id("message-text").inner_text()
        found.append((int(seq or "0"), text))
    return found


async def test_friends_chat_in_real_time_and_catch_up_after_being_offline(
    browser: Browser, live_server: LiveServer, artifacts: Path, chat_people: dict[str, Person]
) -> None:
    alice, bob = chat_people["alice"], chat_people["bob"]
    alice_context = await signed_in(browser, alice)
    bob_context = await signed_in(browser, bob)
    a = await alice_context.new_page()
    b = await bob_context.new_page()

    # Alice finds Bob by his Plaza ID and asks him to be friends.
    await a.goto(f"{live_server.url}/contacts")
    await a.get_by_test_id("contacts-add").click()
    await a.get_by_test_id("contacts-search-input").fill(bob.plaza_id)
    await a.get_by_test_id("contacts-search-submit").click()
    await expect(a.get_by_test_id("person-name")).to_have_text(bob.name)
    await a.get_by_test_id("person-add").click()
    await a.get_by_test_id("greeting-input").fill("Hi Bob, it's Alice")
    await a.get_by_test_id("dialog-confirm").click()
    await expect(a.get_by_test_id("toast")).to_contain_text("Request sent")

    # Bob accepts in New friends.
    await b.goto(f"{live_server.url}/contacts")
    await expect(b.get_by_test_id("contacts-new-friends")).to_contain_text("1")
    await b.get_by_test_id("contacts-new-friends").click()
    request = b.get_by_test_id("request-item").filter(has_text=alice.name)
    await expect(request).to_contain_text("Hi Bob, it's Alice")
    await request.get_by_test_id("request-accept").click()
    await expect(request.get_by_test_id("request-status")).to_be_visible()
    await b.goto(f"{live_server.url}/chats")

    # Alice sees Bob among her friends and opens the chat.
    await a.goto(f"{live_server.url}/contacts")
    await a.get_by_test_id("friend-item").filter(has_text=bob.name).click()
    await a.get_by_test_id("person-message").click()
    await expect(a.get_by_test_id("composer-input")).to_be_visible()
    conversation_id = a.url.rstrip("/").split("/")[-1]
    assert conversation_id.isdigit(), a.url

    # A message reaches Bob's open chat list in real time; his answer reaches Alice.
    await send_text(a, "Hello Bob!")
    item = b.locator(f'[data-testid="chat-list-item"][data-conversation-id="{conversation_id}"]')
    await expect(item).to_contain_text("Hello Bob!")
    await expect(item.get_by_test_id("chat-unread")).to_have_text("1")
    await item.click()
    await expect(b.get_by_test_id("message-text").filter(has_text="Hello Bob!")).to_have_count(1)
    await b.get_by_test_id("composer-input").press_sequentially("Hi Ali")
    await expect(a.get_by_test_id("typing-indicator")).to_be_visible()
    await b.get_by_test_id("composer-input").fill("Hi Alice, good to see you here")
    await b.get_by_test_id("composer-send").click()
    await expect(
        a.get_by_test_id("message-text").filter(has_text="Hi Alice, good to see you here")
    ).to_have_count(1)
    await a.screenshot(path=artifacts / "chat-conversation.png")

    # Bob goes offline; Alice sends 20 numbered messages meanwhile.
    await b.close()
    await bob_context.set_offline(True)
    numbered = [f"Offline message {number}" for number in range(1, OFFLINE_MESSAGES + 1)]
    for text in numbered:
        await send_text(a, text)
    await expect(a.get_by_test_id("message-outgoing")).to_have_count(0)
    await expect(a.get_by_test_id("message-text").filter(has_text=numbered[-1])).to_have_count(1)

    # Bob comes back: the list shows 20 unread, the chat shows each message once, in order.
    await bob_context.set_offline(False)
    b = await bob_context.new_page()
    await b.goto(f"{live_server.url}/chats")
    item = b.locator(f'[data-testid="chat-list-item"][data-conversation-id="{conversation_id}"]')
    await expect(item.get_by_test_id("chat-unread")).to_have_text(str(OFFLINE_MESSAGES))
    await expect(item).to_contain_text(numbered[-1])
    await b.screenshot(path=artifacts / "chat-list.png")
    await item.click()
    await expect(b.get_by_test_id("message-text").filter(has_text=numbered[-1])).to_have_count(1)
    await b.wait_for_timeout(1500)  # let the catch-up from /v1/sync land on top of the history
    seen = await bubble_texts(b)
    offline = [(seq, text) for seq, text in seen if text.startswith("Offline message")]
    assert [text for _, text in offline] == numbered
    seqs = [seq for seq, _ in seen]
    assert seqs == sorted(seqs), seqs
    assert len(seqs) == len(set(seqs)), seqs
    assert [seq for seq, _ in offline] == list(
        range(offline[0][0], offline[0][0] + OFFLINE_MESSAGES)
    )

    # Alice recalls the last one; Bob sees that it was recalled.
    last = a.locator('[data-testid="message-bubble"]').filter(has_text=numbered[-1])
    await last.locator(".msg__content").click(button="right")
    await a.get_by_test_id("action-recall").click()
    await expect(a.locator('[data-recalled="true"]')).to_contain_text("You recalled a message")
    recalled = b.locator('[data-testid="message-bubble"][data-recalled="true"]')
    await expect(recalled).to_contain_text(re.compile("recalled a message"))
    await expect(b.get_by_test_id("message-text").filter(has_text=numbered[-1])).to_have_count(0)
    await b.screenshot(path=artifacts / "chat-conversation-recalled.png")

    # Alice starts a group with Bob and looks at its info page.
    await a.goto(f"{live_server.url}/chats")
    await a.get_by_test_id("chats-plus").click()
    await a.get_by_test_id("new-group").click()
    await a.locator(f'[data-testid="picker-item"][data-account-id="{bob.account_id}"]').click()
    await a.get_by_test_id("picker-done").click()
    await a.get_by_test_id("group-name-input").fill("Testers")
    await a.get_by_test_id("dialog-confirm").click()
    await expect(a.get_by_test_id("message-system")).to_contain_text("You created the group")
    await a.get_by_test_id("conversation-info").click()
    await expect(a.get_by_test_id("member-tile")).to_have_count(2)
    await a.screenshot(path=artifacts / "chat-group-info.png")
    await a.set_viewport_size(DESKTOP_VIEWPORT)
    await a.screenshot(path=artifacts / "chat-group-info-desktop.png")

    await a.goto(f"{live_server.url}/contacts")
    await expect(a.get_by_test_id("friend-item")).to_have_count(1)
    await a.screenshot(path=artifacts / "contacts-desktop.png")
    await a.set_viewport_size(PHONE_VIEWPORT)
    await a.screenshot(path=artifacts / "contacts.png")

    await b.goto(f"{live_server.url}/chats")
    await expect(b.get_by_test_id("chat-list-item")).to_have_count(2)
    await b.set_viewport_size(DESKTOP_VIEWPORT)
    await b.screenshot(path=artifacts / "chat-list-desktop.png")
    await b.goto(f"{live_server.url}/chats/{conversation_id}")
    await expect(b.get_by_test_id("composer-input")).to_be_visible()
    await b.screenshot(path=artifacts / "chat-conversation-desktop.png")

    await alice_context.close()
    await bob_context.close()
