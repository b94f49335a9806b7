from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from plaza.identity.schemas import Profile
from plaza.kit.schemas import Id, Schema

TEXT_MAX = 5000
MENTIONS_MAX = 50
CLIENT_MSG_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
GROUP_NAME_MAX = 64
ANNOUNCEMENT_MAX = 2000
LABEL_MAX = 200
MEDIA_KINDS = ("image", "file", "voice")
SENDABLE_KINDS = ("text", *MEDIA_KINDS, "location", "card", "miniapp", "article")
MINIAPP_PATH_MAX = 256
MINIAPP_TITLE_MAX = 64
Role = Literal["owner", "admin", "member"]
ConversationKind = Literal["direct", "group", "service", "official", "subscribed"]


def check_kind(value: str) -> str:
    if value not in SENDABLE_KINDS:
        raise PydanticCustomError(
            "chat.unknown_kind",
            "kind must be one of: {kinds}",
            {"kinds": ", ".join(SENDABLE_KINDS)},
        )
    return value


def check_text(value: str) -> str:
    if len(value) > TEXT_MAX:
        raise PydanticCustomError(
            "chat.text_too_long", "A message has at most {max} characters", {"max": TEXT_MAX}
        )
    if not value.strip():
        raise PydanticCustomError("request.invalid", "A text message cannot be empty")
    return value


def check_client_msg_id(value: str) -> str:
    if not CLIENT_MSG_ID_PATTERN.match(value):
        raise PydanticCustomError(
            "request.invalid", "client_msg_id has 1-64 letters, digits or . _ : -"
        )
    return value


class Location(Schema):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    label: Annotated[str, StringConstraints(max_length=LABEL_MAX)] = ""


class Card(Schema):
    account_id: Id = Field(description="The person whose contact card this is.")


class MiniAppCard(Schema):
    """A page of a mini-program, shared from its capsule menu or ``plaza.shareToChat``;
    tapping the card opens the mini-program at that page."""

    app_id: str = Field(pattern=r"^px[0-9a-f]{16}$", examples=["px3f9a0c4e5d6b7a81"])
    path: str = Field(
        "/",
        pattern=r"^/[^\s]*$",
        max_length=MINIAPP_PATH_MAX,
        description="The page, with its query.",
    )
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        max_length=MINIAPP_TITLE_MAX
    )


class SharedArticle(Schema):
    """A published official-account article; the message carries its title, digest, cover
    and account name, and tapping it opens the reader."""

    article_id: Id


class MessageSend(Schema):
    client_msg_id: Annotated[str, AfterValidator(check_client_msg_id)] = Field(
        description="Chosen by the client, unique per conversation: a retry returns the first send."
    )
    kind: Annotated[str, AfterValidator(check_kind)] = Field(
        description="text, image, file, voice, location, card, miniapp or article."
    )
    text: Annotated[str, AfterValidator(check_text)] | None = Field(
        None, description="For kind=text: up to 5,000 characters."
    )
    upload_id: Id | None = Field(
        None, description="For image, file and voice: the id from POST /v1/media/uploads."
    )
    location: Location | None = None
    card: Card | None = None
    miniapp: MiniAppCard | None = Field(
        None, description="For kind=miniapp: a page of a mini-program the sender can open."
    )
    article: SharedArticle | None = Field(
        None, description="For kind=article: a published official-account article."
    )
    reply_to: Id | None = Field(None, description="The id of the message this one quotes.")
    mentions: list[Id] = Field(default_factory=list, max_length=MENTIONS_MAX)
    mention_all: bool = Field(False, description="@all: group owner and admins only.")

    @model_validator(mode="after")
    def _check_body_matches_kind(self) -> Self:
        parts = {
            "text": self.text,
            "upload_id": self.upload_id,
            "location": self.location,
            "card": self.card,
            "miniapp": self.miniapp,
            "article": self.article,
        }
        needed = "upload_id" if self.kind in MEDIA_KINDS else self.kind
        if parts[needed] is None:
            raise PydanticCustomError(
                "request.invalid",
                "A {kind} message needs `{part}`",
                {"kind": self.kind, "part": needed},
            )
        extra = [name for name, part in parts.items() if part is not None and name != needed]
        if extra:
            raise PydanticCustomError(
                "request.invalid", "Unexpected `{name}` for this kind", {"name": extra[0]}
            )
        return self

    def inline_content(self) -> dict[str, Any]:
        """The content of a text, location, card, mini-program or article message as sent
        (media content comes from the upload; a mini-program card gains its app's name, an
        article its title, digest, cover and account)."""
        if self.kind == "text":
            return {"text": self.text}
        parts: dict[str, Schema | None] = {
            "location": self.location,
            "card": self.card,
            "miniapp": self.miniapp,
            "article": self.article,
        }
        part = parts[self.kind]
        assert part is not None
        return part.model_dump(mode="json")


