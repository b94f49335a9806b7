"""Contacts' business rules: who can find whom, friend requests, friends, blocks, privacy.

Other domains ask ``are_friends``, ``has_blocked`` and ``friend_ids``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic_core import PydanticCustomError
from sqlalchemy import ColumnElement, Select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.contacts import repository
from plaza.contacts.errors import (
    AlreadyFriends,
    BlockedByYou,
    CannotAddSelf,
    CannotBlockSelf,
    ContactNotFound,
    NotAFriend,
    RequestExpired,
    RequestNotFound,
    RequestNotPending,
)
from plaza.contacts.models import (
    Block,
    FriendRequestRecord,
    Friendship,
    PrivacySettings,
    RequestStatus,
)
from plaza.contacts.schemas import (
    FriendUpdate,
    PrivacyUpdate,
    Relation,
    RequestStatusName,
)
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.identity.schemas import PLAZA_ID_PATTERN, check_phone
from plaza.kit import clock
from plaza.kit.db import SqlInt
from plaza.kit.ids import new_id
from plaza.kit.ratelimit import RateLimiter, Rule
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

REQUEST_TTL = timedelta(days=10)  # an unanswered request lapses, as on WeChat
REQUESTS_PER_DAY = 30  # friend requests one account may send a day
LOOKUPS_PER_DAY = 100  # searches and Plaza ID look-ups: phone numbers are guessable
FINDABLE_BY_PHONE_DEFAULT = True


@dataclass(frozen=True, slots=True)
class Card:
    """Someone as the caller sees them."""

    account: Account
    relation: Relation
    remark: str | None
    blocked: bool


@dataclass(frozen=True, slots=True)
class RequestView:
    request: FriendRequestRecord
    sender: Account
    recipient: Account


@dataclass(frozen=True, slots=True)
class FriendView:
    friendship: Friendship
    account: Account

    @property
    def shown_name(self) -> str:
        return self.friendship.remark or self.account.display_name


# Questions other domains ask


async def are_friends(session: AsyncSession, a: int, b: int) -> bool:
    """Whether ``a`` and ``b`` are friends; blocks do not end a friendship (ask ``has_blocked``)."""
    return a != b and await repository.count_friendship_sides(session, a, b) == 2


async def has_blocked(session: AsyncSession, *, owner: int, other: int) -> bool:
    """Whether ``owner`` blocked ``other``."""
    return await repository.block_exists(session, owner_id=owner, blocked_id=other)


def are_friends_condition(a: SqlInt, b: SqlInt) -> ColumnElement[bool]:
    """Both sides of the friendship exist, as a condition for another domain's query (one
    statement instead of a look-up per pair: Moments' visibility rule)."""
    return repository.are_friends_condition(a, b)


def blocked_either_way_condition(a: SqlInt, b: SqlInt) -> ColumnElement[bool]:
    """Either blocked the other, as a condition for another domain's query."""
    return repository.blocked_either_way_condition(a, b)


def friend_ids_query(owner: SqlInt) -> Select[int]:
    """The owner's friends' ids, as a subquery for another domain's statement."""
    return repository.friend_ids_query(owner)


async def remarks(
    session: AsyncSession, owner: int, account_ids: Collection[int]
) -> dict[int, str]:
    """The owner's non-empty remarks for these accounts, by account id."""
    if not account_ids:
        return {}
    return await repository.remarks(session, owner, account_ids)


async def friend_ids(session: AsyncSession, owner: int) -> list[int]:
    """The owner's friends as their friend list shows them: without the ones the owner
    blocked or whose account was deleted."""
    ids = await repository.list_friend_ids(session, owner)
    accounts = await identity.get_accounts(session, ids)
    return [i for i in ids if i in accounts and accounts[i].deleted_at is None]


# Finding people


def _phone_or_none(text: str) -> str | None:
    try:
        return check_phone(text)
    except PydanticCustomError:
        return None


async def _count_lookup(limiter: RateLimiter, me: Account) -> None:
    await limiter.hit(Rule(f"contacts-lookup:{me.id}", LOOKUPS_PER_DAY, timedelta(days=1)))


async def _visible_or_none(
    session: AsyncSession, me: Account, account: Account | None
) -> Account | None:
    """``account`` unless it is deleted or has blocked ``me``."""
    if account is None or account.deleted_at is not None:
        return None
    if account.id != me.id and await has_blocked(session, owner=account.id, other=me.id):
        return None
    return account


