"""Official messaging: a follower's chat with an account and their messages, the menu,
auto-replies, the operator's inbox and replies, and the webhook. Docs:
docs/subsystems/official-messaging.md."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Response, status

from plaza.chat.messages import HISTORY_PAGE_MAX
from plaza.chat.presenters import message_out
from plaza.chat.schemas import MessageOut, MessagePage
from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.endpoints import to_avatar
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.ids import MAX_ID
from plaza.kit.pagination import Page, PageRequest, page_request
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.storage import Media, MediaStorage
from plaza.moments.schemas import AccountRef
from plaza.official import service as official
from plaza.official.messaging import service
from plaza.official.messaging.schemas import (
    AccountChat,
    AutoReplies,
    FollowerMessage,
    InboxThread,
    MenuUpdate,
    OperatorReply,
    WebhookSetting,
)
from plaza.official.presenters import to_account
from plaza.official.schemas import OfficialAccount
from plaza.realtime.broker import AppBroker
from plaza.webhooks import console as webhook_console
from plaza.webhooks.schemas import WebhookDelivery, WebhookDeliveryDetail

router = Router(
    prefix="/v1/official/accounts",
    tags=["official"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


def to_thread(entry: service.InboxEntry, storage: MediaStorage) -> InboxThread:
    follower, thread = entry.follower, entry.thread
    avatar = to_avatar(follower, storage)
    return InboxThread(
        follower=AccountRef(
            id=follower.id,
            display_name=follower.display_name,
            avatar_url=avatar.small if avatar else None,
            plaza_id=follower.plaza_id or "",
        ),
        last_message_text=thread.last_message_text,
        last_message_at=thread.last_message_at,
        can_reply_until=entry.can_reply_until,
    )


@router.get("/{account_id}/chat")
async def open_chat(account_id: PathId, caller: CurrentUser, session: DbSession) -> AccountChat:
    """My chat with an account I follow, made on first use (403 ``official.not_follower``)."""
    conversation = await service.open_chat(session, caller.account, account_id)
    return AccountChat(conversation_id=conversation.id)


@router.post("/{account_id}/messages")
async def send_message(
    account_id: PathId,
    body: FollowerMessage,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    limiter: Limiter,
    settings: AppSettings,
    response: Response,
) -> MessageOut:
    """Write to an account I follow (201); it may answer at once with an auto-reply. A retry
    with the same client_msg_id returns the first message (200)."""
    message, created = await service.send_from_follower(
        session,
        broker,
        limiter,
        caller.account,
        account_id,
        client_msg_id=body.client_msg_id,
        text=body.text,
        messages_per_window=settings.chat_send_limit,
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return message_out(message, None)


@router.put("/{account_id}/menu")
async def set_menu(
    account_id: PathId, body: MenuUpdate, caller: CurrentUser, session: DbSession, storage: Media
) -> OfficialAccount:
    """Operator: replace the custom menu (3 items, 5 sub-items each)."""
    account = await service.set_menu(session, caller.account, account_id, body.items)
    view = await official.view(session, account, caller.account.id)
    return to_account(view, storage)


@router.get("/{account_id}/auto-replies")
async def get_auto_replies(
    account_id: PathId, caller: CurrentUser, session: DbSession
) -> AutoReplies:
    """Operator: the greeting for new followers, the default reply and the keyword rules."""
    return await service.get_auto_replies(session, caller.account, account_id)


@router.put("/{account_id}/auto-replies")
async def set_auto_replies(
    account_id: PathId, body: AutoReplies, caller: CurrentUser, session: DbSession
) -> AutoReplies:
    """Operator: replace the auto-replies (up to 50 keyword rules)."""
    return await service.set_auto_replies(session, caller.account, account_id, body)


@router.get("/{account_id}/inbox")
async def inbox(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> list[InboxThread]:
    """Operator: the followers who wrote, the latest conversation first (at most 200)."""
    entries = await service.inbox(session, caller.account, account_id)
    return [to_thread(entry, storage) for entry in entries]


@router.get("/{account_id}/inbox/{follower_id}")
async def thread(
    account_id: PathId,
    follower_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    before_seq: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=HISTORY_PAGE_MAX)] = 50,
) -> MessagePage:
    """Operator: one follower's chat with the account, both ways, oldest first."""
    items, next_before = await service.thread_messages(
        session, caller.account, account_id, follower_id, before_seq=before_seq, limit=limit
    )
    return MessagePage(
        items=[message_out(sent.message, sent.reply) for sent in items],
        next_before_seq=next_before,
    )


@router.post("/{account_id}/inbox/{follower_id}/replies", status_code=status.HTTP_201_CREATED)
async def reply(
    account_id: PathId,
    follower_id: PathId,
    body: OperatorReply,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
) -> MessageOut:
    """Operator: answer a follower within 48 hours of their last message (409
    ``official.reply_window_closed`` after)."""
    message = await service.reply(
        session, broker, caller.account, account_id, follower_id, body.text
    )
    return message_out(message, None)


@router.get("/{account_id}/webhook")
async def get_webhook(
    account_id: PathId, caller: CurrentUser, session: DbSession
) -> WebhookSetting:
    """Operator: where the account's events are posted."""
    return WebhookSetting(url=await service.get_webhook(session, caller.account, account_id))


@router.put("/{account_id}/webhook")
async def set_webhook(
    account_id: PathId, body: WebhookSetting, caller: CurrentUser, session: DbSession
) -> WebhookSetting:
    """Operator: post official.message, official.follow and official.unfollow, signed, to
    this URL (null: stop)."""
    return WebhookSetting(
        url=await service.set_webhook(session, caller.account, account_id, body.url)
    )


@router.get("/{account_id}/webhook/deliveries")
async def list_webhook_deliveries(
    account_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[WebhookDelivery]:
    """Operator: the events posted to the account's webhook, newest first, each with how its
    latest attempt went."""
    owner = await service.webhook_owner(session, caller.account, account_id)
    return await webhook_console.delivery_page(session, owner, page)


@router.get("/{account_id}/webhook/deliveries/{webhook_id}")
async def get_webhook_delivery(
    account_id: PathId, webhook_id: PathId, caller: CurrentUser, session: DbSession
) -> WebhookDeliveryDetail:
    """Operator: one event posted to the account's webhook, its body and every attempt;
    404 ``webhooks.not_found`` for any other's."""
    owner = await service.webhook_owner(session, caller.account, account_id)
    return await webhook_console.delivery_detail(session, owner, webhook_id)
