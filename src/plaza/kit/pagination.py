"""Cursor pagination: stable pages over id-ordered results.

A cursor is opaque to clients: base64url of the last id of the previous page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from plaza.kit.errors import RequestInvalid
from plaza.kit.ids import MAX_ID

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


T = TypeVar("T")
M = TypeVar("M")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class PageRequest(BaseModel):
    after_id: int | None
    limit: int


class CursorInvalid(RequestInvalid):
    code = "pagination.cursor_invalid"
    title = "The cursor is not valid"


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(str(last_id).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor holds; a cursor not made by ``encode_cursor`` (garbage, or an id no
    BIGINT column can hold) is refused before it reaches a query."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        last_id = int(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise CursorInvalid(field="cursor") from exc
    if not 1 <= last_id <= MAX_ID:
        raise CursorInvalid(field="cursor")
    return last_id


async def page_request(
    cursor: Annotated[
        str | None, Query(description="From the previous page's next_cursor.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
) -> PageRequest:
    return PageRequest(after_id=decode_cursor(cursor) if cursor else None, limit=limit)


def cut_page(
    rows: Sequence[M], request: PageRequest, *, key: Callable[[M], int]
) -> tuple[list[M], str | None]:
    """Split ``limit + 1`` fetched rows into one page and the cursor for the next."""
    items = list(rows[: request.limit])
    has_more = len(rows) > request.limit
    return items, encode_cursor(key(items[-1])) if has_more and items else None
