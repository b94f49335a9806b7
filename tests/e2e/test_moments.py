"""Moments in Chromium: Ann posts two photos (picked in the file chooser, uploaded with
progress) with a location; her friend Ben likes and comments and Ann answers him; Cat,
who is friends with Ann only, sees the post but neither Ben's like nor the comments.
Also: the audience picker (a private post stays away from Ben), the nine-photo limit,
the album, the Discover badge and the messages page, in English and Chinese."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageDraw
from playwright.async_api import Browser, BrowserContext, Page, expect

from plaza.kit.db import Database
from tests.conftest import Person, befriend, create_person_in
from tests.e2e.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT, TOKEN_KEY, signed_in
from tests.servers import LiveServer

SHOTS = "moments"
POST_TEXT = "Sunset by the river, the best seat in town"
PRIVATE_TEXT = (
    '只给自己看的日记 <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
)
LOCATION = "Riverside Park"
COMMENT = "Lovely view!"
ANSWER = "Thanks, come along next time"
PHOTOS_PER_POST = 9


@dataclass(frozen=True)
class People:
    ann: Person
    ben: Person
    cat: Person


@pytest.fixture(scope="session")
async def people(live_server: LiveServer) -> People:
    """Ann is friends with Ben and with Cat; Ben and Cat don't know each other."""
    database = Database(live_server.database_url)
    try:
        ann = await create_person_in(database, "Ann Moments", plaza_id="ann_moments")
        ben = await create_person_in(database, "Ben Moments", plaza_id="ben_moments")
        cat = await create_person_in(database, "Cat Moments", plaza_id="cat_moments")
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await befriend(client, ann, ben)
        await befriend(client, ann, cat)
    return People(ann, ben, cat)


def make_photos(folder: Path, count: int) -> list[Path]:
    """Small real pictures: PNGs and JPEGs in turn, each its own colour."""
    paths = []
    for index in range(count):
        image = Image.new("RGB", (480, 360), (40 + 20 * index, 120, 200 - 15 * index))
        draw = ImageDraw.Draw(image)
        draw.ellipse((180, 120, 300, 240), fill="gold")
        path = folder / f"photo-{index}.{'png' if index % 2 == 0 else 'jpg'}"
        image.save(path)
        paths.append(path)
    return paths


async def shoot(page: Page, artifacts: Path, name: str) -> None:
    """The page at phone size, and again at desktop size."""
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await page.screenshot(path=folder / f"{name}.png", animations="disabled")
    await page.set_viewport_size(DESKTOP_VIEWPORT)
    await page.screenshot(path=folder / f"{name}-desktop.png", animations="disabled")
    await page.set_viewport_size(PHONE_VIEWPORT)


async def in_chinese(browser: Browser, person: Person) -> BrowserContext:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN")
    await context.add_init_script(
        f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(person.token)});"
        "localStorage.setItem('plaza.lang', 'zh-CN');"
    )
    return context


async def pick_photos(page: Page, files: list[Path]) -> None:
    async with page.expect_file_chooser() as chooser:
        await page.get_by_test_id("composer-add-photo").click()
    await (await chooser.value).set_files(files)


async def open_timeline(page: Page, live_server: LiveServer) -> None:
    await page.goto(f"{live_server.url}/discover")
    await page.get_by_test_id("discover-moments-cell").click()
    await expect(page.get_by_test_id("moments-page")).to_be_visible()


