"""Uploads for messages: streamed, capped per kind, converted, and sendable only by their owner."""

from __future__ import annotations

import io
import math
import os
import struct
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import func, select

from plaza.media.models import Upload
from tests.chat.helpers import history, new_client_msg_id, open_direct
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem

MB = 1024 * 1024


def wav(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = (
            int(8000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(int(seconds * rate))
        )
        out.writeframes(b"".join(struct.pack("<h", frame) for frame in frames))
    return buffer.getvalue()


async def upload(
    client: httpx.AsyncClient,
    who: Person,
    kind: str,
    body: bytes | AsyncIterator[bytes],
    name: str = "x",
) -> httpx.Response:
    return await client.post(
        f"/v1/media/uploads?kind={kind}&name={name}",
        headers=who.auth | {"content-type": "application/octet-stream"},
        content=body,
    )


async def uploads_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Upload)) or 0)


async def test_image_message(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 80, 40)).save(picture, format="JPEG")
    uploaded = await upload(client, alice, "image", picture.getvalue(), "beach.jpg")
    assert uploaded.status_code == 201, uploaded.text
    image = uploaded.json()
    assert (image["kind"], image["content_type"], image["width"], image["height"]) == (
        "image",
        "image/webp",
        1600,
        900,
    )
    with Image.open(io.BytesIO((await client.get(image["thumbnail_url"])).content)) as thumbnail:
        assert thumbnail.size == (360, 203)  # 900 / 1600 * 360, rounded

    chat = await open_direct(client, alice, bob)
    sent = await client.post(
        f"/v1/conversations/{chat}/messages",
        headers=alice.auth,
        json={"client_msg_id": new_client_msg_id(), "kind": "image", "upload_id": image["id"]},
    )
    assert sent.status_code == 201, sent.text
    content = (await history(client, bob, chat))[0]["content"]
    assert content == {
        "upload_id": image["id"],
        "url": image["url"],
        "thumbnail_url": image["thumbnail_url"],
        "width": 1600,
        "height": 900,
    }


async def test_file_is_streamed_and_kept_byte_for_byte(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    data = os.urandom(3 * MB + 17)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(data), 64 * 1024):
            yield data[start : start + 64 * 1024]

    uploaded = await upload(client, alice, "file", chunks(), "Report Q3.PDF")
    assert uploaded.status_code == 201, uploaded.text
    file = uploaded.json()
    assert (file["name"], file["size"]) == ("Report Q3.PDF", len(data))
    assert file["url"].endswith("/file.pdf")
    assert (await client.get(file["url"])).content == data
    chat = await open_direct(client, alice, bob)
    sent = await client.post(
        f"/v1/conversations/{chat}/messages",
        headers=alice.auth,
        json={"client_msg_id": new_client_msg_id(), "kind": "file", "upload_id": file["id"]},
    )
    assert sent.json()["content"]["name"] == "Report Q3.PDF"


async def test_a_file_over_100_mb_is_refused_while_streaming(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, settings_media: Path
) -> None:
    chunk = b"\0" * MB

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(101):
            yield chunk

    response = await upload(client, alice, "file", chunks(), "huge.bin")
    assert_problem(response, 413, "media.file_too_large", "file")
    assert await uploads_count(app) == 0
    assert [p for p in settings_media.rglob("*") if p.is_file()] == []


async def test_voice_is_transcoded_and_measured(client: httpx.AsyncClient, alice: Person) -> None:
    uploaded = await upload(client, alice, "voice", wav(2.0), "note.wav")
    assert uploaded.status_code == 201, uploaded.text
    voice = uploaded.json()
    assert voice["content_type"] == "audio/mp4"
    assert 1900 <= voice["duration_ms"] <= 2200
    assert (await client.get(voice["url"])).content[4:8] == b"ftyp"  # an MP4 container


async def test_voice_over_60_seconds_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person
) -> None:
    response = await upload(client, alice, "voice", wav(61.5), "long.wav")
    assert_problem(response, 422, "media.voice_too_long", "file")
    assert await uploads_count(app) == 0


@pytest.mark.parametrize(
    ("kind", "code"), [("voice", "media.audio_unsupported"), ("image", "media.image_unsupported")]
)
async def test_garbage_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, kind: str, code: str
) -> None:
    response = await upload(client, alice, kind, b"this is not media at all" * 100)
    assert_problem(response, 415, code, "file")
    assert await uploads_count(app) == 0


async def test_unknown_upload_kind(client: httpx.AsyncClient, alice: Person) -> None:
    assert_problem(await upload(client, alice, "video", b"x"), 422, "request.invalid", "kind")


async def test_only_my_own_upload_of_the_right_kind_can_be_sent(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    mine = (await upload(client, bob, "file", b"bob's notes", "notes.txt")).json()
    chat = await open_direct(client, alice, bob)
    for who, kind in ((alice, "file"), (bob, "image")):
        response = await client.post(
            f"/v1/conversations/{chat}/messages",
            headers=who.auth,
            json={"client_msg_id": new_client_msg_id(), "kind": kind, "upload_id": mine["id"]},
        )
        assert_problem(response, 404, "media.not_found", "upload_id")
    assert await history(client, bob, chat) == []
    missing_part = await client.post(
        f"/v1/conversations/{chat}/messages",
        headers=bob.auth,
        json={"client_msg_id": new_client_msg_id(), "kind": "image"},
    )
    assert_problem(missing_part, 422, "request.invalid", None)
