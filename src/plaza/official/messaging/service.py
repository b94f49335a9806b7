"""Official messaging's rules: the follower's chat with an account, their messages with
the auto-replies they get, the operator's inbox and replies within 48 hours, the menu, the
webhook, and service broadcasts posted into every follower's chat.

``official.flows`` calls ``greet_follower`` and ``follower_left`` when someone follows or
unfollows, and ``post_broadcast`` when an account broadcasts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import messages, official_chats
from plaza.chat.messages import SEND_RATE_WINDOW, Sent
from plaza.chat.models import Conversation, Message
from plaza.chat.presenters import PREVIEW_LENGTH
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.ratelimit import RateLimiter, Rule
from plaza.official import service as official
from plaza.official.messaging import auto_replies, menus, repository
from plaza.official.messaging.errors import (
    NotFollower,
    ReplyWindowClosed,
    ThreadNotFound,
    WebhookUrlInvalid,
)
from plaza.official.messaging.models import Delivery, MessagingSettings, Thread
from plaza.official.messaging.schemas import AutoReplies, KeywordReply
from plaza.official.messaging.urls import is_web_url
from plaza.official.models import OfficialAccountRecord
from plaza.official.schemas import MenuItem
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.webhooks import service as webhooks

REPLY_WINDOW = timedelta(hours=48)  # as WeChat's customer-service messages
INBOX_MAX = 200
DELIVERY_BATCH = 200
"""Followers a service broadcast reaches per transaction: the first batch in the request
that broadcasts, the rest in the ``jobs`` sweep."""
OWNER_TYPE = "official"
MESSAGE_EVENT = "official.message"
FOLLOW_EVENT = "official.follow"
UNFOLLOW_EVENT = "official.unfollow"


def _owner(account: OfficialAccountRecord) -> webhooks.Owner:
    return webhooks.Owner(OWNER_TYPE, account.id)


def _said(account: OfficialAccountRecord, **body: Any) -> dict[str, Any]:
    """The content of a message from the account."""
    return {"account_id": str(account.id), "account_name": account.name, **body}


async def _chat(
    session: AsyncSession, account: OfficialAccountRecord, person_id: int
) -> Conversation:
    return await official_chats.official_chat(
        session, account.id, person_id, name=account.name, listed=account.type == official.SERVICE
    )


async def _followed(
    session: AsyncSession, caller: Account, account_id: int
) -> OfficialAccountRecord:
    account = await official.visible_account(session, account_id, caller)
    if not await official.is_follower(session, account.id, caller.id):
        raise NotFollower()
    return account


async def open_chat(session: AsyncSession, caller: Account, account_id: int) -> Conversation:
    """The caller's chat with an account they follow, made on first use."""
    return await _chat(session, await _followed(session, caller, account_id), caller.id)


# A follower's messages and the auto-replies


async def _post_from_account(
    session: AsyncSession,
    broker: Broker,
    account: OfficialAccountRecord,
    conversation: Conversation,
    person_id: int,
    text: str,
) -> Message:
    message = await official_chats.post_as_account(
        session, broker, conversation, person_id, _said(account, text=text)
    )
    thread = await repository.get_thread_or_none(session, account.id, person_id)
    if thread is not None:
        thread.last_message_text = text[:PREVIEW_LENGTH]
        thread.last_message_at = message.created_at
        await session.flush()
    return message


async def _file_in_inbox(
    session: AsyncSession, account: OfficialAccountRecord, message: Message, text: str
) -> None:
    assert message.sender_id is not None
    thread = await repository.get_thread_or_none(session, account.id, message.sender_id)
    if thread is None:
        thread = Thread(account_id=account.id, person_id=message.sender_id)
        session.add(thread)
    thread.conversation_id = message.conversation_id
    thread.last_message_text = text[:PREVIEW_LENGTH]
    thread.last_message_at = thread.last_follower_message_at = message.created_at
    await session.flush()


async def _notify(
    session: AsyncSession,
    account: OfficialAccountRecord,
    settings: MessagingSettings | None,
    event_type: str,
    payload: Mapping[str, Any],
) -> None:
    if settings is not None and settings.webhook_url:
        data = {"account_id": str(account.id), **payload}
        await webhooks.enqueue(
            session,
            url=settings.webhook_url,
            event_type=event_type,
            payload=data,
            owner=_owner(account),
        )


def _follower_data(person: Account) -> dict[str, str]:
    """How the account's server learns who: no phone number."""
    return {"id": str(person.id), "display_name": person.display_name}


