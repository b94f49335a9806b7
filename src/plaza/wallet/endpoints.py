from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response, status

from plaza.config import AppSettings
from plaza.identity.auth import BearerToken, CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.realtime.broker import AppBroker
from plaza.wallet import security, service, transfers
from plaza.wallet.models import WalletProfile
from plaza.wallet.requests import IdempotencyKey
from plaza.wallet.schemas import (
    Amount,
    PinChange,
    PinReset,
    RealNameVerification,
    TransferCreate,
    TransferOut,
    Wallet,
)
from plaza.wallet.sending import TransferAsk, TransferSenders, to_transfer

batched_router = Router(prefix="/v1/wallet", tags=["wallet"])
"""Routes served in batches (``kit.batching``): they check their callers' tokens together
and run in transactions of their own."""

router = Router(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


async def to_wallet(
    session: DbSession, owner_id: int, currency: str, mine: WalletProfile
) -> Wallet:
    balance = await service.balance(session, owner_id, currency)
    return Wallet(
        balance=Amount(amount=balance.amount, currency=balance.currency),
        real_name_verified=mine.verified_at is not None,
        real_name=mine.real_name,
        id_number_last4=mine.id_number_last4,
        pin_set=mine.pin_hash is not None,
        pin_locked_until=mine.pin_locked_until,
    )


@router.get("")
async def get_wallet(caller: CurrentUser, session: DbSession, settings: AppSettings) -> Wallet:
    """My balance, and whether I can pay (real name verified, PIN set, not locked)."""
    mine = await security.profile(session, caller.account.id)
    return await to_wallet(session, caller.account.id, settings.wallet_currency, mine)


@router.post("/real-name")
async def verify_real_name(
    body: RealNameVerification, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> Wallet:
    """Verify my real name with a national identity number (checked per country)."""
    mine = await security.verify_real_name(
        session,
        caller.account,
        name=body.name,
        country=body.country,
        id_number=body.id_number,
        secret=settings.secret_key.get_secret_value(),
    )
    return await to_wallet(session, caller.account.id, settings.wallet_currency, mine)


@router.put("/pin")
async def set_pin(
    body: PinChange, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> Wallet:
    """Set my payment PIN, or change it with the current one."""
    mine = await security.set_pin(
        session,
        caller.account,
        pin=body.pin,
        current_pin=body.current_pin,
        secret=settings.secret_key.get_secret_value(),
    )
    return await to_wallet(session, caller.account.id, settings.wallet_currency, mine)


@router.post("/pin/reset")
async def reset_pin(
    body: PinReset, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> Wallet:
    """Reset a forgotten PIN with an SMS code and my identity number; lifts a lock."""
    mine = await security.reset_pin(
        session,
        caller.account,
        code=body.code,
        id_number=body.id_number,
        pin=body.pin,
        secret=settings.secret_key.get_secret_value(),
    )
    return await to_wallet(session, caller.account.id, settings.wallet_currency, mine)


async def get_transfer_senders(request: Request) -> TransferSenders:
    senders: TransferSenders = request.app.state.transfer_senders
    return senders


@batched_router.post("/transfers", status_code=status.HTTP_201_CREATED)
async def send_transfer(
    body: TransferCreate,
    idempotency_key: IdempotencyKey,
    token: BearerToken,
    senders: Annotated[TransferSenders, Depends(get_transfer_senders)],
    response: Response,
) -> TransferOut:
    """Send money (PIN required), in a chat as a transfer card when conversation_id is given;
    it waits for the recipient for 24 hours. A retry with the same Idempotency-Key returns
    the first transfer (200) and moves nothing again."""
    sent = await senders.submit("transfers", TransferAsk(token, idempotency_key, body))
    if not sent.first:
        response.status_code = status.HTTP_200_OK
    return sent.transfer


@router.get("/transfers/{transfer_id}")
async def get_transfer(transfer_id: PathId, caller: CurrentUser, session: DbSession) -> TransferOut:
    """A transfer I sent or received."""
    return to_transfer(await transfers.get_visible(session, caller.account, transfer_id))


@router.post("/transfers/{transfer_id}/accept")
async def accept_transfer(
    transfer_id: PathId, caller: CurrentUser, session: DbSession, broker: AppBroker
) -> TransferOut:
    """Take a transfer sent to me."""
    return to_transfer(await transfers.accept(session, broker, caller.account, transfer_id))


@router.post("/transfers/{transfer_id}/return")
async def return_transfer(
    transfer_id: PathId, caller: CurrentUser, session: DbSession, broker: AppBroker
) -> TransferOut:
    """Send a transfer back to its sender."""
    return to_transfer(await transfers.give_back(session, broker, caller.account, transfer_id))
