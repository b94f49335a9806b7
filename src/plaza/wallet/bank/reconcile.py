"""Reconciliation: Plaza's orders against what the bank says.

Orders still pending well after they were placed are asked about with
``connector.status`` and settled as the bank answers; an order the bank does not know
is settled as failed (a withdrawal's money goes back). The report also lists the
callbacks of the last day that matched no order or carried a bad signature. Every
``plaza serve`` process runs it once a minute; ``plaza wallet reconcile`` runs it once
and prints the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.kit import clock
from plaza.realtime.broker import Broker
from plaza.wallet.bank import banks, orders, repository
from plaza.wallet.bank.callbacks import CallbackOutcome
from plaza.wallet.bank.connector import Outcome
from plaza.wallet.bank.models import BankCallback, BankOrder

ASK_AFTER = timedelta(minutes=10)
"""A callback normally comes within seconds; an order pending this long is asked about."""
REPORT_CALLBACKS_SINCE = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Report:
    settled: Sequence[BankOrder]
    """Orders this run settled from the bank's answer, including those it does not know."""
    unknown_to_bank: Sequence[BankOrder]
    still_pending: Sequence[BankOrder]
    unmatched_callbacks: Sequence[BankCallback]

    @property
    def has_problems(self) -> bool:
        """Something needs a person: money the bank knows nothing of, or callbacks that
        matched no order."""
        return bool(self.unknown_to_bank or self.unmatched_callbacks)


async def reconcile(
    session: AsyncSession, broker: Broker, settings: Settings, *, limit: int = 100
) -> Report:
    """Settle up to ``limit`` overdue orders from the bank's answers and report."""
    bank = banks.connector_for(session, settings)
    now = clock.now()
    overdue = await repository.lock_orders_placed_by(
        session, status=orders.PENDING, placed_by=now - ASK_AFTER, limit=limit
    )
    settled, unknown, pending = [], [], []
    for order in overdue:
        assert order.reference is not None  # a pending order was accepted by the bank
        answer = await bank.status(order.reference)
        if answer is Outcome.PENDING:
            pending.append(order)
            continue
        await orders.settle(session, broker, order, succeeded=answer is Outcome.SUCCEEDED)
        settled.append(order)
        if answer is Outcome.UNKNOWN:
            unknown.append(order)
    unmatched = await repository.callbacks_since(
        session,
        outcomes=(CallbackOutcome.UNMATCHED, CallbackOutcome.FORGED),
        since=now - REPORT_CALLBACKS_SINCE,
    )
    return Report(
        settled=settled,
        unknown_to_bank=unknown,
        still_pending=pending,
        unmatched_callbacks=unmatched,
    )