async def _visible_by_id(
    session: AsyncSession, me: Account, account_id: int, field: str
) -> Account:
    account = await identity.get_account_or_none(session, account_id)
    visible = await _visible_or_none(session, me, account)
    if visible is None:
        raise ContactNotFound(field=field)
    return visible


async def find(session: AsyncSession, me: Account, query: str, *, limiter: RateLimiter) -> Card:
    """Find someone by Plaza ID (any letter case) or, if they allow it, by phone number."""
    await _count_lookup(limiter, me)
    text = query.strip()
    account: Account | None = None
    if PLAZA_ID_PATTERN.match(text):
        account = await identity.get_account_by_plaza_id_or_none(session, text)
    elif (phone := _phone_or_none(text)) is not None:
        account = await identity.get_account_by_phone_or_none(session, phone)
        if account is not None and account.id != me.id:
            privacy = await get_privacy(session, account.id)
            if not privacy.findable_by_phone:
                account = None
    return await _card_or_not_found(session, me, account, field="q")


async def find_by_plaza_id(
    session: AsyncSession, me: Account, plaza_id: str, *, limiter: RateLimiter
) -> Card:
    """Whoever has this Plaza ID, as when their QR code is scanned."""
    await _count_lookup(limiter, me)
    account = await identity.get_account_by_plaza_id_or_none(session, plaza_id)
    return await _card_or_not_found(session, me, account, field="plaza_id")


async def _card_or_not_found(
    session: AsyncSession, me: Account, account: Account | None, *, field: str
) -> Card:
    visible = await _visible_or_none(session, me, account)
    if visible is None:
        raise ContactNotFound(field=field)
    return await _card(session, me, visible)


async def _card(session: AsyncSession, me: Account, account: Account) -> Card:
    if account.id == me.id:
        return Card(account=account, relation="self", remark=None, blocked=False)
    blocked = await has_blocked(session, owner=me.id, other=account.id)
    friendship = await repository.get_friendship_or_none(
        session, owner_id=me.id, friend_id=account.id
    )
    if friendship is not None:
        return Card(account=account, relation="friend", remark=friendship.remark, blocked=blocked)
    requests = await repository.get_requests_between(session, me.id, account.id)
    return Card(account=account, relation=_relation(me, requests), remark=None, blocked=blocked)


def _relation(me: Account, requests: Sequence[FriendRequestRecord]) -> Relation:
    open_ways = {r.from_id == me.id for r in requests if status_seen_by(r, me.id) == "pending"}
    if False in open_ways:
        return "request_received"
    return "request_sent" if True in open_ways else "none"


# Friend requests


def is_expired(request: FriendRequestRecord, now: datetime | None = None) -> bool:
    return (now or clock.now()) >= request.expires_at


def status_seen_by(request: FriendRequestRecord, viewer_id: int) -> RequestStatusName:
    """The status as ``viewer_id`` sees it: senders are not told of a decline, and an
    unanswered request expires ``REQUEST_TTL`` after it was last sent."""
    status = RequestStatus(request.status)
    if status is RequestStatus.DECLINED and viewer_id == request.from_id:
        status = RequestStatus.PENDING
    if status is RequestStatus.PENDING and is_expired(request):
        return "expired"
    if status is RequestStatus.ACCEPTED:
        return "accepted"
    return "declined" if status is RequestStatus.DECLINED else "pending"


async def send_request(
    session: AsyncSession,
    broker: Broker,
    me: Account,
    *,
    to: int,
    greeting: str,
    limiter: RateLimiter,
) -> RequestView:
    """Ask ``to`` to be friends. Asking again refreshes the request; asking someone who
    already asked you accepts theirs."""
    if to == me.id:
        raise CannotAddSelf(field="to")
    other = await _visible_by_id(session, me, to, field="to")
    if await has_blocked(session, owner=me.id, other=other.id):
        raise BlockedByYou(field="to")
    if await repository.get_friendship_or_none(session, owner_id=me.id, friend_id=other.id):
        raise AlreadyFriends(field="to")
    now = clock.now()
    requests = await repository.get_requests_between(session, me.id, other.id, for_update=True)
    theirs = next((r for r in requests if r.from_id == other.id), None)
    if (
        theirs is not None
        and theirs.status == RequestStatus.PENDING
        and not is_expired(theirs, now)
    ):
        await _befriend(session, me.id, other.id, requests, now)
        await _announce_friendship(session, broker, me.id, other.id)
        return RequestView(request=theirs, sender=other, recipient=me)
    await limiter.hit(Rule(f"friend-requests:{me.id}", REQUESTS_PER_DAY, timedelta(days=1)))
    mine = next((r for r in requests if r.from_id == me.id), None)
    if mine is None:
        mine = FriendRequestRecord(id=new_id(), from_id=me.id, to_id=other.id)
        session.add(mine)
    mine.greeting = greeting
    mine.status = RequestStatus.PENDING
    mine.order_key = new_id()
    mine.created_at = now
    mine.expires_at = now + REQUEST_TTL
    mine.answered_at = None
    await session.flush()
    data = {"request_id": str(mine.id), "from_id": str(me.id)}
    await realtime.emit(
        session, broker, [other.id], realtime.Event("contact_request.received", data)
    )
    return RequestView(request=mine, sender=me, recipient=other)


