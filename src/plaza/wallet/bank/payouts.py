"""A business's takings paid out to its bank account: a shop's (``merchants.settlements``)
or a mini-program's (``orders.settlements``). Both check and link the account with
``link`` and keep only the bank's token and the last four digits.

The payout is a bank order of kind ``settlement``: the amount leaves the takings stripes at
once into a hold of the order's own, and the bank's callback sends it on to the bank or,
if the payout fails, back to one of the stripes (``bank.orders``). The owner asks with
their PIN; the daily limit, which is about a person's spending, does not apply to a
business's own takings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.money import Money
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, service
from plaza.wallet.bank import orders
from plaza.wallet.bank.cards import luhn_valid
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankOrder
from plaza.wallet.errors import (
    AmountInvalid,
    SettlementAccountInvalid,
    SettlementAccountUnlinked,
)
from plaza.wallet.ledger import Subject
from plaza.wallet.models import LedgerAccount


@dataclass(frozen=True, slots=True)
class SettlementAccount:
    """Where a business's takings go: the bank's token for the account, as linked with
    ``BankConnector.link_card``, and what the owner is shown of it."""

    connector: str | None
    token: str | None
    bank_name: str
    last4: str


SETTLEMENT_DIGITS = range(12, 31)  # card-style account numbers, ending in the Luhn digit


def settlement_account_last4(number: str) -> str:
    """The last four digits of a well-formed settlement account number (spaces allowed)."""
    digits = number.replace(" ", "")
    well_formed = digits.isascii() and digits.isdigit() and len(digits) in SETTLEMENT_DIGITS
    if not well_formed or not luhn_valid(digits):
        raise SettlementAccountInvalid(field="settlement_account_number")
    return digits[-4:]


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """What a business keeps of a settlement account it linked: the bank's token for it
    and the last four digits, never the whole number."""

    token: str
    last4: str


async def link(bank: BankConnector, *, holder_name: str, account_number: str) -> LinkedAccount:
    """Check a business's settlement account number and link it with the bank."""
    last4 = settlement_account_last4(account_number)
    linked = await bank.link_card(
        holder_name=holder_name, card_number=account_number.replace(" ", "")
    )
    return LinkedAccount(linked.token, last4)


@dataclass(frozen=True, slots=True)
class Takings:
    """A business's takings: the stripes they are spread over, and the one a failed payout
    goes back to."""

    stripe_keys: list[str]
    return_to: LedgerAccount


async def pay_out(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    *,
    owner_id: int,
    account: SettlementAccount,
    takings: Takings,
    amount: Money | None,
    currency: str,
    business_field: str,
    merchant_id: int | None = None,
    miniapp_id: int | None = None,
) -> BankOrder:
    """Pay ``amount`` of the takings (all of them when None) out to ``account``; the owner
    is already authorized with their PIN. An account not linked with this bank is
    ``SettlementAccountUnlinked`` on ``business_field``, the request's field that names
    the shop or mini-program."""
    if account.token is None or account.connector != bank.name:
        raise SettlementAccountUnlinked(field=business_field)
    if amount is None:
        amount = await service.takings(session, takings.stripe_keys, currency)
        if amount.amount == 0:
            raise AmountInvalid("There are no takings to pay out.", field="amount")
    service.check_positive(amount)
    order = orders.new_order(
        orders.SETTLEMENT,
        owner_id,
        amount,
        bank,
        card_id=None,
        last4=account.last4,
        bank_name=account.bank_name,
        merchant_id=merchant_id,
        miniapp_id=miniapp_id,
    )
    hold = await service.hold_account(
        session, service.Purpose.WITHDRAWAL_HOLD, order.id, amount.currency
    )
    legs = await service.legs_from_stripes(
        session, stripe_keys=takings.stripe_keys, to=hold, amount=amount, field="amount"
    )
    subject = Subject("bank_order", order.id)
    await ledger.post(session, kind="settlement_held", legs=legs, subject=subject)
    order.hold_account_id = hold.id
    order.return_account_id = takings.return_to.id
    session.add(order)
    await session.flush()
    return await orders.place(session, broker, bank, order, account.token)
