"""Photos, files and voice notes in Chromium: Carol sends Dan a photo and a file from the
"+" panel and records a voice note by holding "Hold to Talk" (Chromium's fake microphone);
Dan sees the thumbnail, opens the viewer, downloads the file card, plays the voice note,
and forwards the photo."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageDraw
from playwright.async_api import Browser, Locator, Page, async_playwright, expect
from sqlalchemy import select

from plaza.contacts import service as contacts
from plaza.kit.clock import ManualClock, use_clock
from plaza.kit.db import Database
from plaza.media import service as media
from plaza.media.models import Upload
from plaza.media.storage import LocalMediaStorage
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP_VIEWPORT,
    PHONE_VIEWPORT,
    signed_in,
)
from tests.servers import LiveServer

# A microphone that plays a tone, and no permission prompt to answer.
FAKE_MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
PHOTO_SIZE = (640, 480)
FILE_NAME = "meeting notes.txt"
FILE_BYTES = 2_560  # shows as "2.5 KB"
HOLD_MS = 2_500
VOICE_DURATION = re.compile(r"^[23]″$")  # about 2.5 s, as the server measures it


@dataclass(frozen=True)
class Chat:
    sender: Person
    recipient: Person
    conversation_id: str


@pytest.fixture
async def media_browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *FAKE_MEDIA_ARGS], headless=True
        )
        yield launched
        await launched.close()


async def new_chat(live_server: LiveServer, sender: str, recipient: str, number: int) -> Chat:
    """Two friends (made so in the database), named ``sender`` and ``recipient``, and
    their 1:1 conversation; ``number`` tells their phone numbers from other pairs'."""
    database = Database(live_server.database_url)
    try:
        first = await create_person_in(
            database, sender, phone=f"+120255501{number}1", plaza_id=f"e2e_{number}_sender"
        )
        second = await create_person_in(
            database, recipient, phone=f"+120255501{number}2", plaza_id=f"e2e_{number}_recipient"
        )
        async with database.unit_of_work() as session:
            await contacts.make_friends(session, first.account_id, second.account_id)
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        response = await client.post(
            "/v1/conversations/direct",
            json={"peer_id": second.id},
            headers={"Authorization": f"Bearer {first.token}"},
        )
        response.raise_for_status()
    return Chat(sender=first, recipient=second, conversation_id=response.json()["id"])


@pytest.fixture(scope="session")
async def media_chat(live_server: LiveServer) -> Chat:
    return await new_chat(live_server, "Carol Media", "Dan Media", 9)