async def _announce_friendship(session: AsyncSession, broker: Broker, a: int, b: int) -> None:
    """Both sides' devices learn of the new friend (``contact.added``)."""
    for owner, friend in ((a, b), (b, a)):
        data = {"account_id": str(friend)}
        await realtime.emit(session, broker, [owner], realtime.Event("contact.added", data))


async def list_requests(
    session: AsyncSession, me: Account, *, after_key: int | None, limit: int
) -> Sequence[FriendRequestRecord]:
    return await repository.list_requests(session, me.id, after_key=after_key, limit=limit)


async def with_accounts(
    session: AsyncSession, requests: Sequence[FriendRequestRecord]
) -> list[RequestView]:
    """Requests with both sides loaded in one query; those with a deleted side are left out."""
    accounts = await identity.get_accounts(
        session, {r.from_id for r in requests} | {r.to_id for r in requests}
    )
    views = []
    for request in requests:
        sender, recipient = accounts.get(request.from_id), accounts.get(request.to_id)
        if sender is None or recipient is None:
            continue
        if sender.deleted_at is None and recipient.deleted_at is None:
            views.append(RequestView(request=request, sender=sender, recipient=recipient))
    return views


async def _incoming_pending(
    session: AsyncSession, me: Account, request_id: int
) -> tuple[FriendRequestRecord, Account]:
    request = await repository.get_request_or_none(session, request_id)
    if request is None or request.to_id != me.id:
        raise RequestNotFound(field="request_id")
    sender = await identity.get_account_or_none(session, request.from_id)
    if sender is None or sender.deleted_at is not None:
        raise RequestNotFound(field="request_id")
    if request.status != RequestStatus.PENDING:
        raise RequestNotPending(field="request_id")
    if is_expired(request):
        raise RequestExpired(field="request_id")
    return request, sender


async def accept_request(
    session: AsyncSession, broker: Broker, me: Account, request_id: int, *, remark: str | None
) -> FriendView:
    _, sender = await _incoming_pending(session, me, request_id)
    requests = await repository.get_requests_between(session, me.id, sender.id, for_update=True)
    mine = await _befriend(session, me.id, sender.id, requests, clock.now())
    await _announce_friendship(session, broker, me.id, sender.id)
    if remark is not None:
        mine.remark = remark
        await session.flush()
    return FriendView(friendship=mine, account=sender)


async def decline_request(session: AsyncSession, me: Account, request_id: int) -> None:
    """Say no. The sender is not told: to them it stays pending until it expires."""
    request, _ = await _incoming_pending(session, me, request_id)
    request.status = RequestStatus.DECLINED
    request.answered_at = clock.now()
    await session.flush()


async def make_friends(session: AsyncSession, a: int, b: int) -> None:
    """Make two accounts friends without a request (demo data and operators' tools)."""
    requests = await repository.get_requests_between(session, a, b)
    await _befriend(session, a, b, requests, clock.now())


async def _befriend(
    session: AsyncSession,
    a: int,
    b: int,
    requests: Sequence[FriendRequestRecord],
    now: datetime,
) -> Friendship:
    """Make ``a`` and ``b`` friends (both sides) and close their open requests; returns
    ``a``'s side."""
    sides = []
    for owner, friend in ((a, b), (b, a)):
        side = await repository.get_friendship_or_none(session, owner_id=owner, friend_id=friend)
        if side is None:
            side = Friendship(owner_id=owner, friend_id=friend, remark="", tags=[], created_at=now)
            session.add(side)
        sides.append(side)
    for request in requests:
        if request.status != RequestStatus.ACCEPTED:
            request.status = RequestStatus.ACCEPTED
            request.answered_at = now
    await session.flush()
    return sides[0]


# Friends


