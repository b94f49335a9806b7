"""Orchestration across domains that belongs to neither (DESIGN.md section 2)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import messages as chat
from plaza.identity.models import Account
from plaza.kit.money import Money
from plaza.realtime.broker import Broker
from plaza.wallet import transfers
from plaza.wallet.limits import SpendingRules
from plaza.wallet.models import Transfer


async def send_transfer(
    session: AsyncSession,
    broker: Broker,
    sender: Account,
    *,
    to: int,
    amount: Money,
    memo: str,
    rules: SpendingRules,
    conversation_id: int | None,
) -> Transfer:
    """Send money (the sender is already authorized), and when it is sent in a chat, leave
    a transfer card there. The two commit together or not at all."""
    transfer = await transfers.send(
        session,
        broker,
        sender,
        to=to,
        amount=amount,
        memo=memo,
        rules=rules,
        conversation_id=conversation_id,
    )
    if conversation_id is not None:
        content = {
            "transfer_id": str(transfer.id),
            "amount": transfer.amount,
            "currency": transfer.currency,
            "memo": transfer.memo,
            "recipient_id": str(transfer.recipient_id),
        }
        await chat.post_card(
            session,
            broker,
            sender=sender.id,
            conversation_id=conversation_id,
            client_msg_id=f"transfer-{transfer.id}",
            kind="transfer",
            content=content,
            recipient=transfer.recipient_id,
        )
    return transfer
