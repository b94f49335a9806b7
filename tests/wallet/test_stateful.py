"""Random sequences of everything that moves money, against a real SQLite ledger.

Top-ups and withdrawals through the sandbox bank (some cards succeed, some fail and are
refunded), held transfers (sent alone or in batches; accepted, returned, or expired), red
envelopes (sent, opened, and their remainder returned after 24 hours), plain transfers,
payments to a shop and mini-program orders paid in the host, each refunded in part or
whole by its seller and settled to the seller's bank account (paid out, or failed and
returned to its takings).
After every step: every balance equals its postings, no person is below zero, each
person, the shop and the mini-program have exactly what a simple model says, every hold
holds exactly what is still owed, and the money inside Plaza equals the money that came
in minus the money that left.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import DEV_SECRET_KEY, Environment, Settings
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit.clock import ManualClock, use_clock
from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.money import Money
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.miniapps.schemas import MiniAppCreate
from plaza.open_api import sessions as open_sessions
from plaza.realtime.broker import MemoryBroker
from plaza.wallet import security, transfers
from plaza.wallet import service as wallet
from plaza.wallet.bank import banks, cards, orders, sandbox
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.errors import InsufficientFunds
from plaza.wallet.limits import SpendingRules
from plaza.wallet.merchants import service as shops
from plaza.wallet.merchants import settlements
from plaza.wallet.merchants.models import Merchant
from plaza.wallet.orders import service as app_orders
from plaza.wallet.orders import settlements as app_settlements
from tests.conftest import create_person_in
from tests.wallet.test_bank import FAILING_CARD, GOOD_CARD
from tests.wallet.test_security import ID_NUMBER

PEOPLE = 4
CNY = "CNY"
START = 30_000
"""Each person's money at the start, so that the first steps can already pay."""
amounts = st.integers(min_value=1, max_value=50_000)
envelope_totals = st.integers(min_value=4, max_value=20_000)  # at most 200.00
people = st.integers(min_value=0, max_value=PEOPLE - 1)
picks = st.integers(min_value=0, max_value=1_000)
NO_LIMIT = SpendingRules(daily_limit=Money(10**15, CNY), zone=ZoneInfo("UTC"))
Result = TypeVar("Result")


@dataclass
class Pending:
    """Money the model expects to move later: a transfer, a bank order, an envelope."""

    owner: int
    amount: int
    other: int = 0
    """The transfer's recipient."""
    succeeds: bool = True
    """A bank order's card."""


