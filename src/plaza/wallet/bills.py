"""Bills and monthly statements: a person's own movements, read back from the postings on
their available account.

A bill is one posting: its signed amount is what the movement did to my balance, and its
entry says what it was (``kind``) and what it belongs to (``subject``). Who was on the
other side is told by the subject's own feature through ``DESCRIBERS``, one query per
subject type per page, so a new kind of movement needs no change here and a new kind of
subject one line. Months are calendar months in the wallet's time zone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import conversations
from plaza.identity import service as identity
from plaza.kit import clock
from plaza.miniapps import service as miniapps
from plaza.wallet import bills_repository, service
from plaza.wallet.bills_repository import BillQuery
from plaza.wallet.errors import BillNotFound, KindInvalid, MonthInFuture, MonthInvalid
from plaza.wallet.models import JournalEntry, Posting
from plaza.wallet.orders import repository as miniapp_orders

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEARS = (1970, 2999)  # no ledger is older; and every month's bounds stay in datetime's range
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,29}$")  # fits JournalEntry.kind


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str, *, field: str = "month") -> Month:
        found = _MONTH.match(text)
        if (
            found is None
            or not 1 <= int(found.group(2)) <= 12
            or not _YEARS[0] <= int(found.group(1)) <= _YEARS[1]
        ):
            raise MonthInvalid(f"{text!r} is not a month like 2026-11.", field=field)
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def containing(cls, at: datetime, zone: ZoneInfo) -> Month:
        local = at.astimezone(zone)
        return cls(local.year, local.month)

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """Its first instant and the next month's, local midnights given in UTC."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        start = datetime(self.year, self.month, 1, tzinfo=zone)
        return start.astimezone(UTC), datetime(year, month, 1, tzinfo=zone).astimezone(UTC)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def check_kind(kind: str) -> str:
    """A kind is any well-formed name: unknown ones simply match nothing, so bills of
    movements added later can be filtered without a change here."""
    if not _KIND.match(kind):
        raise KindInvalid(field="kind")
    return kind


@dataclass(frozen=True, slots=True)
class Counterparty:
    type: str
    """``person``, ``chat`` (a group a red envelope was sent to), ``shop``, ``bank`` or
    ``miniapp``."""
    id: int
    """The person's, chat's or shop's id; for the bank, the card's."""
    name: str
    card_last4: str | None = None
    """For the bank: the card's last four digits, so that two cards of one bank differ."""
    share_count: int | None = None
    """For a group's red envelope: how many shares it was cut into (how many people it
    was for), to name it by when the group has no name."""


@dataclass(frozen=True, slots=True)
class Leg:
    """Another posting of a bill's entry, and the person whose account it is on."""

    amount: int
    currency: str
    purpose: str
    owner_id: int | None
    owner_name: str | None
    """None when the account is not a person's (a shop's takings, the bank's)."""


@dataclass(frozen=True, slots=True)
class Party:
    """What a subject tells about a bill: who was on the other side, and in which chat."""

    counterparty: Counterparty | None
    conversation_id: int | None = None


Describer = Callable[[AsyncSession, int, Collection[int]], Awaitable[dict[int, Party]]]
"""(session, my person id, subject ids) -> Party by subject id, in a few queries however
many subjects there are."""


async def _names(session: AsyncSession, account_ids: Collection[int]) -> dict[int, str]:
    accounts = await identity.get_accounts(session, account_ids)
    return {account_id: account.display_name for account_id, account in accounts.items()}


async def _describe_transfers(
    session: AsyncSession, me: int, transfer_ids: Collection[int]
) -> dict[int, Party]:
    sides = await bills_repository.transfer_sides(session, me, transfer_ids)
    names = await _names(session, {side.other_id for side in sides})
    return {
        side.transfer_id: Party(
            Counterparty("person", side.other_id, names.get(side.other_id, "")),
            side.conversation_id,
        )
        for side in sides
    }


async def _describe_envelopes(
    session: AsyncSession, me: int, envelope_ids: Collection[int]
) -> dict[int, Party]:
    """An opened share is from its sender. My own envelope (sent, or its refund) was for
    the other person of a 1:1 chat, or for the group."""
    sides = await bills_repository.envelope_sides(session, envelope_ids)
    mine = [side for side in sides if side.sender_id == me]
    chat_names = await conversations.names(session, {s.conversation_id for s in mine})
    peers = await conversations.peers(session, {s.conversation_id for s in mine if s.direct}, me)
    names = await _names(session, {side.sender_id for side in sides} | set(peers.values()))
    parties = {}
    for side in sides:
        person = side.sender_id if side.sender_id != me else peers.get(side.conversation_id)
        counterparty = (
            Counterparty("person", person, names.get(person, ""))
            if person is not None
            else Counterparty(
                "chat",
                side.conversation_id,
                chat_names.get(side.conversation_id, ""),
                share_count=side.share_count,
            )
        )
        parties[side.envelope_id] = Party(counterparty, side.conversation_id)
    return parties


async def _describe_payments(
    session: AsyncSession, me: int, payment_ids: Collection[int]
) -> dict[int, Party]:
    """Only the payer has payment bills: the shop's takings are its own account, not its
    owner's wallet."""
    return {
        side.payment_id: Party(Counterparty("shop", side.merchant_id, side.business_name))
        for side in await bills_repository.payment_sides(session, me, payment_ids)
    }


async def _describe_bank_orders(
    session: AsyncSession, me: int, order_ids: Collection[int]
) -> dict[int, Party]:
    return {
        side.order_id: Party(
            Counterparty("bank", side.card_id, side.bank_name, card_last4=side.card_last4)
        )
        for side in await bills_repository.bank_order_sides(session, me, order_ids)
    }


