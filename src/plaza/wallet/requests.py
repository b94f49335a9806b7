"""What every wallet endpoint that moves money shares: the Idempotency-Key header,
amounts typed by people, the payer's PIN, and doing the work once per key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import Header, Response, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.config import Settings
from plaza.identity.models import Account
from plaza.kit.idempotency import MAX_KEY_LENGTH, run_idempotent
from plaza.kit.money import Money, MoneyError
from plaza.wallet import transfers
from plaza.wallet.errors import AmountInvalid

Result = TypeVar("Result", bound=BaseModel)

IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=MAX_KEY_LENGTH,
        description="Chosen by the client per payment: a retry returns the first result.",
    ),
]


def parse_amount(text: str, currency: str, *, field: str = "amount") -> Money:
    try:
        return Money.parse(text, currency)
    except MoneyError as exc:
        raise AmountInvalid(str(exc), field=field) from exc


async def authorize_payer(
    session: AsyncSession, payer: Account, pin: str, settings: Settings
) -> None:
    """Real name verified, PIN right and not locked. Runs before the idempotent part: a
    wrong PIN is itself recorded, and leaves the key unused."""
    await transfers.authorize(session, payer, pin, secret=settings.secret_key.get_secret_value())


async def once(
    session: AsyncSession,
    response: Response,
    *,
    scope: str,
    owner_id: int,
    key: str,
    body: BaseModel,
    work: Callable[[], Awaitable[Result]],
    result_type: type[Result],
    first_status: int = status.HTTP_201_CREATED,
) -> Result:
    """Run ``work`` once per Idempotency-Key: ``first_status`` the first time, the same
    result with 200 on a retry; the same key with another body is 409. The PIN is never
    part of the fingerprint or of the stored result."""
    result, first = await run_once(
        session,
        scope=scope,
        owner_id=owner_id,
        key=key,
        body=body,
        work=work,
        result_type=result_type,
    )
    response.status_code = first_status if first else status.HTTP_200_OK
    return result


def body_fingerprint(body: BaseModel) -> Any:
    """What of a request's body its Idempotency-Key stands for: all of it but the PIN."""
    return body.model_dump(mode="json", exclude={"pin"})


async def run_once(
    session: AsyncSession,
    *,
    scope: str,
    owner_id: int,
    key: str,
    body: BaseModel,
    work: Callable[[], Awaitable[Result]],
    result_type: type[Result],
) -> tuple[Result, bool]:
    """``once`` without a response to set: the result, and whether this was the first time."""
    first = False

    async def run() -> dict[str, Any]:
        nonlocal first
        first = True
        return (await work()).model_dump(mode="json")

    result = await run_idempotent(
        session,
        scope=scope,
        owner_id=owner_id,
        key=key,
        request_body=body_fingerprint(body),
        work=run,
    )
    return result_type.model_validate(result), first
