"""``POST /v1/wallet/transfers`` served in batches (``kit.batching``): under load, one
transaction sends every transfer asked for while the last one ran, with each caller's
sign-in, PIN and Idempotency-Key checked as for one, in about sixteen statements however
many there are, instead of sixteen each.

The batch takes only what is plainly fine: a signed-in sender with a verified name and
the right PIN (and no wrong tries to forget), a key not used before, an amount, a
recipient, a balance and a day's limit that ``transfers.send`` would accept. Everyone
else, and a transfer in a chat (which leaves a card there), is served alone afterwards
(``_alone``): the steps of one request in a transaction of its own, which also give each
refusal its reason. If the batch's transaction fails as a whole, everyone is served alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from plaza import flows
from plaza.config import Settings
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.identity.service import Authenticated
from plaza.kit import idempotency
from plaza.kit.batching import Batcher
from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.money import Money, MoneyError
from plaza.realtime.broker import Broker
from plaza.wallet import security, transfers
from plaza.wallet.limits import SpendingRules
from plaza.wallet.models import Transfer
from plaza.wallet.requests import authorize_payer, body_fingerprint, parse_amount, run_once
from plaza.wallet.schemas import Amount, TransferCreate, TransferOut

SCOPE = "wallet.transfer"
"""The Idempotency-Key scope of transfers."""


@dataclass(frozen=True, slots=True)
class TransferAsk:
    """One request to send a transfer, as it came: its token is not yet checked."""

    token: str
    idempotency_key: str
    body: TransferCreate


@dataclass(frozen=True, slots=True)
class Sent:
    transfer: TransferOut
    first: bool
    """False for a retry, answered with the first request's result."""


TransferSenders = Batcher[str, TransferAsk, Sent]


def transfer_senders(database: Database, broker: Broker, settings: Settings) -> TransferSenders:
    """The process's batcher of transfers, kept on ``app.state``."""

    async def run(_: str, asks: list[TransferAsk]) -> list[Sent | Exception]:
        return await send_together(database, broker, settings, asks)

    return Batcher(run)


def to_transfer(transfer: Transfer) -> TransferOut:
    return TransferOut(
        id=transfer.id,
        sender_id=transfer.sender_id,
        recipient_id=transfer.recipient_id,
        amount=Amount(amount=transfer.amount, currency=transfer.currency),
        memo=transfer.memo,
        conversation_id=transfer.conversation_id,
        status="pending"
        if transfer.status == "pending"
        else "accepted"
        if transfer.status == "accepted"
        else "returned",
        created_at=transfer.created_at,
        expires_at=transfer.expires_at,
        resolved_at=transfer.resolved_at,
    )


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An ask the batch may serve: who sends, how much, and the key it would claim."""

    at: int
    ask: TransferAsk
    sender: Account
    amount: Money
    claim: idempotency.Claim


async def send_together(
    database: Database, broker: Broker, settings: Settings, asks: Sequence[TransferAsk]
) -> list[Sent | Exception]:
    """Each ask's answer, in order: its transfer, or the error it gets."""
    answers: dict[int, Sent | Exception] = {}
    try:
        async with database.unit_of_work() as session:
            signed_in = await identity.authenticate_many(session, {a.token for a in asks})
            candidates: list[_Candidate] = []
            for at, ask in enumerate(asks):
                caller = signed_in[ask.token]
                if isinstance(caller, PlazaError):
                    answers[at] = caller
                elif (plain := _candidate(at, ask, caller, settings)) is not None:
                    candidates.append(plain)
            candidates = await _with_right_pins(session, candidates, settings)
            claimed = await idempotency.claim_many(session, [c.claim for c in candidates])
            candidates = [c for c in candidates if c.claim.record_id in claimed]
            made = await transfers.send_plainly(
                session,
                broker,
                [
                    transfers.Outgoing(c.sender.id, c.ask.body.to, c.amount, c.ask.body.memo)
                    for c in candidates
                ],
                SpendingRules.from_settings(settings),
            )
            sent = {c.at: (c, to_transfer(t)) for c, t in zip(candidates, made, strict=True) if t}
            await idempotency.release(session, [c.claim for c in candidates if c.at not in sent])
            await idempotency.store_results(
                session, [(c.claim, out.model_dump(mode="json")) for c, out in sent.values()]
            )
        answers |= {at: Sent(out, first=True) for at, (_, out) in sent.items()}
    except (DBAPIError, PlazaError):  # a deadlock, say: nothing was sent, so all alone
        answers = {at: a for at, a in answers.items() if not isinstance(a, Sent)}
    left = [at for at in range(len(asks)) if at not in answers]
    served = await asyncio.gather(
        *(_alone(database, broker, settings, asks[at]) for at in left), return_exceptions=True
    )
    for at, answer in zip(left, served, strict=True):
        if not isinstance(answer, Sent | Exception):
            raise answer  # cancelled: the batcher tells everyone
        answers[at] = answer  # a database error too reaches its own caller only
    return [answers[at] for at in range(len(asks))]


def _candidate(
    at: int, ask: TransferAsk, caller: Authenticated, settings: Settings
) -> _Candidate | None:
    if ask.body.conversation_id is not None:
        return None
    try:
        amount = Money.parse(ask.body.amount, settings.wallet_currency)
    except MoneyError:
        return None
    claim = idempotency.Claim(
        SCOPE,
        caller.account.id,
        ask.idempotency_key,
        idempotency.fingerprint(body_fingerprint(ask.body)),
    )
    return _Candidate(at, ask, caller.account, amount, claim)


async def _with_right_pins(
    session: AsyncSession,
    candidates: list[_Candidate],
    settings: Settings,
) -> list[_Candidate]:
    """Those whose senders may pay and gave their right PINs, checked side by side."""
    profiles = await security.profiles(session, {c.sender.id for c in candidates})
    able = [c for c in candidates if security.may_pay_plainly(profiles.get(c.sender.id))]
    secret = settings.secret_key.get_secret_value()
    right = await asyncio.gather(
        *(security.pin_matches(profiles[c.sender.id], c.ask.body.pin, secret=secret) for c in able)
    )
    return [c for c, ok in zip(able, right, strict=True) if ok]


async def _alone(
    database: Database, broker: Broker, settings: Settings, ask: TransferAsk
) -> Sent | Exception:
    """One transfer in a transaction of its own, with every check and its reason: the
    sign-in, the PIN (a wrong one is counted), then once per Idempotency-Key, the transfer
    and, in a chat, its card."""
    body = ask.body
    try:
        async with database.unit_of_work() as session:
            sender = (await identity.authenticate(session, ask.token)).account
            amount = parse_amount(body.amount, settings.wallet_currency)
            await authorize_payer(session, sender, body.pin, settings)

            async def work() -> TransferOut:
                transfer = await flows.send_transfer(
                    session,
                    broker,
                    sender,
                    to=body.to,
                    amount=amount,
                    memo=body.memo,
                    rules=SpendingRules.from_settings(settings),
                    conversation_id=body.conversation_id,
                )
                return to_transfer(transfer)

            out, first = await run_once(
                session,
                scope=SCOPE,
                owner_id=sender.id,
                key=ask.idempotency_key,
                body=body,
                work=work,
                result_type=TransferOut,
            )
    except PlazaError as error:
        return error
    return Sent(out, first)
