"""Transfers between people: the money leaves the sender at once and waits in a hold
account of its own until the recipient accepts it, hands it back, or 24 hours pass
and it returns to the sender by itself (WeChat's transfer card)."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.wallet import ledger, limits, repository, security, service
from plaza.wallet.errors import (
    AmountInvalid,
    SameAccount,
    TransferExpired,
    TransferNotFound,
    TransferNotPending,
)
from plaza.wallet.ledger import Leg, Subject
from plaza.wallet.limits import SpendingRules
from plaza.wallet.models import LedgerAccount, Transfer

TRANSFER_TTL = timedelta(hours=24)  # as WeChat: unaccepted transfers return after a day
PENDING, ACCEPTED, RETURNED = "pending", "accepted", "returned"


def _announcement(transfer: Transfer) -> tuple[list[int], realtime.Event]:
    """Both sides' devices learn the transfer's status (``transfer.updated``), so a card in
    chat can show "Received" or "Returned"."""
    data = {"transfer_id": str(transfer.id), "status": transfer.status}
    event = realtime.Event("transfer.updated", data, transfer.id)
    return [transfer.sender_id, transfer.recipient_id], event


def _announce(session: AsyncSession, broker: Broker, transfer: Transfer) -> Awaitable[None]:
    return realtime.emit(session, broker, *_announcement(transfer))


def _new_transfer(
    transfer_id: int,
    sender_id: int,
    recipient_id: int,
    amount: Money,
    memo: str,
    hold: LedgerAccount,
    now: datetime,
    conversation_id: int | None = None,
) -> Transfer:
    return Transfer(
        id=transfer_id,
        sender_id=sender_id,
        recipient_id=recipient_id,
        amount=amount.amount,
        currency=amount.currency,
        memo=memo,
        conversation_id=conversation_id,
        status=PENDING,
        hold_account_id=hold.id,
        created_at=now,
        expires_at=now + TRANSFER_TTL,
    )


async def authorize(session: AsyncSession, sender: Account, pin: str, *, secret: str) -> None:
    """The sender may pay: real name verified, PIN right and not locked. Checked before
    anything else, outside the idempotent part, since a wrong PIN is itself recorded."""
    mine = await security.profile(session, sender.id)
    security.require_verified(mine)
    await security.check_pin(session, mine, pin, secret=secret)


async def send(
    session: AsyncSession,
    broker: Broker,
    sender: Account,
    *,
    to: int,
    amount: Money,
    memo: str,
    rules: SpendingRules,
    conversation_id: int | None = None,
) -> Transfer:
    """Take the money from an authorized sender into a new hold, within their daily limit."""
    if amount.amount <= 0:
        raise AmountInvalid("The amount must be more than zero.", field="amount")
    if to == sender.id:
        raise SameAccount(field="to")
    recipient = await identity.get_account(session, to)
    now = clock.now()
    transfer_id = new_id()
    hold = await service.hold_account(
        session, service.Purpose.TRANSFER_HOLD, transfer_id, amount.currency
    )
    source = await service.person_account(session, sender.id, amount.currency)
    await ledger.post(
        session,
        kind="transfer_sent",
        legs=[Leg(source.id, -amount.amount), Leg(hold.id, amount.amount)],
        memo=memo,
        subject=Subject("transfer", transfer_id),
    )
    await limits.check_daily_limit(session, sender.id, rules, paying=amount)
    transfer = _new_transfer(
        transfer_id, sender.id, recipient.id, amount, memo, hold, now, conversation_id
    )
    session.add(transfer)
    await session.flush()
    await _announce(session, broker, transfer)
    return transfer


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A transfer an authorized sender asks for, outside a chat."""

    sender_id: int
    to: int
    amount: Money
    memo: str


