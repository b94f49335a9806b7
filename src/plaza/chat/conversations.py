"""Conversation rules: opening 1:1 chats, groups and their members, per-member settings."""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import repository
from plaza.chat.errors import (
    AdminLimit,
    Blocked,
    ConversationNotFound,
    GroupFull,
    JoinLinkInvalid,
    NotAGroup,
    NotAllowed,
    NotFriends,
    NotMember,
    OwnerMustTransfer,
)
from plaza.chat.models import Conversation, Member, Message
from plaza.chat.presenters import conversation_info, message_out
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.errors import RequestInvalid
from plaza.kit.ids import new_id
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

GROUP_MAX_MEMBERS = 500  # WeChat's group size without verification
GROUP_MAX_ADMINS = 3
JOIN_LINK_TTL = timedelta(days=7)  # WeChat group QR codes last 7 days
OWNER, ADMIN, MEMBER = "owner", "admin", "member"


@dataclass(frozen=True, slots=True)
class ConversationView:
    member: Member
    conversation: Conversation
    member_count: int
    last_message: Message | None
    peer: Account | None
    peer_read_seq: int | None


def direct_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"{low}:{high}"


async def access_membership(
    session: AsyncSession, conversation_id: int, account_id: int
) -> tuple[Member, Conversation]:
    """The caller's membership, or ``chat.conversation_not_found`` / ``chat.not_member``."""
    found = await repository.get_membership_or_none(session, conversation_id, account_id)
    if found is not None:
        return found
    if await repository.get_conversation_or_none(session, conversation_id) is None:
        raise ConversationNotFound(field="conversation_id")
    raise NotMember()


async def members_among(
    session: AsyncSession, conversation_id: int, account_ids: Collection[int]
) -> set[int]:
    """Which of these people are in the conversation (none, if it does not exist)."""
    return await repository.members_among(session, conversation_id, account_ids)


async def check_direct_allowed(session: AsyncSession, sender: int, peer: int) -> None:
    """1:1 chat needs friendship, and the peer must not have blocked the sender."""
    if await contacts.has_blocked(session, owner=peer, other=sender):
        raise Blocked()
    if not await contacts.are_friends(session, sender, peer):
        raise NotFriends()


async def post_system_message(
    session: AsyncSession,
    broker: Broker,
    conversation: Conversation,
    recipients: Collection[int],
    content: dict[str, Any],
    *,
    kind: str = "system",
) -> Message:
    """A "Alice invited Bob"-style line in the conversation, delivered like any message
    (or, by ``kind``, another message nobody sent, such as a service notice)."""
    now = clock.now()
    message = Message(
        id=new_id(),
        conversation_id=conversation.id,
        seq=await repository.take_next_seq(session, conversation.id, now),
        sender_id=None,
        client_msg_id=None,
        kind=kind,
        content=content,
        reply_to_id=None,
        mentions=[],
        mention_all=False,
        created_at=now,
    )
    session.add(message)
    await session.flush()
    payload = {
        "conversation_id": str(conversation.id),
        "message": message_out(message, None).model_dump(mode="json"),
    }
    await realtime.emit(
        session, broker, recipients, realtime.Event("message.new", payload, message.id)
    )
    return message


async def _announce_change(
    session: AsyncSession, broker: Broker, conversation: Conversation, recipients: Sequence[int]
) -> None:
    info = conversation_info(conversation, len(recipients)).model_dump(mode="json")
    await realtime.emit(session, broker, recipients, realtime.Event("conversation.updated", info))


async def open_direct(session: AsyncSession, me: int, peer_id: int) -> Conversation:
    """The one 1:1 conversation between two friends, made on first use."""
    if peer_id == me:
        raise RequestInvalid("You cannot open a chat with yourself.", field="peer_id")
    await identity.get_account(session, peer_id)
    await check_direct_allowed(session, me, peer_id)
    key = direct_key(me, peer_id)
    existing = await repository.get_direct_or_none(session, key)
    if existing is not None:
        return existing
    now = clock.now()
    conversation = Conversation(
        id=new_id(),
        kind="direct",
        name="",
        announcement="",
        direct_key=key,
        last_seq=0,
        created_at=now,
    )
    session.add(conversation)
    await session.flush()
    await repository.add_members(
        session, [member_row(conversation.id, account, MEMBER, 0) for account in (me, peer_id)]
    )
    return conversation


