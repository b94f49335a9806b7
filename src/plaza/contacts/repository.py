"""All of contacts' SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from plaza.contacts.models import Block, FriendRequestRecord, Friendship, PrivacySettings
from plaza.kit.db import SqlInt


def _between(a: int, b: int) -> ColumnElement[bool]:
    return or_(
        and_(FriendRequestRecord.from_id == a, FriendRequestRecord.to_id == b),
        and_(FriendRequestRecord.from_id == b, FriendRequestRecord.to_id == a),
    )


async def get_request_or_none(session: AsyncSession, request_id: int) -> FriendRequestRecord | None:
    return await session.get(FriendRequestRecord, request_id, with_for_update=True)


async def get_requests_between(
    session: AsyncSession, a: int, b: int, *, for_update: bool = False
) -> Sequence[FriendRequestRecord]:
    """The requests either way between ``a`` and ``b``: at most two, one per direction."""
    query = select(FriendRequestRecord).where(_between(a, b))
    if for_update:
        query = query.with_for_update()
    return (await session.scalars(query)).all()


async def list_requests(
    session: AsyncSession, account_id: int, *, after_key: int | None, limit: int
) -> Sequence[FriendRequestRecord]:
    """Requests sent or received by ``account_id``, most recently sent first."""
    query = (
        select(FriendRequestRecord)
        .where(
            or_(FriendRequestRecord.to_id == account_id, FriendRequestRecord.from_id == account_id)
        )
        .order_by(FriendRequestRecord.order_key.desc())
        .limit(limit)
    )
    if after_key is not None:
        query = query.where(FriendRequestRecord.order_key < after_key)
    return (await session.scalars(query)).all()


async def get_friendship_or_none(
    session: AsyncSession, *, owner_id: int, friend_id: int
) -> Friendship | None:
    return await session.get(Friendship, (owner_id, friend_id))


async def count_friendship_sides(session: AsyncSession, a: int, b: int) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(Friendship)
        .where(
            or_(
                and_(Friendship.owner_id == a, Friendship.friend_id == b),
                and_(Friendship.owner_id == b, Friendship.friend_id == a),
            )
        )
    )
    return int(found or 0)


def _not_blocked_by_owner() -> ColumnElement[bool]:
    return ~exists().where(
        Block.owner_id == Friendship.owner_id, Block.blocked_id == Friendship.friend_id
    )


async def list_friendships(session: AsyncSession, owner_id: int) -> Sequence[Friendship]:
    """The owner's side of each friendship, leaving out friends the owner blocked."""
    return (
        await session.scalars(
            select(Friendship).where(Friendship.owner_id == owner_id, _not_blocked_by_owner())
        )
    ).all()


async def list_friend_ids(session: AsyncSession, owner_id: int) -> Sequence[int]:
    return (
        await session.scalars(
            select(Friendship.friend_id)
            .where(Friendship.owner_id == owner_id, _not_blocked_by_owner())
            .order_by(Friendship.friend_id)
        )
    ).all()


async def get_block_or_none(
    session: AsyncSession, *, owner_id: int, blocked_id: int
) -> Block | None:
    return await session.get(Block, (owner_id, blocked_id))


async def block_exists(session: AsyncSession, *, owner_id: int, blocked_id: int) -> bool:
    found = await session.scalar(
        select(Block.owner_id).where(Block.owner_id == owner_id, Block.blocked_id == blocked_id)
    )
    return found is not None


async def list_blocks(session: AsyncSession, owner_id: int) -> Sequence[Block]:
    return (
        await session.scalars(
            select(Block)
            .where(Block.owner_id == owner_id)
            .order_by(Block.created_at.desc(), Block.blocked_id.desc())
        )
    ).all()


async def get_privacy_or_none(session: AsyncSession, account_id: int) -> PrivacySettings | None:
    return await session.get(PrivacySettings, account_id)


# Conditions for other domains' queries (through contacts.service)


def are_friends_condition(a: SqlInt, b: SqlInt) -> ColumnElement[bool]:
    mine, theirs = aliased(Friendship), aliased(Friendship)
    return and_(
        exists().where(mine.owner_id == a, mine.friend_id == b),
        exists().where(theirs.owner_id == b, theirs.friend_id == a),
    )


def blocked_either_way_condition(a: SqlInt, b: SqlInt) -> ColumnElement[bool]:
    return exists().where(
        or_(
            and_(Block.owner_id == a, Block.blocked_id == b),
            and_(Block.owner_id == b, Block.blocked_id == a),
        )
    )


def friend_ids_query(owner: SqlInt) -> Select[int]:
    return select(Friendship.friend_id).where(Friendship.owner_id == owner)


async def remarks(
    session: AsyncSession, owner: int, account_ids: Collection[int]
) -> dict[int, str]:
    rows = await session.execute(
        select(Friendship.friend_id, Friendship.remark).where(
            Friendship.owner_id == owner,
            Friendship.friend_id.in_(account_ids),
            Friendship.remark != "",
        )
    )
    return {friend: remark for friend, remark in rows}
