from __future__ import annotations

from datetime import date

from pydantic import Field

from plaza.kit.schemas import Schema
from plaza.miniapps.schemas import Category
from plaza.open_api.models import Scope

STORAGE_KEY_MAX = 128  # characters
STORAGE_VALUE_MAX_BYTES = 4096  # 4 KB in UTF-8, the bound for one value
STORAGE_KEYS_MAX = 1024  # keys per mini-program and person


class DirectoryEntry(Schema):
    app_id: str = Field(examples=["px3f9a0c4e5d6b7a81"])
    name: str
    category: Category
    description: str
    developer: str = Field(description="The developer's display name.")
    live_version: str = Field(
        description="The version the URL serves: the released one, or for the app's testers "
        "its version on trial."
    )
    origin: str = Field(
        description="The mini-program's own origin: the iframe's and postMessage's target.",
        examples=["http://px3f9a0c4e5d6b7a81.apps.localhost:8000"],
    )
    url: str = Field(description="Where it opens: its first page.")
    icon_url: str
    trial: bool = Field(
        description="True when this is a version on trial, given only to the app's testers, "
        "at an origin of its own that serves it only while it is on trial."
    )


class DirectoryPage(Schema):
    items: list[DirectoryEntry]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class CategoryCount(Schema):
    category: Category
    count: int = Field(description="Released mini-programs in the category.")


class DayOpens(Schema):
    day: date = Field(description="A day in the deployment's time zone (PLAZA_WALLET_TIMEZONE).")
    opens: int = Field(description="How many times the mini-program was opened that day.")
    people: int = Field(description="How many people opened it that day, each counted once.")


class StorageValue(Schema):
    value: str = Field(
        description="Up to 4,096 bytes in UTF-8 (else 422 `storage.value_too_large`): a "
        "string, as the mini-program serialised it."
    )


class StorageEntry(Schema):
    key: str
    value: str


class StorageKeys(Schema):
    keys: list[str] = Field(description="Every key stored for the caller, in code point order.")


class MiniAppGrants(Schema):
    app_id: str
    name: str
    icon_url: str | None = Field(description="Null while the mini-program has no released version.")
    scopes: list[Scope] = Field(description="What the caller granted it, by name.")


class MiniAppLink(Schema):
    url: str = Field(
        description="Opens the mini-program in Plaza at the page, with the scene.",
        examples=["https://plaza.example.org/mp/px3f9a0c4e5d6b7a81?path=/pages/menu&scene=table12"],
    )
    qr_svg: str = Field(description="The URL as a QR code: an SVG document.")
