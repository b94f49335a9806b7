"""The QR code that adds you: a PNG of the address of your card in the web app."""

from __future__ import annotations

import io

import httpx
import qrcode
from PIL import Image
from qrcode.image.pil import PilImage

from plaza.contacts.qr import profile_url
from plaza.kit.qr import qr_png
from tests.conftest import Person


def pixels(png: bytes) -> tuple[tuple[int, int], bytes]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        grey = image.convert("L")
        return grey.size, grey.tobytes()


def reference_png(text: str) -> bytes:
    """The same data drawn independently of ``qr_png``: 8 px modules, 4-module border."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=8,
        border=4,
        image_factory=PilImage,
    )
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


def test_profile_url() -> None:
    assert profile_url("https://plaza.example/", "alice_chen") == (
        "https://plaza.example/u/alice_chen"
    )
    assert profile_url("http://127.0.0.1:8000", "a-b_c1") == "http://127.0.0.1:8000/u/a-b_c1"


async def test_my_qr_code_encodes_my_card_address(client: httpx.AsyncClient, alice: Person) -> None:
    response = await client.get("/v1/contacts/qr", headers=alice.auth)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"] == "no-cache"
    size, data = pixels(response.content)
    width, height = size
    assert width == height
    assert 200 <= width <= 600
    assert (width // 8 - 8) % 4 == 1  # 17 + 4 × version modules, plus the border
    assert set(data) == {0, 255}  # black on white
    assert data[0] == 255  # the quiet border is white
    expected = pixels(reference_png("http://plaza.test/u/alice_chen"))
    assert (size, data) == expected
    assert (size, data) != pixels(reference_png("http://plaza.test/u/bob_okafor"))


async def test_the_code_follows_the_host_and_the_plaza_id(
    client: httpx.AsyncClient, alice: Person
) -> None:
    await client.patch("/v1/me", headers=alice.auth, json={"plaza_id": "alice_new"})
    response = await client.get("https://chat.example.org/v1/contacts/qr", headers=alice.auth)
    assert pixels(response.content) == pixels(reference_png("https://chat.example.org/u/alice_new"))


def test_qr_png_matches_the_reference() -> None:
    text = "https://plaza.example/u/someone_long_name_20"
    assert pixels(qr_png(text)) == pixels(reference_png(text))
