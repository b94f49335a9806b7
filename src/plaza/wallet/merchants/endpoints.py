from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from plaza.config import AppSettings, Settings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.money import Money
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.qr import qr_png
from plaza.kit.ratelimit import Limiter, Rule
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.realtime.broker import AppBroker
from plaza.wallet.bank import banks
from plaza.wallet.bank.endpoints import pay_out_once, to_order
from plaza.wallet.bank.schemas import BankOrderOut
from plaza.wallet.errors import AmountInvalid
from plaza.wallet.limits import SpendingRules
from plaza.wallet.merchants import codes, settlements, totp
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants.models import Merchant, Payment, PaymentRefund
from plaza.wallet.merchants.schemas import (
    ChargeCreate,
    MerchantCreate,
    MerchantOut,
    MerchantPublic,
    PaymentCodeSecret,
    PaymentCodeSecretCreate,
    PaymentConfirm,
    PaymentCreate,
    PaymentOut,
    SettlementAccountUpdate,
    SettlementCreate,
    ShopRefund,
    ShopRefundCreate,
    ShopRefundMade,
)
from plaza.wallet.requests import IdempotencyKey, authorize_payer, once, parse_amount
from plaza.wallet.schemas import Amount

CHARGE_WINDOW = timedelta(minutes=1)
CHARGES_PER_MINUTE = 60
"""A till charges at a person's pace. The cap is what makes guessing codes hopeless: a
guess must hit a live 8-digit token and its 8-digit one-time password (two of which are
good at a time), so even with 100,000 people's codes live, 60 guesses a minute would
need some 1,600 years for one success."""

