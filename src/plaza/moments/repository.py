"""All of Moments' SQL; what may be seen comes from ``visibility``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.contacts import service as contacts
from plaza.kit.db import insert_rows
from plaza.moments import visibility
from plaza.moments.models import (
    AudienceMember,
    Comment,
    Like,
    Notification,
    PersonSettings,
    Post,
    Settings,
    Status,
    TimelineEntry,
)

# Posts


async def get_post_by_client_id(
    session: AsyncSession, author_id: int, client_id: str
) -> Post | None:
    return await session.scalar(
        select(Post).where(Post.author_id == author_id, Post.client_id == client_id)
    )


async def add_audience(session: AsyncSession, post_id: int, account_ids: Collection[int]) -> None:
    if account_ids:
        rows = [{"post_id": post_id, "account_id": account} for account in account_ids]
        await insert_rows(session, AudienceMember, rows)


async def fan_out(session: AsyncSession, post: Post) -> list[int]:
    """Put the post in the author's timeline and in each friend's who may see it now, in
    two statements; returns those friends."""
    await session.execute(insert(TimelineEntry).values(viewer_id=post.author_id, post_id=post.id))
    if post.audience_kind == "private":
        return []
    friend = contacts.friend_ids_query(post.author_id).subquery().c.friend_id
    listed = select(AudienceMember.account_id).where(AudienceMember.post_id == post.id)
    audience = {
        "friends": literal(True),
        "include": friend.in_(listed),
        "exclude": friend.not_in(listed),
    }[post.audience_kind]
    viewers = select(friend, literal(post.id)).where(
        visibility.friend_audience(post.author_id, friend), audience
    )
    inserted = await session.scalars(
        insert(TimelineEntry)
        .from_select(["viewer_id", "post_id"], viewers)
        .returning(TimelineEntry.viewer_id)
    )
    return list(inserted.all())


async def list_timeline(
    session: AsyncSession, viewer: int, now: datetime, *, before_id: int | None, limit: int
) -> Sequence[Post]:
    """The viewer's timeline, newest first: the fanned-out entries still visible to them,
    less the authors whose posts they hide."""
    query = (
        select(Post)
        .join(TimelineEntry, TimelineEntry.post_id == Post.id)
        .where(
            TimelineEntry.viewer_id == viewer,
            visibility.seen_as_friend(viewer, now),
            ~visibility.hides_their_posts(viewer, Post.author_id),
        )
        .order_by(TimelineEntry.post_id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(TimelineEntry.post_id < before_id)
    return (await session.scalars(query)).all()


async def newest_timeline_author_after(
    session: AsyncSession, viewer: int, now: datetime, after_id: int | None
) -> int | None:
    """Who wrote the newest post in the viewer's timeline after ``after_id``, not the viewer."""
    query = (
        select(Post.author_id)
        .join(TimelineEntry, TimelineEntry.post_id == Post.id)
        .where(
            TimelineEntry.viewer_id == viewer,
            Post.author_id != viewer,
            visibility.seen_as_friend(viewer, now),
            ~visibility.hides_their_posts(viewer, Post.author_id),
        )
        .order_by(TimelineEntry.post_id.desc())
        .limit(1)
    )
    if after_id is not None:
        query = query.where(TimelineEntry.post_id > after_id)
    return await session.scalar(query)


