"""Chat objects as the API and the realtime events show them."""

from __future__ import annotations

from typing import get_args

from plaza.chat.models import Conversation, Member, Message
from plaza.chat.schemas import ConversationInfo, ConversationKind, MessageOut, ReplyPreview, Role

PREVIEW_LENGTH = 80
_LABELS = {
    "image": "[Photo]",
    "file": "[File]",
    "voice": "[Voice]",
    "location": "[Location]",
    "card": "[Contact card]",
    "transfer": "[Transfer]",
    "envelope": "[Red envelope]",
    "system": "",
}


def preview_of(message: Message) -> str:
    if message.recalled_at is not None:
        return "[Recalled]"
    if message.kind == "text":
        return str(message.content.get("text", ""))[:PREVIEW_LENGTH]
    return _LABELS.get(message.kind, f"[{message.kind}]")


def reply_preview(message: Message) -> ReplyPreview:
    return ReplyPreview(
        id=message.id,
        seq=message.seq,
        sender_id=message.sender_id,
        kind=message.kind,
        preview=preview_of(message),
    )


def message_out(message: Message, reply: Message | None) -> MessageOut:
    return MessageOut(
        id=message.id,
        conversation_id=message.conversation_id,
        seq=message.seq,
        sender_id=message.sender_id,
        client_msg_id=message.client_msg_id,
        kind=message.kind,
        content=message.content,
        reply_to=reply_preview(reply) if reply is not None else None,
        mentions=message.mentions,
        mention_all=message.mention_all,
        created_at=message.created_at,
        recalled=message.recalled_at is not None,
    )


def conversation_info(conversation: Conversation, member_count: int) -> ConversationInfo:
    return ConversationInfo(
        id=conversation.id,
        kind=kind_of(conversation),
        name=conversation.name,
        announcement=conversation.announcement,
        member_count=member_count,
    )


def kind_of(conversation: Conversation) -> ConversationKind:
    for kind in get_args(ConversationKind):
        if conversation.kind == kind:
            return kind  # type: ignore[no-any-return]
    raise ValueError(f"unknown conversation kind {conversation.kind!r}")


def role_of(member: Member) -> Role:
    for role in get_args(Role):
        if member.role == role:
            return role  # type: ignore[no-any-return]
    raise ValueError(f"unknown role {member.role!r}")
