"""Moments' request and response bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plaza.contacts.schemas import Tag
from plaza.identity.schemas import Text
from plaza.kit.schemas import Id, Schema

PHOTOS_PER_POST = 9  # WeChat's nine-photo grid
TEXT_MAX = 2000
COMMENT_MAX = 500
STATUS_TEXT_MAX = 60
STATUS_EMOJI_MAX = 8  # one emoji can be several code points (flags, skin tones, ZWJ)
CLIENT_ID_MAX = 64
LOCATION_NAME_MAX = 64
LINK_TITLE_MAX = 120
LINK_URL_MAX = 2000
AUDIENCE_PEOPLE_MAX = 500  # as many as a big friend list
AUDIENCE_TAGS_MAX = 20

AudienceKind = Literal["friends", "private", "include", "exclude"]
FriendsSee = Literal["3d", "6m", "all"]
NotificationKind = Literal["like", "comment", "reply"]

ClientId = Annotated[str, StringConstraints(min_length=1, max_length=CLIENT_ID_MAX)]


class AccountRef(Schema):
    """Someone as the viewer knows them."""

    id: Id
    display_name: str = Field(description="Your remark for them if you set one, else their name.")
    avatar_url: str | None = Field(description="A small square avatar; null when they have none.")
    plaza_id: str = Field(description="Empty for a deleted account.")


class PostLocation(Schema):
    name: Annotated[Text, StringConstraints(min_length=1, max_length=LOCATION_NAME_MAX)]
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)


class PostLink(Schema):
    url: Annotated[str, StringConstraints(min_length=1, max_length=LINK_URL_MAX)] = Field(
        description="https://... or a Plaza page path such as /official/articles/123."
    )
    title: Annotated[Text, StringConstraints(min_length=1, max_length=LINK_TITLE_MAX)]
    cover_url: Annotated[str, StringConstraints(max_length=LINK_URL_MAX)] | None = None


class PostAudience(Schema):
    kind: AudienceKind = Field(
        description="friends: all friends; private: only you; include: only the chosen tags "
        "and people; exclude: all friends but them."
    )
    tags: list[Tag] = Field(default_factory=list, max_length=AUDIENCE_TAGS_MAX)
    people: list[Id] = Field(default_factory=list, max_length=AUDIENCE_PEOPLE_MAX)


class PostCreate(Schema):
    client_id: ClientId = Field(description="Your key for this post: a retry returns the first.")
    text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX)] = ""
    photo_ids: list[Id] = Field(
        default_factory=list, description="Your image uploads, at most 9, in order."
    )
    location: PostLocation | None = None
    link: PostLink | None = None
    audience: PostAudience = Field(default_factory=lambda: PostAudience(kind="friends"))


class PostPhoto(Schema):
    upload_id: Id
    url: str
    thumbnail_url: str
    width: int
    height: int


class PostComment(Schema):
    id: Id
    author: AccountRef
    reply_to: AccountRef | None = Field(description="Whose comment this one answers.")
    text: str
    created_at: datetime
    can_delete: bool = Field(description="True for its author and for the poster.")


class Post(Schema):
    id: Id
    author: AccountRef
    text: str
    photos: list[PostPhoto]
    location: PostLocation | None
    link: PostLink | None
    audience: PostAudience | None = Field(description="Shown to the author only.")
    created_at: datetime
    likes: list[AccountRef] = Field(description="Only the likes you may see, oldest first.")
    liked_by_me: bool
    comments: list[PostComment] = Field(description="Only the comments you may see, oldest first.")
    can_delete: bool


class PostCommentCreate(Schema):
    client_id: ClientId = Field(description="Your key for this comment: a retry adds nothing.")
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=COMMENT_MAX)
    ]
    reply_to: Id | None = Field(None, description="The comment this one answers.")


class MomentSettings(Schema):
    friends_see: FriendsSee = Field(description="How far back friends may look at your posts.")
    strangers_see_ten: bool = Field(description="Whether non-friends see your latest 10 posts.")


class MomentSettingsUpdate(Schema):
    friends_see: FriendsSee | None = None
    strangers_see_ten: bool | None = None


class PersonChoices(Schema):
    hide_their_posts: bool = Field(description="Keep their posts out of your timeline.")
    hide_my_posts: bool = Field(description="Don't let them see your posts.")


class PersonChoicesUpdate(Schema):
    hide_their_posts: bool | None = None
    hide_my_posts: bool | None = None


class MomentNotification(Schema):
    id: Id
    kind: NotificationKind
    actor: AccountRef
    post_id: Id
    post_thumbnail_url: str | None
    post_excerpt: str
    comment_text: str | None
    created_at: datetime
    read: bool


class MomentBadge(Schema):
    unread_notifications: int
    latest_actor: AccountRef | None = Field(description="Who caused the latest unread one.")
    new_posts_from: AccountRef | None = Field(
        description="The latest friend with a post newer than your last look at the timeline."
    )


class MomentStatusUpdate(Schema):
    text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=STATUS_TEXT_MAX)] = ""
    emoji: Annotated[str, StringConstraints(strip_whitespace=True, max_length=STATUS_EMOJI_MAX)] = (
        ""
    )
    photo_id: Id | None = Field(None, description="One of your image uploads.")


class MomentStatusPhoto(Schema):
    upload_id: Id = Field(description="Send it back as photo_id to keep the photo.")
    url: str
    thumbnail_url: str


class MomentStatus(Schema):
    account_id: Id
    text: str
    emoji: str
    photo: MomentStatusPhoto | None
    created_at: datetime
    expires_at: datetime = Field(description="24 hours after it was set.")
