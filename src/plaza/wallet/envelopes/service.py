"""Red envelopes (WeChat's 红包): money shared out in a chat, in equal or lucky shares.

Sending takes the whole total from the sender into the envelope's hold at once and cuts
it into shares, one row each. Opening claims one unopened share and pays it from the
hold to the opener in the same transaction; what nobody opened within 24 hours goes
back to the sender (``return_expired``). Whether someone is in the envelope's chat is
the chat's business: ``plaza.flows`` asks it before calling in here.

The hold is striped over up to ``HOLD_STRIPES`` accounts, each share paid from one of
them, so that hundreds of people opening at once do not all queue on one row lock
(docs/subsystems/wallet.md, "Red envelopes", has the measurements).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.errors import PlazaError
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, limits, service
from plaza.wallet import repository as wallet_repository
from plaza.wallet.envelopes import repository
from plaza.wallet.envelopes.models import Envelope, Share
from plaza.wallet.envelopes.shares import equal_shares, lucky_shares
from plaza.wallet.errors import (
    AmountInvalid,
    EnvelopeAlreadyOpened,
    EnvelopeEmpty,
    EnvelopeExpired,
    EnvelopeNotForYou,
    EnvelopeNotFound,
    EnvelopeShareTooSmall,
    EnvelopeTooLarge,
    EnvelopeTooManyShares,
)
from plaza.wallet.ledger import Entry, Leg, Subject
from plaza.wallet.limits import SpendingRules

ENVELOPE_TTL = timedelta(hours=24)  # as WeChat: what is left goes back after a day
MAX_TOTAL = 200_00  # minor units; WeChat's 200.00 a red envelope
HOLD_STRIPES = 8
DEFAULT_GREETING = "Best wishes"
Kind = Literal["equal", "lucky"]
Status = Literal["open", "empty", "expired", "returned"]


@dataclass(frozen=True, slots=True)
class Audience:
    """What the chat says about where an envelope is sent."""

    direct: bool
    """A 1:1 chat: one share, for the other person."""
    member_count: int


@dataclass(frozen=True, slots=True)
class Opened:
    share: Share
    opener: Account
    opened_at: datetime


@dataclass(frozen=True, slots=True)
class Detail:
    """An envelope as a member of its chat sees it."""

    envelope: Envelope
    sender: Account
    opened: list[Opened]
    """First opened first."""
    mine: Share | None
    status: Status
    luckiest: Share | None
    """The largest share of a lucky envelope (the earliest on ties), once all are taken."""


def _cut(kind: Kind, amount: Money, count: int, audience: Audience) -> list[int]:
    """The shares in minor units, or the reason the envelope cannot be sent."""
    field = "total" if kind == "lucky" else "amount_each"
    if amount.amount <= 0:
        raise AmountInvalid("The amount must be more than zero.", field=field)
    if audience.direct and count != 1:
        raise EnvelopeTooManyShares("A red envelope in a 1:1 chat has one share.", field="count")
    if count > audience.member_count:
        raise EnvelopeTooManyShares(
            f"This chat has {audience.member_count} members; send that many shares at most.",
            field="count",
        )
    total = amount.amount if kind == "lucky" else amount.amount * count
    if total > MAX_TOTAL:
        raise EnvelopeTooLarge(
            f"A red envelope holds {Money(MAX_TOTAL, amount.currency)} at most.", field=field
        )
    if kind == "equal":
        return equal_shares(amount.amount, count)
    if total < count:
        raise EnvelopeShareTooSmall(
            f"{count} shares need {Money(count, amount.currency)} at least.", field="total"
        )
    return lucky_shares(total, count)


def _updated(envelope: Envelope, remaining: int) -> realtime.Event:
    """``envelope.updated``, so a card can show "Opened", "All taken" or "Expired"."""
    data = {
        "envelope_id": str(envelope.id),
        "opened_count": envelope.count - remaining,
        "remaining": remaining,
    }
    return realtime.Event("envelope.updated", data, envelope.id)


def _tell_sender_after_commit(
    session: AsyncSession, broker: Broker, envelope: Envelope, event: realtime.Event
) -> None:
    """The sender hears of each opening without it going into their inbox: that inbox
    row would be one lock that every opener of a big envelope queues on. Missing one
    costs nothing, since the detail page reads the shares themselves."""

    async def publish() -> None:
        await realtime.signal(broker, [envelope.sender_id], event.type, event.data)

    after_commit(session, publish)


async def send(
    session: AsyncSession,
    sender: Account,
    *,
    conversation_id: int,
    audience: Audience,
    kind: Kind,
    amount: Money,
    count: int,
    greeting: str,
    rules: SpendingRules,
) -> Envelope:
    """Take the total from an authorized sender into the envelope's hold, within their
    daily limit, cut into shares. ``amount`` is the total of a lucky envelope, or each
    share of an equal one."""
    amounts = _cut(kind, amount, count, audience)
    greeting = greeting or DEFAULT_GREETING
    now = clock.now()
    envelope_id = new_id()
    share_ids = [new_id() for _ in amounts]
    stripes = min(len(amounts), HOLD_STRIPES)
    # Share i is held in stripe i mod stripes.
    holds = await service.new_stripe_accounts(
        session, service.Purpose.ENVELOPE_HOLD, envelope_id, amount.currency, stripes
    )
    total = sum(amounts)
    source = await service.person_account(session, sender.id, amount.currency)
    await ledger.post(
        session,
        kind="envelope_sent",
        legs=[
            Leg(source.id, -total),
            *(Leg(hold.id, sum(amounts[stripe::stripes])) for stripe, hold in enumerate(holds)),
        ],
        memo=greeting,
        subject=Subject("envelope", envelope_id),
    )
    await limits.check_daily_limit(session, sender.id, rules, paying=Money(total, amount.currency))
    envelope = Envelope(
        id=envelope_id,
        sender_id=sender.id,
        conversation_id=conversation_id,
        direct=audience.direct,
        kind=kind,
        total=total,
        currency=amount.currency,
        count=len(amounts),
        greeting=greeting,
        created_at=now,
        expires_at=now + ENVELOPE_TTL,
        settled_at=None,
    )
    await repository.add_envelope(
        session,
        envelope,
        [
            {
                "id": share_id,
                "envelope_id": envelope_id,
                "amount": share,
                "hold_account_id": holds[index % stripes].id,
                "opener_id": None,
                "opened_at": None,
            }
            for index, (share_id, share) in enumerate(zip(share_ids, amounts, strict=True))
        ],
    )
    return envelope


async def get(session: AsyncSession, envelope_id: int) -> Envelope:
    """The envelope, whoever asks: the caller checks that they are in its chat."""
    envelope = await repository.get_envelope_or_none(session, envelope_id)
    if envelope is None:
        raise EnvelopeNotFound(field="envelope_id")
    return envelope


async def _claim(session: AsyncSession, envelope_id: int, me: int, now: datetime) -> Share | None:
    """An unopened share, now mine, or None when every share is opened.

    Shares that other openers hold are skipped. Only when every unopened share is held does
    it wait for those openers, since one may yet roll back (the same person tapping twice at
    once) and nobody may be told "all taken" while a share is left. A waiting ``FOR UPDATE
    LIMIT 1`` can come back empty when the row it waited for was claimed meanwhile, hence
    the loop; each turn waits for at least one other opener to finish. A second share for
    me is refused by the unique (envelope, opener): ``EnvelopeAlreadyOpened``.
    """
    try:
        while True:
            share = await repository.claim_unopened_share(
                session, envelope_id, me, now, skip_locked=True
            )
            if share is not None or not await repository.count_unopened(session, envelope_id):
                return share
            share = await repository.claim_unopened_share(
                session, envelope_id, me, now, skip_locked=False
            )
            if share is not None:
                return share
    except IntegrityError:  # I have one already, or my other tap is taking one right now
        raise EnvelopeAlreadyOpened() from None


async def _opened_by_me(session: AsyncSession, envelope: Envelope, me: Account) -> bool:
    return await repository.get_share_of_or_none(session, envelope.id, me.id) is not None


async def open_share(
    session: AsyncSession, broker: Broker, me: Account, envelope: Envelope
) -> Opened:
    """Claim one unopened share for a member of the envelope's chat and pay it out.

    The claim marks the share mine in one statement; the hold's row lock (in
    ``ledger.post``) is taken last, just before the commit, so it is held as briefly as
    possible. The share's own row lock keeps two openers from claiming the same share, and
    the unique (envelope, opener) keeps one person from claiming two. Whether I opened it
    before is looked up only when nothing is left to claim, to say so rather than "empty"
    or "expired".
    """
    if envelope.direct and me.id == envelope.sender_id:
        raise EnvelopeNotForYou()
    now = clock.now()
    if envelope.expires_at <= now:
        if await _opened_by_me(session, envelope, me):
            raise EnvelopeAlreadyOpened()
        raise EnvelopeExpired()
    share = await _claim(session, envelope.id, me.id, now)
    if share is None:
        # My other tap may have taken the last share while this one waited.
        if await _opened_by_me(session, envelope, me):
            raise EnvelopeAlreadyOpened()
        raise EnvelopeEmpty()
    target = await service.person_account(session, me.id, envelope.currency)
    remaining = await repository.count_unopened(session, envelope.id)
    event = _updated(envelope, remaining)
    await realtime.emit(session, broker, [me.id], event)
    if me.id != envelope.sender_id:
        _tell_sender_after_commit(session, broker, envelope, event)
    await ledger.post(
        session,
        kind="envelope_opened",
        legs=[Leg(share.hold_account_id, -share.amount), Leg(target.id, share.amount)],
        memo=envelope.greeting,
        subject=Subject("envelope", envelope.id),
    )
    return Opened(share, me, now)


async def open_shares(
    session: AsyncSession, broker: Broker, envelope: Envelope, openers: Collection[Account]
) -> dict[int, Opened | PlazaError]:
    """``open_share`` for many members of the envelope's chat at once (one batch of
    ``kit.batching``), in about a dozen statements in all: the answer for each opener, by id.

    Openers missing from the answer are those the batch cannot decide for: every share
    still unopened is held by another opener, who may yet roll back, and ``open_share``
    waits for that. The caller serves them with ``open_share``, one by one; so too every
    opener of a 1:1 or expired envelope, whose answers need a look each. Raises
    ``IntegrityError`` when one of them took a share meanwhile (their other tap, on another
    server): the caller rolls back and serves them all one by one.
    """
    now = clock.now()
    if envelope.direct or envelope.expires_at <= now:
        return {}
    by_id = {opener.id: opener for opener in openers}
    had = await repository.openers_among(session, envelope.id, by_id)
    answers: dict[int, Opened | PlazaError] = {o: EnvelopeAlreadyOpened() for o in had}
    wanting = [o for o in by_id if o not in had]
    shares = await repository.claim_unopened_shares(session, envelope.id, wanting, now)
    remaining = await repository.count_unopened(session, envelope.id)
    left_out = wanting[len(shares) :]
    if left_out and not remaining:
        # As open_share says when nothing is left: my other tap may have taken one.
        had = await repository.openers_among(session, envelope.id, left_out)
        answers |= {o: EnvelopeAlreadyOpened() if o in had else EnvelopeEmpty() for o in left_out}
    if not shares:
        return answers
    claimed = {share.opener_id: share for share in shares if share.opener_id is not None}
    targets = await service.person_accounts(session, claimed, envelope.currency)
    event = _updated(envelope, remaining)
    await realtime.emit(session, broker, list(claimed), event)
    if any(opener != envelope.sender_id for opener in claimed):
        _tell_sender_after_commit(session, broker, envelope, event)
    subject = Subject("envelope", envelope.id)
    await ledger.post_many(
        session,
        [
            Entry(
                "envelope_opened",
                [Leg(share.hold_account_id, -share.amount), Leg(targets[o].id, share.amount)],
                envelope.greeting,
                subject,
            )
            for o, share in claimed.items()
        ],
    )
    return answers | {o: Opened(share, by_id[o], now) for o, share in claimed.items()}


def _status(envelope: Envelope, remaining: int, now: datetime) -> Status:
    if remaining == 0:
        return "empty"
    if envelope.settled_at is not None:
        return "returned"
    return "expired" if envelope.expires_at <= now else "open"


def _luckiest(envelope: Envelope, opened: Sequence[Share]) -> Share | None:
    if envelope.kind != "lucky" or len(opened) < envelope.count:
        return None
    return min(opened, key=lambda s: (-s.amount, s.opened_at, s.id))


async def detail(session: AsyncSession, me: Account, envelope: Envelope) -> Detail:
    """Who sent it, who opened how much and when, my share, and the luckiest."""
    shares = await repository.list_opened(session, envelope.id)
    people = await identity.get_accounts(
        session, {envelope.sender_id, *(s.opener_id for s in shares if s.opener_id)}
    )
    return Detail(
        envelope=envelope,
        sender=people[envelope.sender_id],
        opened=[
            Opened(s, people[s.opener_id], s.opened_at)
            for s in shares
            if s.opener_id is not None and s.opened_at is not None
        ],
        mine=next((s for s in shares if s.opener_id == me.id), None),
        status=_status(envelope, envelope.count - len(shares), clock.now()),
        luckiest=_luckiest(envelope, shares),
    )


async def return_expired(session: AsyncSession, broker: Broker, *, limit: int = 100) -> int:
    """Give back what is left in up to ``limit`` envelopes older than 24 hours and close
    them; returns how many. Rows another worker holds are skipped."""
    due = await repository.lock_due_envelopes(session, due=clock.now(), limit=limit)
    for envelope in due:
        sender = await service.person_account(session, envelope.sender_id, envelope.currency)
        hold_ids = await repository.list_hold_account_ids(session, envelope.id)
        # Lock the holds and the sender together, lowest id first as ledger.post does,
        # so that the amounts read are the amounts moved and no opener can deadlock us.
        locked = await wallet_repository.lock_accounts(session, {*hold_ids, sender.id})
        legs = [Leg(a.id, -a.balance) for a in locked if a.id != sender.id and a.balance]
        left = -sum(leg.amount for leg in legs)
        if left:
            await ledger.post(
                session,
                kind="envelope_refund",
                legs=[*legs, Leg(sender.id, left)],
                memo=envelope.greeting,
                subject=Subject("envelope", envelope.id),
            )
        envelope.settled_at = clock.now()
        await session.flush()
        remaining = await repository.count_unopened(session, envelope.id)
        await realtime.emit(session, broker, [envelope.sender_id], _updated(envelope, remaining))
    return len(due)
