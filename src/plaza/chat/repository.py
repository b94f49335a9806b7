"""All of chat's SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat.models import ChatSettings, Conversation, HiddenMessage, Member, Message
from plaza.kit.db import insert_rows, upsert_statement


async def get_conversation_or_none(
    session: AsyncSession, conversation_id: int
) -> Conversation | None:
    return await session.get(Conversation, conversation_id)


async def get_direct_or_none(session: AsyncSession, direct_key: str) -> Conversation | None:
    return await session.scalar(select(Conversation).where(Conversation.direct_key == direct_key))


async def insert_keyed_conversation(session: AsyncSession, row: dict[str, object]) -> bool:
    """Insert a conversation unless one with its ``direct_key`` exists (or a concurrent
    transaction is inserting it: this waits for that one); True when this inserted it."""
    inserted = await session.scalar(
        upsert_statement(session, Conversation)
        .values(row)
        .on_conflict_do_nothing(index_elements=[Conversation.direct_key])
        .returning(Conversation.id)
    )
    return inserted is not None


async def get_keyed_conversations(
    session: AsyncSession, direct_keys: Collection[str]
) -> Sequence[Conversation]:
    return (
        await session.scalars(select(Conversation).where(Conversation.direct_key.in_(direct_keys)))
    ).all()


async def insert_keyed_conversations(
    session: AsyncSession, rows: list[dict[str, object]]
) -> list[tuple[int, str]]:
    """``insert_keyed_conversation`` for many in one statement; the (id, direct_key) of
    those this inserted."""
    inserted = await session.execute(
        upsert_statement(session, Conversation)
        .on_conflict_do_nothing(index_elements=[Conversation.direct_key])
        .returning(Conversation.id, Conversation.direct_key),
        rows,
    )
    return [(conversation_id, key) for conversation_id, key in inserted.all() if key is not None]


async def get_by_join_token_or_none(session: AsyncSession, token: str) -> Conversation | None:
    return await session.scalar(select(Conversation).where(Conversation.join_token == token))


async def take_next_seq(session: AsyncSession, conversation_id: int, at: datetime) -> int:
    """Number the next message; the row stays locked until commit, so seqs never repeat."""
    seq = await session.scalar(
        update(Conversation)
        .where(Conversation.id == conversation_id)
        .values(last_seq=Conversation.last_seq + 1, last_message_at=at)
        .returning(Conversation.last_seq),
        execution_options={"synchronize_session": False},
    )
    assert seq is not None
    return int(seq)


async def take_next_seqs(
    session: AsyncSession, conversation_ids: Collection[int], at: datetime
) -> dict[int, int]:
    """``take_next_seq`` for many conversations in one statement: seq by conversation."""
    rows = await session.execute(
        update(Conversation)
        .where(Conversation.id.in_(conversation_ids))
        .values(last_seq=Conversation.last_seq + 1, last_message_at=at)
        .returning(Conversation.id, Conversation.last_seq),
        execution_options={"synchronize_session": False},
    )
    return {conversation_id: seq for conversation_id, seq in rows.all()}


async def add_messages(session: AsyncSession, messages: Sequence[Message]) -> None:
    """Insert many messages at once (one batched INSERT)."""
    session.add_all(messages)
    await session.flush()


async def get_member_or_none(
    session: AsyncSession, conversation_id: int, account_id: int
) -> Member | None:
    return await session.get(Member, (conversation_id, account_id))


async def list_members(session: AsyncSession, conversation_id: int) -> Sequence[Member]:
    return (
        await session.scalars(
            select(Member)
            .where(Member.conversation_id == conversation_id)
            .order_by(Member.joined_at)
        )
    ).all()


async def list_member_ids(session: AsyncSession, conversation_id: int) -> list[int]:
    return list(
        await session.scalars(
            select(Member.account_id).where(Member.conversation_id == conversation_id)
        )
    )


async def members_among(
    session: AsyncSession, conversation_id: int, account_ids: Collection[int]
) -> set[int]:
    return set(
        await session.scalars(
            select(Member.account_id).where(
                Member.conversation_id == conversation_id, Member.account_id.in_(account_ids)
            )
        )
    )


async def count_members(session: AsyncSession, conversation_id: int) -> int:
    count = await session.scalar(
        select(func.count()).select_from(Member).where(Member.conversation_id == conversation_id)
    )
    return int(count or 0)


async def add_members(session: AsyncSession, members: list[dict[str, object]]) -> None:
    await insert_rows(session, Member, members)


async def remove_member(session: AsyncSession, conversation_id: int, account_id: int) -> None:
    await session.execute(
        delete(Member).where(
            Member.conversation_id == conversation_id, Member.account_id == account_id
        )
    )


async def list_memberships(
    session: AsyncSession, account_id: int, *, except_kinds: Collection[str] = ()
) -> Sequence[tuple[Member, Conversation]]:
    rows = await session.execute(
        select(Member, Conversation)
        .join(Conversation, Conversation.id == Member.conversation_id)
        .where(Member.account_id == account_id, Conversation.kind.not_in(except_kinds))
    )
    return [(member, conversation) for member, conversation in rows.all()]


async def get_membership_or_none(
    session: AsyncSession, conversation_id: int, account_id: int
) -> tuple[Member, Conversation] | None:
    row = (
        await session.execute(
            select(Member, Conversation)
            .join(Conversation, Conversation.id == Member.conversation_id)
            .where(Member.conversation_id == conversation_id, Member.account_id == account_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


async def member_counts(session: AsyncSession, conversation_ids: Collection[int]) -> dict[int, int]:
    rows = await session.execute(
        select(Member.conversation_id, func.count())
        .where(Member.conversation_id.in_(conversation_ids))
        .group_by(Member.conversation_id)
    )
    return {conversation_id: int(count) for conversation_id, count in rows.all()}


async def names(session: AsyncSession, conversation_ids: Collection[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Conversation.id, Conversation.name).where(Conversation.id.in_(conversation_ids))
    )
    return {conversation_id: name for conversation_id, name in rows.all()}


async def other_members(
    session: AsyncSession, conversation_ids: Collection[int], account_id: int
) -> Sequence[Member]:
    return (
        await session.scalars(
            select(Member).where(
                Member.conversation_id.in_(conversation_ids), Member.account_id != account_id
            )
        )
    ).all()


async def last_messages(
    session: AsyncSession, conversation_ids: Collection[int]
) -> dict[int, Message]:
    rows = await session.scalars(
        select(Message)
        .join(
            Conversation,
            and_(Message.conversation_id == Conversation.id, Message.seq == Conversation.last_seq),
        )
        .where(Conversation.id.in_(conversation_ids))
    )
    return {message.conversation_id: message for message in rows}


async def get_message_or_none(session: AsyncSession, message_id: int) -> Message | None:
    return await session.get(Message, message_id)


async def get_messages(session: AsyncSession, message_ids: Collection[int]) -> dict[int, Message]:
    if not message_ids:
        return {}
    rows = await session.scalars(select(Message).where(Message.id.in_(message_ids)))
    return {message.id: message for message in rows}


async def get_sent_or_none(
    session: AsyncSession, conversation_id: int, sender_id: int, client_msg_id: str
) -> Message | None:
    return await session.scalar(
        select(Message).where(
            Message.conversation_id == conversation_id,
            Message.sender_id == sender_id,
            Message.client_msg_id == client_msg_id,
        )
    )


async def list_history(
    session: AsyncSession,
    conversation_id: int,
    account_id: int,
    *,
    after_seq: int,
    before_seq: int | None,
    limit: int,
) -> Sequence[Message]:
    """Newest first, skipping messages this account deleted for itself."""
    hidden = exists().where(
        HiddenMessage.account_id == account_id, HiddenMessage.message_id == Message.id
    )
    query = (
        select(Message)
        .where(Message.conversation_id == conversation_id, Message.seq > after_seq, ~hidden)
        .order_by(Message.seq.desc())
        .limit(limit)
    )
    if before_seq is not None:
        query = query.where(Message.seq < before_seq)
    return (await session.scalars(query)).all()


async def hide_message(session: AsyncSession, account_id: int, message_id: int) -> None:
    if await session.get(HiddenMessage, (account_id, message_id)) is None:
        session.add(HiddenMessage(account_id=account_id, message_id=message_id))
        await session.flush()


async def get_settings_or_none(session: AsyncSession, account_id: int) -> ChatSettings | None:
    return await session.get(ChatSettings, account_id)


async def receipts_enabled(session: AsyncSession, account_ids: Collection[int]) -> set[int]:
    rows = await session.scalars(
        select(ChatSettings.account_id).where(
            ChatSettings.account_id.in_(account_ids), ChatSettings.read_receipts.is_(True)
        )
    )
    return set(rows)