async def test_a_post_with_photos_a_friends_like_and_comment_and_who_sees_them(
    browser: Browser, live_server: LiveServer, artifacts: Path, people: People, tmp_path: Path
) -> None:
    ann_context = await signed_in(browser, people.ann)
    ann = await ann_context.new_page()
    await open_timeline(ann, live_server)
    await ann.get_by_test_id("moments-camera").click()
    post_button = ann.get_by_test_id("composer-post")
    await expect(post_button).to_be_disabled()
    await ann.get_by_test_id("composer-text").fill(POST_TEXT)
    await pick_photos(ann, make_photos(tmp_path, 2))
    photos = ann.get_by_test_id("composer-photo")
    await expect(photos).to_have_count(2)
    await expect(ann.locator('[data-testid="composer-photo"][data-uploaded="true"]')).to_have_count(
        2
    )
    await ann.get_by_test_id("composer-location").fill(LOCATION)
    await shoot(ann, artifacts, "composer")
    await post_button.click()

    mine = ann.get_by_test_id("moment").filter(has_text="Sunset by the river")
    await expect(mine).to_be_visible()
    await expect(mine.get_by_test_id("moment-text")).to_have_text(POST_TEXT)
    await expect(mine.get_by_test_id("moment-photo")).to_have_count(2)
    await expect(mine.get_by_test_id("moment-location")).to_have_text(LOCATION)
    await ann.get_by_test_id("nav-back").click()
    await expect(ann.get_by_test_id("discover-page")).to_be_visible()
    await expect(ann.get_by_test_id("moments-badge")).to_have_count(0)

    ben_context = await signed_in(browser, people.ben)
    ben = await ben_context.new_page()
    await open_timeline(ben, live_server)
    seen_by_ben = ben.get_by_test_id("moment").filter(has_text="Sunset by the river")
    await expect(seen_by_ben).to_be_visible()
    await seen_by_ben.get_by_test_id("moment-photo").first.click()
    await expect(ben.get_by_test_id("image-viewer")).to_be_visible()
    await ben.get_by_test_id("image-viewer-close").click()
    await seen_by_ben.get_by_test_id("moment-more").click()
    await ben.get_by_test_id("moment-like").click()
    await expect(seen_by_ben.get_by_test_id("moment-likes")).to_have_text("Ben Moments")
    await seen_by_ben.get_by_test_id("moment-more").click()
    await ben.get_by_test_id("moment-comment-open").click()
    await seen_by_ben.get_by_test_id("moment-comment-input").fill(COMMENT)
    await seen_by_ben.get_by_test_id("moment-comment-send").click()
    await expect(seen_by_ben.get_by_test_id("moment-comment")).to_have_text(
        f"Ben Moments: {COMMENT}"
    )

    # Ann sees the count arrive live on Discover, then the banner and the two messages.
    await expect(ann.get_by_test_id("moments-badge")).to_have_text("2")
    await shoot(ann, artifacts, "discover-badge")
    await ann.get_by_test_id("discover-moments-cell").click()
    await expect(ann.get_by_test_id("moments-banner")).to_contain_text("2 new messages")
    await expect(ann.get_by_test_id("moment-likes")).to_be_visible()
    await shoot(ann, artifacts, "timeline")
    await ann.get_by_test_id("moments-banner").click()
    notices = ann.get_by_test_id("moments-notification")
    await expect(notices).to_have_count(2)
    await expect(notices.filter(has_text=COMMENT)).to_have_count(1)
    await shoot(ann, artifacts, "notifications")
    await notices.filter(has_text=COMMENT).click()
    # From the post's page Ann answers Ben's comment.
    await ann.get_by_test_id("moment-comment").click()
    await ann.get_by_role("button", name="reply").click()
    await ann.get_by_test_id("moment-comment-input").fill(ANSWER)
    await ann.get_by_test_id("moment-comment-send").click()
    await expect(ann.get_by_test_id("moment-comment").last).to_have_text(
        f"Ann Moments reply Ben Moments: {ANSWER}"
    )
    await ann.goto(f"{live_server.url}/discover")
    await expect(ann.get_by_test_id("moments-badge")).to_have_count(0)

    # Cat, a friend of Ann's only, sees the post and its photos, and Ann's answer, but
    # neither Ben's like nor Ben's comment (Cat doesn't know Ben).
    cat_context = await in_chinese(browser, people.cat)
    cat = await cat_context.new_page()
    await cat.goto(f"{live_server.url}/discover/moments")
    seen_by_cat = cat.get_by_test_id("moment").filter(has_text="Sunset by the river")
    await expect(seen_by_cat).to_be_visible()
    await expect(seen_by_cat.get_by_test_id("moment-photo")).to_have_count(2)
    await expect(seen_by_cat.get_by_test_id("moment-likes")).to_have_count(0)
    await expect(seen_by_cat.get_by_test_id("moment-comment")).to_have_count(1)
    await expect(seen_by_cat.get_by_test_id("moment-comment")).to_contain_text(ANSWER)
    await expect(cat.get_by_text(COMMENT)).to_have_count(0)
    await expect(cat.get_by_test_id("moment-photo").first).to_be_visible()
    await expect(seen_by_cat.get_by_test_id("moment-comment")).to_have_text(
        f"Ann Moments 回复 Ben Moments：{ANSWER}"
    )
    await shoot(cat, artifacts, "timeline-zh")
    # Ann's card shows Cat her photos, and leads to her album.
    await cat.goto(f"{live_server.url}/contacts/{people.ann.id}")
    await expect(cat.get_by_test_id("album-strip").locator("img")).to_have_count(2)
    await cat.get_by_test_id("album-cell").click()
    await expect(cat.get_by_test_id("album-entry")).to_have_count(1)
    await expect(cat.get_by_test_id("album-new")).to_have_count(0)
    await shoot(cat, artifacts, "album-friend-zh")

    # Ann's album, grouped by day, from Me.
    await ann.goto(f"{live_server.url}/me")
    await ann.get_by_test_id("album-cell").click()
    await expect(ann.get_by_test_id("album-page")).to_be_visible()
    await expect(ann.get_by_test_id("album-entry")).to_have_count(1)
    await expect(ann.get_by_test_id("album-day").first).to_contain_text("Today")
    await shoot(ann, artifacts, "album")
    for context in (ann_context, ben_context, cat_context):
        await context.close()


