"""QR codes as PNG images, for any domain that hands out a scannable address (a person's
card, a shop's receive code)."""

from __future__ import annotations

import io

import qrcode
from qrcode.image.pil import PilImage

QR_BOX_PIXELS = 8  # each module, so that a phone camera reads it from a screen
QR_BORDER_MODULES = 4  # the quiet zone the QR standard asks for


def qr_png(text: str) -> bytes:
    """``text`` as a black-on-white QR code, medium error correction, as PNG bytes."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=QR_BOX_PIXELS,
        border=QR_BORDER_MODULES,
        image_factory=PilImage,
    )
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
