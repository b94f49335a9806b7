from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from plaza.chat import conversations, messages
from plaza.chat.conversations import ConversationView
from plaza.chat.messages import HISTORY_PAGE_MAX, Sent
from plaza.chat.official_chats import FOLDED_KINDS
from plaza.chat.presenters import kind_of, message_out, role_of
from plaza.chat.schemas import (
    ChatSettingsOut,
    ChatSettingsUpdate,
    ConversationList,
    ConversationOut,
    DirectOpen,
    Forward,
    GroupCreate,
    GroupUpdate,
    Invite,
    Join,
    JoinLink,
    MemberOut,
    MemberSettings,
    MessageOut,
    MessagePage,
    MessageSend,
    OwnerTransfer,
    ReadPosition,
)
from plaza.config import AppSettings
from plaza.identity import service as identity
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.endpoints import to_profile
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.ids import MAX_ID
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.storage import Media, MediaStorage
from plaza.realtime import service as realtime
from plaza.realtime.broker import AppBroker

router = Router(
    prefix="/v1",
    tags=["chat"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
NO_CONTENT = status.HTTP_204_NO_CONTENT


def to_conversation(view: ConversationView, storage: MediaStorage) -> ConversationOut:
    member, conversation = view.member, view.conversation
    return ConversationOut(
        id=conversation.id,
        kind=kind_of(conversation),
        name=conversation.name,
        announcement=conversation.announcement,
        member_count=view.member_count,
        my_role=role_of(member),
        muted=member.muted,
        pinned=member.pinned,
        last_seq=conversation.last_seq,
        last_read_seq=member.last_read_seq,
        unread=max(0, conversation.last_seq - max(member.last_read_seq, member.joined_seq)),
        last_message=message_out(view.last_message, None) if view.last_message else None,
        peer=to_profile(view.peer, storage) if view.peer else None,
        peer_read_seq=view.peer_read_seq,
        updated_at=conversation.last_message_at or conversation.created_at,
    )


def to_message(sent: Sent) -> MessageOut:
    return message_out(sent.message, sent.reply)


@router.get("/conversations")
async def list_conversations(
    caller: CurrentUser, session: DbSession, storage: Media
) -> ConversationList:
    """All my conversations, pinned first, then by latest message, with unread counts;
    chats with subscription accounts are in the Subscriptions folder instead."""
    cursor = await realtime.current_cursor(session, caller.account.id)
    views = await conversations.list_conversations(
        session, caller.account.id, except_kinds=FOLDED_KINDS
    )
    return ConversationList(items=[to_conversation(v, storage) for v in views], sync_cursor=cursor)


@router.post("/conversations/direct")
async def open_direct(
    body: DirectOpen, caller: CurrentUser, session: DbSession, storage: Media
) -> ConversationOut:
    """The 1:1 conversation with a friend, created on first use."""
    conversation = await conversations.open_direct(session, caller.account.id, body.peer_id)
    view = await conversations.get_conversation(session, caller.account.id, conversation.id)
    return to_conversation(view, storage)


@router.post("/conversations/groups", status_code=status.HTTP_201_CREATED)
async def create_group(
    body: GroupCreate, caller: CurrentUser, session: DbSession, broker: AppBroker, storage: Media
) -> ConversationOut:
    """Start a group with friends (at most 500 members); I become its owner."""
    conversation = await conversations.create_group(
        session, broker, caller.account.id, name=body.name, member_ids=body.member_ids
    )
    view = await conversations.get_conversation(session, caller.account.id, conversation.id)
    return to_conversation(view, storage)


@router.get("/conversations/{conversation_id}")
async def get_conversation(
    conversation_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> ConversationOut:
    """One conversation as I see it."""
    view = await conversations.get_conversation(session, caller.account.id, conversation_id)
    return to_conversation(view, storage)


@router.patch("/conversations/{conversation_id}")
async def update_group(
    conversation_id: PathId,
    body: GroupUpdate,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    storage: Media,
) -> ConversationOut:
    """Rename a group (any member) or set its announcement (owner and admins)."""
    await conversations.update_group(
        session,
        broker,
        caller.account.id,
        conversation_id,
        name=body.name,
        announcement=body.announcement,
    )
    view = await conversations.get_conversation(session, caller.account.id, conversation_id)
    return to_conversation(view, storage)


@router.patch("/conversations/{conversation_id}/settings")
async def update_member_settings(
    conversation_id: PathId,
    body: MemberSettings,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    storage: Media,
) -> ConversationOut:
    """Mute or pin a conversation, for me only."""
    await conversations.update_member_settings(
        session, broker, caller.account.id, conversation_id, muted=body.muted, pinned=body.pinned
    )
    view = await conversations.get_conversation(session, caller.account.id, conversation_id)
    return to_conversation(view, storage)


@router.get("/conversations/{conversation_id}/members")
async def list_members(
    conversation_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> list[MemberOut]:
    """Members in the order they joined."""
    members = await conversations.list_members(session, caller.account.id, conversation_id)
    accounts = await identity.get_accounts(session, [m.account_id for m in members])
    return [
        MemberOut(
            account=to_profile(accounts[m.account_id], storage),
            role=role_of(m),
            joined_at=m.joined_at,
        )
        for m in members
    ]


@router.post("/conversations/{conversation_id}/members", status_code=NO_CONTENT)
async def invite(
    conversation_id: PathId,
    body: Invite,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> Response:
    """Add friends to a group."""
    await conversations.invite(
        session, broker, caller.account.id, conversation_id, body.account_ids
    )
    return Response(status_code=NO_CONTENT)


@router.delete("/conversations/{conversation_id}/members/{account_id}", status_code=NO_CONTENT)
async def remove_member(
    conversation_id: PathId,
    account_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> Response:
    """Remove a member (owner and admins), or leave the group when it is me."""
    await conversations.remove_member(
        session, broker, caller.account.id, conversation_id, account_id
    )
    return Response(status_code=NO_CONTENT)


@router.post("/conversations/{conversation_id}/owner", status_code=NO_CONTENT)
async def transfer_ownership(
    conversation_id: PathId,
    body: OwnerTransfer,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> Response:
    """Hand the group to another member (owner only)."""
    await conversations.transfer_ownership(
        session, broker, caller.account.id, conversation_id, body.account_id
    )
    return Response(status_code=NO_CONTENT)


@router.put("/conversations/{conversation_id}/admins/{account_id}", status_code=NO_CONTENT)
async def add_admin(
    conversation_id: PathId, account_id: PathId, caller: CurrentUser, session: DbSession
) -> Response:
    """Make a member an admin (owner only; at most 3)."""
    await conversations.set_admin(
        session, caller.account.id, conversation_id, account_id, admin=True
    )
    return Response(status_code=NO_CONTENT)


@router.delete("/conversations/{conversation_id}/admins/{account_id}", status_code=NO_CONTENT)
async def remove_admin(
    conversation_id: PathId, account_id: PathId, caller: CurrentUser, session: DbSession
) -> Response:
    """Make an admin a plain member again (owner only)."""
    await conversations.set_admin(
        session, caller.account.id, conversation_id, account_id, admin=False
    )
    return Response(status_code=NO_CONTENT)


@router.post("/conversations/{conversation_id}/join-link")
async def create_join_link(
    conversation_id: PathId, caller: CurrentUser, session: DbSession, request: Request
) -> JoinLink:
    """A group QR link valid for 7 days; making a new one retires the old one."""
    conversation = await conversations.create_join_link(session, caller.account.id, conversation_id)
    assert conversation.join_token is not None
    assert conversation.join_token_expires_at is not None
    base = str(request.base_url).rstrip("/")
    return JoinLink(
        token=conversation.join_token,
        url=f"{base}/join/{conversation.join_token}",
        expires_at=conversation.join_token_expires_at,
    )


@router.post("/conversations/join")
async def join(
    body: Join, caller: CurrentUser, session: DbSession, broker: AppBroker, storage: Media
) -> ConversationOut:
    """Join a group through its QR link."""
    conversation = await conversations.join_by_link(session, broker, caller.account.id, body.token)
    view = await conversations.get_conversation(session, caller.account.id, conversation.id)
    return to_conversation(view, storage)


@router.get("/conversations/{conversation_id}/messages")
async def history(
    conversation_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    before_seq: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=HISTORY_PAGE_MAX)] = 50,
) -> MessagePage:
    """Messages before `before_seq` (default: the newest), oldest first."""
    items, next_before = await messages.history(
        session,
        account=caller.account.id,
        conversation_id=conversation_id,
        before_seq=before_seq,
        limit=limit,
    )
    return MessagePage(items=[to_message(s) for s in items], next_before_seq=next_before)


@router.post("/conversations/{conversation_id}/messages")
async def send_message(
    conversation_id: PathId,
    body: MessageSend,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    limiter: Limiter,
    settings: AppSettings,
    storage: Media,
    response: Response,
) -> MessageOut:
    """Send a message (201); a retry with the same client_msg_id returns the first (200)."""
    sent, created = await messages.send(
        session,
        broker,
        limiter,
        storage,
        sender=caller.account.id,
        conversation_id=conversation_id,
        body=body,
        messages_per_window=settings.chat_send_limit,
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return to_message(sent)


@router.post("/messages/forward")
async def forward(
    body: Forward,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    limiter: Limiter,
    settings: AppSettings,
) -> list[MessageOut]:
    """Forward messages to up to 9 conversations."""
    copies = await messages.forward(
        session,
        broker,
        limiter,
        sender=caller.account.id,
        message_ids=body.message_ids,
        conversation_ids=body.conversation_ids,
        client_msg_id=body.client_msg_id,
        messages_per_window=settings.chat_send_limit,
    )
    return [message_out(copy, None) for copy in copies]


@router.post("/conversations/{conversation_id}/messages/{message_id}/recall")
async def recall(
    conversation_id: PathId,
    message_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> MessageOut:
    """Recall my message within 2 minutes."""
    message = await messages.recall(
        session,
        broker,
        account=caller.account.id,
        conversation_id=conversation_id,
        message_id=message_id,
    )
    return message_out(message, None)


@router.delete("/conversations/{conversation_id}/messages/{message_id}", status_code=NO_CONTENT)
async def hide(
    conversation_id: PathId,
    message_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> Response:
    """Delete a message for me only."""
    await messages.hide(
        session,
        broker,
        account=caller.account.id,
        conversation_id=conversation_id,
        message_id=message_id,
    )
    return Response(status_code=NO_CONTENT)


@router.post("/conversations/{conversation_id}/read")
async def mark_read(
    conversation_id: PathId,
    body: ReadPosition,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    storage: Media,
) -> ConversationOut:
    """Mark messages up to `seq` as read."""
    await messages.mark_read(
        session, broker, account=caller.account.id, conversation_id=conversation_id, seq=body.seq
    )
    view = await conversations.get_conversation(session, caller.account.id, conversation_id)
    return to_conversation(view, storage)


@router.get("/chat/settings")
async def get_chat_settings(caller: CurrentUser, session: DbSession) -> ChatSettingsOut:
    """My chat settings."""
    return ChatSettingsOut(
        read_receipts=await messages.get_read_receipts(session, caller.account.id)
    )


@router.patch("/chat/settings")
async def update_chat_settings(
    body: ChatSettingsUpdate, caller: CurrentUser, session: DbSession
) -> ChatSettingsOut:
    """Turn read receipts on or off (they show only when both people turned them on)."""
    enabled = await messages.set_read_receipts(session, caller.account.id, body.read_receipts)
    return ChatSettingsOut(read_receipts=enabled)