async def send_from_follower(
    session: AsyncSession,
    broker: Broker,
    limiter: RateLimiter,
    caller: Account,
    account_id: int,
    *,
    client_msg_id: str,
    text: str,
    messages_per_window: int,
) -> tuple[Message, bool]:
    """A follower's message: into their chat and the account's inbox, to the webhook if one
    is set, and answered by the first matching keyword rule or the default reply. A retry
    with the same ``client_msg_id`` returns the first message and does nothing more.
    Returns the message and whether this call created it."""
    account = await _followed(session, caller, account_id)
    conversation = await _chat(session, account, caller.id)
    await limiter.hit(Rule(f"chat:send:{caller.id}", messages_per_window, SEND_RATE_WINDOW))
    message, created = await official_chats.post_as_person(
        session, broker, conversation, caller.id, client_msg_id=client_msg_id, text=text
    )
    if not created:
        return message, False
    await _file_in_inbox(session, account, message, text)
    settings = await repository.get_settings_or_none(session, account.id)
    said = {"id": str(message.id), "text": text, "created_at": message.created_at.isoformat()}
    await _notify(
        session,
        account,
        settings,
        MESSAGE_EVENT,
        {"follower": _follower_data(caller), "message": said},
    )
    if settings is not None:
        reply = auto_replies.reply_for(text, settings.keywords, settings.default_reply)
        if reply is not None:
            await _post_from_account(session, broker, account, conversation, caller.id, reply)
    return message, True


async def greet_follower(
    session: AsyncSession, broker: Broker, account: OfficialAccountRecord, person: Account
) -> None:
    """Someone started following: the account's greeting in their chat, if it has one, and
    ``official.follow`` to its webhook."""
    settings = await repository.get_settings_or_none(session, account.id)
    if settings is None:
        return
    if settings.on_follow:
        conversation = await _chat(session, account, person.id)
        await _post_from_account(
            session, broker, account, conversation, person.id, settings.on_follow
        )
    await _notify(session, account, settings, FOLLOW_EVENT, {"follower": _follower_data(person)})


async def follower_left(
    session: AsyncSession, account: OfficialAccountRecord, person: Account
) -> None:
    """Someone stopped following: ``official.unfollow`` to the account's webhook."""
    settings = await repository.get_settings_or_none(session, account.id)
    await _notify(session, account, settings, UNFOLLOW_EVENT, {"follower": _follower_data(person)})


# The operator's side


@dataclass(frozen=True, slots=True)
class InboxEntry:
    thread: Thread
    follower: Account

    @property
    def can_reply_until(self) -> datetime:
        return self.thread.last_follower_message_at + REPLY_WINDOW


async def inbox(session: AsyncSession, caller: Account, account_id: int) -> list[InboxEntry]:
    """The followers who wrote to the account, the latest conversation first."""
    account = await official.require_operator(session, account_id, caller)
    threads = await repository.list_threads(session, account.id, INBOX_MAX)
    people = await identity.get_accounts(session, [thread.person_id for thread in threads])
    return [InboxEntry(thread, people[thread.person_id]) for thread in threads]


async def _thread(
    session: AsyncSession, caller: Account, account_id: int, follower_id: int
) -> tuple[OfficialAccountRecord, Thread]:
    account = await official.require_operator(session, account_id, caller)
    thread = await repository.get_thread_or_none(session, account.id, follower_id)
    if thread is None:
        raise ThreadNotFound(field="follower_id")
    return account, thread


async def thread_messages(
    session: AsyncSession,
    caller: Account,
    account_id: int,
    follower_id: int,
    *,
    before_seq: int | None,
    limit: int,
) -> tuple[list[Sent], int | None]:
    """One follower's chat with the account as the operator reads it (both ways), oldest
    first, and the ``before_seq`` of the page before."""
    _, thread = await _thread(session, caller, account_id, follower_id)
    return await messages.history(
        session,
        account=thread.person_id,
        conversation_id=thread.conversation_id,
        before_seq=before_seq,
        limit=limit,
    )


async def reply(
    session: AsyncSession,
    broker: Broker,
    caller: Account,
    account_id: int,
    follower_id: int,
    text: str,
) -> Message:
    """The operator answers a follower, within 48 hours of the follower's last message."""
    account, thread = await _thread(session, caller, account_id, follower_id)
    if clock.now() > thread.last_follower_message_at + REPLY_WINDOW:
        raise ReplyWindowClosed()
    if not await official.is_follower(session, account.id, follower_id):
        raise NotFollower("They no longer follow the account.", field="follower_id")
    conversation = await _chat(session, account, follower_id)
    return await _post_from_account(session, broker, account, conversation, follower_id, text)


async def set_menu(
    session: AsyncSession, caller: Account, account_id: int, items: list[MenuItem]
) -> OfficialAccountRecord:
    account = await official.require_operator(session, account_id, caller, for_update=True)
    account.menu = await menus.checked_menu(session, caller, items)
    await session.flush()
    return account


