"""Mini-program payments: the Open API a mini-program's server calls (``/open/v1/pay``),
the host routes behind the payment sheet (``/v1/miniapps/{appid}/orders``) and the
developer console's takings and payouts (``/v1/miniapps/{appid}/takings``). Docs:
docs/open-platform/payments.md."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import AppSettings, Settings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit import clock
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.money import Money
from plaza.kit.routing import Router
from plaza.miniapps import service as miniapps
from plaza.miniapps.endpoints import AppIdPath
from plaza.miniapps.models import MiniApp
from plaza.open_api.endpoints import CallingApp
from plaza.realtime.broker import AppBroker
from plaza.wallet.bank import banks
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.endpoints import pay_out_once
from plaza.wallet.bank.endpoints import to_order as to_bank_order
from plaza.wallet.bank.schemas import BankOrderOut
from plaza.wallet.limits import SpendingRules
from plaza.wallet.merchants.schemas import SettlementAccountUpdate, SettlementCreate
from plaza.wallet.orders import service as orders
from plaza.wallet.orders import settlements
from plaza.wallet.orders.models import MiniappOrder, MiniappRefund, TradeState
from plaza.wallet.orders.schemas import (
    OUT_REFUND_NO,
    OUT_TRADE_NO,
    PREPAY_ID,
    MiniappTakings,
    OrderAmountOut,
    OrderCreate,
    OrderOut,
    PayBody,
    Payer,
    PrepayOut,
    RefundAmountOut,
    RefundCreate,
    RefundOut,
    SheetOrder,
    SheetStatus,
)
from plaza.wallet.requests import IdempotencyKey, authorize_payer
from plaza.wallet.schemas import Amount

open_router = Router(prefix="/open/v1/pay", tags=["open"], route_class=UnitOfWorkRoute)
"""Called by mini-program servers with an access token (``CallingApp``)."""

host_router = Router(
    prefix="/v1/miniapps",
    tags=["open"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""Called by the host's payment sheet for the signed-in person, never by a mini-program."""

OutTradeNoPath = Annotated[str, Path(pattern=OUT_TRADE_NO, description="Your order number.")]
OutRefundNoPath = Annotated[str, Path(pattern=OUT_REFUND_NO, description="Your refund number.")]
PrepayIdPath = Annotated[
    str, Path(pattern=PREPAY_ID, description="From `plaza.requestPayment({prepayId})`.")
]


def to_order(order: MiniappOrder) -> OrderOut:
    return OrderOut(
        out_trade_no=order.out_trade_no,
        prepay_id=order.prepay_id,
        transaction_id=order.transaction_id,
        trade_state=orders.trade_state(order, clock.now()),
        description=order.description,
        amount=OrderAmountOut(total=order.amount, currency=order.currency, refunded=order.refunded),
        payer=Payer(openid=order.payer_openid),
        success_time=order.success_time,
        time_expire=order.time_expire,
    )


def to_refund(refund: MiniappRefund, order: MiniappOrder) -> RefundOut:
    return RefundOut(
        out_refund_no=refund.out_refund_no,
        refund_id=str(refund.id),
        out_trade_no=order.out_trade_no,
        status="SUCCESS",
        amount=RefundAmountOut(refund=refund.amount, total=order.amount, currency=order.currency),
        success_time=refund.success_time,
    )


def _sheet_status(state: TradeState) -> SheetStatus:
    """The sheet tells only whether the person still has to pay: a refunded order was paid."""
    if state == "NOTPAY" or state == "CLOSED":
        return state
    return "SUCCESS"


def to_sheet(order: MiniappOrder, app: MiniApp) -> SheetOrder:
    state = orders.trade_state(order, clock.now())
    return SheetOrder(
        prepay_id=order.prepay_id,
        app_id=app.app_id,
        merchant_name=app.name,
        description=order.description,
        amount=Amount(amount=order.amount, currency=order.currency),
        status=_sheet_status(state),
        expires_at=order.time_expire,
    )