class WalletMachine(RuleBasedStateMachine):
    template: Path
    """A migrated, empty SQLite database to copy for each run."""
    workdir: Path

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        path = self.workdir / f"wallet-{id(self)}.db"
        shutil.copyfile(self.template, path)
        self.settings = Settings(
            env=Environment.TEST,
            database_url=f"sqlite+aiosqlite:///{path}",
            sandbox_bank_delay_seconds=0,
            background_jobs=False,
            _env_file=None,
        )
        self.database = Database(self.settings.database_url)
        self.broker = MemoryBroker()
        self.clock = ManualClock(datetime(2026, 11, 29, 12, 0, tzinfo=UTC))
        self._clock_in_use = use_clock(self.clock)
        self._clock_in_use.__enter__()
        self.owners: list[int] = []
        self.cards: dict[tuple[int, bool], int] = {}
        self.model: dict[int, int] = {}
        self.transfers: dict[int, Pending] = {}
        self.orders: dict[int, Pending] = {}
        self.withdrawals: dict[int, Pending] = {}
        self.envelopes: dict[int, Pending] = {}
        """What is left in each open envelope (``amount``) and who sent it."""
        self.shop_id = 0
        """Person 0's shop."""
        self.payments: dict[int, Pending] = {}
        """What is left to refund of each payment to the shop, and who paid it."""
        self.takings = 0
        self.settlements: dict[int, Pending] = {}
        self.app_row_id = 0
        """Person 1's mini-program."""
        self.app_orders: dict[str, Pending] = {}
        """What is left to refund of each paid order (by out_trade_no), and who paid it."""
        self.app_takings = 0
        self.app_settlements: dict[int, Pending] = {}
        self.numbers = itertools.count(1)
        """Order and refund numbers, each used once."""
        self.came_in = 0
        self.went_out = 0

    def run(self, work: Awaitable[Result]) -> Result:
        return self.loop.run_until_complete(work)

    def in_transaction(self, action: Callable[[AsyncSession], Awaitable[Result]]) -> Result:
        async def work() -> Result:
            async with self.database.unit_of_work() as session:
                return await action(session)

        return self.run(work())

    def refused(self, action: Callable[[AsyncSession], Awaitable[Any]]) -> PlazaError | None:
        """Run ``action`` in a transaction; the refusal it raised (and rolled back), if any."""
        try:
            self.in_transaction(action)
        except PlazaError as refusal:
            return refusal
        return None

    async def account(self, session: AsyncSession, owner: int) -> Account:
        return await identity.get_account(session, owner)

    def refunded(
        self, refusal: PlazaError | None, left: Pending, amount: int, takings: int
    ) -> bool:
        """Check a seller's refund of ``amount`` against the model: refused exactly when it
        is more than is left of the payment or than the seller holds. True when the payer
        got it back."""
        assert (refusal is None) == (amount <= min(left.amount, takings)), refusal
        if refusal is None:
            left.amount -= amount
            self.model[left.owner] += amount
            return True
        if amount > left.amount:
            assert refusal.code == "payments.refund_exceeds_paid"
        else:  # the seller paid out what it would give back
            assert isinstance(refusal, InsufficientFunds)
        return False

    @staticmethod
    def paid_out(refusal: PlazaError | None, amount: int, takings: int) -> bool:
        """Check a seller's payout of ``amount``: refused exactly when it holds less."""
        assert (refusal is None) == (amount <= takings), refusal
        assert refusal is None or isinstance(refusal, InsufficientFunds)
        return refusal is None

    @initialize()
    def make_people(self) -> None:
        secret = DEV_SECRET_KEY
        for n in range(PEOPLE):
            person = self.run(create_person_in(self.database, f"P{n}"))
            self.owners.append(person.account_id)
            self.model[person.account_id] = 0

            async def ready(session: AsyncSession, owner: int = person.account_id) -> None:
                account = await self.account(session, owner)
                await security.verify_real_name(
                    session, account, name="P", country="CN", id_number=ID_NUMBER, secret=secret
                )
                bank = banks.connector_for(session, self.settings)
                for number, succeeds in ((GOOD_CARD, True), (FAILING_CARD, False)):
                    card = await cards.link(
                        session, bank, account, holder_name="P", card_number=number, bank_name=None
                    )
                    self.cards[owner, succeeds] = card.id
                await wallet.deposit(session, owner_id=owner, amount=Money(START, CNY))

            self.in_transaction(ready)
            self.model[person.account_id] = START
            self.came_in += START

        async def open_shop(session: AsyncSession) -> None:
            shop = await shops.register(
                session,
                await self.account(session, self.owners[0]),
                business_name="Shop",
                registration_number="91110000MA01ABCD2X",
                category="",
                settlement_bank_name="Sandbox Bank",
                settlement_account_number=GOOD_CARD,
            )
            self.shop_id = shop.id

        self.in_transaction(open_shop)

        async def open_app(session: AsyncSession) -> None:
            developer = await self.account(session, self.owners[1])
            await miniapps.become_developer(session, developer, "Dev")
            body = MiniAppCreate(name="Coffee", category="food", server_domains=[])
            app, _ = await miniapps.create_app(
                session, developer, DEV_SECRET_KEY, body, loopback=False
            )
            self.app_row_id = app.id

        self.in_transaction(open_app)

    # Money in and out through the bank

    @rule(who=people, amount=amounts, succeeds=st.booleans())
    def top_up(self, who: int, amount: int, succeeds: bool) -> None:
        owner = self.owners[who]

        async def place(session: AsyncSession) -> int:
            bank = banks.connector_for(session, self.settings)
            account = await self.account(session, owner)
            card = self.cards[owner, succeeds]
            order = await orders.top_up(
                session, self.broker, bank, account, card_id=card, amount=Money(amount, CNY)
            )
            return order.id

        self.orders[self.in_transaction(place)] = Pending(owner, amount, succeeds=succeeds)

    @rule(who=people, amount=amounts, succeeds=st.booleans())
    def withdraw(self, who: int, amount: int, succeeds: bool) -> None:
        owner = self.owners[who]
        order_ids: list[int] = []

        async def place(session: AsyncSession) -> None:
            bank = banks.connector_for(session, self.settings)
            account = await self.account(session, owner)
            order = await orders.withdraw(
                session,
                self.broker,
                bank,
                account,
                card_id=self.cards[owner, succeeds],
                amount=Money(amount, CNY),
                rules=NO_LIMIT,
            )
            order_ids.append(order.id)

        refusal = self.refused(place)
        assert (refusal is None) == (self.model[owner] >= amount), refusal
        assert refusal is None or isinstance(refusal, InsufficientFunds)
        if refusal is None:
            self.model[owner] -= amount
            self.withdrawals[order_ids[0]] = Pending(owner, amount, succeeds=succeeds)

    @precondition(lambda self: self.orders or self.withdrawals or self.settlements)
    @rule()
    def bank_settles(self) -> None:
        settled = self.in_transaction(
            lambda session: sandbox.settle_due(session, self.broker, self.settings)
        )
        assert settled == sum(
            map(len, (self.orders, self.withdrawals, self.settlements, self.app_settlements))
        )
        for top_up in self.orders.values():
            if top_up.succeeds:
                self.model[top_up.owner] += top_up.amount
                self.came_in += top_up.amount
        for withdrawal in self.withdrawals.values():
            if withdrawal.succeeds:
                self.went_out += withdrawal.amount
            else:
                self.model[withdrawal.owner] += withdrawal.amount
        for settlement in self.settlements.values():
            if settlement.succeeds:
                self.went_out += settlement.amount
            else:
                self.takings += settlement.amount
        for settlement in self.app_settlements.values():
            if settlement.succeeds:
                self.went_out += settlement.amount
            else:
                self.app_takings += settlement.amount
        self.orders.clear()
        self.withdrawals.clear()
        self.settlements.clear()
        self.app_settlements.clear()

    # Between people

    @rule(payer=people, payee=people, amount=amounts)
    def transfer_now(self, payer: int, payee: int, amount: int) -> None:
        a, b = self.owners[payer], self.owners[payee]
        if a == b:
            return
        refusal = self.refused(
            lambda session: wallet.transfer(
                session, from_owner=a, to_owner=b, amount=Money(amount, CNY)
            )
        )
        assert (refusal is None) == (self.model[a] >= amount), refusal
        if refusal is None:
            self.model[a] -= amount
            self.model[b] += amount

    @rule(payer=people, payee=people, amount=amounts)
    def send_transfer(self, payer: int, payee: int, amount: int) -> None:
        a, b = self.owners[payer], self.owners[payee]
        if a == b:
            return
        sent: list[int] = []

        async def send(session: AsyncSession) -> None:
            sender = await self.account(session, a)
            transfer = await transfers.send(
                session,
                self.broker,
                sender,
                to=b,
                amount=Money(amount, CNY),
                memo="",
                rules=NO_LIMIT,
            )
            sent.append(transfer.id)

        refusal = self.refused(send)
        assert (refusal is None) == (self.model[a] >= amount), refusal
        if refusal is None:
            self.model[a] -= amount
            self.transfers[sent[0]] = Pending(a, amount, other=b)

    @rule(asked=st.lists(st.tuples(people, people, amounts), min_size=1, max_size=6))
    def send_transfers_together(self, asked: list[tuple[int, int, int]]) -> None:
        """A batch of transfers (``transfers.send_plainly``): each is made exactly when the
        model, taking the batch in order, says its sender still has the money."""
        outgoing = [
            transfers.Outgoing(self.owners[a], self.owners[b], Money(amount, CNY), "")
            for a, b, amount in asked
        ]
        made = self.in_transaction(
            lambda session: transfers.send_plainly(session, self.broker, outgoing, NO_LIMIT)
        )
        for sent, transfer in zip(outgoing, made, strict=True):
            fine = sent.sender_id != sent.to and self.model[sent.sender_id] >= sent.amount.amount
            assert (transfer is not None) == fine, (sent, transfer)
            if transfer is not None:
                self.model[sent.sender_id] -= sent.amount.amount
                self.transfers[transfer.id] = Pending(
                    sent.sender_id, sent.amount.amount, other=sent.to
                )

    @precondition(lambda self: self.transfers)
    @rule(pick=picks, accept=st.booleans())
    def answer_transfer(self, pick: int, accept: bool) -> None:
        transfer_id = sorted(self.transfers)[pick % len(self.transfers)]
        pending = self.transfers.pop(transfer_id)
        answer = transfers.accept if accept else transfers.give_back

        async def act(session: AsyncSession) -> None:
            await answer(
                session, self.broker, await self.account(session, pending.other), transfer_id
            )

        assert self.refused(act) is None
        self.model[pending.other if accept else pending.owner] += pending.amount

    @rule(sender=people, total=envelope_totals, count=st.integers(min_value=1, max_value=PEOPLE))
    def send_envelope(self, sender: int, total: int, count: int) -> None:
        owner = self.owners[sender]
        sent: list[int] = []

        async def send(session: AsyncSession) -> None:
            envelope = await envelopes.send(
                session,
                await self.account(session, owner),
                conversation_id=1,
                audience=envelopes.Audience(direct=False, member_count=PEOPLE),
                kind="lucky",
                amount=Money(total, CNY),
                count=count,
                greeting="",
                rules=NO_LIMIT,
            )
            sent.append(envelope.id)

        refusal = self.refused(send)
        assert (refusal is None) == (self.model[owner] >= total), refusal
        if refusal is None:
            self.model[owner] -= total
            self.envelopes[sent[0]] = Pending(owner, total)

    @precondition(lambda self: self.envelopes)
    @rule(pick=picks, who=people)
    def open_envelope(self, pick: int, who: int) -> None:
        envelope_id = sorted(self.envelopes)[pick % len(self.envelopes)]
        opener = self.owners[who]
        got: list[int] = []

        async def open_one(session: AsyncSession) -> None:
            envelope = await envelopes.get(session, envelope_id)
            opened = await envelopes.open_share(
                session, self.broker, await self.account(session, opener), envelope
            )
            got.append(opened.share.amount)

        refusal = self.refused(open_one)
        left = self.envelopes[envelope_id]
        if refusal is None:
            assert 1 <= got[0] <= left.amount
            left.amount -= got[0]
            self.model[opener] += got[0]
        else:  # opened before, or all taken
            assert refusal.code in {"wallet.envelope_already_opened", "wallet.envelope_empty"}
            assert refusal.code != "wallet.envelope_empty" or left.amount == 0

    # A shop

    @rule(payer=people, amount=amounts)
    def pay_shop(self, payer: int, amount: int) -> None:
        who = self.owners[payer]
        paid: list[int] = []

        async def pay(session: AsyncSession) -> None:
            payment = await shops.pay(
                session,
                self.broker,
                await self.account(session, who),
                merchant_id=self.shop_id,
                amount=Money(amount, CNY),
                note="",
                rules=NO_LIMIT,
            )
            paid.append(payment.id)

        refusal = self.refused(pay)
        if who == self.owners[0]:
            assert refusal is not None
            assert refusal.code == "wallet.same_account"
            return
        assert (refusal is None) == (self.model[who] >= amount), refusal
        if refusal is None:
            self.model[who] -= amount
            self.takings += amount
            self.payments[paid[0]] = Pending(who, amount)

    @precondition(lambda self: self.payments)
    @rule(pick=picks, amount=amounts)
    def shop_refunds(self, pick: int, amount: int) -> None:
        payment_id = sorted(self.payments)[pick % len(self.payments)]
        left = self.payments[payment_id]

        async def refund(session: AsyncSession) -> None:
            shop_owner = await self.account(session, self.owners[0])
            money = Money(amount, CNY)
            await shops.refund(
                session, self.broker, shop_owner, payment_id, amount=money, reason=""
            )

        if self.refunded(self.refused(refund), left, amount, self.takings):
            self.takings -= amount

    @rule(amount=amounts, succeeds=st.booleans())
    def shop_settles(self, amount: int, succeeds: bool) -> None:
        order_ids: list[int] = []

        async def settle(session: AsyncSession) -> None:
            bank = banks.connector_for(session, self.settings)
            shop_owner = await self.account(session, self.owners[0])
            shop = await shops.get_owned(session, shop_owner, self.shop_id)
            number = GOOD_CARD if succeeds else FAILING_CARD
            await settlements.link_account(
                session, bank, shop, bank_name="Bank", account_number=number
            )
            order = await settlements.settle(
                session,
                self.broker,
                bank,
                shop_owner,
                self.shop_id,
                amount=Money(amount, CNY),
                currency=CNY,
            )
            order_ids.append(order.id)

        if self.paid_out(self.refused(settle), amount, self.takings):
            self.takings -= amount
            self.settlements[order_ids[0]] = Pending(self.owners[0], amount, succeeds=succeeds)

    # A mini-program's orders, paid in the host

    async def app(self, session: AsyncSession) -> MiniApp:
        return await miniapps.app_by_row_id(session, self.app_row_id)

    @rule(payer=people, amount=amounts)
    def pay_app_order(self, payer: int, amount: int) -> None:
        who = self.owners[payer]
        out_trade_no = f"order-{next(self.numbers):06d}"

        async def order_and_pay(session: AsyncSession) -> None:
            app = await self.app(session)
            new = app_orders.NewOrder(
                out_trade_no=out_trade_no,
                description="Flat white",
                amount=Money(amount, CNY),
                openid=open_sessions.openid_for(DEV_SECRET_KEY, app, who),
                notify_url="https://coffee.example/notify",
                time_expire=None,
            )
            order, created = await app_orders.create_order(session, app, new, CNY)
            assert created
            payer_account = await self.account(session, who)
            await app_orders.pay(
                session, DEV_SECRET_KEY, payer_account, app.app_id, order.prepay_id, NO_LIMIT
            )

        refusal = self.refused(order_and_pay)
        assert (refusal is None) == (self.model[who] >= amount), refusal
        assert refusal is None or isinstance(refusal, InsufficientFunds)
        if refusal is None:
            self.model[who] -= amount
            self.app_takings += amount
            self.app_orders[out_trade_no] = Pending(who, amount)

    @precondition(lambda self: self.app_orders)
    @rule(pick=picks, amount=amounts)
    def app_refunds(self, pick: int, amount: int) -> None:
        out_trade_no = sorted(self.app_orders)[pick % len(self.app_orders)]
        left = self.app_orders[out_trade_no]
        out_refund_no = f"refund-{next(self.numbers):06d}"

        async def refund(session: AsyncSession) -> None:
            new = app_orders.NewRefund(out_trade_no, out_refund_no, amount, reason="")
            await app_orders.refund(session, await self.app(session), new)

        if self.refunded(self.refused(refund), left, amount, self.app_takings):
            self.app_takings -= amount

    @rule(amount=amounts, succeeds=st.booleans())
    def app_settles(self, amount: int, succeeds: bool) -> None:
        order_ids: list[int] = []

        async def settle(session: AsyncSession) -> None:
            bank = banks.connector_for(session, self.settings)
            app = await self.app(session)
            number = GOOD_CARD if succeeds else FAILING_CARD
            await app_settlements.link_account(
                session, bank, app, bank_name="Bank", account_number=number
            )
            order = await app_settlements.settle(
                session, self.broker, bank, app, amount=Money(amount, CNY), currency=CNY
            )
            order_ids.append(order.id)

        if self.paid_out(self.refused(settle), amount, self.app_takings):
            self.app_takings -= amount
            self.app_settlements[order_ids[0]] = Pending(self.owners[1], amount, succeeds=succeeds)

    @rule()
    def a_day_passes(self) -> None:
        """Everything unanswered goes back: pending transfers and what envelopes hold."""
        self.clock.advance(timedelta(hours=24, seconds=1))
        self.in_transaction(lambda session: transfers.return_expired(session, self.broker))
        self.in_transaction(lambda session: envelopes.return_expired(session, self.broker))
        for pending in self.transfers.values():
            self.model[pending.owner] += pending.amount
        for left in self.envelopes.values():
            self.model[left.owner] += left.amount
        self.transfers.clear()
        self.envelopes.clear()

    @invariant()
    def books_balance(self) -> None:
        if not self.owners:
            return

        async def check() -> None:
            async with self.database.sessionmaker() as session:
                assert await wallet.verify(session) == []
                for owner, expected in self.model.items():
                    assert (await wallet.balance(session, owner, CNY)).amount == expected
                shop = await session.get_one(Merchant, self.shop_id)
                assert (await shops.takings(session, shop, CNY)).amount == self.takings
                app = await self.app(session)
                app_takings = await app_settlements.takings(session, app, CNY)
                assert app_takings.balance.amount == self.app_takings
                bank = await wallet.system_account(session, wallet.Purpose.BANK_CLEARING, CNY)
                held = sum(
                    pending.amount
                    for pending in (
                        *self.transfers.values(),
                        *self.withdrawals.values(),
                        *self.envelopes.values(),
                        *self.settlements.values(),
                        *self.app_settlements.values(),
                    )
                )
                inside = self.came_in - self.went_out
                sellers = self.takings + self.app_takings
                assert -bank.balance == inside == sum(self.model.values()) + held + sellers

        self.run(check())

    def teardown(self) -> None:
        self.run(self.database.dispose())
        self.loop.close()
        self._clock_in_use.__exit__(None, None, None)


def test_random_sequences_keep_the_books_right(
    migrated_sqlite_template: Path, tmp_path: Path
) -> None:
    machine = type(
        "WalletMachineHere",
        (WalletMachine,),
        {"template": migrated_sqlite_template, "workdir": tmp_path},
    )
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=50,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
