"""Chats with official accounts: one conversation per (account, person), made on first use
(docs/subsystems/official-messaging.md).

The person is its only member; the account is not an account of identity, so what it says
(replies, auto-replies, a service account's broadcasts) are messages of kind ``official``
that nobody sent (``sender_id`` null), taking the next seq and counting as unread like any
message. What the person says is an ordinary text message with them as the sender, posted
here by ``official.messaging`` (which also files it in the account's inbox), never through
the generic send: ``chat.messages`` refuses sends and forwards into these conversations
(``chat.read_only``).

The conversation's kind is chosen when it is made, as an account's type never changes:
``official`` for a service account (in the chat list), ``subscribed`` for a subscription
account (kept out of the chat list: the Subscriptions folder and the account's page lead
to it). Chat never needs to ask the official domain which is which.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import messages, repository
from plaza.chat.conversations import MEMBER, member_row, post_system_message
from plaza.chat.models import Conversation, Message
from plaza.chat.presenters import message_out
from plaza.kit import clock
from plaza.kit.idempotency import IdempotencyKeyReused
from plaza.kit.ids import new_id
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

OFFICIAL = "official"
"""The conversation kind of a chat with a service account; also the kind of the messages
the account posts."""
SUBSCRIBED = "subscribed"
"""The conversation kind of a chat with a subscription account."""
OFFICIAL_KINDS = (OFFICIAL, SUBSCRIBED)
FOLDED_KINDS = (SUBSCRIBED,)
"""Kinds the chat list leaves out."""


def official_key(account_id: int, person_id: int) -> str:
    """Its ``direct_key``: one per (account, person). ``o:`` keeps two 19-digit ids within
    the column's 41 characters."""
    return f"o:{account_id}:{person_id}"


def _conversation_row(
    account_id: int, person_id: int, *, name: str, listed: bool
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "kind": OFFICIAL if listed else SUBSCRIBED,
        "name": name,
        "announcement": "",
        "direct_key": official_key(account_id, person_id),
        "last_seq": 0,
        "created_at": clock.now(),
    }


async def official_chat(
    session: AsyncSession, account_id: int, person_id: int, *, name: str, listed: bool
) -> Conversation:
    """The person's conversation with the account (named after it; ``listed`` for a service
    account), made now if it is the first use. Two first uses at once make one."""
    key = official_key(account_id, person_id)
    existing = await repository.get_direct_or_none(session, key)
    if existing is not None:
        return existing
    row = _conversation_row(account_id, person_id, name=name, listed=listed)
    if await repository.insert_keyed_conversation(session, row):
        await repository.add_members(session, [member_row(row["id"], person_id, MEMBER, 0)])
    made = await repository.get_direct_or_none(session, key)
    assert made is not None
    return made


async def official_chats(
    session: AsyncSession, account_id: int, person_ids: Collection[int], *, name: str, listed: bool
) -> dict[int, Conversation]:
    """``official_chat`` for many people at once, in a fixed number of queries: by person."""
    if not person_ids:
        return {}
    keys = {official_key(account_id, person): person for person in person_ids}
    found = await repository.get_keyed_conversations(session, keys)
    missing = [keys[key] for key in keys.keys() - {c.direct_key for c in found}]
    if missing:
        rows = [_conversation_row(account_id, p, name=name, listed=listed) for p in missing]
        made = await repository.insert_keyed_conversations(session, rows)
        members = [
            member_row(conversation_id, keys[key], MEMBER, 0) for conversation_id, key in made
        ]
        if members:
            await repository.add_members(session, members)
        found = await repository.get_keyed_conversations(session, keys)
    return {keys[conversation.direct_key or ""]: conversation for conversation in found}


async def post_as_account(
    session: AsyncSession,
    broker: Broker,
    conversation: Conversation,
    person_id: int,
    content: dict[str, Any],
) -> Message:
    """The account says something to the person; it reaches their devices after commit."""
    return await post_system_message(
        session, broker, conversation, [person_id], content, kind=OFFICIAL
    )


async def post_as_account_to_many(
    session: AsyncSession,
    broker: Broker,
    conversations: Mapping[int, Conversation],
    content: dict[str, Any],
) -> int:
    """The same message from the account to many people (``conversations`` by person): one
    statement numbers them, one inserts them. Returns how many were posted."""
    if not conversations:
        return 0
    now = clock.now()
    seqs = await repository.take_next_seqs(session, [c.id for c in conversations.values()], now)
    posted = [
        Message(
            id=new_id(),
            conversation_id=conversation.id,
            seq=seqs[conversation.id],
            sender_id=None,
            client_msg_id=None,
            kind=OFFICIAL,
            content=content,
            reply_to_id=None,
            mentions=[],
            mention_all=False,
            created_at=now,
            recalled_at=None,
        )
        for conversation in conversations.values()
    ]
    await repository.add_messages(session, posted)
    for person, message in zip(conversations, posted, strict=True):
        data = {
            "conversation_id": str(message.conversation_id),
            "message": message_out(message, None).model_dump(mode="json"),
        }
        await realtime.emit(
            session, broker, [person], realtime.Event("message.new", data, message.id)
        )
    return len(posted)


async def post_as_person(
    session: AsyncSession,
    broker: Broker,
    conversation: Conversation,
    person_id: int,
    *,
    client_msg_id: str,
    text: str,
) -> tuple[Message, bool]:
    """The person's text message to the account; a retry with the same ``client_msg_id``
    returns the first one (a different text under it is ``idempotency.key_reused``).
    Returns the message and whether this call created it."""
    earlier = await repository.get_sent_or_none(session, conversation.id, person_id, client_msg_id)
    if earlier is not None:
        if earlier.kind != "text" or earlier.content.get("text") != text:
            raise IdempotencyKeyReused(field="client_msg_id")
        return earlier, False
    message = await messages.post_card(
        session,
        broker,
        sender=person_id,
        conversation_id=conversation.id,
        client_msg_id=client_msg_id,
        kind="text",
        content={"text": text},
        recipient=None,
    )
    return message, True
