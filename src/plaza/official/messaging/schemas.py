from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from plaza.chat.schemas import check_client_msg_id
from plaza.identity.schemas import Text
from plaza.kit.schemas import Id, Schema
from plaza.moments.schemas import AccountRef
from plaza.official.schemas import MenuItem

MESSAGE_MAX = 2000
KEYWORD_MAX = 30
AUTO_REPLY_MAX = 600
KEYWORD_RULES_MAX = 50
WEBHOOK_URL_MAX = 2048

MessageText = Annotated[Text, StringConstraints(min_length=1, max_length=MESSAGE_MAX)]
Match = Literal["exact", "contains"]


class AccountChat(Schema):
    conversation_id: Id = Field(description="Open it with the chat endpoints (/v1/conversations).")


class FollowerMessage(Schema):
    client_msg_id: Annotated[str, AfterValidator(check_client_msg_id)] = Field(
        description="Chosen by the client, unique in this chat: a retry returns the first send."
    )
    text: MessageText


class MenuUpdate(Schema):
    items: list[MenuItem] = Field(
        description="Up to 3 items; a submenu item holds up to 5 sub-items of the other kinds."
    )


class KeywordReply(Schema):
    keyword: Annotated[Text, StringConstraints(min_length=1, max_length=KEYWORD_MAX)]
    match: Match = Field(
        description="exact: the whole message (ignoring case and surrounding spaces); "
        "contains: anywhere in it."
    )
    reply: Annotated[Text, StringConstraints(min_length=1, max_length=AUTO_REPLY_MAX)]


class AutoReplies(Schema):
    on_follow: Annotated[Text, StringConstraints(max_length=AUTO_REPLY_MAX)] = Field(
        description="Sent to each new follower; empty: nothing."
    )
    default: Annotated[Text, StringConstraints(max_length=AUTO_REPLY_MAX)] = Field(
        description="Sent when no keyword matches a follower's message; empty: nothing."
    )
    keywords: list[KeywordReply] = Field(
        max_length=KEYWORD_RULES_MAX,
        description="Tried in order; the first that matches answers.",
    )


class InboxThread(Schema):
    follower: AccountRef = Field(description="Their name and avatar, never their phone.")
    last_message_text: str = Field(description="The start of the latest message, either way.")
    last_message_at: datetime
    can_reply_until: datetime = Field(description="48 hours after the follower's last message.")


class OperatorReply(Schema):
    text: MessageText


class WebhookSetting(Schema):
    url: Annotated[str, StringConstraints(max_length=WEBHOOK_URL_MAX)] | None = Field(
        description="Where official.message, official.follow and official.unfollow are posted, "
        "signed; https (http only to a loopback host, for development); null: none."
    )
