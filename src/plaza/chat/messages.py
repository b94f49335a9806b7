"""Message rules: sending (idempotent by client_msg_id), history, read positions,
recall and delete-for-me. The send path is documented in docs/subsystems/chat.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import official_chats, repository
from plaza.chat.conversations import ADMIN, OWNER, access_membership, check_direct_allowed
from plaza.chat.errors import (
    MentionAllForbidden,
    MessageNotFound,
    NotMember,
    NotSender,
    ReadOnly,
    RecallWindowPassed,
)
from plaza.chat.models import ChatSettings, Conversation, Member, Message
from plaza.chat.presenters import message_out
from plaza.chat.schemas import MessageSend
from plaza.chat.service_notices import SERVICE, SERVICE_NOTICE
from plaza.identity import service as identity
from plaza.kit import clock
from plaza.kit.errors import RequestInvalid
from plaza.kit.idempotency import IdempotencyKeyReused
from plaza.kit.ids import new_id
from plaza.kit.ratelimit import RateLimiter, Rule
from plaza.media import service as media
from plaza.media.storage import MediaStorage
from plaza.miniapps import service as miniapps
from plaza.official import service as official
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

RECALL_WINDOW = timedelta(minutes=2)  # as WeChat
SEND_RATE_WINDOW = timedelta(seconds=10)
HISTORY_PAGE_MAX = 100
# Nobody's words: a copy would make them the forwarder's.
_UNFORWARDABLE = ("system", SERVICE_NOTICE)


@dataclass(frozen=True, slots=True)
class Sent:
    message: Message
    reply: Message | None


def _new_message_event(message: Message, reply: Message | None) -> realtime.Event:
    data = {
        "conversation_id": str(message.conversation_id),
        "message": message_out(message, reply).model_dump(mode="json"),
    }
    return realtime.Event("message.new", data, message.id)


def _written_elsewhere(conversation: Conversation) -> bool:
    """Nobody sends or forwards into Service Notifications, nor into a chat with an official
    account (``official.messaging`` writes the person's messages there)."""
    return conversation.kind == SERVICE or conversation.kind in official_chats.OFFICIAL_KINDS


async def _visible_message(
    session: AsyncSession, member: Member, message_id: int, *, field: str
) -> Message:
    message = await repository.get_message_or_none(session, message_id)
    if (
        message is None
        or message.conversation_id != member.conversation_id
        or message.seq <= member.joined_seq
    ):
        raise MessageNotFound(field=field)
    return message


async def _check_send(
    session: AsyncSession,
    storage: MediaStorage,
    member: Member,
    conversation: Conversation,
    body: MessageSend,
    members: list[int],
) -> tuple[dict[str, Any], Message | None]:
    """Everything that can refuse a send, before anything is written; returns the
    message's content and the quoted message."""
    if _written_elsewhere(conversation):
        raise ReadOnly()
    if conversation.kind == "direct":
        peer = next(a for a in members if a != member.account_id)
        await check_direct_allowed(session, member.account_id, peer)
    if body.mention_all and (conversation.kind != "group" or member.role not in (OWNER, ADMIN)):
        raise MentionAllForbidden(field="mention_all")
    if not set(body.mentions) <= set(members):
        raise RequestInvalid("Only members of the conversation can be mentioned.", field="mentions")
    if body.card is not None:
        await identity.get_account(session, body.card.account_id)
    if body.upload_id is not None:
        upload = await media.get_own_upload(session, member.account_id, body.upload_id, body.kind)
        content = media.message_content(upload, storage)
    else:
        content = body.inline_content()
    if body.miniapp is not None:
        app = await miniapps.openable_app(session, member.account_id, body.miniapp.app_id)
        content["app_name"] = app.name
    if body.article is not None:
        content = await official.shared_article_content(
            session, storage, member.account_id, body.article.article_id
        )
    if body.reply_to is None:
        return content, None
    return content, await _visible_message(session, member, body.reply_to, field="reply_to")


def _is_same_send(earlier: Message, body: MessageSend) -> bool:
    """Whether a retry under the same client_msg_id asks for the same message."""
    if earlier.kind != body.kind:
        return False
    if earlier.recalled_at is not None:
        return True
    if body.upload_id is not None:
        return bool(earlier.content.get("upload_id") == str(body.upload_id))
    sent = body.inline_content()
    return {key: earlier.content.get(key) for key in sent} == sent


async def _write(
    session: AsyncSession,
    broker: Broker,
    *,
    member: Member,
    members: list[int],
    client_msg_id: str,
    kind: str,
    content: dict[str, Any],
    reply: Message | None,
    mentions: list[int],
    mention_all: bool,
) -> Message:
    now = clock.now()
    seq = await repository.take_next_seq(session, member.conversation_id, now)
    message = Message(
        id=new_id(),
        conversation_id=member.conversation_id,
        seq=seq,
        sender_id=member.account_id,
        client_msg_id=client_msg_id,
        kind=kind,
        content=content,
        reply_to_id=reply.id if reply else None,
        mentions=mentions,
        mention_all=mention_all,
        created_at=now,
    )
    session.add(message)
    member.last_read_seq = seq  # what I send, I have read
    await session.flush()
    await realtime.emit(session, broker, members, _new_message_event(message, reply))
    return message


async def send(
    session: AsyncSession,
    broker: Broker,
    limiter: RateLimiter,
    storage: MediaStorage,
    *,
    sender: int,
    conversation_id: int,
    body: MessageSend,
    messages_per_window: int,
) -> tuple[Sent, bool]:
    """Send a message; a retry with the same client_msg_id returns the first one.

    Returns the message and whether this call created it.
    """
    member, conversation = await access_membership(session, conversation_id, sender)
    earlier = await repository.get_sent_or_none(
        session, conversation_id, sender, body.client_msg_id
    )
    if earlier is not None:
        if not _is_same_send(earlier, body):
            raise IdempotencyKeyReused(field="client_msg_id")
        replies = await repository.get_messages(
            session, [earlier.reply_to_id] if earlier.reply_to_id else []
        )
        return Sent(earlier, replies.get(earlier.reply_to_id or 0)), False
    members = await repository.list_member_ids(session, conversation_id)
    content, reply = await _check_send(session, storage, member, conversation, body, members)
    await limiter.hit(Rule(f"chat:send:{sender}", messages_per_window, SEND_RATE_WINDOW))
    message = await _write(
        session,
        broker,
        member=member,
        members=members,
        client_msg_id=body.client_msg_id,
        kind=body.kind,
        content=content,
        reply=reply,
        mentions=list(dict.fromkeys(body.mentions)),
        mention_all=body.mention_all,
    )
    return Sent(message, reply), True


async def post_card(
    session: AsyncSession,
    broker: Broker,
    *,
    sender: int,
    conversation_id: int,
    client_msg_id: str,
    kind: str,
    content: dict[str, Any],
    recipient: int | None,
) -> Message:
    """A card another domain puts in a conversation on the sender's behalf (a money
    transfer to one person, a red envelope for the whole chat): the sender and the
    recipient, if there is one, must be in it, and a 1:1 chat must allow the sender to
    write."""
    member, conversation = await access_membership(session, conversation_id, sender)
    if conversation.kind == SERVICE:
        raise ReadOnly()
    members = await repository.list_member_ids(session, conversation_id)
    if recipient is not None and recipient not in members:
        raise NotMember("The recipient is not in this conversation.", field="to")
    if conversation.kind == "direct":
        await check_direct_allowed(session, sender, next(a for a in members if a != sender))
    return await _write(
        session,
        broker,
        member=member,
        members=members,
        client_msg_id=client_msg_id,
        kind=kind,
        content=content,
        reply=None,
        mentions=[],
        mention_all=False,
    )


async def forward(
    session: AsyncSession,
    broker: Broker,
    limiter: RateLimiter,
    *,
    sender: int,
    message_ids: Sequence[int],
    conversation_ids: Sequence[int],
    client_msg_id: str,
    messages_per_window: int,
) -> list[Message]:
    """Copy messages I can see into conversations I am in (no quotes or mentions carried over)."""
    originals = await repository.get_messages(session, message_ids)
    sources: list[Message] = []
    for message_id in message_ids:
        original = originals.get(message_id)
        if original is None or original.recalled_at is not None or original.kind in _UNFORWARDABLE:
            raise MessageNotFound(field="message_ids")
        source_member, _ = await access_membership(session, original.conversation_id, sender)
        if original.seq <= source_member.joined_seq:
            raise MessageNotFound(field="message_ids")
        sources.append(original)
    copies = []
    for target_id in dict.fromkeys(conversation_ids):
        member, conversation = await access_membership(session, target_id, sender)
        if _written_elsewhere(conversation):
            raise ReadOnly(field="conversation_ids")
        members = await repository.list_member_ids(session, target_id)
        for index, original in enumerate(sources):
            key = f"{client_msg_id}:{target_id}:{index}"
            existing = await repository.get_sent_or_none(session, target_id, sender, key)
            if existing is not None:
                copies.append(existing)
                continue
            if conversation.kind == "direct":
                await check_direct_allowed(session, sender, next(a for a in members if a != sender))
            await limiter.hit(Rule(f"chat:send:{sender}", messages_per_window, SEND_RATE_WINDOW))
            copies.append(
                await _write(
                    session,
                    broker,
                    member=member,
                    members=members,
                    client_msg_id=key,
                    kind=original.kind,
                    content=original.content,
                    reply=None,
                    mentions=[],
                    mention_all=False,
                )
            )
    return copies


async def recall(
    session: AsyncSession, broker: Broker, *, account: int, conversation_id: int, message_id: int
) -> Message:
    """Take back my message within 2 minutes: everyone sees "X recalled a message"."""
    member, _ = await access_membership(session, conversation_id, account)
    message = await _visible_message(session, member, message_id, field="message_id")
    if message.sender_id != account:
        raise NotSender()
    if message.recalled_at is not None:
        return message
    now = clock.now()
    if now - message.created_at > RECALL_WINDOW:
        raise RecallWindowPassed()
    message.recalled_at = now
    message.content = {}
    await session.flush()
    members = await repository.list_member_ids(session, conversation_id)
    # Devices that catch up later must not see what was recalled.
    replies = await repository.get_messages(
        session, [message.reply_to_id] if message.reply_to_id else []
    )
    redacted = _new_message_event(message, replies.get(message.reply_to_id or 0)).data
    await realtime.redact(session, message.id, redacted, types=["message.new"])
    data = {
        "conversation_id": str(conversation_id),
        "message_id": str(message.id),
        "seq": message.seq,
        "recalled_by": str(account),
    }
    await realtime.emit(
        session, broker, members, realtime.Event("message.recalled", data, message.id)
    )
    return message


async def hide(
    session: AsyncSession, broker: Broker, *, account: int, conversation_id: int, message_id: int
) -> None:
    """Delete a message for me only; my other devices follow."""
    member, _ = await access_membership(session, conversation_id, account)
    await _visible_message(session, member, message_id, field="message_id")
    await repository.hide_message(session, account, message_id)
    data = {"conversation_id": str(conversation_id), "message_id": str(message_id)}
    await realtime.emit(
        session, broker, [account], realtime.Event("message.hidden", data, message_id)
    )


async def history(
    session: AsyncSession, *, account: int, conversation_id: int, before_seq: int | None, limit: int
) -> tuple[list[Sent], int | None]:
    """Messages before ``before_seq`` (default: the latest), oldest first, and the next cursor."""
    member, _ = await access_membership(session, conversation_id, account)
    rows = await repository.list_history(
        session,
        conversation_id,
        account,
        after_seq=member.joined_seq,
        before_seq=before_seq,
        limit=limit + 1,
    )
    page = list(rows[:limit])
    replies = await repository.get_messages(session, {m.reply_to_id for m in page if m.reply_to_id})
    items = [Sent(m, replies.get(m.reply_to_id or 0)) for m in reversed(page)]
    return items, page[-1].seq if len(rows) > limit else None


async def mark_read(
    session: AsyncSession, broker: Broker, *, account: int, conversation_id: int, seq: int
) -> Member:
    """Move my read position forward (never back); my devices, and a 1:1 peer who
    shares read receipts, learn it."""
    member, conversation = await access_membership(session, conversation_id, account)
    seq = min(seq, conversation.last_seq)
    if seq <= member.last_read_seq:
        return member
    member.last_read_seq = seq
    await session.flush()
    data = {"conversation_id": str(conversation_id), "last_read_seq": seq}
    await realtime.emit(session, broker, [account], realtime.Event("read.updated", data))
    if conversation.kind == "direct":
        peers = [
            a for a in await repository.list_member_ids(session, conversation_id) if a != account
        ]
        if peers and await repository.receipts_enabled(session, [account, *peers]) == {
            account,
            *peers,
        }:
            peer_data = {**data, "account_id": str(account)}
            await realtime.emit(
                session, broker, peers, realtime.Event("peer_read.updated", peer_data)
            )
    return member


async def get_read_receipts(session: AsyncSession, account: int) -> bool:
    settings = await repository.get_settings_or_none(session, account)
    return settings.read_receipts if settings else False


async def set_read_receipts(session: AsyncSession, account: int, enabled: bool) -> bool:
    settings = await repository.get_settings_or_none(session, account)
    if settings is None:
        session.add(ChatSettings(account_id=account, read_receipts=enabled))
    else:
        settings.read_receipts = enabled
    await session.flush()
    return enabled