def member_row(conversation_id: int, account_id: int, role: str, joined_seq: int) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id,
        "account_id": account_id,
        "role": role,
        "joined_seq": joined_seq,
        "last_read_seq": joined_seq,
        "muted": False,
        "pinned": False,
        "joined_at": clock.now(),
    }


async def _check_friends_of(session: AsyncSession, me: int, account_ids: Collection[int]) -> None:
    friends = set(await contacts.friend_ids(session, me))
    strangers = [a for a in account_ids if a not in friends]
    if strangers:
        raise NotFriends("You can add only your friends to a group.", field="account_ids")


async def create_group(
    session: AsyncSession, broker: Broker, me: int, *, name: str, member_ids: Collection[int]
) -> Conversation:
    others = sorted(set(member_ids) - {me})
    if not others:
        raise RequestInvalid("A group needs at least one friend besides you.", field="member_ids")
    if len(others) + 1 > GROUP_MAX_MEMBERS:
        raise GroupFull(field="member_ids")
    await _check_friends_of(session, me, others)
    conversation = Conversation(
        id=new_id(), kind="group", name=name, announcement="", last_seq=0, created_at=clock.now()
    )
    session.add(conversation)
    await session.flush()
    rows = [member_row(conversation.id, me, OWNER, 0)]
    rows += [member_row(conversation.id, account, MEMBER, 0) for account in others]
    await repository.add_members(session, rows)
    everyone = [me, *others]
    content = {"action": "created", "actor_id": str(me), "account_ids": [str(a) for a in others]}
    await post_system_message(session, broker, conversation, everyone, content)
    return conversation


async def _access_group(
    session: AsyncSession, conversation_id: int, me: int
) -> tuple[Member, Conversation]:
    member, conversation = await access_membership(session, conversation_id, me)
    if conversation.kind != "group":
        raise NotAGroup()
    return member, conversation


def _require_manager(member: Member) -> None:
    if member.role not in (OWNER, ADMIN):
        raise NotAllowed()


async def invite(
    session: AsyncSession,
    broker: Broker,
    me: int,
    conversation_id: int,
    account_ids: Collection[int],
) -> None:
    _, conversation = await _access_group(session, conversation_id, me)
    current = set(await repository.list_member_ids(session, conversation_id))
    newcomers = sorted(set(account_ids) - current)
    if not newcomers:
        return
    if len(current) + len(newcomers) > GROUP_MAX_MEMBERS:
        raise GroupFull(field="account_ids")
    await _check_friends_of(session, me, newcomers)
    await _add_to_group(session, broker, conversation, newcomers, actor=me, action="invited")


async def _add_to_group(
    session: AsyncSession,
    broker: Broker,
    conversation: Conversation,
    newcomers: list[int],
    *,
    actor: int,
    action: str,
) -> None:
    await repository.add_members(
        session, [member_row(conversation.id, a, MEMBER, conversation.last_seq) for a in newcomers]
    )
    everyone = await repository.list_member_ids(session, conversation.id)
    content = {"action": action, "actor_id": str(actor), "account_ids": [str(a) for a in newcomers]}
    await post_system_message(session, broker, conversation, everyone, content)
    await _announce_change(session, broker, conversation, everyone)


