"""The QR code that adds you: a PNG (``kit.qr``) of your profile's web address."""

from __future__ import annotations


def profile_url(base_url: str, plaza_id: str) -> str:
    """Where the web app shows someone's card: ``https://host/u/<plaza_id>``."""
    return f"{base_url.rstrip('/')}/u/{plaza_id}"