async def _miniapp_parties(
    session: AsyncSession, app_by_subject: dict[int, int]
) -> dict[int, Party]:
    """A mini-program payment, or a refund of one: the mini-program, as a shop is named."""
    apps = await miniapps.apps_by_row_ids(session, set(app_by_subject.values()))
    names = {app.id: app.name for app in apps}
    return {
        subject_id: Party(Counterparty("miniapp", miniapp_id, names[miniapp_id]))
        for subject_id, miniapp_id in app_by_subject.items()
    }


async def _describe_miniapp_orders(
    session: AsyncSession, me: int, order_ids: Collection[int]
) -> dict[int, Party]:
    return await _miniapp_parties(
        session, await miniapp_orders.apps_of_orders(session, me, order_ids)
    )


async def _describe_miniapp_refunds(
    session: AsyncSession, me: int, refund_ids: Collection[int]
) -> dict[int, Party]:
    return await _miniapp_parties(
        session, await miniapp_orders.apps_of_refunds(session, me, refund_ids)
    )


DESCRIBERS: dict[str, Describer] = {
    "transfer": _describe_transfers,
    "envelope": _describe_envelopes,
    "payment": _describe_payments,
    "bank_order": _describe_bank_orders,
    "miniapp_order": _describe_miniapp_orders,
    "miniapp_refund": _describe_miniapp_refunds,
}
"""How each subject type names the other side of its bills. Subject types without one
(yet) show no counterparty."""


@dataclass(frozen=True, slots=True)
class Bill:
    posting: Posting
    entry: JournalEntry
    party: Party | None


@dataclass(frozen=True, slots=True)
class BillFilter:
    incoming: bool | None = None
    kind: str | None = None
    month: Month | None = None


async def _describe(
    session: AsyncSession, me: int, rows: Collection[tuple[Posting, JournalEntry]]
) -> list[Bill]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for _, entry in rows:
        if entry.subject_type in DESCRIBERS and entry.subject_id is not None:
            wanted[entry.subject_type].add(entry.subject_id)
    told = {
        subject_type: await DESCRIBERS[subject_type](session, me, ids)
        for subject_type, ids in wanted.items()
    }

    def party(entry: JournalEntry) -> Party | None:
        if entry.subject_type is None or entry.subject_id is None:
            return None
        return told.get(entry.subject_type, {}).get(entry.subject_id)

    return [Bill(posting, entry, party(entry)) for posting, entry in rows]


async def list_bills(
    session: AsyncSession,
    owner_id: int,
    currency: str,
    zone: ZoneInfo,
    wanted: BillFilter,
    *,
    after_id: int | None,
    limit: int,
) -> list[Bill]:
    """Up to ``limit`` of my bills, newest first, just older than ``after_id``."""
    account = await service.person_account(session, owner_id, currency)
    since, until = wanted.month.bounds(zone) if wanted.month else (None, None)
    query = BillQuery(
        account_id=account.id,
        incoming=wanted.incoming,
        kind=wanted.kind,
        since=since,
        until=until,
        after_id=after_id,
    )
    return await _describe(
        session, owner_id, await bills_repository.bills_page(session, query, limit)
    )


async def get_bill(session: AsyncSession, owner_id: int, posting_id: int) -> tuple[Bill, list[Leg]]:
    """One of my bills and the other legs of its entry (the bank, a hold, another person)."""
    found = await bills_repository.bill_or_none(
        session, owner_id, service.Purpose.AVAILABLE, posting_id
    )
    if found is None:
        raise BillNotFound(field="bill_id")
    [bill] = await _describe(session, owner_id, [found])
    legs = await bills_repository.other_legs(session, bill.posting)
    names = await _names(session, {leg.owner_id for leg in legs if leg.owner_id is not None})
    return bill, [
        Leg(
            leg.amount,
            leg.currency,
            leg.purpose,
            leg.owner_id,
            None if leg.owner_id is None else names.get(leg.owner_id),
        )
        for leg in legs
    ]


@dataclass(frozen=True, slots=True)
class KindTotal:
    kind: str
    money_in: int
    money_out: int
    count: int


@dataclass(frozen=True, slots=True)
class Statement:
    month: Month
    currency: str
    starts_at: datetime
    ends_at: datetime
    opening: int
    money_in: int
    money_out: int
    closing: int
    count: int
    kinds: list[KindTotal]


async def statement(
    session: AsyncSession, owner_id: int, currency: str, zone: ZoneInfo, month: Month
) -> Statement:
    """What my balance was when the month began, what came in and went out, by kind, and
    what it was when the month ended. A month that has not begun has no statement."""
    if month > Month.containing(clock.now(), zone):
        raise MonthInFuture(field="month")
    account = await service.person_account(session, owner_id, currency)
    starts_at, ends_at = month.bounds(zone)
    sums = await bills_repository.month_sums(session, account.id, starts_at, ends_at)
    kinds = [
        KindTotal(kind, money_in, money_out, count)
        for kind, (money_in, money_out, count) in sorted(sums.by_kind.items())
    ]
    money_in = sum(k.money_in for k in kinds)
    money_out = sum(k.money_out for k in kinds)
    closing = sums.opening + money_in - money_out
    assert closing == sums.closing, f"statement {month}: {closing} != postings {sums.closing}"
    return Statement(
        month=month,
        currency=currency,
        starts_at=starts_at,
        ends_at=ends_at,
        opening=sums.opening,
        money_in=money_in,
        money_out=money_out,
        closing=closing,
        count=sum(k.count for k in kinds),
        kinds=kinds,
    )