async def remove_member(
    session: AsyncSession, broker: Broker, me: int, conversation_id: int, account_id: int
) -> None:
    """Remove someone (owner or admin), or leave when ``account_id`` is the caller."""
    member, conversation = await _access_group(session, conversation_id, me)
    if account_id == me:
        others = await repository.count_members(session, conversation_id) - 1
        if member.role == OWNER and others > 0:
            raise OwnerMustTransfer()
        action = "left"
    else:
        _require_manager(member)
        target = await repository.get_member_or_none(session, conversation_id, account_id)
        if target is None:
            raise NotMember("That person is not in this group.", field="account_id")
        if target.role == OWNER or (target.role == ADMIN and member.role != OWNER):
            raise NotAllowed()
        action = "removed"
    await repository.remove_member(session, conversation_id, account_id)
    remaining = await repository.list_member_ids(session, conversation_id)
    content = {"action": action, "actor_id": str(me), "account_ids": [str(account_id)]}
    await post_system_message(session, broker, conversation, remaining, content)
    await _announce_change(session, broker, conversation, remaining)
    gone = {"conversation_id": str(conversation_id)}
    await realtime.emit(session, broker, [account_id], realtime.Event("conversation.removed", gone))


async def transfer_ownership(
    session: AsyncSession, broker: Broker, me: int, conversation_id: int, account_id: int
) -> None:
    member, conversation = await _access_group(session, conversation_id, me)
    if member.role != OWNER:
        raise NotAllowed("Only the owner can hand the group over.")
    target = await repository.get_member_or_none(session, conversation_id, account_id)
    if target is None or account_id == me:
        raise NotMember("Choose another member of this group.", field="account_id")
    member.role, target.role = MEMBER, OWNER
    await session.flush()
    everyone = await repository.list_member_ids(session, conversation_id)
    content = {"action": "owner_changed", "actor_id": str(me), "account_ids": [str(account_id)]}
    await post_system_message(session, broker, conversation, everyone, content)


async def set_admin(
    session: AsyncSession, me: int, conversation_id: int, account_id: int, *, admin: bool
) -> None:
    member, _ = await _access_group(session, conversation_id, me)
    if member.role != OWNER:
        raise NotAllowed("Only the owner appoints admins.")
    target = await repository.get_member_or_none(session, conversation_id, account_id)
    if target is None or target.role == OWNER:
        raise NotMember("Choose another member of this group.", field="account_id")
    if admin and target.role != ADMIN:
        admins = [
            m for m in await repository.list_members(session, conversation_id) if m.role == ADMIN
        ]
        if len(admins) >= GROUP_MAX_ADMINS:
            raise AdminLimit()
    target.role = ADMIN if admin else MEMBER
    await session.flush()


async def update_group(
    session: AsyncSession,
    broker: Broker,
    me: int,
    conversation_id: int,
    *,
    name: str | None,
    announcement: str | None,
) -> Conversation:
    """Any member may rename the group; the announcement is the owner's and admins'."""
    member, conversation = await _access_group(session, conversation_id, me)
    if announcement is not None and announcement != conversation.announcement:
        _require_manager(member)
    everyone = await repository.list_member_ids(session, conversation_id)
    if name is not None and name != conversation.name:
        conversation.name = name
        await post_system_message(
            session,
            broker,
            conversation,
            everyone,
            {"action": "renamed", "actor_id": str(me), "name": name},
        )
    if announcement is not None and announcement != conversation.announcement:
        conversation.announcement = announcement
        await post_system_message(
            session, broker, conversation, everyone, {"action": "announcement", "actor_id": str(me)}
        )
    await session.flush()
    await _announce_change(session, broker, conversation, everyone)
    return conversation


async def update_member_settings(
    session: AsyncSession,
    broker: Broker,
    me: int,
    conversation_id: int,
    *,
    muted: bool | None,
    pinned: bool | None,
) -> Member:
    member, _ = await access_membership(session, conversation_id, me)
    if muted is not None:
        member.muted = muted
    if pinned is not None:
        member.pinned = pinned
    await session.flush()
    data = {"conversation_id": str(conversation_id), "muted": member.muted, "pinned": member.pinned}
    await realtime.emit(session, broker, [me], realtime.Event("member_settings.updated", data))
    return member