router = Router(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

NO_CACHE = "no-cache, private"


def _amount(money: Money) -> Amount:
    return Amount(amount=money.amount, currency=money.currency)


async def to_merchant(session: DbSession, merchant: Merchant, settings: Settings) -> MerchantOut:
    rules = SpendingRules.from_settings(settings)
    count, total = await shops.today(session, merchant, rules)
    return MerchantOut(
        id=merchant.id,
        business_name=merchant.business_name,
        registration_number=merchant.registration_number,
        category=merchant.category,
        settlement_bank_name=merchant.settlement_bank_name,
        settlement_account_last4=merchant.settlement_account_last4,
        settlement_linked=merchant.settlement_token is not None,
        created_at=merchant.created_at,
        takings=_amount(await shops.takings(session, merchant, settings.wallet_currency)),
        today_total=_amount(total),
        today_count=count,
    )


def to_payment(payment: Payment, merchant: Merchant) -> PaymentOut:
    return PaymentOut.model_validate(
        {
            "id": payment.id,
            "payer_id": payment.payer_id,
            "merchant_id": merchant.id,
            "merchant_name": merchant.business_name,
            "amount": _amount(Money(payment.amount, payment.currency)),
            "method": payment.method,
            "status": payment.status,
            "note": payment.note,
            "created_at": payment.created_at,
            "completed_at": payment.completed_at,
            "expires_at": payment.expires_at,
            "refunded": _amount(Money(payment.refunded, payment.currency)),
        }
    )


def to_refund(refund: PaymentRefund, payment: Payment) -> ShopRefund:
    return ShopRefund(
        id=refund.id,
        payment_id=payment.id,
        amount=_amount(Money(refund.amount, payment.currency)),
        reason=refund.reason,
        created_at=refund.created_at,
    )


def pay_url(base_url: str, merchant_id: int, amount: Money | None) -> str:
    """What a shop's receive QR encodes: the web app's pay page, ``/pay/<id>?amount=12.50``
    when the amount is fixed."""
    url = f"{base_url.rstrip('/')}/pay/{merchant_id}"
    return f"{url}?amount={amount.to_decimal()}" if amount else url


@router.post("/merchants", status_code=status.HTTP_201_CREATED)
async def register_merchant(
    body: MerchantCreate, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> MerchantOut:
    """Open a shop (real name required); only the settlement account's last four are kept."""
    merchant = await shops.register(
        session,
        caller.account,
        business_name=body.business_name,
        registration_number=body.registration_number,
        category=body.category,
        settlement_bank_name=body.settlement_bank_name,
        settlement_account_number=body.settlement_account_number,
    )
    await settlements.link_account(
        session,
        banks.connector_for(session, settings),
        merchant,
        bank_name=body.settlement_bank_name,
        account_number=body.settlement_account_number,
    )
    return await to_merchant(session, merchant, settings)


@router.put("/merchants/{merchant_id}/settlement-account")
async def change_settlement_account(
    merchant_id: PathId,
    body: SettlementAccountUpdate,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
) -> MerchantOut:
    """Change where my shop's takings are settled; the account is linked with the bank."""
    merchant = await shops.get_owned(session, caller.account, merchant_id)
    await settlements.link_account(
        session,
        banks.connector_for(session, settings),
        merchant,
        bank_name=body.settlement_bank_name,
        account_number=body.settlement_account_number,
    )
    return await to_merchant(session, merchant, settings)


@router.post("/merchants/{merchant_id}/settlements", status_code=status.HTTP_201_CREATED)
async def settle_takings(
    merchant_id: PathId,
    body: SettlementCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> BankOrderOut:
    """Pay my shop's takings (all, or ``amount`` of them) out to its settlement account,
    with my PIN; the bank settles it later, as a withdrawal."""
    return await pay_out_once(
        session,
        response,
        settings,
        caller.account,
        body,
        idempotency_key,
        scope=f"wallet.settlement:{merchant_id}",
        pay_out=lambda bank, amount: settlements.settle(
            session,
            broker,
            bank,
            caller.account,
            merchant_id,
            amount=amount,
            currency=settings.wallet_currency,
        ),
    )


@router.get("/merchants/{merchant_id}/settlements")
async def list_settlements(
    merchant_id: PathId, caller: CurrentUser, session: DbSession
) -> list[BankOrderOut]:
    """My shop's latest settlements, newest first."""
    return [
        to_order(order)
        for order in await settlements.settlements_of(session, caller.account, merchant_id)
    ]


@router.get("/merchants/mine")
async def my_merchants(
    caller: CurrentUser, session: DbSession, settings: AppSettings
) -> list[MerchantOut]:
    """The shops I own, with their takings and today's receipts."""
    return [
        await to_merchant(session, m, settings) for m in await shops.mine(session, caller.account)
    ]


@router.get("/merchants/{merchant_id}")
async def get_merchant(merchant_id: PathId, session: DbSession) -> MerchantPublic:
    """A shop as a payer sees it before paying."""
    merchant = await shops.get_merchant(session, merchant_id)
    return MerchantPublic(id=merchant.id, business_name=merchant.business_name)


@router.get(
    "/merchants/{merchant_id}/qr.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "A PNG image."}},
)
async def merchant_qr_code(
    merchant_id: PathId,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    amount: Annotated[
        str | None, Query(max_length=20, description="A fixed amount, such as '12.50'.")
    ] = None,
) -> Response:
    """The shop's receive QR: a PNG of its pay page's address, with the amount when fixed."""
    merchant = await shops.get_merchant(session, merchant_id)
    fixed = parse_amount(amount, settings.wallet_currency) if amount else None
    if fixed is not None and fixed.amount <= 0:
        raise AmountInvalid("The amount must be more than zero.", field="amount")
    url = pay_url(str(request.base_url), merchant.id, fixed)
    return Response(qr_png(url), media_type="image/png", headers={"Cache-Control": NO_CACHE})


@router.get("/merchants/{merchant_id}/payments")
async def merchant_payments(
    merchant_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[PaymentOut]:
    """Payments to my shop, newest first."""
    merchant, rows = await shops.payments_to(
        session, caller.account, merchant_id, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda payment: payment.id)
    return Page(items=[to_payment(p, merchant) for p in items], next_cursor=next_cursor)


@router.post("/merchants/{merchant_id}/charges", status_code=status.HTTP_201_CREATED)
async def charge_payment_code(
    merchant_id: PathId,
    body: ChargeCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    limiter: Limiter,
    response: Response,
) -> PaymentOut:
    """At my shop's till: charge the payment code a customer shows. Up to the no-PIN limit
    it completes at once; above it, it waits (awaiting_pin) for the customer's PIN. A shop
    may try 60 codes a minute (then 429)."""
    amount = parse_amount(body.amount, settings.wallet_currency)
    await limiter.hit(
        Rule(f"wallet:charge:{merchant_id}", CHARGES_PER_MINUTE, timedelta(minutes=1))
    )

    async def work() -> PaymentOut:
        payment = await shops.charge(
            session,
            broker,
            caller.account,
            merchant_id=merchant_id,
            code=body.code,
            amount=amount,
            rules=SpendingRules.from_settings(settings),
            no_pin_limit=Money.parse(str(settings.wallet_no_pin_limit), settings.wallet_currency),
            server_key=settings.secret_key.get_secret_value(),
        )
        return to_payment(payment, await shops.get_merchant(session, merchant_id))

    return await once(
        session,
        response,
        scope=f"wallet.charge:{merchant_id}",
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=PaymentOut,
    )


@router.post("/payments", status_code=status.HTTP_201_CREATED)
async def pay_merchant(
    body: PaymentCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> PaymentOut:
    """Pay a shop whose receive QR I scanned (PIN required); the money reaches it at once."""
    amount = parse_amount(body.amount, settings.wallet_currency)
    await authorize_payer(session, caller.account, body.pin, settings)

    async def work() -> PaymentOut:
        payment = await shops.pay(
            session,
            broker,
            caller.account,
            merchant_id=body.merchant_id,
            amount=amount,
            note=body.note,
            rules=SpendingRules.from_settings(settings),
        )
        return to_payment(payment, await shops.get_merchant(session, payment.merchant_id))

    return await once(
        session,
        response,
        scope="wallet.payment",
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=PaymentOut,
    )


@router.get("/payments/{payment_id}")
async def get_payment(payment_id: PathId, caller: CurrentUser, session: DbSession) -> PaymentOut:
    """A payment I made, or one to a shop I own: the receipt."""
    payment = await shops.get_visible(session, caller.account, payment_id)
    return to_payment(payment, await shops.get_merchant(session, payment.merchant_id))


@router.post("/payments/{payment_id}/confirm")
async def confirm_payment(
    payment_id: PathId,
    body: PaymentConfirm,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> PaymentOut:
    """Let a payment-code charge over the no-PIN limit go through, with my PIN."""
    await authorize_payer(session, caller.account, body.pin, settings)

    async def work() -> PaymentOut:
        payment = await shops.confirm(
            session, broker, caller.account, payment_id, SpendingRules.from_settings(settings)
        )
        return to_payment(payment, await shops.get_merchant(session, payment.merchant_id))

    return await once(
        session,
        response,
        scope=f"wallet.payment_confirm:{payment_id}",
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=PaymentOut,
        first_status=status.HTTP_200_OK,
    )


@router.post("/payments/{payment_id}/refunds", status_code=status.HTTP_201_CREATED)
async def refund_payment(
    payment_id: PathId,
    body: ShopRefundCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> ShopRefundMade:
    """Give part or all of a payment to my shop back to its payer (my PIN required)."""
    amount = parse_amount(body.amount, settings.wallet_currency)
    await authorize_payer(session, caller.account, body.pin, settings)

    async def work() -> ShopRefundMade:
        payment, refund = await shops.refund(
            session, broker, caller.account, payment_id, amount=amount, reason=body.reason
        )
        merchant = await shops.get_merchant(session, payment.merchant_id)
        return ShopRefundMade(
            refund=to_refund(refund, payment), payment=to_payment(payment, merchant)
        )

    return await once(
        session,
        response,
        scope=f"wallet.payment_refund:{payment_id}",
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=ShopRefundMade,
    )


@router.get("/payments/{payment_id}/refunds")
async def payment_refunds(
    payment_id: PathId, caller: CurrentUser, session: DbSession
) -> list[ShopRefund]:
    """The refunds of a payment I made or one to a shop I own, oldest first."""
    payment, refunds = await shops.refunds_of(session, caller.account, payment_id)
    return [to_refund(refund, payment) for refund in refunds]


@router.post("/payment-codes/secret", status_code=status.HTTP_201_CREATED)
async def new_payment_code_secret(
    body: PaymentCodeSecretCreate, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> PaymentCodeSecret:
    """Give this device a fresh secret to show payment codes offline (PIN required);
    codes from any earlier secret stop working."""
    await authorize_payer(session, caller.account, body.pin, settings)
    issued = await codes.issue_secret(
        session, caller.account.id, settings.secret_key.get_secret_value()
    )
    return PaymentCodeSecret(
        id=issued.row.id,
        secret=issued.base32,
        code_prefix=codes.CODE_PREFIX,
        token=issued.row.token,
        digits=totp.DIGITS,
        period=totp.STEP_SECONDS,
        created_at=issued.row.created_at,
    )
