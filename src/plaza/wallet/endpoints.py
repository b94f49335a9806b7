from __future__ import annotations

from fastapi import APIRouter, Depends

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.wallet import security, service
from plaza.wallet.models import WalletProfile
from plaza.wallet.schemas import Amount, PinChange, PinReset, RealNameVerification, Wallet

router = APIRouter(
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
        session, caller.account, pin=body.pin, current_pin=body.current_pin
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
