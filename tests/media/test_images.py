"""Image intake: only real PNG/JPEG/WebP, re-encoded without metadata, bombs refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from plaza.media.errors import ImageTooManyPixels, ImageUnsupported
from plaza.media.images import square_renditions

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_exif(size: tuple[int, int], *, orientation: int) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "SecretCam"  # camera make
    exif.get_ifd(GPS_IFD)[2] = (52.0, 31.0, 0.0)  # latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def open_rendition(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_exif_is_dropped_and_orientation_applied() -> None:
    upload = jpeg_with_exif((400, 200), orientation=6)  # 6: rotate 90° to display
    assert b"SecretCam" in upload
    renditions = {r.name: r for r in square_renditions(upload, {"small": 64})}
    original = renditions["original"]
    assert b"SecretCam" not in original.data
    with open_rendition(original.data) as image:
        assert image.format == "WEBP"
        assert not image.getexif()
        assert image.size == (200, 400)  # upright, as the camera meant it
    assert (renditions["small"].width, renditions["small"].height) == (64, 64)


def test_large_originals_are_scaled_down() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 1000)).save(buffer, format="PNG")
    original = square_renditions(buffer.getvalue(), {})[0]
    assert (original.width, original.height) == (2048, 512)


def test_transparency_survives() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(buffer, format="PNG")
    with open_rendition(square_renditions(buffer.getvalue(), {})[0].data) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # type: ignore[index]


def test_trailing_data_is_not_carried_over() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG")
    smuggled = buffer.getvalue() + b"<?php system($_GET['x']); ?>"
    assert b"php" not in square_renditions(smuggled, {"small": 10})[0].data


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_formats_are_refused(fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format=fmt)
    with pytest.raises(ImageUnsupported):
        square_renditions(buffer.getvalue(), {})


def test_a_huge_canvas_is_refused_before_decoding() -> None:
    # 64 MP of one-bit pixels compresses to a few kB but would take 256 MB once decoded.
    buffer = io.BytesIO()
    Image.new("1", (8_000, 8_000)).save(buffer, format="PNG", optimize=True)
    with pytest.raises(ImageTooManyPixels):
        square_renditions(buffer.getvalue(), {})