async def list_friends(session: AsyncSession, me: Account) -> list[FriendView]:
    """Friends by the name the caller sees (remark, else display name); friends the caller
    blocked or whose account was deleted are left out."""
    sides = await repository.list_friendships(session, me.id)
    accounts = await identity.get_accounts(session, [side.friend_id for side in sides])
    views = [
        FriendView(friendship=side, account=accounts[side.friend_id])
        for side in sides
        if side.friend_id in accounts and accounts[side.friend_id].deleted_at is None
    ]
    views.sort(key=lambda view: (view.shown_name.casefold(), view.account.id))
    return views


async def list_tags(session: AsyncSession, me: Account) -> list[tuple[str, int]]:
    """Each tag the caller uses, with how many listed friends carry it, by name."""
    counts = Counter(
        tag for view in await list_friends(session, me) for tag in view.friendship.tags
    )
    return sorted(counts.items(), key=lambda item: (item[0].casefold(), item[0]))


async def _my_side(session: AsyncSession, me: Account, friend_id: int) -> FriendView:
    side = await repository.get_friendship_or_none(session, owner_id=me.id, friend_id=friend_id)
    account = await identity.get_account_or_none(session, friend_id) if side else None
    if side is None or account is None or account.deleted_at is not None:
        raise NotAFriend(field="account_id")
    return FriendView(friendship=side, account=account)


async def update_friend(
    session: AsyncSession, me: Account, friend_id: int, update: FriendUpdate
) -> FriendView:
    """Set the caller's own remark and tags for a friend; the friend never sees them."""
    view = await _my_side(session, me, friend_id)
    if update.remark is not None:
        view.friendship.remark = update.remark
    if update.tags is not None:
        view.friendship.tags = list(update.tags)
    await session.flush()
    return view


async def remove_friend(session: AsyncSession, broker: Broker, me: Account, friend_id: int) -> None:
    """End a friendship, on both sides; my devices learn it (``contact.removed``)."""
    view = await _my_side(session, me, friend_id)
    await session.delete(view.friendship)
    theirs = await repository.get_friendship_or_none(session, owner_id=friend_id, friend_id=me.id)
    if theirs is not None:
        await session.delete(theirs)
    await session.flush()
    data = {"account_id": str(friend_id)}
    await realtime.emit(session, broker, [me.id], realtime.Event("contact.removed", data))


# Blocks


async def block(session: AsyncSession, me: Account, account_id: int) -> None:
    """Block someone (again is fine). Open requests between the two are withdrawn; a
    friendship is kept, hidden from the caller's list, and comes back on unblocking."""
    if account_id == me.id:
        raise CannotBlockSelf(field="account_id")
    account = await identity.get_account_or_none(session, account_id)
    if account is None or account.deleted_at is not None:
        raise ContactNotFound(field="account_id")
    if await repository.get_block_or_none(session, owner_id=me.id, blocked_id=account_id) is None:
        session.add(Block(owner_id=me.id, blocked_id=account_id, created_at=clock.now()))
    for request in await repository.get_requests_between(
        session, me.id, account_id, for_update=True
    ):
        if request.status != RequestStatus.ACCEPTED:
            await session.delete(request)
    await session.flush()


async def unblock(session: AsyncSession, me: Account, account_id: int) -> None:
    """Lift a block (unblocking someone not blocked is fine)."""
    found = await repository.get_block_or_none(session, owner_id=me.id, blocked_id=account_id)
    if found is not None:
        await session.delete(found)
        await session.flush()


async def list_blocked(session: AsyncSession, me: Account) -> list[Account]:
    """Whom the caller blocked, most recent first; deleted accounts are left out."""
    blocks = await repository.list_blocks(session, me.id)
    accounts = await identity.get_accounts(session, [b.blocked_id for b in blocks])
    return [
        accounts[b.blocked_id]
        for b in blocks
        if b.blocked_id in accounts and accounts[b.blocked_id].deleted_at is None
    ]


# Privacy


async def get_privacy(session: AsyncSession, account_id: int) -> PrivacySettings:
    """The account's settings; the defaults (not stored) until it first changes one."""
    found = await repository.get_privacy_or_none(session, account_id)
    if found is None:
        return PrivacySettings(account_id=account_id, findable_by_phone=FINDABLE_BY_PHONE_DEFAULT)
    return found


async def update_privacy(
    session: AsyncSession, me: Account, update: PrivacyUpdate
) -> PrivacySettings:
    settings = await repository.get_privacy_or_none(session, me.id)
    if settings is None:
        settings = PrivacySettings(account_id=me.id, findable_by_phone=FINDABLE_BY_PHONE_DEFAULT)
        session.add(settings)
    if update.findable_by_phone is not None:
        settings.findable_by_phone = update.findable_by_phone
    await session.flush()
    return settings