async def test_the_audience_picker_keeps_a_private_post_from_friends(
    browser: Browser, live_server: LiveServer, artifacts: Path, people: People, tmp_path: Path
) -> None:
    ann_context = await in_chinese(browser, people.ann)
    ann = await ann_context.new_page()
    await ann.goto(f"{live_server.url}/discover/moments/new")
    await ann.get_by_test_id("composer-text").fill(PRIVATE_TEXT)
    # Ten photos picked: nine are taken, the tenth refused, and no "+" is left.
    await pick_photos(ann, make_photos(tmp_path, PHOTOS_PER_POST + 1))
    await expect(ann.get_by_test_id("composer-photo")).to_have_count(PHOTOS_PER_POST)
    await expect(ann.get_by_test_id("composer-add-photo")).to_have_count(0)
    await expect(ann.get_by_test_id("toast")).to_contain_text("最多只能选择 9 张图片")
    await expect(ann.get_by_test_id("toast")).to_have_count(0, timeout=10_000)
    await expect(ann.locator('[data-testid="composer-photo"][data-uploaded="true"]')).to_have_count(
        PHOTOS_PER_POST
    )
    await shoot(ann, artifacts, "composer-zh")
    await ann.get_by_test_id("composer-audience").click()
    await ann.get_by_test_id("audience-private").click()
    await shoot(ann, artifacts, "audience-zh")
    await ann.get_by_test_id("audience-done").click()
    await expect(ann.get_by_test_id("composer-audience-value")).to_have_text("私密")
    await ann.get_by_test_id("composer-post").click()
    private = ann.get_by_test_id("moment").filter(has_text="只给自己看的日记")
    await expect(private).to_be_visible()
    await expect(private.get_by_test_id("moment-photo")).to_have_count(PHOTOS_PER_POST)
    # The text is shown as text: the markup is just characters, and nothing in it ran.
    await expect(private.get_by_test_id("moment-text")).to_have_text(PRIVATE_TEXT)
    assert await ann.evaluate("window.pwned") is None

    ben_context = await signed_in(browser, people.ben)
    ben = await ben_context.new_page()
    await ben.goto(f"{live_server.url}/discover/moments")
    await expect(ben.get_by_test_id("moment").first).to_be_visible()
    await expect(ben.get_by_text("只给自己看的日记")).to_have_count(0)

    # "Share with" Cat only: the picker's contact list, and Ben still sees nothing new.
    await ann.goto(f"{live_server.url}/discover/moments/new")
    await ann.get_by_test_id("composer-text").fill("For Cat")
    await ann.get_by_test_id("composer-audience").click()
    await ann.get_by_test_id("audience-include").click()
    await expect(ann.get_by_test_id("audience-done")).to_be_disabled()
    await ann.get_by_test_id("audience-people").click()
    await ann.locator(f'[data-testid="picker-item"][data-account-id="{people.cat.id}"]').click()
    await ann.get_by_test_id("picker-done").click()
    await expect(ann.get_by_test_id("audience-people-chosen")).to_have_text("Cat Moments")
    await ann.get_by_test_id("audience-done").click()
    await ann.get_by_test_id("composer-post").click()
    await expect(ann.get_by_test_id("moment").filter(has_text="For Cat")).to_be_visible()
    await ben.reload()
    await expect(ben.get_by_test_id("moment").first).to_be_visible()
    await expect(ben.get_by_text("For Cat")).to_have_count(0)
    for context in (ann_context, ben_context):
        await context.close()


