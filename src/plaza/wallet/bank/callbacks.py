"""A bank's callback, the one way a bank order is settled as the bank reported it.

HTTP callbacks (``POST /v1/bank/callbacks/<connector>``) and the sandbox bank's own,
delivered in-process, both come through ``receive``. Every callback is stored with what
became of it, before anything can refuse it, so reconciliation can report the ones that
matched nothing.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.realtime.broker import Broker
from plaza.wallet.bank import orders, repository
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankCallback
from plaza.wallet.errors import BankCallbackForged, BankReferenceUnknown

MAX_SIGNATURE_LENGTH = 200


class CallbackOutcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    """The order was settled already; nothing moved again."""
    UNMATCHED = "unmatched"
    FORGED = "forged"


async def receive(
    session: AsyncSession, broker: Broker, bank: BankConnector, body: bytes, signature: str
) -> BankCallback:
    """Store, verify and apply one callback. A bad signature raises ``BankCallbackForged``
    and an unknown reference ``BankReferenceUnknown``; both keep the stored callback."""
    result = bank.read_callback(body, signature)
    callback = BankCallback(
        id=new_id(),
        connector=bank.name,
        body=body.decode(errors="replace"),
        signature=signature[:MAX_SIGNATURE_LENGTH],
        reference=result.reference if result else None,
        outcome=CallbackOutcome.FORGED,
        received_at=clock.now(),
    )
    session.add(callback)
    if result is None:
        await session.flush()
        raise BankCallbackForged()
    order = await repository.lock_order_by_reference(session, result.reference)
    if order is None or order.connector != bank.name:
        callback.outcome = CallbackOutcome.UNMATCHED
        await session.flush()
        raise BankReferenceUnknown(field="reference")
    callback.order_id = order.id
    applied = await orders.settle(session, broker, order, succeeded=result.succeeded)
    callback.outcome = CallbackOutcome.APPLIED if applied else CallbackOutcome.DUPLICATE
    await session.flush()
    return callback
