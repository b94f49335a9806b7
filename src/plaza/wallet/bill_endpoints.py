"""Bills and monthly statements over HTTP: read-only views of my own postings."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Path, Query

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.wallet import bills
from plaza.wallet.bills import BillFilter, Month, check_kind
from plaza.wallet.schemas import (
    Amount,
    Bill,
    BillDetail,
    BillDirection,
    BillLeg,
    BillSubject,
    Counterparty,
    KindTotal,
    Statement,
)

BillId = Annotated[PathId, Path(description="The posting's id.")]

router = Router(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


def _counterparty(found: bills.Counterparty | None) -> Counterparty | None:
    if found is None:
        return None
    return Counterparty(
        type=found.type,
        id=found.id,
        name=found.name,
        card_last4=found.card_last4,
        share_count=found.share_count,
    )


def to_bill(bill: bills.Bill, zone: ZoneInfo) -> Bill:
    entry, party = bill.entry, bill.party
    subject = (
        BillSubject(type=entry.subject_type, id=entry.subject_id)
        if entry.subject_type is not None and entry.subject_id is not None
        else None
    )
    return Bill(
        id=bill.posting.id,
        entry_id=entry.id,
        kind=entry.kind,
        amount=Amount(amount=bill.posting.amount, currency=bill.posting.currency),
        created_at=bill.posting.created_at,
        month=str(Month.containing(bill.posting.created_at, zone)),
        memo=entry.memo,
        subject=subject,
        counterparty=_counterparty(party.counterparty) if party else None,
        conversation_id=party.conversation_id if party else None,
    )


def _to_leg(leg: bills.Leg) -> BillLeg:
    owner = (
        Counterparty(type="person", id=leg.owner_id, name=leg.owner_name or "")
        if leg.owner_id is not None
        else None
    )
    return BillLeg(
        amount=Amount(amount=leg.amount, currency=leg.currency), account=leg.purpose, owner=owner
    )


@router.get("/bills")
async def list_bills(
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    page: Annotated[PageRequest, Depends(page_request)],
    direction: Annotated[BillDirection | None, Query(description="Only money in, or out.")] = None,
    kind: Annotated[str | None, Query(description="Only this kind, such as top_up.")] = None,
    month: Annotated[str | None, Query(description="YYYY-MM in the wallet's time zone.")] = None,
) -> Page[Bill]:
    """My bills, newest first: every movement of my balance, with who was on the other side
    where known. Filters compose."""
    wanted = BillFilter(
        incoming=None if direction is None else direction == "in",
        kind=check_kind(kind) if kind is not None else None,
        month=Month.parse(month) if month is not None else None,
    )
    rows = await bills.list_bills(
        session,
        caller.account.id,
        settings.wallet_currency,
        settings.wallet_zone,
        wanted,
        after_id=page.after_id,
        limit=page.limit + 1,
    )
    items, next_cursor = cut_page(rows, page, key=lambda bill: bill.posting.id)
    return Page(
        items=[to_bill(bill, settings.wallet_zone) for bill in items], next_cursor=next_cursor
    )


@router.get("/bills/{bill_id}")
async def get_bill(
    bill_id: BillId, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> BillDetail:
    """One of my bills, with where the money went or came from."""
    bill, legs = await bills.get_bill(session, caller.account.id, bill_id)
    return BillDetail(
        **to_bill(bill, settings.wallet_zone).model_dump(), legs=[_to_leg(leg) for leg in legs]
    )


@router.get("/statements/{month}")
async def get_statement(
    month: str, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> Statement:
    """My statement for a calendar month (YYYY-MM) in the wallet's time zone."""
    found = await bills.statement(
        session,
        caller.account.id,
        settings.wallet_currency,
        settings.wallet_zone,
        Month.parse(month),
    )

    def amount(value: int) -> Amount:
        return Amount(amount=value, currency=found.currency)

    return Statement(
        month=str(found.month),
        starts_at=found.starts_at,
        ends_at=found.ends_at,
        opening_balance=amount(found.opening),
        money_in=amount(found.money_in),
        money_out=amount(found.money_out),
        closing_balance=amount(found.closing),
        bill_count=found.count,
        kinds=[
            KindTotal(
                kind=k.kind,
                money_in=amount(k.money_in),
                money_out=amount(k.money_out),
                count=k.count,
            )
            for k in found.kinds
        ],
    )
