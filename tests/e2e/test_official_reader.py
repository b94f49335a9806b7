"""Official accounts in Chromium, the follower's side: an organisation's verified accounts
(made through the API: apply, an admin approves) publish articles; a person finds one under
Contacts -> Official Accounts, follows it, finds its broadcast in the Subscriptions folder,
reads it, likes it and sends it to a friend; follows a service account, whose broadcast lands
in the chat list, and uses its menu. Nothing in an article ever runs: the server refuses
Markdown with script, and even HTML with script put straight into the database (past the
server's sanitiser) runs nothing in the reader."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, expect
from sqlalchemy import update

from plaza.kit.db import Database
from plaza.miniapps import service as miniapps
from plaza.official.models import ArticleRecord
from tests.conftest import Person, befriend, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, TOKEN_KEY
from tests.servers import LiveServer

SHOTS = "official-reader"

SAFE_MARKDOWN = """## Spring in the city

The **riverside market** opens again this weekend, with forty stalls and music until late.

> Bring a bag: the market is plastic-free this year.

- Saturday 9:00-21:00
- Sunday 9:00-18:00

Read the [full programme](https://example.org/market) on the city's site.
"""

# What a careless or hostile author might try; the server refuses each of these.
UNSAFE_MARKDOWN = "Hello <script>window.__pwned = 'script'</script>"

# HTML with script, written into the database behind the server's back: the reader's own
# wall (a sandboxed frame with a strict policy) must still run none of it.
HOSTILE_HTML = (
    "<p>Before the traps.</p>"
    "<script>window.parent.__pwned = 'script'; alert('script')</script>"
    "<img src=\"/nowhere.png\" onerror=\"window.parent.__pwned = 'onerror'; alert('onerror')\">"
    "<svg onload=\"window.parent.__pwned = 'svg'\"></svg>"
    '<a href="javascript:window.parent.__pwned=\'link\'" data-testid="trap">A trap</a>'
    "<p>After the traps.</p>"
)


@dataclass(frozen=True)
class Setup:
    operator: Person
    admin: Person
    follower: Person
    friend: Person
    daily_id: str
    city_id: str
    article_id: str
    weather_id: str
    hostile_id: str
    city_article_id: str


def png(colour: str, size: tuple[int, int] = (900, 383)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


async def upload(client: httpx.AsyncClient, who: Person, kind: str, body: bytes, name: str) -> str:
    response = await client.post(
        f"/v1/media/uploads?kind={kind}&name={name}",
        headers=who.auth | {"content-type": "application/octet-stream"},
        content=body,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def verified_account(
    client: httpx.AsyncClient, operator: Person, admin: Person, **fields: Any
) -> dict[str, Any]:
    """An account applied for with a licence and an avatar, approved by the admin."""
    licence = await upload(client, operator, "file", b"%PDF-1.4 licence", "licence.pdf")
    avatar = await upload(client, operator, "image", png(fields.pop("colour"), (200, 200)), "a.png")
    applied = await client.post(
        "/v1/official/applications",
        headers=operator.auth,
        json=fields | {"avatar_id": avatar, "document_ids": [licence]},
    )
    assert applied.status_code == 201, applied.text
    approved = await client.post(
        f"/v1/official/applications/{applied.json()['id']}/approve", headers=admin.auth
    )
    assert approved.status_code == 200, approved.text
    account: dict[str, Any] = approved.json()
    return account


async def followed_account(client: httpx.AsyncClient, setup: Setup, name: str, colour: str) -> str:
    """A new subscription account that the follower follows; its id."""
    account = await verified_account(
        client, setup.operator, setup.admin, name=name, type="subscription", colour=colour
    )
    followed = await client.post(
        f"/v1/official/accounts/{account['id']}/follow", headers=setup.follower.auth
    )
    assert followed.is_success, followed.text
    return str(account["id"])


async def draft(
    client: httpx.AsyncClient, operator: Person, account_id: str, **fields: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/official/accounts/{account_id}/articles", headers=operator.auth, json=fields
    )


async def broadcast(
    client: httpx.AsyncClient, operator: Person, account_id: str, article_ids: list[str]
) -> None:
    sent = await client.post(
        f"/v1/official/accounts/{account_id}/broadcasts",
        headers=operator.auth,
        json={"article_ids": article_ids},
    )
    assert sent.status_code == 201, sent.text


@pytest.fixture(scope="session")
async def setup(live_server: LiveServer) -> Setup:
    """Plaza Daily (subscription) with two articles broadcast, City Services (service) with a
    menu and a keyword auto-reply; Olivia, who follows nothing yet, and her friend Finn."""
    database = Database(live_server.database_url)
    try:
        operator = await create_person_in(database, "Opal Operator", plaza_id="opal_oa")
        admin = await create_person_in(database, "Root Official", plaza_id="root_oa")
        follower = await create_person_in(database, "Olivia Reader", plaza_id="olivia_oa")
        friend = await create_person_in(database, "Finn Friend", plaza_id="finn_oa")
        async with database.unit_of_work() as session:
            await miniapps.set_admin(session, admin.plaza_id, is_admin=True)
    finally:
        await database.dispose()

    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await befriend(client, follower, friend)
        direct = await client.post(
            "/v1/conversations/direct", headers=friend.auth, json={"peer_id": follower.id}
        )
        await client.post(
            f"/v1/conversations/{direct.json()['id']}/messages",
            headers=friend.auth,
            json={"client_msg_id": "hi-oa", "kind": "text", "text": "Seen the market news?"},
        )
        daily = await verified_account(
            client,
            operator,
            admin,
            name="Plaza Daily",
            type="subscription",
            description="News from around the city, every morning.",
            colour="#c0392b",
        )
        city = await verified_account(
            client,
            operator,
            admin,
            name="City Services",
            type="service",
            description="Bins, buses and permits: the city at your service.",
            colour="#2471a3",
        )

        refused = await draft(client, operator, daily["id"], title="Hi", markdown=UNSAFE_MARKDOWN)
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "official.article_unsafe"
        assert refused.json()["field"] == "markdown"

        cover = await upload(client, operator, "image", png("#e67e22"), "cover.png")
        market = await draft(
            client,
            operator,
            daily["id"],
            title="The riverside market is back",
            digest="Forty stalls and music until late, this weekend.",
            cover_id=cover,
            markdown=SAFE_MARKDOWN,
        )
        assert market.status_code == 201, market.text
        weather = await draft(
            client,
            operator,
            daily["id"],
            title="A sunny weekend ahead",
            markdown="Blue skies and **22°C** on Saturday.",
        )
        assert weather.status_code == 201, weather.text
        # Published before anyone follows City Services, so no chat gets it.
        hostile = await draft(
            client, operator, city["id"], title="Notes from the city desk", markdown="Soon."
        )
        assert hostile.status_code == 201, hostile.text
        await broadcast(client, operator, city["id"], [hostile.json()["id"]])

        city_article = await draft(
            client,
            operator,
            city["id"],
            title="Bin collection moves to Tuesdays",
            digest="From next week, in every district.",
            markdown="From next week bins are collected on **Tuesdays**.",
        )
        assert city_article.status_code == 201, city_article.text
        menu = await client.put(
            f"/v1/official/accounts/{city['id']}/menu",
            headers=operator.auth,
            json={
                "items": [
                    {"name": "Opening hours", "kind": "keyword", "keyword": "hours"},
                    {
                        "name": "More",
                        "kind": "submenu",
                        "sub_items": [
                            {"name": "Website", "kind": "link", "url": "https://example.org"},
                            {"name": "Report a problem", "kind": "keyword", "keyword": "report"},
                        ],
                    },
                ]
            },
        )
        assert menu.status_code == 200, menu.text
        replies = await client.put(
            f"/v1/official/accounts/{city['id']}/auto-replies",
            headers=operator.auth,
            json={
                "on_follow": "Welcome to City Services!",
                "default": "Thanks, we'll get back to you.",
                "keywords": [
                    {
                        "keyword": "hours",
                        "match": "exact",
                        "reply": "Open 9:00-17:00, Monday to Friday.",
                    }
                ],
            },
        )
        assert replies.status_code == 200, replies.text

    # The reader's own wall, tested behind the server's back.
    database = Database(live_server.database_url)
    try:
        async with database.unit_of_work() as session:
            await session.execute(
                update(ArticleRecord)
                .where(ArticleRecord.id == int(hostile.json()["id"]))
                .values(html=HOSTILE_HTML)
            )
    finally:
        await database.dispose()
    return Setup(
        operator=operator,
        admin=admin,
        follower=follower,
        friend=friend,
        daily_id=str(daily["id"]),
        city_id=str(city["id"]),
        article_id=str(market.json()["id"]),
        weather_id=str(weather.json()["id"]),
        hostile_id=str(hostile.json()["id"]),
        city_article_id=str(city_article.json()["id"]),
    )


async def signed_in_as(browser: Browser, person: Person, lang: str = "en") -> BrowserContext:
    context = await browser.new_context(
        viewport=PHONE_VIEWPORT, locale="zh-CN" if lang == "zh-CN" else "en-US"
    )
    await context.add_init_script(
        f"localStorage.setItem({TOKEN_KEY!r}, {person.token!r});"
        f"localStorage.setItem('plaza.lang', {lang!r});"
    )
    return context


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    """The page at phone size, and again at desktop size."""
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await page.screenshot(path=folder / f"{name}.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


def watch_for_script(page: Page) -> list[str]:
    """Every dialog any script opens (none should), answered so nothing hangs."""
    dialogs: list[str] = []

    async def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        await dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


async def test_a_follower_finds_follows_reads_likes_and_shares(
    browser: Browser, live_server: LiveServer, artifacts: Path, setup: Setup
) -> None:
    context = await signed_in_as(browser, setup.follower)
    page = await context.new_page()
    dialogs = watch_for_script(page)

    # Contacts -> Official Accounts -> search -> the profile.
    await page.goto(f"{live_server.url}/contacts")
    await page.get_by_test_id("contacts-official").click()
    await expect(page.get_by_test_id("official-following-empty")).to_be_visible()
    row = page.get_by_test_id("official-account-row")
    # The directory: every verified account (other tests on this server add theirs).
    for name in ("Plaza Daily", "City Services"):
        await expect(row.filter(has_text=name)).to_have_count(1)
    await shoot(page, artifacts, "accounts")
    await page.get_by_test_id("official-search").fill("daily")
    await expect(row).to_have_count(1)
    await shoot(page, artifacts, "accounts-search")
    await row.click()
    await expect(page.get_by_test_id("official-profile-name")).to_have_text("Plaza Daily")
    await expect(page.get_by_test_id("official-verified")).to_be_visible()
    await page.get_by_test_id("official-follow").click()
    await expect(page.get_by_test_id("official-message")).to_be_visible()
    await expect(page.get_by_test_id("official-articles")).to_contain_text("No articles")

    # Today's broadcast goes to the Subscriptions folder of those who follow. The chat list
    # is open (and has asked for the folder, still empty) when it goes out: the folder's row
    # comes in by itself, with the latest title and an unread dot.
    async with page.expect_response("**/v1/official/subscriptions/summary") as asked:
        await page.goto(f"{live_server.url}/chats")
    assert (await (await asked.value).json())["latest"] is None
    folder_row = page.get_by_test_id("subscriptions-row")
    await expect(page.get_by_test_id("chat-list-item")).to_have_count(1)  # Finn's
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await broadcast(
            client, setup.operator, setup.daily_id, [setup.article_id, setup.weather_id]
        )
    await expect(folder_row).to_contain_text("Plaza Daily: The riverside market is back")
    await expect(folder_row.get_by_test_id("subscriptions-unread")).to_be_visible()
    await shoot(page, artifacts, "chat-list")
    await folder_row.click()
    entry = page.get_by_test_id("subscription-entry")
    await expect(entry).to_have_count(1)
    await expect(entry.get_by_test_id("official-article")).to_have_count(2)

    # Another account's broadcast, while the folder is open, comes in on top.
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        sports_id = await followed_account(client, setup, "Plaza Sports", "#16a085")
        final = await draft(
            client, setup.operator, sports_id, title="Cup final tonight", markdown="At **20:00**."
        )
        await broadcast(client, setup.operator, sports_id, [final.json()["id"]])
    await expect(entry).to_have_count(2)
    await expect(entry.first).to_contain_text("Cup final tonight")
    await shoot(page, artifacts, "subscriptions")

    # The reader; a like; the body sits in a frame that cannot run script.
    daily = entry.filter(has_text="Plaza Daily")
    await daily.get_by_test_id("official-article").first.click()
    await expect(page.get_by_test_id("article-title")).to_have_text("The riverside market is back")
    body = page.frame_locator("[data-testid=article-body]")
    await expect(body.locator("h2")).to_have_text("Spring in the city")
    assert await page.get_by_test_id("article-body").get_attribute("sandbox") == (
        "allow-same-origin allow-popups allow-popups-to-escape-sandbox"
    )
    await page.get_by_test_id("article-like").click()
    await expect(page.get_by_test_id("article-like-count")).to_have_text("1")
    await expect(page.get_by_test_id("article-like")).to_have_attribute("aria-pressed", "true")
    await shoot(page, artifacts, "reader")

    # Send it to Finn: a card in their chat that opens the reader again.
    await page.get_by_test_id("article-share").click()
    await page.get_by_test_id("article-share-item").filter(has_text="Finn Friend").click()
    await page.get_by_test_id("article-share-send").click()
    await expect(page.get_by_test_id("article-share-picker")).to_have_count(0)
    await page.goto(f"{live_server.url}/chats")
    await page.get_by_test_id("chat-list-item").filter(has_text="Finn Friend").click()
    card = page.get_by_test_id("message-article")
    await expect(card).to_contain_text("The riverside market is back")
    await expect(card).to_contain_text("Plaza Daily")
    await shoot(page, artifacts, "shared-card")
    await card.click()
    await expect(page.get_by_test_id("article-title")).to_have_text("The riverside market is back")

    # And to Moments, after a confirm: Finn sees it as a link post.
    await page.get_by_test_id("article-moments").click()
    await expect(page.get_by_test_id("article-moments-dialog")).to_contain_text(
        "The riverside market is back"
    )
    await page.get_by_test_id("dialog-confirm").click()
    await expect(page.get_by_test_id("dialog")).to_have_count(0)
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        timeline = await client.get("/v1/moments/timeline", headers=setup.friend.auth)
    assert timeline.status_code == 200, timeline.text
    [post] = timeline.json()["items"]
    assert post["link"]["url"] == f"/official/articles/{setup.article_id}"
    assert post["link"]["title"] == "The riverside market is back"

    # The profile lists what it published.
    await page.goto(f"{live_server.url}/official/accounts/{setup.daily_id}")
    await expect(page.get_by_test_id("official-article")).to_have_count(2)
    await shoot(page, artifacts, "profile")

    # The folder is read now: no dot.
    await page.goto(f"{live_server.url}/chats")
    await expect(page.get_by_test_id("subscriptions-row")).to_be_visible()
    await expect(page.get_by_test_id("subscriptions-unread")).to_have_count(0)

    assert dialogs == []
    assert await page.evaluate("window.__pwned") is None
    await context.close()


async def test_html_with_script_in_the_database_runs_nothing_in_the_reader(
    browser: Browser, live_server: LiveServer, setup: Setup
) -> None:
    context = await signed_in_as(browser, setup.follower)
    page = await context.new_page()
    dialogs = watch_for_script(page)
    await page.goto(f"{live_server.url}/official/articles/{setup.hostile_id}")
    body = page.frame_locator("[data-testid=article-body]")
    await expect(body.get_by_text("After the traps.")).to_be_visible()
    await body.get_by_test_id("trap").click()
    await page.wait_for_timeout(500)
    assert dialogs == []
    assert await page.evaluate("window.__pwned") is None
    await context.close()


async def test_a_service_account_has_a_menu_and_broadcasts_into_the_chat_list(
    browser: Browser, live_server: LiveServer, artifacts: Path, setup: Setup
) -> None:
    context = await signed_in_as(browser, setup.follower)
    page = await context.new_page()
    await page.goto(f"{live_server.url}/official/accounts/{setup.city_id}")
    await expect(page.get_by_test_id("official-profile-type")).to_have_text("Service account")
    await page.get_by_test_id("official-follow").click()
    await page.get_by_test_id("official-message").click()
    await page.wait_for_url("**/chats/*")
    await expect(page.get_by_test_id("conversation-title")).to_have_text("City Services")

    # The menu: a keyword item sends the keyword, and the account answers.
    menu = page.get_by_test_id("official-menu")
    await expect(menu.get_by_test_id("official-menu-item")).to_have_count(2)
    await menu.get_by_test_id("official-menu-item").filter(has_text="Opening hours").click()
    replies = page.get_by_test_id("message-official")
    await expect(replies.filter(has_text="Open 9:00-17:00")).to_be_visible()
    await menu.get_by_test_id("official-menu-item").filter(has_text="More").click()
    await expect(page.get_by_test_id("official-submenu-item")).to_have_count(2)
    await shoot(page, artifacts, "account-chat-menu")
    await page.keyboard.press("Escape")
    await expect(page.get_by_test_id("official-submenu")).to_have_count(0)

    # Or type: the keyboard key swaps the menu for a text box.
    await page.get_by_test_id("official-keyboard").click()
    await page.get_by_test_id("composer-input").fill("Where do I get a parking permit?")
    await page.get_by_test_id("composer-send").click()
    await expect(replies.filter(has_text="we'll get back to you")).to_be_visible()
    await page.get_by_test_id("official-menu-toggle").click()
    await expect(menu).to_be_visible()

    # Its broadcast arrives in this chat, and shows in the chat list.
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await broadcast(client, setup.operator, setup.city_id, [setup.city_article_id])
    await expect(page.get_by_test_id("official-broadcast")).to_contain_text(
        "Bin collection moves to Tuesdays"
    )
    await shoot(page, artifacts, "account-chat-broadcast")
    await page.goto(f"{live_server.url}/chats")
    item = page.get_by_test_id("chat-list-item").filter(has_text="City Services")
    await expect(item).to_contain_text("Bin collection moves to Tuesdays")
    await context.close()


async def test_in_chinese(
    browser: Browser, live_server: LiveServer, artifacts: Path, setup: Setup
) -> None:
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        # Followed and published when the first test ran before this one; if not, now (a
        # published article cannot go out again: 409).
        await client.post(
            f"/v1/official/accounts/{setup.daily_id}/follow", headers=setup.follower.auth
        )
        sent = await client.post(
            f"/v1/official/accounts/{setup.daily_id}/broadcasts",
            headers=setup.operator.auth,
            json={"article_ids": [setup.article_id, setup.weather_id]},
        )
        assert sent.status_code == 201 or sent.json()["code"] == "official.article_published"
    context = await signed_in_as(browser, setup.follower, "zh-CN")
    page = await context.new_page()
    await page.goto(f"{live_server.url}/official/accounts/{setup.daily_id}")
    await expect(page.get_by_test_id("official-profile-type")).to_have_text("订阅号")
    await shoot(page, artifacts, "profile-zh")

    # A subscription account's chat: no menu set, so a text box; it stays out of the chat list.
    await page.get_by_test_id("official-message").click()
    await page.wait_for_url("**/chats/*")
    await expect(page.get_by_test_id("conversation-title")).to_have_text("Plaza Daily")
    await page.get_by_test_id("composer-input").fill("你好")
    await page.get_by_test_id("composer-send").click()
    await expect(page.get_by_test_id("message-bubble").filter(has_text="你好")).to_be_visible()
    await page.goto(f"{live_server.url}/chats")
    await expect(page.get_by_test_id("subscriptions-row")).to_contain_text("订阅号消息")
    await shoot(page, artifacts, "chat-list-zh")
    await expect(
        page.get_by_test_id("chat-list-item").filter(has_text="Plaza Daily")
    ).to_have_count(0)
    await page.goto(f"{live_server.url}/official/subscriptions")
    daily = page.get_by_test_id("subscription-entry").filter(has_text="Plaza Daily")
    await expect(daily.get_by_test_id("official-article")).to_have_count(2)
    await page.goto(f"{live_server.url}/official/articles/{setup.article_id}")
    await expect(page.get_by_test_id("article-moments")).to_have_text("分享到朋友圈")
    await shoot(page, artifacts, "reader-zh")
    await context.close()
