"""A mini-program's takings, paid out to its developer's bank account.

The developer links a settlement account in the console (``link_account``); it is checked
as a shop's is and linked with the bank, and only its last four digits and the bank's
token for it are kept. A payout takes the takings stripes' money into a bank order of
kind ``settlement`` (``bank.payouts``, as for a shop), with the developer's PIN.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.money import Money
from plaza.miniapps.models import MiniApp
from plaza.realtime.broker import Broker
from plaza.wallet import service
from plaza.wallet.bank import payouts
from plaza.wallet.bank import repository as bank_orders
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankOrder
from plaza.wallet.orders import repository
from plaza.wallet.orders.models import MiniappSettlementAccount
from plaza.wallet.orders.service import takings_keys, takings_stripe

LISTED = 50
"""How many of a mini-program's latest payouts its console lists."""


@dataclass(frozen=True, slots=True)
class Takings:
    """What the console shows: the takings, where they are paid out, the latest payouts."""

    balance: Money
    account: MiniappSettlementAccount | None
    settlements: Sequence[BankOrder]


async def takings(session: AsyncSession, app: MiniApp, currency: str) -> Takings:
    return Takings(
        await service.takings(session, takings_keys(app, currency), currency),
        await repository.settlement_account_or_none(session, app.id),
        await bank_orders.miniapp_settlements_of(session, app.id, limit=LISTED),
    )


async def link_account(
    session: AsyncSession,
    bank: BankConnector,
    app: MiniApp,
    *,
    bank_name: str,
    account_number: str,
) -> None:
    """Check the account number and link it with the bank, in place of any earlier one."""
    linked = await payouts.link(bank, holder_name=app.name, account_number=account_number)
    found = await repository.settlement_account_or_none(session, app.id)
    if found is None:
        found = MiniappSettlementAccount(miniapp_id=app.id)
        session.add(found)
    found.bank_name = bank_name
    found.account_last4 = linked.last4
    found.connector = bank.name
    found.token = linked.token
    found.updated_at = clock.now()
    await session.flush()


async def settle(
    session: AsyncSession,
    broker: Broker,
    bank: BankConnector,
    app: MiniApp,
    *,
    amount: Money | None,
    currency: str,
) -> BankOrder:
    """Pay ``amount`` of the takings (all of them when None) out to the settlement account;
    the developer is already authorized with their PIN."""
    return_to = await takings_stripe(session, app, currency)
    return await payouts.pay_out(
        session,
        broker,
        bank,
        owner_id=app.owner_id,
        account=_settlement_account(await repository.settlement_account_or_none(session, app.id)),
        takings=payouts.Takings(takings_keys(app, currency), return_to),
        amount=amount,
        currency=currency,
        business_field="appid",
        miniapp_id=app.id,
    )


def _settlement_account(found: MiniappSettlementAccount | None) -> payouts.SettlementAccount:
    """What a payout needs of the linked account; with none linked, no token to pay to."""
    if found is None:
        return payouts.SettlementAccount(connector=None, token=None, bank_name="", last4="")
    return payouts.SettlementAccount(
        found.connector, found.token, found.bank_name, found.account_last4
    )
