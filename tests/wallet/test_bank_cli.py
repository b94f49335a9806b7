"""``plaza wallet reconcile``: settles what the bank never called back about and exits 1
when a callback matched no order."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from pathlib import Path

from plaza.config import Settings
from plaza.identity import service as identity
from plaza.kit import clock
from plaza.kit.clock import ManualClock, use_clock
from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.realtime.broker import MemoryBroker
from plaza.wallet import security
from plaza.wallet.bank import callbacks, cards, orders, reconcile
from plaza.wallet.bank.sandbox import SandboxBank
from plaza.wallet.errors import BankReferenceUnknown
from tests.test_cli import env, run  # noqa: F401  (env is a fixture)
from tests.wallet.test_bank import stray_callback
from tests.wallet.test_security import ID_NUMBER


async def an_unanswered_top_up_and_a_stray_callback(settings: Settings) -> None:
    """A top-up to a card whose bank never answers, placed long enough ago to be asked
    about, and a callback for a reference no order has."""
    database = Database(settings.database_url)
    broker = MemoryBroker()
    try:
        with use_clock(ManualClock(clock.now() - reconcile.ASK_AFTER - timedelta(minutes=1))):
            async with database.unit_of_work() as session:
                account = await identity.create_account(
                    session, phone="+12025550199", display_name="Dora"
                )
                await security.verify_real_name(
                    session,
                    account,
                    name="Dora",
                    country="CN",
                    id_number=ID_NUMBER,
                    secret=settings.secret_key.get_secret_value(),
                )
                bank = SandboxBank(session, settings)
                card = await cards.link(
                    session,
                    bank,
                    account,
                    holder_name="Dora",
                    card_number="4000000000000119",
                    bank_name=None,
                )
                await orders.top_up(
                    session, broker, bank, account, card_id=card.id, amount=Money(500, "CNY")
                )
        with contextlib.suppress(BankReferenceUnknown):
            async with database.unit_of_work() as session:
                bank = SandboxBank(session, settings)
                body, signature = stray_callback(bank, "sbx_stray")
                await callbacks.receive(session, broker, bank, body, signature)
    finally:
        await database.dispose()


def test_reconcile_settles_the_silent_and_reports_the_unmatched(env: Path) -> None:  # noqa: F811
    assert run("migrate")[0] == 0
    code, output = run("wallet", "reconcile")
    assert code == 0, output
    assert "every callback matched an order" in output
    asyncio.run(an_unanswered_top_up_and_a_stray_callback(Settings()))
    code, output = run("wallet", "reconcile")
    assert code == 1, output
    assert "Settled top_up" in output
    assert ": failed" in output
    assert "unmatched: reference sbx_stray" in output
    assert run("wallet", "verify")[0] == 0
