"""The sandbox bank: a pretend bank inside Plaza, the default connector, for development,
demos and tests. It keeps books of its own (``sandbox_bank_*`` tables) and settles each
accepted request ``PLAZA_SANDBOX_BANK_DELAY_SECONDS`` later by sending a signed callback
through the same handler as a real bank's HTTP callback.

Like a card processor's test cards, the last four digits choose what happens:

====== =========================================================
 0002  declined at once
 0069  accepted, then fails
 0119  accepted, never calls back (reconciliation finds it failed)
 other accepted, then succeeds
====== =========================================================
"""

from __future__ import annotations

import contextlib
import heapq
import hmac
import json
import secrets
import time
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.money import Money
from plaza.realtime.broker import Broker
from plaza.wallet.bank import callbacks, repository
from plaza.wallet.bank.connector import (
    Answer,
    BankAnswer,
    BankResult,
    LinkedCard,
    Outcome,
    SampleCard,
    callback_key,
    sign,
)
from plaza.wallet.bank.models import SandboxCard, SandboxRequest
from plaza.wallet.errors import BankReferenceUnknown

NAME = "sandbox"
BANK_NAME = "Plaza Sandbox Bank"
DECLINE, FAIL, TIME_OUT = "0002", "0069", "0119"
DECLINED, TIMEOUT = "declined", "timeout"
GIVE_UP_AFTER = timedelta(minutes=5)
"""A request that never called back is reported failed by ``status`` after this long."""
_OUTCOME_OF = {DECLINE: DECLINED, FAIL: Outcome.FAILED.value, TIME_OUT: TIMEOUT}
SAMPLE_CARDS: tuple[SampleCard, ...] = (
    SampleCard("4242 4242 4242 4242", "succeeds"),
    SampleCard("4000 0000 0000 0002", "declined"),
    SampleCard("4000 0000 0000 0069", "fails"),
    SampleCard("4000 0000 0000 0119", "no_answer"),
)


CALLS_BACK = (Outcome.SUCCEEDED.value, Outcome.FAILED.value)
"""The outcomes that end in a callback (a decline is answered at once, a timeout never)."""
LOOK_ANYWAY_EVERY_SECONDS = 60


class Wakeups:
    """When this process's sandbox bank has callbacks coming due, so that its each-second
    sweep reads the database only then, and once a minute regardless (for requests another
    process accepted, or that a restart forgot): an idle server does not poll every second."""

    def __init__(self) -> None:
        self._due: list[datetime] = []
        self._next_look = 0.0

    def expect(self, at: datetime) -> None:
        heapq.heappush(self._due, at)

    def time_to_look(self) -> bool:
        look = False
        now = clock.now()
        while self._due and self._due[0] <= now:
            heapq.heappop(self._due)
            look = True
        if time.monotonic() >= self._next_look:
            self._next_look = time.monotonic() + LOOK_ANYWAY_EVERY_SECONDS
            look = True
        return look


WAKEUPS = Wakeups()


class SandboxBank:
    """The ``BankConnector`` of the sandbox, working in the caller's transaction."""

    name = NAME
    sample_cards = SAMPLE_CARDS

    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._session = session
        self._delay = timedelta(seconds=settings.sandbox_bank_delay_seconds)
        self._key = callback_key(settings, NAME)

    async def link_card(self, *, holder_name: str, card_number: str) -> LinkedCard:
        token = f"sbx_card_{secrets.token_hex(12)}"
        self._session.add(
            SandboxCard(
                token=token, holder_name=holder_name, last4=card_number[-4:], created_at=clock.now()
            )
        )
        await self._session.flush()
        return LinkedCard(token=token, bank_name=BANK_NAME)

    async def charge(self, *, token: str, amount: Money, order_id: int) -> BankAnswer:
        return await self._request("charge", token, amount, order_id)

    async def pay_out(self, *, token: str, amount: Money, order_id: int) -> BankAnswer:
        return await self._request("pay_out", token, amount, order_id)

    async def _request(self, kind: str, token: str, amount: Money, order_id: int) -> BankAnswer:
        card = await self._session.get(SandboxCard, token)
        outcome = _OUTCOME_OF.get(card.last4, Outcome.SUCCEEDED.value) if card else DECLINED
        now = clock.now()
        request = SandboxRequest(
            reference=f"sbx_{secrets.token_hex(12)}",
            kind=kind,
            token=token,
            amount=amount.amount,
            currency=amount.currency,
            merchant_order=str(order_id),
            outcome=outcome,
            settled=outcome == DECLINED,
            settles_at=now + self._delay,
            created_at=now,
        )
        self._session.add(request)
        await self._session.flush()
        if outcome in CALLS_BACK:
            after_commit(self._session, partial(_expect, request.settles_at))
        answer = Answer.DECLINED if outcome == DECLINED else Answer.ACCEPTED
        return BankAnswer(reference=request.reference, answer=answer)

    async def status(self, reference: str) -> Outcome:
        request = await self._session.get(SandboxRequest, reference)
        if request is None:
            return Outcome.UNKNOWN
        if request.outcome == DECLINED:
            return Outcome.FAILED
        if request.outcome == TIMEOUT:
            gave_up = request.created_at + GIVE_UP_AFTER <= clock.now()
            return Outcome.FAILED if gave_up else Outcome.PENDING
        return Outcome(request.outcome) if request.settled else Outcome.PENDING

    def read_callback(self, body: bytes, signature: str) -> BankResult | None:
        if not hmac.compare_digest(sign(self._key, body), signature):
            return None
        content = json.loads(body)
        succeeded = {Outcome.SUCCEEDED: True, Outcome.FAILED: False}[content["outcome"]]
        return BankResult(reference=content["reference"], succeeded=succeeded)

    def callback_for(self, request: SandboxRequest) -> tuple[bytes, str]:
        """The body and signature the sandbox sends when ``request`` settles."""
        content = {
            "reference": request.reference,
            "outcome": request.outcome,
            "amount": request.amount,
            "currency": request.currency,
            "merchant_order": request.merchant_order,
        }
        body = json.dumps(content, separators=(",", ":")).encode()
        return body, sign(self._key, body)


async def _expect(at: datetime) -> None:
    WAKEUPS.expect(at)


async def settle_due(
    session: AsyncSession, broker: Broker, settings: Settings, *, limit: int = 100
) -> int:
    """Settle up to ``limit`` of the sandbox's due requests and deliver their callbacks in
    this transaction; returns how many. A request is marked settled in the same transaction
    as its callback's effect, so a restart or a second node never settles it twice."""
    bank = SandboxBank(session, settings)
    due = await repository.lock_due_sandbox_requests(
        session,
        outcomes=CALLS_BACK,
        due=clock.now(),
        limit=limit,
    )
    for request in due:
        request.settled = True
        body, signature = bank.callback_for(request)
        # A callback no order matches is stored as unmatched for reconciliation to report;
        # it must not hold back the other requests.
        with contextlib.suppress(BankReferenceUnknown):
            await callbacks.receive(session, broker, bank, body, signature)
    await session.flush()
    return len(due)
