"""What an official account does that reaches into its messaging too: following (the
greeting and the webhook event) and broadcasting (a service account's chat messages)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.media.storage import MediaStorage
from plaza.official import service
from plaza.official.messaging import service as messaging
from plaza.official.models import BroadcastRecord, OfficialAccountRecord
from plaza.official.presenters import to_card
from plaza.official.schemas import ArticleCard
from plaza.realtime.broker import Broker


@dataclass(frozen=True, slots=True)
class Sent:
    broadcast: BroadcastRecord
    account: OfficialAccountRecord
    cards: list[ArticleCard]


async def follow(
    session: AsyncSession, broker: Broker, caller: Account, account_id: int
) -> OfficialAccountRecord:
    """Follow; a new follower gets the account's greeting and its webhook hears of them."""
    account, started = await service.follow(session, caller, account_id)
    if started:
        await messaging.greet_follower(session, broker, account, caller)
    return account


async def unfollow(
    session: AsyncSession, caller: Account, account_id: int
) -> OfficialAccountRecord:
    account, stopped = await service.unfollow(session, caller, account_id)
    if stopped:
        await messaging.follower_left(session, account, caller)
    return account


async def broadcast(
    session: AsyncSession,
    broker: Broker,
    storage: MediaStorage,
    caller: Account,
    account_id: int,
    article_ids: Sequence[int],
) -> Sent:
    """Publish the drafts; a service account's followers get them in their chat with it."""
    sent, account, published = await service.broadcast(session, caller, account_id, article_ids)
    cards = [to_card(article, account, storage) for article in published]
    await messaging.post_broadcast(
        session, broker, account, [card.model_dump(mode="json") for card in cards]
    )
    return Sent(sent, account, cards)
