from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plaza.identity.schemas import Text
from plaza.kit.schemas import Schema

NAME_MAX = 30  # WeChat's mini-program names stop at 30 characters
DESCRIPTION_MAX = 200
DEVELOPER_NAME_MAX = 64
DOMAINS_MAX = 20  # WeChat allows 20 request domains
DOMAIN_MAX = 253  # the longest DNS name
TESTERS_MAX = 30
REASON_MAX = 200
VERSION_MAX = 32

Category = Literal[
    "business",
    "education",
    "entertainment",
    "finance",
    "food",
    "games",
    "health",
    "lifestyle",
    "news",
    "shopping",
    "social",
    "tools",
    "travel",
]
"""The directory's shelves; people browse mini-programs by these."""

AppName = Annotated[Text, StringConstraints(min_length=1, max_length=NAME_MAX)]
Description = Annotated[Text, StringConstraints(max_length=DESCRIPTION_MAX)]
Domains = Annotated[
    list[Annotated[str, StringConstraints(max_length=DOMAIN_MAX + len("https://"))]],
    Field(max_length=DOMAINS_MAX),
]
VersionName = Annotated[str, StringConstraints(min_length=1, max_length=VERSION_MAX)]
SHOWN_ONCE = "Shown this once: keep it on your server. Only a keyed hash is stored."
StatusName = Literal["development", "trial", "under_review", "released", "rejected"]


class DeveloperCreate(Schema):
    display_name: Annotated[
        Text, StringConstraints(min_length=1, max_length=DEVELOPER_NAME_MAX)
    ] = Field(description="The maker's name people see on your mini-programs.")


class DeveloperOut(Schema):
    display_name: str
    created_at: datetime


class MiniAppCreate(Schema):
    name: AppName = Field(description="Unique on the platform, regardless of letter case.")
    category: Category
    description: Description = ""
    server_domains: Domains = Field(
        default_factory=list,
        description="Host names the mini-program may call over https (api.example.com or "
        "https://api.example.com), up to 20; in development also a loopback host with a port, "
        "called over http (127.0.0.1:8010).",
    )


class MiniAppUpdate(Schema):
    name: AppName | None = None
    category: Category | None = None
    description: Description | None = None
    server_domains: Domains | None = Field(None, description="Replaces the list; absent to keep.")


class MiniAppOut(Schema):
    app_id: str = Field(description='"px" and 16 hex digits.', examples=["px3f9a0c4e5d6b7a81"])
    name: str
    category: Category
    description: str
    server_domains: list[str]
    live_version: str | None = Field(description="The released version people get, if any.")
    secret_rotated_at: datetime
    created_at: datetime
    updated_at: datetime


class AppSecret(Schema):
    app_id: str
    app_secret: str = Field(description=SHOWN_ONCE)
    rotated_at: datetime


class MiniAppCreated(MiniAppOut):
    app_secret: str = Field(description=SHOWN_ONCE)


class VersionOut(Schema):
    version: str
    status: StatusName
    live: bool = Field(description="True for the version people get.")
    size: int = Field(description="The package's size in bytes.")
    name: str = Field(description="The manifest's name.")
    icon: str
    pages: list[str]
    permissions: list[str]
    server_domains: list[str]
    reject_reason: str | None
    created_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None


class ReviewItem(Schema):
    app: MiniAppOut
    developer: str = Field(description="The developer's display name.")
    version: VersionOut


class RejectBody(Schema):
    reason: Annotated[Text, StringConstraints(min_length=1, max_length=REASON_MAX)] = Field(
        description="Shown to the developer."
    )


class RollbackBody(Schema):
    version: VersionName = Field(description="An earlier released version.")


class TestersUpdate(Schema):
    plaza_ids: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=20)]],
        Field(max_length=TESTERS_MAX),
    ] = Field(description="Replaces the testers: up to 30 Plaza IDs.")
