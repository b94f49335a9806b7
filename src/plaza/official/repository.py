"""All of official accounts' SQL (messaging keeps its own in ``official.messaging``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit.db import upsert_statement
from plaza.official.models import (
    AccountStatus,
    AccountType,
    ArticleLike,
    ArticleRecord,
    BroadcastRecord,
    Follow,
    OfficialAccountRecord,
    SubscriptionsRead,
)

# Accounts


async def get_account_or_none(
    session: AsyncSession, account_id: int, *, for_update: bool = False
) -> OfficialAccountRecord | None:
    return await session.get(OfficialAccountRecord, account_id, with_for_update=for_update)


async def get_accounts(
    session: AsyncSession, account_ids: Collection[int]
) -> dict[int, OfficialAccountRecord]:
    if not account_ids:
        return {}
    rows = await session.scalars(
        select(OfficialAccountRecord).where(OfficialAccountRecord.id.in_(account_ids))
    )
    return {account.id: account for account in rows}


async def name_key_taken(session: AsyncSession, name_key: str) -> bool:
    found = await session.scalar(
        select(OfficialAccountRecord.id).where(OfficialAccountRecord.name_key == name_key)
    )
    return found is not None


async def list_operated(session: AsyncSession, operator_id: int) -> Sequence[OfficialAccountRecord]:
    return (
        await session.scalars(
            select(OfficialAccountRecord)
            .where(OfficialAccountRecord.operator_id == operator_id)
            .order_by(OfficialAccountRecord.id)
        )
    ).all()


async def list_by_status(
    session: AsyncSession, status: str, limit: int
) -> Sequence[OfficialAccountRecord]:
    """Applications in one status, oldest first (the review queue)."""
    query = select(OfficialAccountRecord).where(OfficialAccountRecord.status == status)
    return (await session.scalars(query.order_by(OfficialAccountRecord.id).limit(limit))).all()


async def search_verified(
    session: AsyncSession, query_key: str, limit: int
) -> Sequence[OfficialAccountRecord]:
    """Verified accounts whose name contains ``query_key`` (case-folded), oldest first."""
    query = select(OfficialAccountRecord).where(
        OfficialAccountRecord.status == AccountStatus.VERIFIED,
        OfficialAccountRecord.name_key.contains(query_key, autoescape=True),
    )
    return (await session.scalars(query.order_by(OfficialAccountRecord.id).limit(limit))).all()


async def add_followers(session: AsyncSession, account_id: int, delta: int) -> None:
    await session.execute(
        update(OfficialAccountRecord)
        .where(OfficialAccountRecord.id == account_id)
        .values(follower_count=OfficialAccountRecord.follower_count + delta)
        .execution_options(synchronize_session=False)
    )


# Followers


async def get_follow_or_none(
    session: AsyncSession, account_id: int, person_id: int
) -> Follow | None:
    return await session.get(Follow, (account_id, person_id))


async def delete_follow(session: AsyncSession, account_id: int, person_id: int) -> bool:
    deleted = await session.execute(
        delete(Follow)
        .where(Follow.account_id == account_id, Follow.person_id == person_id)
        .returning(Follow.person_id)
    )
    return deleted.first() is not None


async def followed_of(
    session: AsyncSession, person_id: int, account_ids: Collection[int]
) -> set[int]:
    """Which of ``account_ids`` the person follows."""
    if not account_ids:
        return set()
    rows = await session.scalars(
        select(Follow.account_id).where(
            Follow.person_id == person_id, Follow.account_id.in_(account_ids)
        )
    )
    return set(rows)


async def list_following(session: AsyncSession, person_id: int) -> Sequence[OfficialAccountRecord]:
    """The accounts a person follows, most recently followed first."""
    return (
        await session.scalars(
            select(OfficialAccountRecord)
            .join(Follow, Follow.account_id == OfficialAccountRecord.id)
            .where(Follow.person_id == person_id)
            .order_by(Follow.created_at.desc(), OfficialAccountRecord.id)
        )
    ).all()


async def follower_ids(
    session: AsyncSession, account_id: int, *, after_id: int | None, limit: int
) -> list[int]:
    query = select(Follow.person_id).where(Follow.account_id == account_id)
    if after_id is not None:
        query = query.where(Follow.person_id > after_id)
    return list(await session.scalars(query.order_by(Follow.person_id).limit(limit)))


async def insert_follow(
    session: AsyncSession, account_id: int, person_id: int, now: datetime
) -> bool:
    """False when the person already follows the account (two taps at once follow once)."""
    inserted = await session.execute(
        upsert_statement(session, Follow)
        .values(account_id=account_id, person_id=person_id, created_at=now)
        .on_conflict_do_nothing()
        .returning(Follow.person_id)
    )
    return inserted.first() is not None


# Articles


async def get_article_or_none(
    session: AsyncSession, article_id: int, *, for_update: bool = False
) -> ArticleRecord | None:
    return await session.get(ArticleRecord, article_id, with_for_update=for_update)


async def get_articles(
    session: AsyncSession, article_ids: Collection[int]
) -> dict[int, ArticleRecord]:
    rows = await session.scalars(
        select(ArticleRecord).where(ArticleRecord.id.in_(article_ids)).with_for_update()
    )
    return {article.id: article for article in rows}


async def list_drafts(
    session: AsyncSession, account_id: int, limit: int
) -> Sequence[ArticleRecord]:
    """The account's drafts, most recently created first."""
    return (
        await session.scalars(
            select(ArticleRecord)
            .where(ArticleRecord.account_id == account_id, ArticleRecord.order_key.is_(None))
            .order_by(ArticleRecord.id.desc())
            .limit(limit)
        )
    ).all()


