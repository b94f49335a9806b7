"""A shop's takings, settled to its bank account.

The settlement account a shop gives is linked with the bank (``BankConnector.link_card``)
when the shop opens or the owner changes it; only its last four digits and the bank's
token for it are kept. The payout itself is ``bank.payouts``, as a mini-program's is.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit.money import Money
from plaza.realtime.broker import Broker
from plaza.wallet.bank import payouts
from plaza.wallet.bank import repository as bank_orders
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankOrder
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
    linked = await payouts.link(
        bank, holder_name=merchant.business_name, account_number=account_number
    )
    merchant.settlement_bank_name = bank_name
    merchant.settlement_account_last4 = linked.last4
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
    return await payouts.pay_out(
        session,
        broker,
        bank,
        owner_id=owner.id,
        account=payouts.SettlementAccount(
            merchant.settlement_connector,
            merchant.settlement_token,
            merchant.settlement_bank_name,
            merchant.settlement_account_last4,
        ),
        takings=payouts.Takings(
            shops.takings_keys(merchant, currency),
            await shops.takings_stripe(session, merchant, currency),
        ),
        amount=amount,
        currency=currency,
        business_field="merchant_id",
        merchant_id=merchant.id,
    )


async def settlements_of(
    session: AsyncSession, owner: Account, merchant_id: int
) -> Sequence[BankOrder]:
    """The shop's latest settlements, newest first."""
    merchant = await shops.get_owned(session, owner, merchant_id)
    return await bank_orders.settlements_of(session, merchant.id, limit=LISTED)
