"""All of the mini-program payments' SQL."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.wallet.orders.models import MiniappOrder, MiniappRefund, MiniappSettlementAccount


async def order_by_out_trade_no(
    session: AsyncSession, miniapp_id: int, out_trade_no: str, *, for_update: bool = False
) -> MiniappOrder | None:
    query = select(MiniappOrder).where(
        MiniappOrder.miniapp_id == miniapp_id, MiniappOrder.out_trade_no == out_trade_no
    )
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(query)


async def order_by_prepay_id(
    session: AsyncSession, prepay_id: str, *, for_update: bool = False
) -> MiniappOrder | None:
    query = select(MiniappOrder).where(MiniappOrder.prepay_id == prepay_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(query)


async def order_by_id(session: AsyncSession, order_id: int) -> MiniappOrder | None:
    return await session.get(MiniappOrder, order_id)


async def refund_by_out_refund_no(
    session: AsyncSession, miniapp_id: int, out_refund_no: str
) -> MiniappRefund | None:
    return await session.scalar(
        select(MiniappRefund).where(
            MiniappRefund.miniapp_id == miniapp_id, MiniappRefund.out_refund_no == out_refund_no
        )
    )


async def apps_of_orders(
    session: AsyncSession, payer_id: int, order_ids: Collection[int]
) -> dict[int, int]:
    """The mini-program (its row id) each of these orders paid, if ``payer_id`` paid it."""
    rows = await session.execute(
        select(MiniappOrder.id, MiniappOrder.miniapp_id).where(
            MiniappOrder.id.in_(order_ids), MiniappOrder.payer_id == payer_id
        )
    )
    return {order_id: miniapp_id for order_id, miniapp_id in rows.all()}


async def apps_of_refunds(
    session: AsyncSession, payer_id: int, refund_ids: Collection[int]
) -> dict[int, int]:
    """The mini-program each of these refunds came from, if it went to ``payer_id``."""
    rows = await session.execute(
        select(MiniappRefund.id, MiniappRefund.miniapp_id)
        .join(MiniappOrder, MiniappOrder.id == MiniappRefund.order_id)
        .where(MiniappRefund.id.in_(refund_ids), MiniappOrder.payer_id == payer_id)
    )
    return {refund_id: miniapp_id for refund_id, miniapp_id in rows.all()}


async def settlement_account_or_none(
    session: AsyncSession, miniapp_id: int
) -> MiniappSettlementAccount | None:
    return await session.get(MiniappSettlementAccount, miniapp_id)