async def list_published(
    session: AsyncSession, account_id: int, *, before_key: int | None, limit: int
) -> Sequence[ArticleRecord]:
    """Published articles, newest broadcast first and in each broadcast's order."""
    query = select(ArticleRecord).where(
        ArticleRecord.account_id == account_id, ArticleRecord.order_key.is_not(None)
    )
    if before_key is not None:
        query = query.where(ArticleRecord.order_key < before_key)
    return (
        await session.scalars(query.order_by(ArticleRecord.order_key.desc()).limit(limit))
    ).all()


async def articles_of_broadcasts(
    session: AsyncSession, broadcast_ids: Collection[int]
) -> dict[int, list[ArticleRecord]]:
    """Each broadcast's articles, in the order it sent them."""
    found: dict[int, list[ArticleRecord]] = {broadcast_id: [] for broadcast_id in broadcast_ids}
    if not broadcast_ids:
        return found
    rows = await session.scalars(
        select(ArticleRecord)
        .where(ArticleRecord.broadcast_id.in_(broadcast_ids))
        .order_by(ArticleRecord.order_key.desc())
    )
    for article in rows:
        assert article.broadcast_id is not None
        found[article.broadcast_id].append(article)
    return found


async def delete_article(session: AsyncSession, article_id: int) -> None:
    await session.execute(delete(ArticleRecord).where(ArticleRecord.id == article_id))


async def insert_like(
    session: AsyncSession, article_id: int, person_id: int, now: datetime
) -> bool:
    """False when the person already likes it."""
    inserted = await session.execute(
        upsert_statement(session, ArticleLike)
        .values(article_id=article_id, person_id=person_id, created_at=now)
        .on_conflict_do_nothing()
        .returning(ArticleLike.person_id)
    )
    return inserted.first() is not None


async def delete_like(session: AsyncSession, article_id: int, person_id: int) -> bool:
    deleted = await session.execute(
        delete(ArticleLike)
        .where(ArticleLike.article_id == article_id, ArticleLike.person_id == person_id)
        .returning(ArticleLike.person_id)
    )
    return deleted.first() is not None


async def liked(session: AsyncSession, article_id: int, person_id: int) -> bool:
    return await session.get(ArticleLike, (article_id, person_id)) is not None


async def add_likes(session: AsyncSession, article_id: int, delta: int) -> None:
    await session.execute(
        update(ArticleRecord)
        .where(ArticleRecord.id == article_id)
        .values(like_count=ArticleRecord.like_count + delta)
        .execution_options(synchronize_session=False)
    )


# Broadcasts


async def count_broadcasts_since(session: AsyncSession, account_id: int, since: datetime) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(BroadcastRecord)
        .where(BroadcastRecord.account_id == account_id, BroadcastRecord.sent_at >= since)
    )
    return int(count or 0)


def _in_folder(person_id: int) -> ColumnElement[bool]:
    """Broadcasts of the subscription accounts the person follows, since they followed."""
    return and_(
        Follow.person_id == person_id,
        BroadcastRecord.type == AccountType.SUBSCRIPTION,
        BroadcastRecord.sent_at >= Follow.created_at,
    )


def _folder_query(person_id: int) -> Select[BroadcastRecord]:
    return (
        select(BroadcastRecord)
        .join(Follow, Follow.account_id == BroadcastRecord.account_id)
        .where(_in_folder(person_id))
    )


async def list_folder(
    session: AsyncSession, person_id: int, *, before_id: int | None, limit: int
) -> Sequence[BroadcastRecord]:
    """The person's Subscriptions folder, newest first (fanned out on read)."""
    query = _folder_query(person_id)
    if before_id is not None:
        query = query.where(BroadcastRecord.id < before_id)
    return (await session.scalars(query.order_by(BroadcastRecord.id.desc()).limit(limit))).all()


async def count_folder_after(session: AsyncSession, person_id: int, after_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(BroadcastRecord)
        .join(Follow, Follow.account_id == BroadcastRecord.account_id)
        .where(_in_folder(person_id), BroadcastRecord.id > after_id)
    )
    return int(count or 0)


async def get_read_marker(session: AsyncSession, person_id: int) -> int:
    marker = await session.get(SubscriptionsRead, person_id)
    return marker.last_broadcast_id if marker else 0


async def set_read_marker(
    session: AsyncSession, person_id: int, last_broadcast_id: int, now: datetime
) -> None:
    await session.execute(
        upsert_statement(session, SubscriptionsRead)
        .values(person_id=person_id, last_broadcast_id=last_broadcast_id, updated_at=now)
        .on_conflict_do_update(
            index_elements=[SubscriptionsRead.person_id],
            set_={"last_broadcast_id": last_broadcast_id, "updated_at": now},
        )
    )
