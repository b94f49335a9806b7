"""Top-ups, withdrawals and shop settlements: a bank order, asked of the bank and settled
by its callback.

A top-up credits nothing until the bank says the card was charged. A payout's money
(a withdrawal's from the person's available balance, a settlement's from the shop's
takings, ``merchants.settlements``) leaves at once into a hold of the order's own,
which goes to the bank when the payout succeeds and back where it came from when it
fails, is declined, or the bank never answers (reconciliation settles that).
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
from plaza.wallet.errors import BankDeclined, BankOrderNotFound
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.limits import SpendingRules

TOP_UP, WITHDRAWAL, SETTLEMENT = "top_up", "withdrawal", "settlement"
PAYOUTS = frozenset({WITHDRAWAL, SETTLEMENT})
_RELEASED_KINDS = {
    WITHDRAWAL: ("withdrawal", "withdrawal_refunded"),
    SETTLEMENT: ("settlement", "settlement_returned"),
}
"""The journal entry kinds of a payout's hold going to the bank, or back."""
PENDING, SUCCEEDED, FAILED, DECLINED = "pending", "succeeded", "failed", "declined"


def _announce(session: AsyncSession, broker: Broker, order: BankOrder) -> Awaitable[None]:
    """The owner's devices learn the order's status (``bank_order.updated``), so a
    "Processing" screen can turn into "Done" and the balance can refresh."""
    data = {"bank_order_id": str(order.id), "kind": order.kind, "status": order.status}
    event = realtime.Event("bank_order.updated", data, order.id)
    return realtime.emit(session, broker, [order.owner_id], event)


def _subject(order_id: int) -> Subject:
    return Subject("bank_order", order_id)


async def place(
    session: AsyncSession, broker: Broker, bank: BankConnector, order: BankOrder, token: str
) -> BankOrder:
    """Ask the bank for the order (already flushed, so its id is the bank's merchant
    reference), to charge or pay the card or account ``token`` names. A decline is kept
    on record and raised as ``BankDeclined``."""
    amount = Money(order.amount, order.currency)
    ask = bank.charge if order.kind == TOP_UP else bank.pay_out
    answer = await ask(token=token, amount=amount, order_id=order.id)
    order.reference = answer.reference
    if answer.answer is Answer.DECLINED:
        await _finish(session, broker, order, DECLINED)
        raise BankDeclined(f"{order.bank_name} declined the account ending {order.card_last4}.")
    await session.flush()
    await _announce(session, broker, order)
    return order


def new_order(
    kind: str,
    owner_id: int,
    amount: Money,
    bank: BankConnector,
    *,
    card_id: int | None,
    last4: str,
    bank_name: str,
    merchant_id: int | None = None,
    miniapp_id: int | None = None,
) -> BankOrder:
    """A pending order to the card or account ending ``last4`` at ``bank_name``."""
    return BankOrder(
        id=new_id(),
        owner_id=owner_id,
        kind=kind,
        card_id=card_id,
        merchant_id=merchant_id,
        miniapp_id=miniapp_id,
        card_last4=last4,
        bank_name=bank_name,
        amount=amount.amount,
        currency=amount.currency,
        status=PENDING,
        connector=bank.name,
        created_at=clock.now(),
    )


def _card_order(
    kind: str, owner: Account, card: BankCard, amount: Money, bank: BankConnector
) -> BankOrder:
    return new_order(
        kind, owner.id, amount, bank, card_id=card.id, last4=card.last4, bank_name=card.bank_name
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
    service.check_positive(amount)
    card = await cards.get_own(session, owner, card_id)
    order = _card_order(TOP_UP, owner, card, amount, bank)
    session.add(order)
    await session.flush()
    return await place(session, broker, bank, order, card.token)


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
    service.check_positive(amount)
    card = await cards.get_own(session, owner, card_id)
    order = _card_order(WITHDRAWAL, owner, card, amount, bank)
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
    return await place(session, broker, bank, order, card.token)


async def _release_hold(session: AsyncSession, order: BankOrder, *, paid_out: bool) -> None:
    """A payout's hold goes to the bank (paid out) or back where it came from: its
    ``return_account_id``, else the owner's wallet."""
    assert order.hold_account_id is not None
    if paid_out:
        target = await service.system_account(
            session, service.Purpose.BANK_CLEARING, order.currency
        )
        target_id = target.id
    elif order.return_account_id is not None:
        target_id = order.return_account_id
    else:
        target_id = (await service.person_account(session, order.owner_id, order.currency)).id
    sent, returned = _RELEASED_KINDS[order.kind]
    await ledger.post(
        session,
        kind=sent if paid_out else returned,
        legs=[Leg(order.hold_account_id, -order.amount), Leg(target_id, order.amount)],
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
    elif order.kind in PAYOUTS:
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
    """The person's own top-ups and withdrawals, not the payouts of their shops' or
    mini-programs' takings (those are listed with the business)."""
    return await repository.orders_of(
        session, owner.id, kinds=(TOP_UP, WITHDRAWAL), before_id=before_id, limit=limit
    )


async def get_own(session: AsyncSession, owner: Account, order_id: int) -> BankOrder:
    order = await session.get(BankOrder, order_id)
    if order is None or order.owner_id != owner.id:
        raise BankOrderNotFound(field="order_id")
    return order
