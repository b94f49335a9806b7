"""Money in and out of Plaza through a bank: linked cards, top-ups and withdrawals, and
the bank's callbacks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import AppSettings, Settings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.models import Account
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.errors import NotFound
from plaza.kit.money import Money
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.realtime.broker import AppBroker
from plaza.wallet.bank import banks, callbacks, cards, orders
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankCard, BankOrder
from plaza.wallet.bank.schemas import (
    BankInfo,
    BankOrderCreate,
    BankOrderOut,
    CallbackAck,
    CardCreate,
    CardOut,
    SampleCardOut,
)
from plaza.wallet.limits import SpendingRules
from plaza.wallet.merchants.schemas import SettlementCreate
from plaza.wallet.requests import IdempotencyKey, authorize_payer, once, parse_amount
from plaza.wallet.schemas import Amount

router = Router(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
callback_router = Router(prefix="/v1/bank", tags=["bank"], route_class=UnitOfWorkRoute)
"""Called by the bank, not by people: authenticated by the callback's signature."""


def to_card(card: BankCard) -> CardOut:
    return CardOut.model_validate(card)


def to_order(order: BankOrder) -> BankOrderOut:
    return BankOrderOut.model_validate(
        {
            "id": order.id,
            "kind": order.kind,
            "card_id": order.card_id,
            "card_last4": order.card_last4,
            "bank_name": order.bank_name,
            "amount": Amount(amount=order.amount, currency=order.currency),
            "status": order.status,
            "created_at": order.created_at,
            "settled_at": order.settled_at,
        }
    )


PayOut = Callable[[BankConnector, Money | None], Awaitable[BankOrder]]
"""(the bank, the amount or None for all) -> the payout of a business's takings."""


async def pay_out_once(
    session: AsyncSession,
    response: Response,
    settings: Settings,
    owner: Account,
    body: SettlementCreate,
    idempotency_key: str,
    *,
    scope: str,
    pay_out: PayOut,
) -> BankOrderOut:
    """A payout of a shop's or a mini-program's takings after the owner's PIN, made once
    per Idempotency-Key (``scope`` names the business)."""
    amount = None if body.amount is None else parse_amount(body.amount, settings.wallet_currency)
    await authorize_payer(session, owner, body.pin, settings)

    async def work() -> BankOrderOut:
        return to_order(await pay_out(banks.connector_for(session, settings), amount))

    return await once(
        session,
        response,
        scope=scope,
        owner_id=owner.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=BankOrderOut,
    )


@router.get("/bank")
async def bank_info(session: DbSession, settings: AppSettings) -> BankInfo:
    """Which bank money goes through, and, for the sandbox, its test cards."""
    bank = banks.connector_for(session, settings)
    return BankInfo(
        connector=bank.name,
        sample_cards=[
            SampleCardOut(number=card.number, behaviour=card.behaviour)
            for card in bank.sample_cards
        ],
    )


@router.post("/cards", status_code=status.HTTP_201_CREATED)
async def link_card(
    body: CardCreate, caller: CurrentUser, session: DbSession, settings: AppSettings
) -> CardOut:
    """Link a bank card in my verified real name; only its last four digits are kept."""
    card = await cards.link(
        session,
        banks.connector_for(session, settings),
        caller.account,
        holder_name=body.holder_name,
        card_number=body.card_number,
        bank_name=body.bank_name,
    )
    return to_card(card)


@router.get("/cards")
async def list_cards(caller: CurrentUser, session: DbSession) -> list[CardOut]:
    """My linked cards, newest first."""
    return [to_card(card) for card in await cards.cards_of(session, caller.account)]


@router.delete("/cards/{card_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_card(card_id: PathId, caller: CurrentUser, session: DbSession) -> Response:
    """Unlink a card; its past top-ups and withdrawals stay."""
    await cards.remove(session, caller.account, card_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _place_order(
    scope: str,
    body: BankOrderCreate,
    idempotency_key: str,
    caller: CurrentUser,
    session: DbSession,
    settings: Settings,
    response: Response,
    place: Callable[[], Awaitable[BankOrder]],
) -> BankOrderOut:
    """The shared shape of a top-up and a withdrawal: PIN first, then ``place`` once per
    Idempotency-Key (a retry returns the first order with 200)."""
    await authorize_payer(session, caller.account, body.pin, settings)

    async def work() -> BankOrderOut:
        return to_order(await place())

    return await once(
        session,
        response,
        scope=scope,
        owner_id=caller.account.id,
        key=idempotency_key,
        body=body,
        work=work,
        result_type=BankOrderOut,
    )


@router.post("/top-ups", status_code=status.HTTP_201_CREATED)
async def top_up(
    body: BankOrderCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> BankOrderOut:
    """Top up from a linked card (PIN required). The order is pending until the bank calls
    back; only then is the wallet credited. A decline is 402 wallet.bank_declined."""
    amount = parse_amount(body.amount, settings.wallet_currency)

    async def place() -> BankOrder:
        bank = banks.connector_for(session, settings)
        return await orders.top_up(
            session, broker, bank, caller.account, card_id=body.card_id, amount=amount
        )

    return await _place_order(
        "wallet.top_up", body, idempotency_key, caller, session, settings, response, place
    )


@router.post("/withdrawals", status_code=status.HTTP_201_CREATED)
async def withdraw(
    body: BankOrderCreate,
    idempotency_key: IdempotencyKey,
    caller: CurrentUser,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    response: Response,
) -> BankOrderOut:
    """Withdraw to a linked card (real name and PIN required, within the daily limit). The
    money leaves the balance at once and comes back if the bank fails to pay it out."""
    amount = parse_amount(body.amount, settings.wallet_currency)

    async def place() -> BankOrder:
        bank = banks.connector_for(session, settings)
        return await orders.withdraw(
            session,
            broker,
            bank,
            caller.account,
            card_id=body.card_id,
            amount=amount,
            rules=SpendingRules.from_settings(settings),
        )

    return await _place_order(
        "wallet.withdrawal", body, idempotency_key, caller, session, settings, response, place
    )


@router.get("/bank-orders")
async def list_bank_orders(
    caller: CurrentUser, session: DbSession, page: Annotated[PageRequest, Depends(page_request)]
) -> Page[BankOrderOut]:
    """My top-ups and withdrawals, newest first."""
    rows = await orders.orders_of(
        session, caller.account, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda order: order.id)
    return Page(items=[to_order(order) for order in items], next_cursor=next_cursor)


@router.get("/bank-orders/{order_id}")
async def get_bank_order(order_id: PathId, caller: CurrentUser, session: DbSession) -> BankOrderOut:
    """One top-up or withdrawal of mine."""
    return to_order(await orders.get_own(session, caller.account, order_id))


@callback_router.post("/callbacks/{connector}")
async def bank_callback(
    connector: str,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    broker: AppBroker,
    signature: Annotated[
        str,
        Header(
            alias="X-Plaza-Signature",
            max_length=callbacks.MAX_SIGNATURE_LENGTH,
            description="Hex HMAC-SHA256 of the raw body, keyed from the secret key.",
        ),
    ] = "",
) -> CallbackAck:
    """The bank's final word on an order. Stored, verified and applied once: a repeat
    answers 200 again and moves nothing; a bad signature is 401, an unknown reference 404."""
    bank = banks.connector_for(session, settings)
    if connector != bank.name:
        raise NotFound(f"This deployment's bank is {bank.name}.")
    callback = await callbacks.receive(session, broker, bank, await request.body(), signature)
    assert callback.order_id is not None
    return CallbackAck.model_validate({"outcome": callback.outcome, "order_id": callback.order_id})
