from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from plaza.identity.schemas import Profile, Text
from plaza.kit.schemas import Id, Schema

GREETING_MAX = 50  # WeChat's friend-request greeting
REMARK_MAX = 32  # as long as a display name
TAG_MAX = 20
TAGS_PER_FRIEND_MAX = 20
SEARCH_QUERY_MAX = 64

Relation = Literal["self", "friend", "request_sent", "request_received", "none"]
RequestStatusName = Literal["pending", "accepted", "declined", "expired"]
Direction = Literal["incoming", "outgoing"]

Remark = Annotated[Text, StringConstraints(max_length=REMARK_MAX)]
Tag = Annotated[Text, StringConstraints(min_length=1, max_length=TAG_MAX)]


def _without_duplicates(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


Tags = Annotated[
    list[Tag], Field(max_length=TAGS_PER_FRIEND_MAX), AfterValidator(_without_duplicates)
]


class ContactCard(Profile):
    """Someone found by search, Plaza ID or QR code, as the caller sees them."""

    relation: Relation = Field(
        description="self, friend, request_sent or request_received (pending), or none."
    )
    remark: str | None = Field(description="Your remark for a friend; null for anyone else.")
    blocked: bool = Field(description="True when you blocked this person.")


class FriendRequestCreate(Schema):
    to: Id = Field(description="The account to ask.")
    greeting: Annotated[Text, StringConstraints(max_length=GREETING_MAX)] = Field(
        "", description="A short note shown with the request, such as 'I'm Alice from work'."
    )


class FriendRequest(Schema):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    id: Id
    from_: Profile = Field(alias="from", description="Who sent it.")
    to: Profile = Field(description="Who it was sent to.")
    direction: Direction = Field(description="incoming when you received it, else outgoing.")
    greeting: str
    status: RequestStatusName = Field(
        description="A sender sees a declined request as pending until it expires."
    )
    created_at: datetime = Field(description="When it was last sent.")
    expires_at: datetime = Field(description="10 days after it was last sent.")


class RequestAnswer(Schema):
    remark: Remark | None = Field(None, description="Your remark for the new friend.")


class Friend(Schema):
    account: Profile
    remark: str = Field(description="Your private name for this friend; empty when unset.")
    tags: list[str] = Field(description="Your tags for this friend.")
    since: datetime = Field(description="When you became friends.")


class FriendUpdate(Schema):
    remark: Remark | None = Field(None, description="Empty to clear; absent to keep.")
    tags: Tags | None = Field(
        None, description="Replaces the tags: up to 20, each 1-20 characters; absent to keep."
    )


class TagCount(Schema):
    name: str
    count: int = Field(description="How many of your friends carry this tag.")


class BlockCreate(Schema):
    account_id: Id = Field(description="The account to block.")


class Privacy(Schema):
    findable_by_phone: bool = Field(description="Whether others can find you by phone number.")


class PrivacyUpdate(Schema):
    findable_by_phone: bool | None = None
