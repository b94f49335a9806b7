"""Orchestration across domains that belongs to neither (DESIGN.md section 2)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import conversations
from plaza.chat import messages as chat
from plaza.chat.errors import ConversationNotFound, NotMember
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.identity.service import Authenticated
from plaza.kit.batching import Batcher
from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.money import Money
from plaza.media.storage import MediaStorage
from plaza.moments import service as moments
from plaza.realtime.broker import Broker
from plaza.wallet import transfers
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.envelopes.models import Envelope
from plaza.wallet.errors import EnvelopeNotFound
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


async def send_envelope(
    session: AsyncSession,
    broker: Broker,
    sender: Account,
    *,
    conversation_id: int,
    kind: envelopes.Kind,
    amount: Money,
    count: int,
    greeting: str,
    rules: SpendingRules,
) -> Envelope:
    """Send a red envelope (the sender is already authorized) as a card in a chat the
    sender is in; the chat decides how many shares it can take. The money and the card
    commit together or not at all."""
    view = await conversations.get_conversation(session, sender.id, conversation_id)
    direct = view.conversation.kind == "direct"
    envelope = await envelopes.send(
        session,
        sender,
        conversation_id=conversation_id,
        audience=envelopes.Audience(direct=direct, member_count=view.member_count),
        kind=kind,
        amount=amount,
        count=count,
        greeting=greeting,
        rules=rules,
    )
    content = {
        "envelope_id": str(envelope.id),
        "kind": envelope.kind,
        "greeting": envelope.greeting,
        "count": envelope.count,
        "expires_at": envelope.expires_at.isoformat(),
    }
    await chat.post_card(
        session,
        broker,
        sender=sender.id,
        conversation_id=conversation_id,
        client_msg_id=f"envelope-{envelope.id}",
        kind="envelope",
        content=content,
        recipient=view.peer.id if direct and view.peer else None,
    )
    return envelope


async def _visible_envelope(session: AsyncSession, me: Account, envelope_id: int) -> Envelope:
    """The envelope if I am in its chat; to anyone else it does not exist."""
    envelope = await envelopes.get(session, envelope_id)
    try:
        await conversations.access_membership(session, envelope.conversation_id, me.id)
    except (ConversationNotFound, NotMember):
        raise EnvelopeNotFound(field="envelope_id") from None
    return envelope


async def open_envelope(
    session: AsyncSession, broker: Broker, me: Account, envelope_id: int
) -> tuple[Envelope, envelopes.Opened]:
    """A member of the envelope's chat claims one share of it."""
    envelope = await _visible_envelope(session, me, envelope_id)
    return envelope, await envelopes.open_share(session, broker, me, envelope)


EnvelopeOpeners = Batcher[int, str, tuple[Envelope, envelopes.Opened]]
"""Taps on an envelope, by envelope id, each with its caller's bearer token, served
together: ``envelope_openers``."""


def envelope_openers(database: Database, broker: Broker) -> EnvelopeOpeners:
    """The process's batcher of envelope openings (``kit.batching``): when hundreds of a
    group's members tap the same envelope at once, each transaction opens the shares of
    everyone who tapped while the last one ran, instead of one share each."""

    async def run(envelope_id: int, tokens: list[str]) -> list[OpenedOrRefused]:
        return await open_envelope_together(database, broker, envelope_id, tokens)

    return Batcher(run)


OpenedOrRefused = tuple[Envelope, envelopes.Opened] | PlazaError


async def open_envelope_together(
    database: Database, broker: Broker, envelope_id: int, tokens: list[str]
) -> list[OpenedOrRefused]:
    """For each bearer token, in order, its sign-in check and then ``open_envelope``, as
    far as possible all in one transaction: each caller gets the refusal of their token,
    or the share or refusal that ``open_envelope`` would give them. Whoever the batch
    cannot decide for (see ``envelopes.open_shares``), and a second tap of someone already
    in the batch, is served alone afterwards, in a transaction each."""
    signed_in: dict[str, Authenticated | PlazaError] = {}
    envelope: Envelope | None = None
    answers: dict[int, envelopes.Opened | PlazaError] = {}
    try:
        async with database.unit_of_work() as session:
            signed_in = await identity.authenticate_many(session, tokens)
            callers = {
                caller.account.id: caller.account
                for caller in (signed_in[token] for token in tokens)
                if isinstance(caller, Authenticated)
            }
            envelope = await envelopes.get(session, envelope_id)
            members = await conversations.members_among(session, envelope.conversation_id, callers)
            answers = {
                o: EnvelopeNotFound(field="envelope_id") for o in callers if o not in members
            }
            answers |= await envelopes.open_shares(
                session, broker, envelope, [callers[o] for o in callers if o in members]
            )
    except EnvelopeNotFound:  # for everyone: the envelope does not exist
        envelope = None
    except IntegrityError:  # someone's other tap took a share meanwhile: all alone, then
        answers = {}
    served: list[OpenedOrRefused] = []
    for token in tokens:
        caller = signed_in[token]
        if isinstance(caller, PlazaError):
            served.append(caller)
        elif envelope is None:
            served.append(EnvelopeNotFound(field="envelope_id"))
        elif (answer := answers.pop(caller.account.id, None)) is None:  # or a second tap
            served.append(await _open_alone(database, broker, caller.account, envelope_id))
        else:
            served.append(answer if isinstance(answer, PlazaError) else (envelope, answer))
    return served


async def _open_alone(
    database: Database, broker: Broker, me: Account, envelope_id: int
) -> OpenedOrRefused:
    try:
        async with database.unit_of_work() as session:
            return await open_envelope(session, broker, me, envelope_id)
    except PlazaError as error:
        return error


async def envelope_detail(session: AsyncSession, me: Account, envelope_id: int) -> envelopes.Detail:
    """An envelope as a member of its chat sees it."""
    return await envelopes.detail(session, me, await _visible_envelope(session, me, envelope_id))


async def delete_account(
    session: AsyncSession,
    broker: Broker,
    storage: MediaStorage,
    account: Account,
    *,
    confirm_phone: str,
) -> None:
    """Delete an account (``identity.delete_account``: sessions revoked, profile erased,
    phone number freed) and what it shared in Moments, photos and all."""
    await identity.delete_account(
        session, broker, account, confirm_phone=confirm_phone, storage=storage
    )
    await moments.forget_author(session, storage, account)
