"""Top-ups and withdrawals: a bank order, asked of the bank and settled by its callback.

A top-up credits nothing until the bank says the card was charged. A withdrawal's
money leaves the person's available balance at once into a hold of the order's own,
which goes to the bank when the payout succeeds and back to the person when it fails,
is declined, or the bank never answers (reconciliation settles that).
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, limits, service
from plaza.wallet.bank import cards, repository
from plaza.wallet.bank.connector import Answer, BankConnector
from plaza.wallet.bank.models import BankCard, BankOrder
from plaza.wallet.errors import AmountInvalid, BankDeclined, BankOrderNotFound
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.limits import SpendingRules

TOP_UP, WITHDRAWAL = "top_up", "withdrawal"
PENDING, SUCCEEDED, FAILED, DECLINED = "pending", "succeeded", "failed", "declined"


def _announce(session: AsyncSession, broker: Broker, order: BankOrder) -> Awaitable[None]:
    """The owner's devices learn the order's status (``bank_order.updated``), so a
    "Processing" screen can turn into "Done" and the balance can refresh."""
    data = {"bank_order_id": str(order.id), "kind": order.kind, "status": order.status}
    event = realtime.Event("bank_order.updated", data, order.id)
    return realtime.emit(session, broker, [order.owner_id], event)


def _subject(order_id: int) -> Subject:
    return Subject("bank_order", order_id)


def _check_positive(amount: Money) -> None:
    if amount.amount <= 0:
        raise AmountInvalid("The amount must be more than zero.", field="amount")


async def _place(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    order: BankOrder,
    card: BankCard,
) -> BankOrder:
    """Ask the bank for the order (already flushed, so its id is the bank's merchant
    reference). A decline is kept on record and raised as ``BankDeclined``."""
    amount = Money(order.amount, order.currency)
    ask = bank.charge if order.kind == TOP_UP else bank.pay_out
    answer = await ask(token=card.token, amount=amount, order_id=order.id)
    order.reference = answer.reference
    if answer.answer is Answer.DECLINED:
        await _finish(session, broker, order, DECLINED)
        raise BankDeclined(f"{order.bank_name} declined the card ending {card.last4}.")
    await session.flush()
    await _announce(session, broker, order)
    return order


def _new_order(
    order_id: int, kind: str, owner: Account, card: BankCard, amount: Money, bank: BankConnector
) -> BankOrder:
    return BankOrder(
        id=order_id,
        owner_id=owner.id,
        kind=kind,
        card_id=card.id,
        card_last4=card.last4,
        bank_name=card.bank_name,
        amount=amount.amount,
        currency=amount.currency,
        status=PENDING,
        connector=bank.name,
        created_at=clock.now(),
    )


async def top_up(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    owner: Account,
    *,
    card_id: int,
    amount: Money,
) -> BankOrder:
    """Ask the bank to charge the owner's card; the wallet is credited by its callback."""
    _check_positive(amount)
    card = await cards.get_own(session, owner, card_id)
    order = _new_order(new_id(), TOP_UP, owner, card, amount, bank)
    session.add(order)
    await session.flush()
    return await _place(session, broker, bank, order, card)


async def withdraw(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    owner: Account,
    *,
    card_id: int,
    amount: Money,
    rules: SpendingRules,
) -> BankOrder:
    """Take the money of an authorized owner into the order's hold, within their daily
    limit, and ask the bank to pay it out to their card."""
    _check_positive(amount)
    card = await cards.get_own(session, owner, card_id)
    order = _new_order(new_id(), WITHDRAWAL, owner, card, amount, bank)
    hold = await service.hold_account(
        session, service.Purpose.WITHDRAWAL_HOLD, order.id, amount.currency
    )
    source = await service.person_account(session, owner.id, amount.currency)
    await ledger.post(
        session,
        kind="withdrawal_held",
        legs=[Leg(source.id, -amount.amount), Leg(hold.id, amount.amount)],
        subject=_subject(order.id),
    )
    await limits.check_daily_limit(session, owner.id, rules, paying=amount)
    order.hold_account_id = hold.id
    session.add(order)
    await session.flush()
    return await _place(session, broker, bank, order, card)


async def _release_hold(session: AsyncSession, order: BankOrder, *, paid_out: bool) -> None:
    """A withdrawal's hold goes to the bank (paid out) or back to its owner."""
    assert order.hold_account_id is not None
    if paid_out:
        target = await service.system_account(
            session, service.Purpose.BANK_CLEARING, order.currency
        )
    else:
        target = await service.person_account(session, order.owner_id, order.currency)
    await ledger.post(
        session,
        kind="withdrawal" if paid_out else "withdrawal_refunded",
        legs=[Leg(order.hold_account_id, -order.amount), Leg(target.id, order.amount)],
        subject=_subject(order.id),
    )


async def _finish(session: AsyncSession, broker: Broker, order: BankOrder, status: str) -> None:
    """Move the money the final status calls for, record it, and tell the owner."""
    succeeded = status == SUCCEEDED
    if order.kind == TOP_UP and succeeded:
        amount = Money(order.amount, order.currency)
        await service.deposit(
            session, owner_id=order.owner_id, amount=amount, subject=_subject(order.id)
        )
    elif order.kind == WITHDRAWAL:
        await _release_hold(session, order, paid_out=succeeded)
    order.status = status
    order.settled_at = clock.now()
    await session.flush()
    await _announce(session, broker, order)


async def settle(
    session: AsyncSession, broker: Broker, order: BankOrder, *, succeeded: bool
) -> bool:
    """Apply the bank's final word to a locked order; False when it was already settled,
    so a repeated callback moves nothing."""
    if order.status != PENDING:
        return False
    await _finish(session, broker, order, SUCCEEDED if succeeded else FAILED)
    return True


async def orders_of(
    session: AsyncSession, owner: Account, *, before_id: int | None, limit: int
) -> Sequence[BankOrder]:
    return await repository.orders_of(session, owner.id, before_id=before_id, limit=limit)


async def get_own(session: AsyncSession, owner: Account, order_id: int) -> BankOrder:
    order = await session.get(BankOrder, order_id)
    if order is None or order.owner_id != owner.id:
        raise BankOrderNotFound(field="order_id")
    return order
