"""Random sequences of top-ups, transfers and withdrawals against a real SQLite ledger.

After every step: every balance equals its postings, no person is below zero, each
person has exactly what a simple model says, and the money inside Plaza equals the
money that came in minus the money that left.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.errors import InsufficientFunds
from tests.conftest import create_person_in

PEOPLE = 4
amounts = st.integers(min_value=1, max_value=50_000)
people = st.integers(min_value=0, max_value=PEOPLE - 1)


class LedgerMachine(RuleBasedStateMachine):
    template: Path
    """A migrated, empty SQLite database to copy for each run."""
    workdir: Path

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        path = self.workdir / f"ledger-{id(self)}.db"
        shutil.copyfile(self.template, path)
        self.database = Database(f"sqlite+aiosqlite:///{path}")
        self.owners: list[int] = []
        self.model: dict[int, int] = {}
        self.came_in = 0
        self.went_out = 0

    def run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    @initialize()
    def make_people(self) -> None:
        for n in range(PEOPLE):
            person = self.run(create_person_in(self.database, f"P{n}"))
            self.owners.append(person.account_id)
            self.model[person.account_id] = 0

    async def _in_transaction(self, action: Any, **arguments: Any) -> bool:
        try:
            async with self.database.unit_of_work() as session:
                await action(session, **arguments)
        except InsufficientFunds:
            return False
        return True

    @rule(who=people, amount=amounts)
    def deposit(self, who: int, amount: int) -> None:
        owner = self.owners[who]
        assert self.run(
            self._in_transaction(wallet.deposit, owner_id=owner, amount=Money(amount, "CNY"))
        )
        self.model[owner] += amount
        self.came_in += amount

    @rule(payer=people, payee=people, amount=amounts)
    def transfer(self, payer: int, payee: int, amount: int) -> None:
        if payer == payee:
            return
        a, b = self.owners[payer], self.owners[payee]
        moved = self.run(
            self._in_transaction(
                wallet.transfer, from_owner=a, to_owner=b, amount=Money(amount, "CNY")
            )
        )
        assert moved == (self.model[a] >= amount)
        if moved:
            self.model[a] -= amount
            self.model[b] += amount

    @rule(who=people, amount=amounts)
    def withdraw(self, who: int, amount: int) -> None:
        owner = self.owners[who]
        moved = self.run(
            self._in_transaction(wallet.withdraw, owner_id=owner, amount=Money(amount, "CNY"))
        )
        assert moved == (self.model[owner] >= amount)
        if moved:
            self.model[owner] -= amount
            self.went_out += amount

    @invariant()
    def books_balance(self) -> None:
        if not self.owners:
            return

        async def check() -> None:
            async with self.database.sessionmaker() as session:
                assert await wallet.verify(session) == []
                for owner, expected in self.model.items():
                    assert (await wallet.balance(session, owner, "CNY")).amount == expected
                bank = await wallet.system_account(session, wallet.Purpose.BANK_CLEARING, "CNY")
                assert -bank.balance == self.came_in - self.went_out == sum(self.model.values())

        self.run(check())

    def teardown(self) -> None:
        self.run(self.database.dispose())
        self.loop.close()


def test_random_sequences_keep_the_books_right(
    migrated_sqlite_template: Path, tmp_path: Path
) -> None:
    machine = type(
        "LedgerMachineHere",
        (LedgerMachine,),
        {"template": migrated_sqlite_template, "workdir": tmp_path},
    )
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
