"""Image intake: accept PNG, JPEG and WebP only, refuse decompression bombs,
re-encode (which drops EXIF and anything hidden after the pixels) and make
square thumbnails."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from plaza.media.errors import ImageTooManyPixels, ImageUnsupported

ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
MAX_PIXELS = 40_000_000  # a 40 MP photo is already larger than any phone camera's default
ORIGINAL_MAX_SIDE = 2048
WEBP_QUALITY = 85


@dataclass(frozen=True, slots=True)
class Rendition:
    name: str
    data: bytes
    width: int
    height: int


def _encode(image: Image.Image, name: str) -> Rendition:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    return Rendition(name=name, data=buffer.getvalue(), width=image.width, height=image.height)


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ImageUnsupported(field="file")
            if image.width * image.height > MAX_PIXELS:
                raise ImageTooManyPixels(
                    f"At most {MAX_PIXELS // 1_000_000} megapixels are accepted.", field="file"
                )
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageTooManyPixels(field="file") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageUnsupported(field="file") from exc
    return image


def _upright(data: bytes) -> Image.Image:
    image = ImageOps.exif_transpose(_open(data))
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _original(image: Image.Image) -> Rendition:
    original = image.copy()
    original.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), Image.Resampling.LANCZOS)
    return _encode(original, "original")


def square_renditions(data: bytes, thumbnails: dict[str, int]) -> list[Rendition]:
    """The upload re-encoded as ``original`` plus one square thumbnail per named size
    (avatars). CPU-bound: call it in a worker thread."""
    image = _upright(data)
    renditions = [_original(image)]
    for name, side in thumbnails.items():
        thumb = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
        renditions.append(_encode(thumb, name))
    return renditions


def fitted_renditions(data: bytes, *, thumbnail_side: int) -> list[Rendition]:
    """The upload re-encoded as ``original`` and a ``thumbnail`` that fits in a square of
    ``thumbnail_side``, both keeping the picture's proportions (chat images).
    CPU-bound: call it in a worker thread."""
    image = _upright(data)
    original = _original(image)
    image.thumbnail((thumbnail_side, thumbnail_side), Image.Resampling.LANCZOS)
    return [original, _encode(image, "thumbnail")]