@open_router.post(
    "/orders",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "The same request again: the first order's prepay_id."}},
)
async def create_order(
    body: OrderCreate,
    app: CallingApp,
    session: DbSession,
    settings: AppSettings,
    response: Response,
) -> PrepayOut:
    """Create an order for one person (by openid) and get the prepay_id the mini-program
    passes to `plaza.requestPayment`. The same out_trade_no with the same details is a retry
    (200, the same prepay_id); with other details it is 409."""
    currency = settings.wallet_currency
    order, created = await orders.create_order(
        session,
        app,
        orders.NewOrder(
            out_trade_no=body.out_trade_no,
            description=body.description,
            amount=Money(body.amount.total, body.amount.currency or currency),
            openid=body.payer.openid,
            notify_url=body.notify_url,
            time_expire=body.time_expire,
        ),
        currency,
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return PrepayOut(prepay_id=order.prepay_id)


@open_router.get("/orders/{out_trade_no}")
async def query_order(
    out_trade_no: OutTradeNoPath, app: CallingApp, session: DbSession
) -> OrderOut:
    """An order of the calling mini-program, with its state and what was refunded."""
    return to_order(await orders.get_order(session, app, out_trade_no))


@open_router.post("/orders/{out_trade_no}/close", status_code=status.HTTP_204_NO_CONTENT)
async def close_order(
    out_trade_no: OutTradeNoPath, app: CallingApp, session: DbSession
) -> Response:
    """Close an unpaid order so it can no longer be paid; again is fine; a paid one is 409."""
    await orders.close_order(session, app, out_trade_no)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@open_router.post(
    "/refunds",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "The same refund again: the first result."}},
)
async def create_refund(
    body: RefundCreate, app: CallingApp, session: DbSession, response: Response
) -> RefundOut:
    """Give part or all of a paid order back to the payer at once: up to what is left of it,
    at most 50 times, within 365 days of payment. The same out_refund_no for the same order
    and amount is a retry (200)."""
    made, order, created = await orders.refund(
        session,
        app,
        orders.NewRefund(
            out_trade_no=body.out_trade_no,
            out_refund_no=body.out_refund_no,
            amount=body.amount.refund,
            reason=body.reason,
        ),
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return to_refund(made, order)


@open_router.get("/refunds/{out_refund_no}")
async def query_refund(
    out_refund_no: OutRefundNoPath, app: CallingApp, session: DbSession
) -> RefundOut:
    """A refund of the calling mini-program."""
    found, order = await orders.get_refund(session, app, out_refund_no)
    return to_refund(found, order)


@host_router.get("/{appid}/orders/{prepay_id}")
async def get_sheet_order(
    appid: AppIdPath,
    prepay_id: PrepayIdPath,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
) -> SheetOrder:
    """The order the payment sheet shows: merchant, description, amount and state, from the
    platform's record. Only its payer sees it; anyone else gets 404."""
    order, app = await orders.sheet_order(
        session, settings.secret_key.get_secret_value(), caller.account.id, appid, prepay_id
    )
    return to_sheet(order, app)


@host_router.post("/{appid}/orders/{prepay_id}/pay")
async def pay_order(
    appid: AppIdPath,
    prepay_id: PrepayIdPath,
    body: PayBody,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
) -> SheetOrder:
    """Pay the order with my PIN; paying a paid order again answers the same and moves
    nothing. A closed or expired order is 409."""
    key = settings.secret_key.get_secret_value()
    await orders.sheet_order(session, key, caller.account.id, appid, prepay_id)
    await authorize_payer(session, caller.account, body.pin, settings)
    order, app = await orders.pay(
        session, key, caller.account, appid, prepay_id, SpendingRules.from_settings(settings)
    )
    return to_sheet(order, app)


console_router = Router(
    prefix="/v1/miniapps",
    tags=["open"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""The developer console's takings page: only the mini-program's owner."""


async def _takings(
    session: AsyncSession, app: MiniApp, settings: Settings, bank: BankConnector
) -> MiniappTakings:
    found = await settlements.takings(session, app, settings.wallet_currency)
    account = found.account
    return MiniappTakings(
        takings=Amount(amount=found.balance.amount, currency=found.balance.currency),
        settlement_bank_name=account.bank_name if account else None,
        settlement_account_last4=account.account_last4 if account else None,
        settlement_linked=account is not None and account.connector == bank.name,
        settlements=[to_bank_order(order) for order in found.settlements],
    )


@console_router.get("/{appid}/takings")
async def get_takings(
    appid: AppIdPath, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> MiniappTakings:
    """My mini-program's takings, where they are paid out, and the latest payouts."""
    app = await miniapps.owned_app(session, caller.account.id, appid)
    return await _takings(session, app, settings, banks.connector_for(session, settings))


@console_router.put("/{appid}/settlement-account")
async def link_settlement_account(
    appid: AppIdPath,
    body: SettlementAccountUpdate,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
) -> MiniappTakings:
    """Where my mini-program's takings are paid out; the account is linked with the bank."""
    app = await miniapps.owned_app(session, caller.account.id, appid)
    bank = banks.connector_for(session, settings)
    await settlements.link_account(
        session,
        bank,
        app,
        bank_name=body.settlement_bank_name,
        account_number=body.settlement_account_number,
    )
    return await _takings(session, app, settings, bank)


@console_router.post("/{appid}/settlements", status_code=status.HTTP_201_CREATED)
async def pay_out_takings(
    appid: AppIdPath,
    body: SettlementCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> BankOrderOut:
    """Pay my mini-program's takings (all, or ``amount`` of them) out to its settlement
    account, with my PIN; the bank settles it later, as a withdrawal."""
    app = await miniapps.owned_app(session, caller.account.id, appid)
    return await pay_out_once(
        session,
        response,
        settings,
        caller.account,
        body,
        idempotency_key,
        scope=f"wallet.miniapp_settlement:{app.id}",
        pay_out=lambda bank, amount: settlements.settle(
            session, broker, bank, app, amount=amount, currency=settings.wallet_currency
        ),
    )