class Forward(Schema):
    message_ids: list[Id] = Field(min_length=1, max_length=30)
    conversation_ids: list[Id] = Field(min_length=1, max_length=9)
    client_msg_id: Annotated[str, AfterValidator(check_client_msg_id)] = Field(
        description="Prefix of the forwarded copies' client_msg_id; makes a retry safe."
    )


class ReplyPreview(Schema):
    id: Id
    seq: int
    sender_id: Id | None
    kind: str
    preview: str = Field(description="The start of the quoted text, or a label like [Location].")


class MessageOut(Schema):
    id: Id
    conversation_id: Id
    seq: int
    sender_id: Id | None = Field(description="Null for system messages.")
    client_msg_id: str | None
    kind: str = Field(
        description="text, image, file, voice, location, card, miniapp, article (content "
        "{article_id, title, digest, cover_url, account_name}), transfer, envelope, system, "
        "service_notice (a mini-program's card in Service Notifications), or official (from an "
        "official account: content {account_id, account_name, text or articles})."
    )
    content: dict[str, Any] = Field(description="Empty once recalled.")
    reply_to: ReplyPreview | None
    mentions: list[Id]
    mention_all: bool
    created_at: datetime
    recalled: bool


class MessagePage(Schema):
    items: list[MessageOut] = Field(description="Oldest first.")
    next_before_seq: int | None = Field(
        description="Pass as before_seq for older messages; null at the beginning."
    )


class ConversationInfo(Schema):
    """What every member sees alike."""

    id: Id
    kind: ConversationKind = Field(
        description="direct, group, service: the person's read-only Service Notifications, "
        "official: with a service account, or subscribed: with a subscription account (not in "
        "the chat list)."
    )
    name: str
    announcement: str
    member_count: int


class ConversationOut(ConversationInfo):
    """One member's view of a conversation."""

    my_role: Role
    muted: bool
    pinned: bool
    last_seq: int
    last_read_seq: int
    unread: int
    last_message: MessageOut | None
    peer: Profile | None = Field(description="The other person, in a direct conversation.")
    peer_read_seq: int | None = Field(
        description="How far the other person read; only when both turned read receipts on."
    )
    updated_at: datetime


class ConversationList(Schema):
    items: list[ConversationOut] = Field(description="Pinned first, then by latest message.")
    sync_cursor: int = Field(description="Start /v1/sync and the WebSocket from here.")


class MemberOut(Schema):
    account: Profile
    role: Role
    joined_at: datetime


class DirectOpen(Schema):
    peer_id: Id


class GroupCreate(Schema):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=GROUP_NAME_MAX)] = ""
    member_ids: list[Id] = Field(min_length=1, description="Friends to start the group with.")


class GroupUpdate(Schema):
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=GROUP_NAME_MAX)] | None
    ) = None
    announcement: Annotated[str, StringConstraints(max_length=ANNOUNCEMENT_MAX)] | None = None


class MemberSettings(Schema):
    muted: bool | None = None
    pinned: bool | None = None


class Invite(Schema):
    account_ids: list[Id] = Field(min_length=1, max_length=500)


class OwnerTransfer(Schema):
    account_id: Id


class ReadPosition(Schema):
    seq: int = Field(ge=0, description="The latest seq this member has seen.")


class JoinLink(Schema):
    token: str
    url: str
    expires_at: datetime


class Join(Schema):
    token: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class ChatSettingsOut(Schema):
    read_receipts: bool


class ChatSettingsUpdate(Schema):
    read_receipts: bool