def make_photo(folder: Path) -> Path:
    path = folder / "sunset.png"
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (250, 160, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height // 2, width, height), fill=(30, 100, 160))
    draw.ellipse(
        (width // 2 - 60, height // 2 - 60, width // 2 + 60, height // 2 + 60), fill="gold"
    )
    image.save(path)
    return path


def make_file(folder: Path) -> Path:
    path = folder / FILE_NAME
    path.write_bytes(b"Agenda\n" + b"." * (FILE_BYTES - 7))
    return path


def sent(page: Page, kind: str) -> Locator:
    return page.locator(f'[data-testid="message-bubble"][data-kind="{kind}"]')


async def image_loaded(image: Locator) -> None:
    """Waits until the <img> has really decoded a picture."""
    handle = await image.element_handle()
    await image.page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=handle
    )


async def hold_to_talk(page: Page, milliseconds: int) -> None:
    await page.get_by_test_id("composer-voice").click()
    key = page.get_by_test_id("composer-hold")
    box = await key.bounding_box()
    assert box is not None
    await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    await page.mouse.down()
    await expect(page.get_by_test_id("voice-overlay")).to_be_visible()
    await page.wait_for_timeout(milliseconds)
    await expect(page.get_by_test_id("voice-elapsed")).to_have_text(re.compile(r"^[1-9]\d*″$"))
    await page.mouse.up()
    await expect(page.get_by_test_id("voice-overlay")).to_have_count(0)


async def test_photo_file_and_voice_messages(
    media_browser: Browser,
    live_server: LiveServer,
    artifacts: Path,
    media_chat: Chat,
    tmp_path: Path,
) -> None:
    carol, dan = media_chat.sender, media_chat.recipient
    chat_url = f"{live_server.url}/chats/{media_chat.conversation_id}"
    carol_context = await signed_in(media_browser, carol)
    dan_context = await signed_in(media_browser, dan)
    c = await carol_context.new_page()
    d = await dan_context.new_page()

    # Carol sends a photo and a file from the "+" panel, then holds to talk.
    await c.goto(chat_url)
    await c.get_by_test_id("composer-more").click()
    await expect(c.get_by_test_id("composer-photo")).to_be_visible()
    await c.get_by_test_id("composer-photo-input").set_input_files(make_photo(tmp_path))
    await expect(sent(c, "image")).to_have_count(1)
    await c.get_by_test_id("composer-more").click()
    await c.get_by_test_id("composer-file-input").set_input_files(make_file(tmp_path))
    await expect(sent(c, "file")).to_have_count(1)
    await hold_to_talk(c, HOLD_MS)
    await expect(sent(c, "voice")).to_have_count(1)
    await expect(c.get_by_test_id("message-outgoing")).to_have_count(0)
    await expect(sent(c, "voice").get_by_test_id("voice-duration")).to_have_text(VOICE_DURATION)

    # Dan's chat list says what came last.
    await d.goto(f"{live_server.url}/chats")
    item = d.locator(
        f'[data-testid="chat-list-item"][data-conversation-id="{media_chat.conversation_id}"]'
    )
    await expect(item).to_contain_text(re.compile(r"\[Voice\] [23]″"))
    await expect(item.get_by_test_id("chat-unread")).to_have_text("3")
    await item.click()

    # The photo's thumbnail loads, in the photo's shape.
    photo = sent(d, "image").get_by_test_id("message-image")
    await image_loaded(photo.locator("img"))
    box = await photo.bounding_box()
    assert box is not None
    assert box["width"] <= 200.5  # CSS px, give or take a sub-pixel
    assert abs(box["width"] / box["height"] - PHOTO_SIZE[0] / PHOTO_SIZE[1]) < 0.05

    # The file card has the name, the size, and downloads under the file's name.
    card = sent(d, "file").get_by_test_id("message-file")
    await expect(card.get_by_test_id("file-name")).to_have_text(FILE_NAME)
    await expect(card.get_by_test_id("file-size")).to_have_text("2.5 KB")
    assert await card.get_attribute("download") == FILE_NAME
    assert (await card.get_attribute("href") or "").startswith("/media/")

    # The voice note is unplayed until Dan plays it; then its audio has a length.
    voice = sent(d, "voice")
    await expect(voice.get_by_test_id("voice-duration")).to_have_text(VOICE_DURATION)
    await expect(voice.get_by_test_id("voice-unread")).to_be_visible()
    await d.screenshot(path=artifacts / "media-conversation.png")
    await d.set_viewport_size(DESKTOP_VIEWPORT)
    await d.screenshot(path=artifacts / "media-conversation-desktop.png")
    await d.set_viewport_size(PHONE_VIEWPORT)
    await voice.get_by_test_id("message-voice").click()
    await expect(voice.get_by_test_id("voice-unread")).to_have_count(0)
    audio = await voice.get_by_test_id("voice-audio").element_handle()
    await d.wait_for_function("audio => audio.duration > 0", arg=audio)
    await expect(voice.get_by_test_id("message-voice")).to_have_attribute("data-playing", "false")

    # The viewer shows the original; Escape closes it.
    await photo.click()
    viewer = d.get_by_test_id("image-viewer")
    await image_loaded(viewer.get_by_test_id("image-viewer-image"))
    save = viewer.get_by_test_id("image-viewer-save")
    assert (await save.get_attribute("href") or "").startswith("/media/")
    assert await save.get_attribute("download")
    await d.screenshot(path=artifacts / "media-image-viewer.png", animations="disabled")
    await d.keyboard.press("Escape")
    await expect(viewer).to_have_count(0)
    await photo.click()
    await viewer.get_by_test_id("image-viewer-close").click()
    await expect(viewer).to_have_count(0)

    # Dan forwards the photo back into the chat: a copy of his own arrives, and loads.
    await photo.click(button="right")
    await d.get_by_test_id("action-forward").click()
    await d.locator(
        f'[data-testid="forward-item"][data-conversation-id="{media_chat.conversation_id}"]'
    ).click()
    await d.get_by_test_id("forward-send").click()
    await expect(sent(d, "image")).to_have_count(2)
    await image_loaded(sent(d, "image").last.get_by_test_id("message-image").locator("img"))
    await expect(sent(c, "image")).to_have_count(2)

    await carol_context.close()
    await dan_context.close()


async def test_a_photo_whose_upload_was_swept_is_uploaded_again_on_retry(
    media_browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    """A send fails after the upload went through; a day later the unused-upload sweep has
    deleted the upload, and a tap on the red "!" uploads the photo again and sends it."""
    chat = await new_chat(live_server, "Erin Retry", "Finn Retry", 7)
    context = await signed_in(media_browser, chat.sender)
    page = await context.new_page()
    await page.goto(f"{live_server.url}/chats/{chat.conversation_id}")
    await page.route("**/messages", lambda route: route.abort())  # the network drops the send
    await page.get_by_test_id("composer-more").click()
    await page.get_by_test_id("composer-photo-input").set_input_files(make_photo(tmp_path))
    await expect(page.get_by_test_id("message-retry")).to_be_visible()
    await page.unroute("**/messages")
    first_upload = await uploads_of(live_server, chat.sender)
    assert len(first_upload) == 1

    swept = await sweep_unused_uploads(live_server, later=timedelta(days=1, seconds=1))
    assert first_upload <= swept
    await page.get_by_test_id("message-retry").click()

    await expect(sent(page, "image")).to_have_count(1)
    await expect(page.get_by_test_id("message-outgoing")).to_have_count(0)
    await image_loaded(sent(page, "image").get_by_test_id("message-image").locator("img"))
    second_upload = await uploads_of(live_server, chat.sender)
    assert len(second_upload) == 1
    assert not second_upload & first_upload
    await context.close()


async def uploads_of(live_server: LiveServer, person: Person) -> set[int]:
    database = Database(live_server.database_url)
    try:
        async with database.sessionmaker() as session:
            found = await session.scalars(
                select(Upload.id).where(Upload.owner_id == person.account_id)
            )
            return set(found.all())
    finally:
        await database.dispose()


async def sweep_unused_uploads(live_server: LiveServer, *, later: timedelta) -> set[int]:
    """Runs the server's unused-upload sweep as it will run ``later`` from now, on the live
    server's database and media folder; the ids of the uploads it deleted."""
    database = Database(live_server.database_url)
    storage = LocalMediaStorage(live_server.log.parent / "media")  # PLAZA_MEDIA_DIR, above
    try:
        with use_clock(ManualClock(datetime.now(UTC) + later)):
            async with database.unit_of_work() as session:
                unused = await session.scalars(select(Upload.id).where(Upload.used_at.is_(None)))
                before = set(unused.all())
                await media.drop_unused_uploads(session, storage, limit=len(before) + 1)
        return before - await all_upload_ids(database)
    finally:
        await database.dispose()


async def all_upload_ids(database: Database) -> set[int]:
    async with database.sessionmaker() as session:
        return set((await session.scalars(select(Upload.id))).all())
