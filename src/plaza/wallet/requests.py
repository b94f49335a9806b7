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
    created = False

    async def run() -> dict[str, Any]:
        nonlocal created
        created = True
        return (await work()).model_dump(mode="json")

    result = await run_idempotent(
        session,
        scope=scope,
        owner_id=owner_id,
        key=key,
        request_body=body.model_dump(mode="json", exclude={"pin"}),
        work=run,
    )
    response.status_code = first_status if created else status.HTTP_200_OK
    return result_type.model_validate(result)