async def _settings(session: AsyncSession, account: OfficialAccountRecord) -> MessagingSettings:
    """The account's settings row, made empty if it has none."""
    settings = await repository.get_settings_or_none(session, account.id)
    if settings is None:
        settings = MessagingSettings(
            account_id=account.id,
            on_follow="",
            default_reply="",
            keywords=[],
            webhook_url=None,
            updated_at=clock.now(),
        )
        session.add(settings)
    return settings


def _auto_replies(settings: MessagingSettings | None) -> AutoReplies:
    if settings is None:
        return AutoReplies(on_follow="", default="", keywords=[])
    return AutoReplies(
        on_follow=settings.on_follow,
        default=settings.default_reply,
        keywords=[KeywordReply.model_validate(rule) for rule in settings.keywords],
    )


async def get_auto_replies(session: AsyncSession, caller: Account, account_id: int) -> AutoReplies:
    account = await official.require_operator(session, account_id, caller)
    return _auto_replies(await repository.get_settings_or_none(session, account.id))


async def set_auto_replies(
    session: AsyncSession, caller: Account, account_id: int, replies: AutoReplies
) -> AutoReplies:
    """Replace the account's auto-replies."""
    account = await official.require_operator(session, account_id, caller)
    settings = await _settings(session, account)
    settings.on_follow = replies.on_follow
    settings.default_reply = replies.default
    settings.keywords = [rule.model_dump(mode="json") for rule in replies.keywords]
    settings.updated_at = clock.now()
    await session.flush()
    return _auto_replies(settings)


async def get_webhook(session: AsyncSession, caller: Account, account_id: int) -> str | None:
    account = await official.require_operator(session, account_id, caller)
    settings = await repository.get_settings_or_none(session, account.id)
    return settings.webhook_url if settings else None


async def webhook_owner(session: AsyncSession, caller: Account, account_id: int) -> webhooks.Owner:
    """Whose webhooks the operator of this account may look through."""
    return _owner(await official.require_operator(session, account_id, caller))


async def set_webhook(
    session: AsyncSession, caller: Account, account_id: int, url: str | None
) -> str | None:
    """Set (or, with None, clear) where the account's events are posted."""
    account = await official.require_operator(session, account_id, caller)
    if url is not None and not is_web_url(url, http_to_loopback=True):
        raise WebhookUrlInvalid(field="url")
    settings = await _settings(session, account)
    settings.webhook_url = url
    settings.updated_at = clock.now()
    await session.flush()
    return url


# Service broadcasts


async def post_broadcast(
    session: AsyncSession,
    broker: Broker,
    account: OfficialAccountRecord,
    cards: Sequence[Mapping[str, Any]],
) -> None:
    """Post a service account's broadcast into each follower's chat with it as a message
    of kind ``official`` with content ``{account_id, account_name, articles: cards}``
    (``cards``: the articles as JSON ``ArticleCard``s), unread, with a notification. A
    subscription account's broadcast posts nothing, as it is read in the Subscriptions
    folder: each follower gets a ``subscriptions.updated`` event instead, for the chat
    list's folder row. The first ``DELIVERY_BATCH`` followers hear in this transaction,
    the rest from the ``jobs`` sweep soon after."""
    delivery = Delivery(
        id=new_id(),
        account_id=account.id,
        content=_said(account, articles=[dict(card) for card in cards]),
        after_person_id=None,
        created_at=clock.now(),
    )
    session.add(delivery)
    await session.flush()
    await _deliver_batch(session, broker, account, delivery)


async def _deliver_batch(
    session: AsyncSession, broker: Broker, account: OfficialAccountRecord, delivery: Delivery
) -> int:
    """Post the delivery to its next batch of followers (tell them, for a subscription
    account); forget it once all have it."""
    followers = await official.follower_ids(
        session, account.id, delivery.after_person_id, DELIVERY_BATCH
    )
    if account.type == official.SERVICE:
        chats = await official_chats.official_chats(
            session, account.id, followers, name=account.name, listed=True
        )
        posted = await official_chats.post_as_account_to_many(
            session, broker, chats, delivery.content
        )
    else:
        updated = realtime.Event("subscriptions.updated", {"account_id": str(account.id)})
        await realtime.emit(session, broker, followers, updated)
        posted = len(followers)
    if len(followers) < DELIVERY_BATCH:
        await repository.delete_delivery(session, delivery.id)
    else:
        delivery.after_person_id = followers[-1]
        await session.flush()
    return posted


async def deliver_pending(session: AsyncSession, broker: Broker) -> int:
    """One batch of the oldest unfinished broadcast (the ``jobs`` sweep); returns
    how many followers it reached."""
    delivery = await repository.lock_next_delivery(session)
    if delivery is None:
        return 0
    account = await official.get_account(session, delivery.account_id)
    return await _deliver_batch(session, broker, account, delivery)
