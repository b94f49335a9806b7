"""Red envelopes: money shared out in a chat, in equal or lucky shares."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response, status

from plaza import flows
from plaza.config import AppSettings
from plaza.identity.auth import BearerToken, CurrentUser, authenticate_request
from plaza.identity.models import Account
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.money import Money
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.realtime.broker import AppBroker
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.envelopes.schemas import (
    EnvelopeCreate,
    EnvelopeOpened,
    EnvelopeOut,
    EnvelopePerson,
    EnvelopeShareOut,
)
from plaza.wallet.limits import SpendingRules
from plaza.wallet.requests import IdempotencyKey, authorize_payer, once, parse_amount
from plaza.wallet.schemas import Amount

router = Router(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

batched_router = Router(prefix="/v1/wallet", tags=["wallet"])
"""Routes served in batches (``kit.batching``), which check the callers' tokens and do
the work in transactions of their own, many requests to one."""


def _money(amount: int, currency: str) -> Amount:
    return Amount(amount=amount, currency=currency)


def _person(account: Account) -> EnvelopePerson:
    return EnvelopePerson(id=account.id, name=account.display_name)


def to_envelope(found: envelopes.Detail) -> EnvelopeOut:
    envelope = found.envelope
    return EnvelopeOut(
        id=envelope.id,
        conversation_id=envelope.conversation_id,
        sender=_person(found.sender),
        kind="lucky" if envelope.kind == "lucky" else "equal",
        direct=envelope.direct,
        greeting=envelope.greeting,
        total=_money(envelope.total, envelope.currency),
        count=envelope.count,
        opened=[
            EnvelopeShareOut(
                opener=_person(o.opener),
                amount=_money(o.share.amount, envelope.currency),
                opened_at=o.opened_at,
            )
            for o in found.opened
        ],
        mine=_money(found.mine.amount, envelope.currency) if found.mine else None,
        status=found.status,
        luckiest=found.luckiest.opener_id if found.luckiest else None,
        created_at=envelope.created_at,
        expires_at=envelope.expires_at,
    )


def _amount(body: EnvelopeCreate, currency: str) -> Money:
    """The total or each share, with a refusal that names the field it came from."""
    field = "total" if body.kind == "lucky" else "amount_each"
    return parse_amount(body.amount_text, currency, field=field)


@router.post("/envelopes", status_code=status.HTTP_201_CREATED)
async def send_envelope(
    body: EnvelopeCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> EnvelopeOut:
    """Send a red envelope in a chat (PIN required); what is not opened within 24 hours
    goes back. A retry with the same Idempotency-Key returns the first envelope (200)."""
    amount = _amount(body, settings.wallet_currency)
    await authorize_payer(session, caller.account, body.pin, settings)

    async def work() -> EnvelopeOut:
        envelope = await flows.send_envelope(
            session,
            broker,
            caller.account,
            conversation_id=body.conversation_id,
            kind=body.kind,
            amount=amount,
            count=body.count,
            greeting=body.greeting,
            rules=SpendingRules.from_settings(settings),
        )
        return to_envelope(await envelopes.detail(session, caller.account, envelope))

    return await once(
        session,
        response,
        scope="wallet.envelope",
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=EnvelopeOut,
    )


async def get_envelope_openers(request: Request) -> flows.EnvelopeOpeners:
    openers: flows.EnvelopeOpeners = request.app.state.envelope_openers
    return openers


@batched_router.post("/envelopes/{envelope_id}/open")
async def open_envelope(
    envelope_id: PathId,
    token: BearerToken,
    openers: Annotated[flows.EnvelopeOpeners, Depends(get_envelope_openers)],
) -> EnvelopeOpened:
    """Open a red envelope in one of my chats: one share, once."""
    envelope, opened = await openers.submit(envelope_id, token)
    return EnvelopeOpened(
        envelope_id=envelope.id,
        amount=_money(opened.share.amount, envelope.currency),
        opened_at=opened.opened_at,
    )


@router.get("/envelopes/{envelope_id}")
async def get_envelope(envelope_id: PathId, caller: CurrentUser, session: DbSession) -> EnvelopeOut:
    """A red envelope in one of my chats: who got how much, my share, the luckiest."""
    return to_envelope(await flows.envelope_detail(session, caller.account, envelope_id))
