"""Service Notifications in Chromium: a mini-program's server sends a subscribe message
through the Open API, and the person sees it arrive, live, as a card in the read-only
"Service Notifications" chat; tapping the card opens the mini-program at its page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from plaza.kit.db import Database
from plaza.miniapps import service
from tests.conftest import Person, befriend, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, send_text, signed_in
from tests.e2e.test_miniapp_host import icon_png, release
from tests.miniapps.helpers import ICON, INDEX, become_developer
from tests.servers import LiveServer

SHOTS = "notices"


@dataclass(frozen=True)
class Setup:
    person: Person
    app_id: str
    token: dict[str, str]
    template_id: str
    openid: str


@pytest.fixture(scope="session")
async def setup(live_server: LiveServer) -> Setup:
    """Nora, who chats with a friend and signed in to the released "Bean There" coffee
    mini-program, and its server's access token and "Order ready" template."""
    database = Database(live_server.database_url)
    try:
        developer = await create_person_in(database, "Dev Notices", plaza_id="dev_notices")
        admin = await create_person_in(database, "Root Notices", plaza_id="root_notices")
        nora = await create_person_in(database, "Nora Notices", plaza_id="nora_notices")
        friend = await create_person_in(database, "Fred Friend", plaza_id="fred_notices")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await befriend(client, nora, friend)
        direct = await client.post(
            "/v1/conversations/direct", headers=friend.auth, json={"peer_id": nora.id}
        )
        await client.post(
            f"/v1/conversations/{direct.json()['id']}/messages",
            headers=friend.auth,
            json={"client_msg_id": "hello-1", "kind": "text", "text": "Coffee later?"},
        )
        await become_developer(client, developer)
        files = {INDEX: b"<h1>Bean There</h1>", ICON: icon_png("#a47551")}
        app = await release(client, developer, admin, "Bean There", files, [INDEX])
        token_response = await client.post(
            "/open/v1/token", json={"app_id": app["app_id"], "app_secret": app["app_secret"]}
        )
        token = {"Authorization": f"Bearer {token_response.json()['access_token']}"}
        template = await client.post(
            f"/v1/miniapps/{app['app_id']}/templates",
            headers=developer.auth,
            json={"title": "Order ready", "fields": ["Order", "Pick up at", "Number"]},
        )
        template_id = template.json()["template_id"]
        code = await client.post(f"/v1/miniapps/{app['app_id']}/login-code", headers=nora.auth)
        signed = await client.post(
            "/open/v1/code2session", headers=token, json={"code": code.json()["code"]}
        )
    return Setup(nora, app["app_id"], token, template_id, signed.json()["openid"])


async def notify(live_server: LiveServer, setup: Setup, order: str, number: str) -> None:
    """Nora accepts one message in the host's dialog, and the coffee server sends it."""
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        accepted = await client.post(
            f"/v1/miniapps/{setup.app_id}/subscriptions",
            headers=setup.person.auth,
            json={"accepted": [setup.template_id]},
        )
        assert accepted.status_code == 200, accepted.text
        sent = await client.post(
            "/open/v1/subscribe-messages",
            headers=setup.token,
            json={
                "touser": setup.openid,
                "template_id": setup.template_id,
                "page": f"/pages/orders/detail?id={number}",
                "data": {
                    "Order": {"value": order},
                    "Pick up at": {"value": "Counter 2, Main St."},
                    "Number": {"value": number},
                },
            },
        )
        assert sent.status_code == 201, sent.text


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    """The page at phone size, and again at desktop size."""
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await page.screenshot(path=folder / f"{name}.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def test_a_notice_arrives_live_as_a_card_that_opens_the_mini_program(
    browser: Browser, live_server: LiveServer, artifacts: Path, setup: Setup
) -> None:
    await notify(live_server, setup, "Flat white, oat milk", "A-042")
    context = await signed_in(browser, setup.person)
    page = await context.new_page()
    await page.goto(f"{live_server.url}/chats")
    item = page.get_by_test_id("chat-list-item").filter(has_text="Service Notifications")
    await expect(item).to_contain_text("Bean There: Order ready")
    await expect(item.get_by_test_id("service-avatar")).to_be_visible()
    await expect(item.get_by_test_id("chat-unread")).to_have_text("1")
    await shoot(page, artifacts, "chat-list")

    await item.click()
    await expect(page.get_by_test_id("conversation-title")).to_have_text("Service Notifications")
    cards = page.get_by_test_id("service-notice")
    await expect(cards).to_have_count(1)
    await expect(cards.first).to_contain_text("Order ready")
    await expect(cards.first).to_contain_text("Flat white, oat milk")
    await expect(cards.first).to_contain_text("Counter 2, Main St.")
    await expect(page.get_by_test_id("composer-input")).to_have_count(0)  # read-only

    # A second one arrives while the chat is open, over the socket.
    await notify(live_server, setup, "Two croissants", "A-043")
    await expect(cards).to_have_count(2)
    await expect(cards.nth(1)).to_contain_text("Two croissants")
    await shoot(page, artifacts, "service-conversation")

    await cards.nth(1).click()
    await page.wait_for_url(f"**/mp/{setup.app_id}**")
    opened = urlsplit(page.url)
    assert opened.path == f"/mp/{setup.app_id}"
    assert parse_qs(opened.query) == {"path": ["/pages/orders/detail?id=A-043"]}
    await context.close()


async def test_in_chinese_it_is_fu_wu_tong_zhi(
    browser: Browser, live_server: LiveServer, artifacts: Path, setup: Setup
) -> None:
    await notify(live_server, setup, "拿铁", "A-044")
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN")
    await context.add_init_script(
        f"localStorage.setItem('plaza.token', {setup.person.token!r});"
        "localStorage.setItem('plaza.lang', 'zh-CN');"
    )
    page = await context.new_page()
    await page.goto(f"{live_server.url}/chats")
    item = page.get_by_test_id("chat-list-item").filter(has_text="服务通知")
    await expect(item).to_be_visible()
    await item.click()
    await expect(page.get_by_test_id("service-notice").last).to_contain_text("进入小程序")
    await shoot(page, artifacts, "service-conversation-zh")
    # Nobody writes here: no composer, and a friend's chat still has one.
    await expect(page.get_by_test_id("composer-input")).to_have_count(0)
    await page.goto(f"{live_server.url}/chats")
    await page.get_by_test_id("chat-list-item").filter(has_text="Fred Friend").click()
    await send_text(page, "好的")
    await context.close()