async def create_join_link(session: AsyncSession, me: int, conversation_id: int) -> Conversation:
    """A fresh group QR token valid for 7 days; it replaces the previous one."""
    _, conversation = await _access_group(session, conversation_id, me)
    conversation.join_token = secrets.token_urlsafe(16)
    conversation.join_token_expires_at = clock.now() + JOIN_LINK_TTL
    await session.flush()
    return conversation


async def join_by_link(session: AsyncSession, broker: Broker, me: int, token: str) -> Conversation:
    conversation = await repository.get_by_join_token_or_none(session, token)
    expires = conversation.join_token_expires_at if conversation else None
    if conversation is None or expires is None or expires <= clock.now():
        raise JoinLinkInvalid(field="token")
    if await repository.get_member_or_none(session, conversation.id, me) is not None:
        return conversation
    if await repository.count_members(session, conversation.id) >= GROUP_MAX_MEMBERS:
        raise GroupFull()
    await _add_to_group(session, broker, conversation, [me], actor=me, action="joined")
    return conversation


async def names(session: AsyncSession, conversation_ids: Collection[int]) -> dict[int, str]:
    """The chats' names ("" for a 1:1 chat or a group without one), for another domain that
    shows which chat something happened in (a bill names the group of a red envelope)."""
    return await repository.names(session, conversation_ids) if conversation_ids else {}


async def peers(
    session: AsyncSession, conversation_ids: Collection[int], me: int
) -> dict[int, int]:
    """The other person of each of these 1:1 chats of mine, by chat id."""
    if not conversation_ids:
        return {}
    found = await repository.other_members(session, conversation_ids, me)
    return {member.conversation_id: member.account_id for member in found}


async def list_members(session: AsyncSession, me: int, conversation_id: int) -> Sequence[Member]:
    await access_membership(session, conversation_id, me)
    return await repository.list_members(session, conversation_id)


async def _views(
    session: AsyncSession, me: int, memberships: Sequence[tuple[Member, Conversation]]
) -> list[ConversationView]:
    ids = [conversation.id for _, conversation in memberships]
    if not ids:
        return []
    counts = await repository.member_counts(session, ids)
    last = await repository.last_messages(session, ids)
    direct_ids = [c.id for _, c in memberships if c.kind == "direct"]
    peers = {m.conversation_id: m for m in await repository.other_members(session, direct_ids, me)}
    accounts = await identity.get_accounts(session, [m.account_id for m in peers.values()])
    with_receipts = await repository.receipts_enabled(session, [me, *accounts]) if peers else set()
    views = []
    for member, conversation in memberships:
        peer_member = peers.get(conversation.id)
        shows_receipts = peer_member is not None and {me, peer_member.account_id} <= with_receipts
        views.append(
            ConversationView(
                member=member,
                conversation=conversation,
                member_count=counts.get(conversation.id, 0),
                last_message=last.get(conversation.id),
                peer=accounts.get(peer_member.account_id) if peer_member else None,
                peer_read_seq=peer_member.last_read_seq if peer_member and shows_receipts else None,
            )
        )
    return views


async def list_conversations(
    session: AsyncSession, me: int, *, except_kinds: Collection[str] = ()
) -> list[ConversationView]:
    """All of my conversations (but those of ``except_kinds``) with what the list shows, in
    a fixed number of queries."""
    memberships = await repository.list_memberships(session, me, except_kinds=except_kinds)
    views = await _views(session, me, memberships)
    views.sort(
        key=lambda v: (
            v.member.pinned,
            v.conversation.last_message_at or v.conversation.created_at,
        ),
        reverse=True,
    )
    return views


async def get_conversation(
    session: AsyncSession, me: int, conversation_id: int
) -> ConversationView:
    membership = await access_membership(session, conversation_id, me)
    return (await _views(session, me, [membership]))[0]


async def typing_recipients(session: AsyncSession, me: int, conversation_id: int) -> list[int]:
    """Who sees that I am typing: the other person of a 1:1 chat (groups show no typing)."""
    _, conversation = await access_membership(session, conversation_id, me)
    if conversation.kind != "direct":
        return []
    return [a for a in await repository.list_member_ids(session, conversation_id) if a != me]
