"""Transfers between people: the money leaves the sender at once and waits in a hold
account of its own until the recipient accepts it, hands it back, or 24 hours pass
and it returns to the sender by itself (WeChat's transfer card)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

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
from plaza.wallet.models import Transfer

TRANSFER_TTL = timedelta(hours=24)  # as WeChat: unaccepted transfers return after a day
PENDING, ACCEPTED, RETURNED = "pending", "accepted", "returned"


def _announce(session: AsyncSession, broker: Broker, transfer: Transfer) -> Awaitable[None]:
    """Both sides' devices learn the transfer's status (``transfer.updated``), so a card in
    chat can show "Received" or "Returned"."""
    data = {"transfer_id": str(transfer.id), "status": transfer.status}
    event = realtime.Event("transfer.updated", data, transfer.id)
    return realtime.emit(session, broker, [transfer.sender_id, transfer.recipient_id], event)


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
    transfer = Transfer(
        id=transfer_id,
        sender_id=sender.id,
        recipient_id=recipient.id,
        amount=amount.amount,
        currency=amount.currency,
        memo=memo,
        conversation_id=conversation_id,
        status=PENDING,
        hold_account_id=hold.id,
        created_at=now,
        expires_at=now + TRANSFER_TTL,
    )
    session.add(transfer)
    await session.flush()
    await _announce(session, broker, transfer)
    return transfer


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