async def test_a_status_on_the_card_and_in_the_chat_and_the_privacy_switches(
    browser: Browser, live_server: LiveServer, artifacts: Path, people: People
) -> None:
    ben_context = await signed_in(browser, people.ben)
    ben = await ben_context.new_page()
    await ben.goto(f"{live_server.url}/me")
    await ben.get_by_test_id("status-cell").click()
    await ben.get_by_test_id("status-emoji").filter(has_text="☕").click()
    await ben.get_by_test_id("status-text").fill("Coffee break")
    await ben.get_by_test_id("status-save").click()
    await expect(ben.get_by_test_id("my-status")).to_have_text("☕Coffee break")
    await shoot(ben, artifacts, "me-status")

    ann_context = await signed_in(browser, people.ann)
    ann = await ann_context.new_page()
    await ann.goto(f"{live_server.url}/contacts/{people.ben.id}")
    await expect(ann.get_by_test_id("person-status")).to_have_text("☕Coffee break")
    await shoot(ann, artifacts, "person-card")
    await ann.get_by_test_id("person-moments-settings").click()
    hide_theirs = ann.get_by_test_id("moments-hide-theirs")
    await expect(hide_theirs).to_have_attribute("aria-checked", "false")
    await hide_theirs.click()
    await expect(hide_theirs).to_have_attribute("aria-checked", "true")
    await ann.reload()
    await expect(ann.get_by_test_id("moments-hide-theirs")).to_have_attribute(
        "aria-checked", "true"
    )
    await ann.get_by_test_id("nav-back").click()
    await ann.get_by_test_id("person-message").click()
    await expect(ann.get_by_test_id("chat-peer-status")).to_have_text("☕Coffee break")
    await expect(ann.get_by_test_id("composer-input")).to_be_visible()
    await shoot(ann, artifacts, "chat-status")

    # My own privacy: friends see the last 3 days; kept after a reload.
    await ann.goto(f"{live_server.url}/discover/moments")
    await ann.get_by_test_id("moments-menu").click()
    await ann.get_by_test_id("moments-menu-settings").click()
    await ann.get_by_test_id("moments-window-3d").click()
    await ann.get_by_test_id("moments-strangers").click()
    await ann.reload()
    await expect(ann.get_by_test_id("moments-window-3d").locator(".cell__check")).to_have_count(1)
    await expect(ann.get_by_test_id("moments-strangers")).to_have_attribute("aria-checked", "false")
    await shoot(ann, artifacts, "settings")

    await ben.get_by_test_id("status-cell").click()
    await ben.get_by_test_id("status-clear").click()
    await expect(ben.get_by_test_id("status-cell")).to_contain_text("Set status")
    for context in (ann_context, ben_context):
        await context.close()