async def send_plainly(
    session: AsyncSession, broker: Broker, asked: Sequence[Outgoing], rules: SpendingRules
) -> list[Transfer | None]:
    """``send`` for many transfers at once (a batch of requests), in a dozen statements
    however many there are: each transfer that nothing stands in the way of is made, in
    order; None for any other (an amount or recipient ``send`` refuses, too little money,
    over the day's limit), which the caller then sends alone with ``send`` to learn why.

    The senders' accounts are locked, lowest id first, before their balances and today's
    payments are read, as in ``send``; so two batches that pay from one account take turns.
    """
    currency = rules.daily_limit.currency
    recipients = await identity.get_accounts(session, {o.to for o in asked})
    senders = {o.sender_id for o in asked}
    sources = {
        account.owner_id: account
        for account in await repository.lock_accounts_by_key(
            session, [service.person_account_key(sender, currency) for sender in senders]
        )
    }
    spent = await limits.spent_today(session, senders, rules)
    made: list[tuple[Outgoing, int] | None] = []
    balance = {owner: account.balance for owner, account in sources.items()}
    for outgoing in asked:
        paying = outgoing.amount
        fine = (
            paying.amount > 0
            and paying.currency == currency
            and outgoing.to != outgoing.sender_id
            and outgoing.to in recipients
            and balance.get(outgoing.sender_id, 0) >= paying.amount
            and rules.allows(spent[outgoing.sender_id] + paying)
        )
        if fine:
            balance[outgoing.sender_id] -= paying.amount
            spent[outgoing.sender_id] += paying
        made.append((outgoing, new_id()) if fine else None)
    going = [m for m in made if m is not None]
    if not going:
        return [None] * len(asked)
    holds = await service.hold_accounts(
        session, service.Purpose.TRANSFER_HOLD, [transfer_id for _, transfer_id in going], currency
    )
    await ledger.post_many(
        session,
        [
            ledger.Entry(
                "transfer_sent",
                [Leg(sources[o.sender_id].id, -o.amount.amount), Leg(hold.id, o.amount.amount)],
                o.memo,
                Subject("transfer", transfer_id),
            )
            for (o, transfer_id), hold in zip(going, holds, strict=True)
        ],
    )
    now = clock.now()
    transfers = {
        transfer_id: _new_transfer(transfer_id, o.sender_id, o.to, o.amount, o.memo, hold, now)
        for (o, transfer_id), hold in zip(going, holds, strict=True)
    }
    session.add_all(transfers.values())
    await session.flush()
    await realtime.emit_many(session, broker, [_announcement(t) for t in transfers.values()])
    return [None if m is None else transfers[m[1]] for m in made]


async def _settle(
    session: AsyncSession,
    broker: Broker,
    transfer: Transfer,
    *,
    to_owner: int,
    kind: str,
    status: str,
) -> None:
    target = await service.person_account(session, to_owner, transfer.currency)
    await ledger.post(
        session,
        kind=kind,
        legs=[Leg(transfer.hold_account_id, -transfer.amount), Leg(target.id, transfer.amount)],
        memo=transfer.memo,
        subject=Subject("transfer", transfer.id),
    )
    transfer.status = status
    transfer.resolved_at = clock.now()
    await session.flush()
    await _announce(session, broker, transfer)


async def _pending_for_recipient(
    session: AsyncSession, broker: Broker, me: Account, transfer_id: int
) -> Transfer:
    transfer = await repository.get_transfer_for_update(session, transfer_id)
    if transfer is None or transfer.recipient_id != me.id:
        raise TransferNotFound(field="transfer_id")
    if transfer.status != PENDING:
        raise TransferNotPending()
    if transfer.expires_at <= clock.now():
        await _settle(
            session,
            broker,
            transfer,
            to_owner=transfer.sender_id,
            kind="transfer_returned",
            status=RETURNED,
        )
        raise TransferExpired()
    return transfer


async def accept(session: AsyncSession, broker: Broker, me: Account, transfer_id: int) -> Transfer:
    """The recipient takes the money."""
    transfer = await _pending_for_recipient(session, broker, me, transfer_id)
    await _settle(
        session, broker, transfer, to_owner=me.id, kind="transfer_accepted", status=ACCEPTED
    )
    return transfer


async def give_back(
    session: AsyncSession, broker: Broker, me: Account, transfer_id: int
) -> Transfer:
    """The recipient declines: the money goes back to the sender."""
    transfer = await _pending_for_recipient(session, broker, me, transfer_id)
    await _settle(
        session,
        broker,
        transfer,
        to_owner=transfer.sender_id,
        kind="transfer_returned",
        status=RETURNED,
    )
    return transfer


async def get_visible(session: AsyncSession, me: Account, transfer_id: int) -> Transfer:
    transfer = await repository.get_transfer_or_none(session, transfer_id)
    if transfer is None or me.id not in (transfer.sender_id, transfer.recipient_id):
        raise TransferNotFound(field="transfer_id")
    return transfer


async def return_expired(session: AsyncSession, broker: Broker, *, limit: int = 100) -> int:
    """Send back up to ``limit`` pending transfers older than 24 hours; returns how many.
    Rows another worker holds are skipped, so several nodes can sweep at once."""
    due = await repository.lock_due_transfers(session, status=PENDING, due=clock.now(), limit=limit)
    for transfer in due:
        await _settle(
            session,
            broker,
            transfer,
            to_owner=transfer.sender_id,
            kind="transfer_returned",
            status=RETURNED,
        )
    return len(due)
