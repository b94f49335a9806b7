"""A shop's takings, settled to its bank account.

The settlement account a shop gives is linked with the bank (``BankConnector.link_card``)
when the shop opens or the owner changes it; only its last four digits and the bank's
token for it are kept. A settlement is a bank order of kind ``settlement``: the amount
leaves the takings stripes at once into a hold of the order's own, and the bank's
callback sends it on to the bank or, if the payout fails, back to the takings
(``bank.orders``). The owner asks with their PIN; the daily limit, which is about a
person's spending, does not apply to a business's own takings.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit.money import Money
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, service
from plaza.wallet.bank import orders
from plaza.wallet.bank import repository as bank_orders
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankOrder
from plaza.wallet.errors import AmountInvalid, SettlementAccountUnlinked
from plaza.wallet.ledger import Subject
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants.models import Merchant

LISTED = 50
"""How many of a shop's latest settlements it lists."""


async def link_account(
    session: AsyncSession,
    bank: BankConnector,
    merchant: Merchant,
    *,
    bank_name: str,
    account_number: str,
) -> Merchant:
    """Check the settlement account number and link it with the bank, in place of any
    earlier one."""
    last4 = shops.settlement_account_last4(account_number)
    linked = await bank.link_card(
        holder_name=merchant.business_name, card_number=account_number.replace(" ", "")
    )
    merchant.settlement_bank_name = bank_name
    merchant.settlement_account_last4 = last4
    merchant.settlement_connector = bank.name
    merchant.settlement_token = linked.token
    await session.flush()
    return merchant


async def settle(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    owner: Account,
    merchant_id: int,
    *,
    amount: Money | None,
    currency: str,
) -> BankOrder:
    """Pay ``amount`` of the shop's takings (all of them when None) out to its settlement
    account; the owner is already authorized with their PIN."""
    merchant = await shops.get_owned(session, owner, merchant_id)
    token = merchant.settlement_token
    if token is None or merchant.settlement_connector != bank.name:
        raise SettlementAccountUnlinked(field="merchant_id")
    if amount is None:
        amount = await shops.takings(session, merchant, currency)
        if amount.amount == 0:
            raise AmountInvalid("There are no takings to settle.", field="amount")
    service.check_positive(amount)
    order = orders.new_order(
        orders.SETTLEMENT,
        owner.id,
        amount,
        bank,
        card_id=None,
        last4=merchant.settlement_account_last4,
        bank_name=merchant.settlement_bank_name,
        merchant_id=merchant.id,
    )
    hold = await service.hold_account(
        session, service.Purpose.WITHDRAWAL_HOLD, order.id, amount.currency
    )
    legs = await service.legs_from_stripes(
        session,
        stripe_keys=shops.takings_keys(merchant, amount.currency),
        to=hold,
        amount=amount,
        field="amount",
    )
    subject = Subject("bank_order", order.id)
    await ledger.post(session, kind="settlement_held", legs=legs, subject=subject)
    order.hold_account_id = hold.id
    order.return_account_id = (await shops.takings_stripe(session, merchant, amount.currency)).id
    session.add(order)
    await session.flush()
    return await orders.place(session, broker, bank, order, token)


async def settlements_of(
    session: AsyncSession, owner: Account, merchant_id: int
) -> Sequence[BankOrder]:
    """The shop's latest settlements, newest first."""
    merchant = await shops.get_owned(session, owner, merchant_id)
    return await bank_orders.settlements_of(session, merchant.id, limit=LISTED)
