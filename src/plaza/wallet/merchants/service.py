"""Shops: who may run one, where their takings go, and the two ways a person pays one.

By QR, the payer scans the shop's receive code and pays with their PIN. By payment code,
the shop's till charges the code the payer shows: up to the no-PIN limit at once, above
it only after the payer confirms with their PIN within a few minutes. Either way the
money goes straight from the payer's wallet to the shop's takings, which are spread over
``TAKINGS_STRIPES`` ledger accounts of the shop's own so that a busy shop is not one row
every payment locks (docs/subsystems/wallet.md, "Shops").
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, limits, refunds, security, service
from plaza.wallet.bank.payouts import settlement_account_last4
from plaza.wallet.errors import (
    MerchantNotFound,
    NotMerchantOwner,
    PaymentNotFound,
    PaymentNotPending,
    PaymentNotRefundable,
    PinLocked,
    SameAccount,
)
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.limits import SpendingRules
from plaza.wallet.merchants import codes, repository
from plaza.wallet.merchants.models import Merchant, Payment, PaymentRefund
from plaza.wallet.models import LedgerAccount, WalletProfile

COMPLETED, AWAITING_PIN, LAPSED = "completed", "awaiting_pin", "lapsed"
BY_QR, BY_CODE = "qr", "code"
CONFIRM_WITHIN = timedelta(minutes=3)
"""How long a payer has to confirm a code charge over the no-PIN limit; the customer is
still at the till."""
REFUND_KIND = "payment_refund"
"""Its journal entries' kind; their subject is the payment, so the payer's bill of a
refund names the shop and opens the receipt."""
REFUND_FIELDS = refunds.Fields(payment="payment_id", refund="payment_id", amount="amount")
TAKINGS_STRIPES = 8
"""How many ledger accounts a shop's takings are spread over. One row that every payment
locks caps a shop near a thousand payments a second on PostgreSQL (DESIGN.md section 5),
and every payment to it waits its turn; with eight, concurrent payments seldom meet on
one row, while showing the takings stays one query over eight rows (as the eight stripes
of a red envelope's hold)."""


async def register(
    session: AsyncSession,
    owner: Account,
    *,
    business_name: str,
    registration_number: str,
    category: str,
    settlement_bank_name: str,
    settlement_account_number: str,
) -> Merchant:
    """Open a shop for a real-name-verified person."""
    security.require_verified(await security.profile(session, owner.id))
    merchant = Merchant(
        id=new_id(),
        owner_id=owner.id,
        business_name=business_name,
        registration_number=registration_number.upper(),
        category=category,
        settlement_bank_name=settlement_bank_name,
        settlement_account_last4=settlement_account_last4(settlement_account_number),
        created_at=clock.now(),
    )
    session.add(merchant)
    await session.flush()
    return merchant


async def takings_stripe(session: AsyncSession, merchant: Merchant, currency: str) -> LedgerAccount:
    """One of the shop's takings accounts, picked at random for each payment, so that
    concurrent payments to one shop seldom lock the same row. The accounts belong to the
    shop, not to its owner's wallet, so they are not the owner's spendable money."""
    stripe = secrets.randbelow(TAKINGS_STRIPES)
    return await service.stripe_account(
        session, service.Purpose.MERCHANT, merchant.id, currency, stripe
    )


async def get_merchant(session: AsyncSession, merchant_id: int) -> Merchant:
    merchant = await repository.get_merchant_or_none(session, merchant_id)
    if merchant is None:
        raise MerchantNotFound(field="merchant_id")
    return merchant


async def get_owned(session: AsyncSession, me: Account, merchant_id: int) -> Merchant:
    merchant = await get_merchant(session, merchant_id)
    if merchant.owner_id != me.id:
        raise NotMerchantOwner()
    return merchant


async def mine(session: AsyncSession, me: Account) -> Sequence[Merchant]:
    return await repository.merchants_of(session, me.id)


def takings_keys(merchant: Merchant, currency: str) -> list[str]:
    return [
        service.stripe_key(service.Purpose.MERCHANT, merchant.id, currency, stripe)
        for stripe in range(TAKINGS_STRIPES)
    ]


async def takings(session: AsyncSession, merchant: Merchant, currency: str) -> Money:
    """What the shop has been paid: the sum of its takings accounts, in one query (those
    no payment has reached yet are not opened and count as zero)."""
    return await service.takings(session, takings_keys(merchant, currency), currency)


async def today(
    session: AsyncSession, merchant: Merchant, rules: SpendingRules
) -> tuple[int, Money]:
    """How many payments the shop took since local midnight, and how much."""
    since = limits.start_of_day(clock.now(), rules.zone)
    count, total = await repository.completed_since(session, merchant.id, since, COMPLETED)
    return count, Money(total, rules.daily_limit.currency)


async def payments_to(
    session: AsyncSession, me: Account, merchant_id: int, *, before_id: int | None, limit: int
) -> tuple[Merchant, Sequence[Payment]]:
    merchant = await get_owned(session, me, merchant_id)
    return merchant, await repository.payments_to(
        session, merchant.id, before_id=before_id, limit=limit
    )


def _event_data(payment: Payment, merchant: Merchant) -> dict[str, Any]:
    return {
        "payment_id": str(payment.id),
        "payer_id": str(payment.payer_id),
        "merchant_id": str(merchant.id),
        "merchant_name": merchant.business_name,
        "amount": payment.amount,
        "currency": payment.currency,
        "method": payment.method,
        "status": payment.status,
        "refunded": payment.refunded,
        "expires_at": payment.expires_at.isoformat() if payment.expires_at else None,
    }


async def _announce(
    session: AsyncSession, broker: Broker, payment: Payment, merchant: Merchant, event_type: str
) -> None:
    """``payment.completed`` and ``payment.lapsed`` reach both sides as their receipt;
    ``payment.confirmation_required`` only the payer, who must enter the PIN."""
    to_merchant = event_type != "payment.confirmation_required"
    recipients = [payment.payer_id, merchant.owner_id] if to_merchant else [payment.payer_id]
    event = realtime.Event(event_type, _event_data(payment, merchant), payment.id)
    await realtime.emit(session, broker, recipients, event)


async def _complete(
    session: AsyncSession,
    broker: Broker,
    payment: Payment,
    merchant: Merchant,
    rules: SpendingRules,
) -> None:
    """Move the money from the payer to the shop, within the payer's daily limit."""
    source = await service.person_account(session, payment.payer_id, payment.currency)
    target = await takings_stripe(session, merchant, payment.currency)
    await ledger.post(
        session,
        kind="payment",
        legs=[Leg(source.id, -payment.amount), Leg(target.id, payment.amount)],
        memo=payment.note or merchant.business_name,
        subject=Subject("payment", payment.id),
    )
    amount = Money(payment.amount, payment.currency)
    await limits.check_daily_limit(session, payment.payer_id, rules, paying=amount)
    payment.status = COMPLETED
    payment.completed_at = clock.now()
    await session.flush()
    await _announce(session, broker, payment, merchant, "payment.completed")


def _new_payment(
    payer_id: int, merchant: Merchant, amount: Money, *, method: str, note: str, at: datetime
) -> Payment:
    """A payment waiting for its money to move: ``_complete`` moves it in the same
    transaction, or the payer's PIN does later."""
    return Payment(
        id=new_id(),
        payer_id=payer_id,
        merchant_id=merchant.id,
        amount=amount.amount,
        currency=amount.currency,
        method=method,
        status=AWAITING_PIN,
        note=note,
        created_at=at,
    )


async def pay(
    session: AsyncSession,
    broker: Broker,
    payer: Account,
    *,
    merchant_id: int,
    amount: Money,
    note: str,
    rules: SpendingRules,
) -> Payment:
    """An authorized payer pays a shop whose receive QR they scanned."""
    service.check_positive(amount)
    merchant = await get_merchant(session, merchant_id)
    if merchant.owner_id == payer.id:
        raise SameAccount(field="merchant_id")
    payment = _new_payment(payer.id, merchant, amount, method=BY_QR, note=note, at=clock.now())
    session.add(payment)
    await _complete(session, broker, payment, merchant, rules)
    return payment


def _refuse_if_locked(payer: WalletProfile) -> None:
    """A payer whose PIN is locked (5 wrong tries) cannot be charged without a PIN either:
    the lock is there because someone may be trying their phone."""
    now = clock.now()
    if payer.pin_locked_until is not None and payer.pin_locked_until > now:
        retry = int((payer.pin_locked_until - now).total_seconds()) + 1
        raise PinLocked(headers={"Retry-After": str(retry)})


async def charge(
    session: AsyncSession,
    broker: Broker,
    owner: Account,
    *,
    merchant_id: int,
    code: str,
    amount: Money,
    rules: SpendingRules,
    no_pin_limit: Money,
    server_key: str,
) -> Payment:
    """A shop's till charges the payment code a payer shows. Up to ``no_pin_limit`` the
    money moves at once; above it the payment waits for the payer's PIN."""
    merchant = await get_owned(session, owner, merchant_id)
    service.check_positive(amount)
    resolved = await codes.resolve(session, code, server_key)
    payer_id = resolved.secret.account_id
    if payer_id == owner.id:
        raise SameAccount(field="code")
    payer = await security.profile(session, payer_id)
    security.require_verified(payer)
    _refuse_if_locked(payer)
    now = clock.now()
    payment = _new_payment(payer_id, merchant, amount, method=BY_CODE, note="", at=now)
    session.add(payment)
    if amount.amount <= no_pin_limit.amount:
        await _complete(session, broker, payment, merchant, rules)
    else:
        payment.expires_at = now + CONFIRM_WITHIN
        await session.flush()
        await _announce(session, broker, payment, merchant, "payment.confirmation_required")
    await codes.record_use(session, resolved, payment.id)
    return payment


async def confirm(
    session: AsyncSession, broker: Broker, payer: Account, payment_id: int, rules: SpendingRules
) -> Payment:
    """The payer (already authorized with their PIN) lets a code charge go through."""
    payment = await repository.get_payment_for_update(session, payment_id)
    if payment is None or payment.payer_id != payer.id:
        raise PaymentNotFound(field="payment_id")
    lapsed = payment.expires_at is None or payment.expires_at <= clock.now()
    if payment.status != AWAITING_PIN or lapsed:
        raise PaymentNotPending()
    merchant = await get_merchant(session, payment.merchant_id)
    await _complete(session, broker, payment, merchant, rules)
    return payment


async def get_visible(session: AsyncSession, me: Account, payment_id: int) -> Payment:
    """A payment I made, or one to a shop I own."""
    payment = await repository.get_payment_or_none(session, payment_id)
    if payment is None:
        raise PaymentNotFound(field="payment_id")
    if payment.payer_id != me.id:
        merchant = await get_merchant(session, payment.merchant_id)
        if merchant.owner_id != me.id:
            raise PaymentNotFound(field="payment_id")
    return payment


async def refund(
    session: AsyncSession,
    broker: Broker,
    owner: Account,
    payment_id: int,
    *,
    amount: Money,
    reason: str,
) -> tuple[Payment, PaymentRefund]:
    """The shop's owner gives part or all of a completed payment back to its payer, at
    once, from the shop's takings (``refunds`` says how much and until when)."""
    service.check_positive(amount)
    payment = await repository.get_payment_for_update(session, payment_id)
    merchant = None if payment is None else await get_merchant(session, payment.merchant_id)
    if payment is None or merchant is None or merchant.owner_id != owner.id:
        raise PaymentNotFound(field="payment_id")
    if payment.status != COMPLETED or payment.completed_at is None:
        raise PaymentNotRefundable(field="payment_id")
    paid = refunds.Paid(
        payment.completed_at, payment.amount, payment.refunded, payment.refund_count
    )
    refunds.check(paid, amount.amount, REFUND_FIELDS)
    made = PaymentRefund(
        id=new_id(),
        payment_id=payment.id,
        amount=amount.amount,
        reason=reason,
        created_at=clock.now(),
    )
    session.add(made)
    legs = await service.legs_from_stripes(
        session,
        stripe_keys=takings_keys(merchant, payment.currency),
        to=await service.person_account(session, payment.payer_id, payment.currency),
        amount=Money(amount.amount, payment.currency),
        field="amount",
    )
    memo = reason or merchant.business_name
    subject = Subject("payment", payment.id)
    await ledger.post(session, kind=REFUND_KIND, legs=legs, memo=memo, subject=subject)
    payment.refunded += amount.amount
    payment.refund_count += 1
    await session.flush()
    await _announce(session, broker, payment, merchant, "payment.refunded")
    return payment, made


async def refunds_of(
    session: AsyncSession, me: Account, payment_id: int
) -> tuple[Payment, Sequence[PaymentRefund]]:
    """A payment I made or one to a shop I own, and its refunds, oldest first."""
    payment = await get_visible(session, me, payment_id)
    return payment, await repository.refunds_of(session, payment.id)


async def lapse_unconfirmed(session: AsyncSession, broker: Broker, *, limit: int = 100) -> int:
    """Close up to ``limit`` code charges whose payer did not confirm in time (no money
    moved for them); returns how many. Rows another worker holds are skipped."""
    due = await repository.lock_due_payments(
        session, status=AWAITING_PIN, due=clock.now(), limit=limit
    )
    for payment in due:
        payment.status = LAPSED
        await session.flush()
        merchant = await get_merchant(session, payment.merchant_id)
        await _announce(session, broker, payment, merchant, "payment.lapsed")
    return len(due)
