"""Orders and refunds of mini-programs (docs/open-platform/payments.md).

- An order belongs to one mini-program and one payer, named by their openid in it; the host
  routes show and pay it only for the person whose openid that is, and answer anyone else
  as if it did not exist.
- Paying moves the money once: the order row is locked, its state checked, and the payer's
  available account pays one of the mini-program's takings stripes (``TAKINGS_STRIPES``,
  as a shop's) in one ledger entry, within the payer's daily limit. The notification to
  ``notify_url`` is enqueued in the same transaction.
- A refund, under the same order lock, never gives back more than was paid less earlier
  refunds; its money comes from the takings stripes with the most in them, so that none
  goes below zero.
- Orders expire lazily: a ``NOTPAY`` order past ``time_expire`` reads as ``CLOSED`` and
  cannot be paid; no job needs to visit it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.kit.urls import parse_web_url
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.open_api import sessions
from plaza.wallet import ledger, limits, refunds, service
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.limits import SpendingRules
from plaza.wallet.models import LedgerAccount
from plaza.wallet.orders import repository
from plaza.wallet.orders.errors import (
    CurrencyUnsupported,
    NotifyUrlInvalid,
    OrderClosed,
    OrderNotFound,
    OrderNotPaid,
    OrderPaid,
    OutRefundNoReused,
    OutTradeNoReused,
    RefundNotFound,
    TimeExpireInvalid,
)
from plaza.wallet.orders.models import MiniappOrder, MiniappRefund, TradeState
from plaza.webhooks import service as webhooks

NOTPAY, SUCCESS, CLOSED, REFUND = "NOTPAY", "SUCCESS", "CLOSED", "REFUND"
ORDER_LIFETIME = timedelta(hours=2)
"""How long an order stays payable unless it says otherwise (WeChat Pay's default)."""
MAX_ORDER_LIFETIME = timedelta(days=7)
REFUND_FIELDS = refunds.Fields(
    payment="out_trade_no", refund="out_refund_no", amount="amount.refund"
)
TAKINGS_STRIPES = 8
"""How many ledger accounts a mini-program's takings are spread over, for the reason a
shop's are (``merchants.service.TAKINGS_STRIPES``): concurrent payers seldom lock the same
row."""
PREPAY_BYTES = 16  # 32 hex digits: the host routes take it, so it must not be guessable
PAYMENT_KIND, REFUND_KIND = "payment", "refund"
ORDER_SUBJECT, REFUND_SUBJECT = "miniapp_order", "miniapp_refund"
PAYMENT_SUCCEEDED, REFUND_SUCCEEDED = "payment.succeeded", "refund.succeeded"


def trade_state(order: MiniappOrder, now: datetime) -> TradeState:
    """The state as the Open API tells it: an unpaid order past its expiry is closed, a
    paid one with refunds is ``REFUND``."""
    if order.state == NOTPAY and order.time_expire <= now:
        return "CLOSED"
    if order.state == SUCCESS and order.refunded > 0:
        return "REFUND"
    return cast(TradeState, order.state)


def is_paid(state: TradeState) -> bool:
    return state in {SUCCESS, REFUND}


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def check_notify_url(url: str) -> str:
    """An absolute http(s) URL with a host, no user name or password (they would show in
    the console's delivery list) and no fragment."""
    parts = parse_web_url(url)
    if parts is None or parts.fragment:
        raise NotifyUrlInvalid(field="notify_url")
    return url


def _check_time_expire(time_expire: datetime | None, now: datetime) -> datetime:
    if time_expire is None:
        return now + ORDER_LIFETIME
    if time_expire <= now or time_expire > now + MAX_ORDER_LIFETIME:
        raise TimeExpireInvalid(field="time_expire")
    return time_expire.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class NewOrder:
    out_trade_no: str
    description: str
    amount: Money
    openid: str
    notify_url: str
    time_expire: datetime | None


def _differs(order: MiniappOrder, new: NewOrder) -> str | None:
    """The first field in which a repeated create differs from the order it names."""
    checks = (
        ("amount.total", order.amount == new.amount.amount),
        ("amount.currency", order.currency == new.amount.currency),
        ("payer.openid", order.payer_openid == new.openid),
        ("description", order.description == new.description),
        ("notify_url", order.notify_url == new.notify_url),
    )
    return next((field for field, same in checks if not same), None)


async def create_order(
    session: AsyncSession, app: MiniApp, new: NewOrder, currency: str
) -> tuple[MiniappOrder, bool]:
    """A new order, or the one this ``out_trade_no`` already names if its details are the
    same (a retry; a given ``time_expire`` does not count, the first one stands). True
    when it was created now."""
    check_notify_url(new.notify_url)
    if new.amount.currency != currency:
        raise CurrencyUnsupported(
            f"This deployment takes payments in {currency}.", field="amount.currency"
        )
    now = clock.now()
    time_expire = _check_time_expire(new.time_expire, now)
    existing = await repository.order_by_out_trade_no(session, app.id, new.out_trade_no)
    if existing is not None:
        field = _differs(existing, new)
        if field is not None:
            raise OutTradeNoReused(
                f"out_trade_no {new.out_trade_no!r} names an order with another {field}.",
                field=field,
            )
        return existing, False
    order = MiniappOrder(
        id=new_id(),
        miniapp_id=app.id,
        out_trade_no=new.out_trade_no,
        prepay_id="pp_" + secrets.token_hex(PREPAY_BYTES),
        description=new.description,
        amount=new.amount.amount,
        currency=new.amount.currency,
        payer_openid=new.openid,
        notify_url=new.notify_url,
        state=NOTPAY,
        refunded=0,
        refund_count=0,
        created_at=now,
        time_expire=time_expire,
    )
    session.add(order)
    await session.flush()
    return order, True


async def get_order(
    session: AsyncSession, app: MiniApp, out_trade_no: str, *, for_update: bool = False
) -> MiniappOrder:
    """One of the calling mini-program's orders; another's is as unknown as a missing one."""
    order = await repository.order_by_out_trade_no(
        session, app.id, out_trade_no, for_update=for_update
    )
    if order is None:
        raise OrderNotFound(field="out_trade_no")
    return order


async def close_order(session: AsyncSession, app: MiniApp, out_trade_no: str) -> None:
    """Close an unpaid order for good; closing a closed (or expired) one again is fine."""
    order = await get_order(session, app, out_trade_no, for_update=True)
    now = clock.now()
    if is_paid(trade_state(order, now)):
        raise OrderPaid()
    if order.state != CLOSED:
        order.state = CLOSED
        order.closed_at = now
        await session.flush()


async def sheet_order(
    session: AsyncSession, key: str, account_id: int, app_id: str, prepay_id: str
) -> tuple[MiniappOrder, MiniApp]:
    """The order behind ``prepay_id`` if it is this mini-program's and its payer's openid is
    the caller's; otherwise 404, so that a prepay id leaks nothing to anyone else."""
    order = await repository.order_by_prepay_id(session, prepay_id)
    if order is None:
        raise OrderNotFound(field="prepay_id")
    app = await miniapps.app_by_row_id(session, order.miniapp_id)
    if app.app_id != app_id or sessions.openid_for(key, app, account_id) != order.payer_openid:
        raise OrderNotFound(field="prepay_id")
    return order, app


async def pay(
    session: AsyncSession,
    key: str,
    payer: Account,
    app_id: str,
    prepay_id: str,
    rules: SpendingRules,
) -> tuple[MiniappOrder, MiniApp]:
    """The (PIN-authorized) payer pays the order: the money moves once however often this
    runs, since the order row is locked and a paid order is answered as it is."""
    order, app = await sheet_order(session, key, payer.id, app_id, prepay_id)
    locked = await repository.order_by_prepay_id(session, prepay_id, for_update=True)
    assert locked is not None  # orders are never deleted
    order = locked
    now = clock.now()
    state = trade_state(order, now)
    if is_paid(state):
        return order, app
    if state == CLOSED:
        raise OrderClosed()
    source = await service.person_account(session, payer.id, order.currency)
    target = await takings_stripe(session, app, order.currency)
    await ledger.post(
        session,
        kind=PAYMENT_KIND,
        legs=[Leg(source.id, -order.amount), Leg(target.id, order.amount)],
        memo=order.description,
        subject=Subject(ORDER_SUBJECT, order.id),
    )
    await limits.check_daily_limit(
        session, payer.id, rules, paying=Money(order.amount, order.currency)
    )
    order.state = SUCCESS
    order.payer_id = payer.id
    order.transaction_id = str(new_id())
    order.success_time = now
    await session.flush()
    await webhooks.enqueue(
        session,
        url=order.notify_url,
        event_type=PAYMENT_SUCCEEDED,
        payload=payment_notice(order),
        owner=webhooks.Owner("miniapp", app.id),
    )
    return order, app


def payment_notice(order: MiniappOrder) -> dict[str, Any]:
    assert order.success_time is not None
    return {
        "out_trade_no": order.out_trade_no,
        "transaction_id": order.transaction_id,
        "amount": {"total": order.amount, "currency": order.currency},
        "payer": {"openid": order.payer_openid},
        "success_time": iso(order.success_time),
    }


def refund_notice(order: MiniappOrder, refund: MiniappRefund) -> dict[str, Any]:
    return {
        "out_trade_no": order.out_trade_no,
        "out_refund_no": refund.out_refund_no,
        "refund_id": str(refund.id),
        "amount": {"refund": refund.amount, "total": order.amount, "currency": order.currency},
    }


@dataclass(frozen=True, slots=True)
class NewRefund:
    out_trade_no: str
    out_refund_no: str
    amount: int
    reason: str


async def refund(
    session: AsyncSession, app: MiniApp, new: NewRefund
) -> tuple[MiniappRefund, MiniappOrder, bool]:
    """Give part or all of a paid order back to its payer at once. The same
    ``out_refund_no`` for the same order and amount is a retry and answers the first
    refund; True when it was made now."""
    order = await get_order(session, app, new.out_trade_no, for_update=True)
    existing = await repository.refund_by_out_refund_no(session, app.id, new.out_refund_no)
    if existing is not None:
        if existing.order_id == order.id and existing.amount == new.amount:
            return existing, order, False
        raise OutRefundNoReused(field="out_refund_no")
    if order.state != SUCCESS or order.success_time is None or order.payer_id is None:
        raise OrderNotPaid(field="out_trade_no")
    paid = refunds.Paid(order.success_time, order.amount, order.refunded, order.refund_count)
    refunds.check(paid, new.amount, REFUND_FIELDS)
    now = clock.now()
    made = MiniappRefund(
        id=new_id(),
        miniapp_id=app.id,
        order_id=order.id,
        out_refund_no=new.out_refund_no,
        amount=new.amount,
        reason=new.reason,
        status=SUCCESS,
        created_at=now,
        success_time=now,
    )
    session.add(made)
    await ledger.post(
        session,
        kind=REFUND_KIND,
        legs=await service.legs_from_stripes(
            session,
            stripe_keys=takings_keys(app, order.currency),
            to=await service.person_account(session, order.payer_id, order.currency),
            amount=Money(new.amount, order.currency),
            field="amount.refund",
        ),
        memo=new.reason or order.description,
        subject=Subject(REFUND_SUBJECT, made.id),
    )
    order.refunded += new.amount
    order.refund_count += 1
    await session.flush()
    await webhooks.enqueue(
        session,
        url=order.notify_url,
        event_type=REFUND_SUCCEEDED,
        payload=refund_notice(order, made),
        owner=webhooks.Owner("miniapp", app.id),
    )
    return made, order, True


async def get_refund(
    session: AsyncSession, app: MiniApp, out_refund_no: str
) -> tuple[MiniappRefund, MiniappOrder]:
    found = await repository.refund_by_out_refund_no(session, app.id, out_refund_no)
    if found is None:
        raise RefundNotFound(field="out_refund_no")
    order = await repository.order_by_id(session, found.order_id)
    assert order is not None
    return found, order


async def takings_stripe(session: AsyncSession, app: MiniApp, currency: str) -> LedgerAccount:
    """One of the mini-program's takings accounts, picked at random each time, so that
    concurrent payments seldom lock the same row."""
    return await service.stripe_account(
        session, service.Purpose.MINIAPP, app.id, currency, secrets.randbelow(TAKINGS_STRIPES)
    )


def takings_keys(app: MiniApp, currency: str) -> list[str]:
    return [
        service.stripe_key(service.Purpose.MINIAPP, app.id, currency, stripe)
        for stripe in range(TAKINGS_STRIPES)
    ]