async def list_album(
    session: AsyncSession,
    viewer: int,
    author: int,
    now: datetime,
    *,
    before_id: int | None,
    limit: int,
) -> Sequence[Post]:
    query = (
        select(Post)
        .where(Post.author_id == author, visibility.post_visible(viewer, now))
        .order_by(Post.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Post.id < before_id)
    return (await session.scalars(query)).all()


async def get_visible_post_or_none(
    session: AsyncSession, viewer: int, post_id: int, now: datetime
) -> Post | None:
    return await session.scalar(
        select(Post).where(Post.id == post_id, visibility.post_visible(viewer, now))
    )


async def delete_posts(session: AsyncSession, post_ids: Collection[int]) -> None:
    """The posts and everything hanging off them."""
    for model in (Notification, Like, Comment, TimelineEntry, AudienceMember):
        await session.execute(delete(model).where(model.post_id.in_(post_ids)))
    await session.execute(delete(Post).where(Post.id.in_(post_ids)))


async def list_posts_of(session: AsyncSession, author_id: int) -> Sequence[Post]:
    return (await session.scalars(select(Post).where(Post.author_id == author_id))).all()


# Likes and comments


async def list_likes(
    session: AsyncSession, viewer: int, post_ids: Collection[int]
) -> Sequence[Like]:
    """The likes on these posts that the viewer may see, oldest first."""
    if not post_ids:
        return []
    return (
        await session.scalars(
            select(Like)
            .join(Post, Post.id == Like.post_id)
            .where(
                Like.post_id.in_(post_ids), visibility.interaction_visible(viewer, Like.account_id)
            )
            .order_by(Like.created_at, Like.account_id)
        )
    ).all()


async def list_comments(
    session: AsyncSession, viewer: int, post_ids: Collection[int]
) -> Sequence[Comment]:
    """The comments on these posts that the viewer may see, oldest first."""
    if not post_ids:
        return []
    return (
        await session.scalars(
            select(Comment)
            .join(Post, Post.id == Comment.post_id)
            .where(
                Comment.post_id.in_(post_ids),
                visibility.interaction_visible(viewer, Comment.author_id),
            )
            .order_by(Comment.id)
        )
    ).all()


async def get_like_or_none(session: AsyncSession, post_id: int, account_id: int) -> Like | None:
    return await session.get(Like, (post_id, account_id))


async def delete_like(session: AsyncSession, post_id: int, account_id: int) -> None:
    await session.execute(
        delete(Like).where(Like.post_id == post_id, Like.account_id == account_id)
    )
    await session.execute(
        delete(Notification).where(
            Notification.post_id == post_id,
            Notification.actor_id == account_id,
            Notification.kind == "like",
        )
    )


async def get_comment_by_client_id(
    session: AsyncSession, author_id: int, client_id: str
) -> Comment | None:
    return await session.scalar(
        select(Comment).where(Comment.author_id == author_id, Comment.client_id == client_id)
    )


async def get_visible_comment_or_none(
    session: AsyncSession, viewer: int, post_id: int, comment_id: int
) -> Comment | None:
    return await session.scalar(
        select(Comment)
        .join(Post, Post.id == Comment.post_id)
        .where(
            Comment.id == comment_id,
            Comment.post_id == post_id,
            visibility.interaction_visible(viewer, Comment.author_id),
        )
    )


async def commenters_who_see(session: AsyncSession, post_id: int, actor: int) -> Sequence[int]:
    """Who commented on the post earlier and may see a new comment by ``actor``."""
    return (
        await session.scalars(
            select(Comment.author_id)
            .distinct()
            .where(Comment.post_id == post_id, visibility.are_friends(actor, Comment.author_id))
        )
    ).all()


async def delete_comment(session: AsyncSession, comment_id: int) -> None:
    await session.execute(delete(Notification).where(Notification.comment_id == comment_id))
    await session.execute(delete(Comment).where(Comment.id == comment_id))


# Names


# Notifications


async def list_notifications(
    session: AsyncSession, recipient: int, *, before_id: int | None, limit: int
) -> Sequence[tuple[Notification, Post]]:
    query = (
        select(Notification, Post)
        .join(Post, Post.id == Notification.post_id)
        .where(Notification.recipient_id == recipient)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Notification.id < before_id)
    return [(notification, post) for notification, post in await session.execute(query)]


async def count_unread(session: AsyncSession, recipient: int) -> int:
    found = await session.scalar(
        select(func.count()).where(
            Notification.recipient_id == recipient, Notification.read_at.is_(None)
        )
    )
    return int(found or 0)


async def latest_unread_actor(session: AsyncSession, recipient: int) -> int | None:
    return await session.scalar(
        select(Notification.actor_id)
        .where(Notification.recipient_id == recipient, Notification.read_at.is_(None))
        .order_by(Notification.id.desc())
        .limit(1)
    )


async def mark_all_read(session: AsyncSession, recipient: int, now: datetime) -> None:
    await session.execute(
        update(Notification)
        .where(Notification.recipient_id == recipient, Notification.read_at.is_(None))
        .values(read_at=now)
    )


# Settings


async def get_settings_or_none(session: AsyncSession, account_id: int) -> Settings | None:
    return await session.get(Settings, account_id)


async def get_person_settings_or_none(
    session: AsyncSession, owner_id: int, other_id: int
) -> PersonSettings | None:
    return await session.get(PersonSettings, (owner_id, other_id))


# Statuses


async def lock_status_or_none(session: AsyncSession, account_id: int) -> Status | None:
    """Someone's status, locked until the transaction ends (the lapsed-status sweep skips
    it meanwhile)."""
    return await session.get(Status, account_id, with_for_update=True)


async def lock_lapsed_statuses(
    session: AsyncSession, now: datetime, limit: int
) -> Sequence[Status]:
    """Up to ``limit`` statuses that lapsed before ``now``, locked (those another
    transaction holds are skipped), longest lapsed first."""
    return (
        await session.scalars(
            select(Status)
            .where(Status.expires_at <= now)
            .order_by(Status.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def delete_statuses(session: AsyncSession, account_ids: Collection[int]) -> None:
    await session.execute(delete(Status).where(Status.account_id.in_(account_ids)))


async def get_visible_status_or_none(
    session: AsyncSession, viewer: int, account_id: int, now: datetime
) -> Status | None:
    return await session.scalar(
        select(Status).where(
            Status.account_id == account_id,
            Status.expires_at > now,
            (Status.account_id == viewer) | visibility.friend_audience(Status.account_id, viewer),
        )
    )


async def list_visible_statuses(
    session: AsyncSession, viewer: int, now: datetime
) -> Sequence[Status]:
    """The viewer's current status and their friends', newest first."""
    friend_ids = contacts.friend_ids_query(viewer)
    return (
        await session.scalars(
            select(Status)
            .where(
                Status.expires_at > now,
                (Status.account_id == viewer)
                | (
                    Status.account_id.in_(friend_ids)
                    & visibility.friend_audience(Status.account_id, viewer)
                ),
            )
            .order_by(Status.created_at.desc())
        )
    ).all()
