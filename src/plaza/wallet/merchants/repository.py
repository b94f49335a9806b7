"""All of the shops' SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.wallet.merchants.models import (
    Merchant,
    Payment,
    PaymentCodeSecret,
    PaymentRefund,
    UsedPaymentCode,
)


async def get_merchant_or_none(session: AsyncSession, merchant_id: int) -> Merchant | None:
    return await session.get(Merchant, merchant_id)


async def merchants_of(session: AsyncSession, owner_id: int) -> Sequence[Merchant]:
    return (
        await session.scalars(
            select(Merchant).where(Merchant.owner_id == owner_id).order_by(Merchant.id)
        )
    ).all()


async def get_payment_or_none(session: AsyncSession, payment_id: int) -> Payment | None:
    return await session.get(Payment, payment_id)


async def get_payment_for_update(session: AsyncSession, payment_id: int) -> Payment | None:
    return await session.scalar(
        select(Payment)
        .where(Payment.id == payment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def refunds_of(session: AsyncSession, payment_id: int) -> Sequence[PaymentRefund]:
    return (
        await session.scalars(
            select(PaymentRefund)
            .where(PaymentRefund.payment_id == payment_id)
            .order_by(PaymentRefund.id)
        )
    ).all()


async def payments_to(
    session: AsyncSession, merchant_id: int, *, before_id: int | None, limit: int
) -> Sequence[Payment]:
    """A shop's payments, newest first, older than ``before_id`` when given."""
    query = select(Payment).where(Payment.merchant_id == merchant_id)
    if before_id is not None:
        query = query.where(Payment.id < before_id)
    return (await session.scalars(query.order_by(Payment.id.desc()).limit(limit))).all()


async def completed_since(
    session: AsyncSession, merchant_id: int, since: datetime, status: str
) -> tuple[int, int]:
    """(how many, minor units) of a shop's payments in ``status`` made since ``since``."""
    row = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(Payment.amount), 0)).where(
                Payment.merchant_id == merchant_id,
                Payment.status == status,
                Payment.created_at >= since,
            )
        )
    ).one()
    return int(row[0]), int(row[1])


async def lock_due_payments(
    session: AsyncSession, *, status: str, due: datetime, limit: int
) -> Sequence[Payment]:
    """Payments in ``status`` whose time ran out by ``due``; rows another worker has
    locked are skipped."""
    return (
        await session.scalars(
            select(Payment)
            .where(Payment.status == status, Payment.expires_at <= due)
            .order_by(Payment.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def token_taken(session: AsyncSession, token: str) -> bool:
    found = await session.scalar(
        select(PaymentCodeSecret.id).where(PaymentCodeSecret.token == token)
    )
    return found is not None


async def live_secret_by_token(session: AsyncSession, token: str) -> PaymentCodeSecret | None:
    return await session.scalar(
        select(PaymentCodeSecret).where(
            PaymentCodeSecret.token == token, PaymentCodeSecret.revoked_at.is_(None)
        )
    )


async def revoke_secrets_of(session: AsyncSession, account_id: int, at: datetime) -> None:
    await session.execute(
        update(PaymentCodeSecret)
        .where(PaymentCodeSecret.account_id == account_id, PaymentCodeSecret.revoked_at.is_(None))
        .values(revoked_at=at)
    )


async def code_used(session: AsyncSession, secret_id: int, time_step: int) -> bool:
    return await session.get(UsedPaymentCode, (secret_id, time_step)) is not None
