"""Shortcuts for tests of uploads and stored media."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Person
from tests.moments.helpers import png


async def upload_image(client: httpx.AsyncClient, who: Person) -> dict[str, Any]:
    """A new image upload of ``who``'s: its id, URLs and size."""
    response = await client.post(
        "/v1/media/uploads?kind=image&name=x.png",
        headers=who.auth | {"content-type": "application/octet-stream"},
        content=png(),
    )
    assert response.status_code == 201, response.text
    uploaded: dict[str, Any] = response.json()
    return uploaded


async def served(client: httpx.AsyncClient, *urls: str) -> list[bool]:
    """For each media URL, whether storage still serves it."""
    answers = [await client.get(url) for url in urls]
    assert all(a.status_code in (200, 404) for a in answers)
    return [a.status_code == 200 for a in answers]


def files_of(item: dict[str, Any]) -> tuple[str, str]:
    """An image's URL and its thumbnail's."""
    return item["url"], item["thumbnail_url"]
