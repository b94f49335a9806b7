"""The "Service Notifications" conversation: one per person, made on first use, where
mini-programs' subscribe messages arrive (docs/subsystems/chat.md).

It is a conversation of kind ``service`` with the person as its only member and messages
of kind ``service_notice`` that nobody sent (``sender_id`` null). They take the next seq,
count as unread and reach the person's devices like any message, through the same path as
system lines. Nobody writes in it: sends, cards and forwards into it are refused
(``chat.read_only``), and as it is not a group nobody can be added to it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import repository
from plaza.chat.conversations import MEMBER, member_row, post_system_message
from plaza.chat.models import Conversation, Message
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.realtime.broker import Broker

SERVICE = "service"
"""The conversation kind."""
SERVICE_NOTICE = "service_notice"
"""The message kind."""


def service_key(account_id: int) -> str:
    """Its ``direct_key``: unique, so each person has exactly one."""
    return f"{SERVICE}:{account_id}"


async def service_conversation(session: AsyncSession, account_id: int) -> Conversation:
    """The person's Service Notifications conversation, made now if it is the first notice.
    Two first notices at once make one conversation: the second insert waits for the
    first and then finds it."""
    key = service_key(account_id)
    existing = await repository.get_direct_or_none(session, key)
    if existing is not None:
        return existing
    conversation_id = new_id()
    row: dict[str, object] = {
        "id": conversation_id,
        "kind": SERVICE,
        "name": "",
        "announcement": "",
        "direct_key": key,
        "last_seq": 0,
        "created_at": clock.now(),
    }
    if await repository.insert_keyed_conversation(session, row):
        await repository.add_members(session, [member_row(conversation_id, account_id, MEMBER, 0)])
    made = await repository.get_direct_or_none(session, key)
    assert made is not None
    return made


async def post_notice(
    session: AsyncSession, broker: Broker, account_id: int, content: dict[str, Any]
) -> Message:
    """Put a service notice in the person's Service Notifications; it reaches their devices
    after commit."""
    conversation = await service_conversation(session, account_id)
    return await post_system_message(
        session, broker, conversation, [account_id], content, kind=SERVICE_NOTICE
    )
