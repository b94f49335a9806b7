from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from plaza.identity.schemas import Text
from plaza.kit.schemas import Id, Schema

NAME_MIN = 2
NAME_MAX = 30
DESCRIPTION_MAX = 200
DOCUMENTS_MAX = 5  # a licence and a few supporting papers
REJECT_REASON_MAX = 200
SEARCH_QUERY_MAX = 30
TITLE_MAX = 64
DIGEST_MAX = 120
MARKDOWN_MAX = 20_000
ARTICLES_PER_BROADCAST = 8  # as WeChat: one main article and up to seven more
MENU_NAME_MAX = 16

AccountTypeName = Literal["subscription", "service"]
AccountStatusName = Literal["pending", "verified", "rejected"]
MenuKind = Literal["link", "miniapp", "keyword", "submenu"]


class MenuSubItem(Schema):
    """A menu entry: opens a link, opens a mini-program page, or sends a keyword."""

    # Read back as written: one schema for the menu sent and the menu shown.
    model_config = Schema.model_config | ConfigDict(json_schema_mode_override="validation")

    name: Annotated[Text, StringConstraints(min_length=1, max_length=MENU_NAME_MAX)]
    kind: MenuKind = Field(description="link, miniapp or keyword (submenu only at the top).")
    url: str | None = Field(None, description="For kind=link: an https:// URL.")
    app_id: str | None = Field(None, description="For kind=miniapp: a released mini-program.")
    path: str | None = Field(None, description="For kind=miniapp: the page to open.")
    keyword: str | None = Field(
        None, description="For kind=keyword: sent as the follower's message."
    )


class MenuItem(MenuSubItem):
    sub_items: list[MenuSubItem] | None = Field(None, description="For kind=submenu.")


class OfficialAccount(Schema):
    id: Id
    name: str
    type: AccountTypeName
    description: str
    avatar_url: str | None
    status: AccountStatusName
    follower_count: int
    following: bool = Field(description="Whether the caller follows it.")
    menu: list[MenuItem]


class Application(OfficialAccount):
    """An account as its operator and the reviewing admins see it."""

    document_ids: list[Id] = Field(description="The uploads the admins review.")
    reject_reason: str | None
    created_at: datetime
    reviewed_at: datetime | None


class ApplicationCreate(Schema):
    name: Annotated[Text, StringConstraints(min_length=NAME_MIN, max_length=NAME_MAX)] = Field(
        description="Unique on the platform, whatever the case."
    )
    type: AccountTypeName = Field(
        description="subscription: 1 broadcast a day, into the Subscriptions folder; "
        "service: 4 a month, into the chat list."
    )
    description: Annotated[Text, StringConstraints(max_length=DESCRIPTION_MAX)] = ""
    avatar_id: Id | None = Field(None, description="An image upload of the caller's.")
    document_ids: list[Id] = Field(
        min_length=1,
        max_length=DOCUMENTS_MAX,
        description="1 to 5 uploads of the caller's (licence etc.) for the admins to review.",
    )


class ApplicationDocument(Schema):
    """A document an account applied with (a business licence, an ID)."""

    id: Id
    name: str
    content_type: str
    url: str = Field(description="Where to open it.")


class Rejection(Schema):
    reason: Annotated[Text, StringConstraints(min_length=1, max_length=REJECT_REASON_MAX)] = Field(
        description="Shown to the operator."
    )


class ArticleCreate(Schema):
    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
    digest: Annotated[Text, StringConstraints(max_length=DIGEST_MAX)] = Field(
        "", description="The summary on cards."
    )
    cover_id: Id | None = Field(None, description="An image upload of the caller's.")
    markdown: Annotated[str, StringConstraints(min_length=1, max_length=MARKDOWN_MAX)] = Field(
        description="The body in Markdown; HTML that could run script is refused."
    )


class ArticleUpdate(Schema):
    """Only the fields given change; ``cover_id: null`` removes the cover."""

    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)] | None = None
    digest: Annotated[Text, StringConstraints(max_length=DIGEST_MAX)] | None = None
    cover_id: Id | None = None
    markdown: Annotated[str, StringConstraints(min_length=1, max_length=MARKDOWN_MAX)] | None = None


class ArticleCard(Schema):
    id: Id
    title: str
    digest: str
    cover_url: str | None
    account_id: Id
    account_name: str
    published_at: datetime | None = Field(description="Null for a draft.")


class Article(Schema):
    id: Id
    account: OfficialAccount
    title: str
    digest: str
    cover_url: str | None
    html: str = Field(description="The body, rendered from Markdown and sanitised.")
    published_at: datetime | None = Field(description="Null for a draft.")
    like_count: int
    liked_by_me: bool


class Draft(Article):
    """A draft as its operator edits it."""

    markdown: str
    cover_id: Id | None
    updated_at: datetime


def check_distinct(value: list[int]) -> list[int]:
    if len(set(value)) != len(value):
        raise PydanticCustomError("request.invalid", "Each article goes in once")
    return value


class BroadcastCreate(Schema):
    article_ids: Annotated[list[Id], AfterValidator(check_distinct)] = Field(
        min_length=1, description="1 to 8 drafts, in the order they are shown."
    )


class BroadcastQuota(Schema):
    quota: int = Field(description="Broadcasts a period: 1 a UTC day, or 4 a calendar month.")
    sent: int = Field(description="Broadcasts sent in the current period.")
    left: int
    resets_at: datetime = Field(description="When the next period starts.")


class Broadcast(Schema):
    id: Id
    account: OfficialAccount
    articles: list[ArticleCard]
    sent_at: datetime


class FolderEntry(Schema):
    broadcast_id: Id
    account: OfficialAccount
    articles: list[ArticleCard]
    sent_at: datetime


class LatestInFolder(Schema):
    account_name: str
    title: str
    sent_at: datetime


class FolderSummary(Schema):
    unread: int = Field(description="Broadcasts since the folder was last read.")
    latest: LatestInFolder | None


class ArticleShare(Schema):
    conversation_id: Id
    client_msg_id: str = Field(description="As for any message: a retry returns the first send.")
