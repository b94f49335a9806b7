"""The one rule of who sees what in Moments, as SQL conditions.

A viewer sees a post iff the viewer is its author; or viewer and author are friends,
neither blocked the other, the author has not hidden their posts from the viewer, the
audience includes the viewer (friends: everyone; include: the resolved list has them;
exclude: it does not; private: nobody), and the post is inside the author's
``friends_see`` window; or the viewer is a stranger (not friends, not blocked, not
hidden from), the author lets strangers look, the post went to all friends, and it is
among the author's latest ``STRANGER_POSTS`` such posts.

A deleted account's posts and status are seen by nobody.

A like or comment is seen by the poster, by its own author, and by whoever sees the post
and is a friend of its author (the WeChat rule: friends of both sides).

Every query that shows posts, likes, comments or statuses builds on these conditions,
so the rule is written once. Friendships, blocks and deleted accounts come in as the
SQL conditions their domains offer (``contacts.service``, ``identity.service``), so they
decide visibility inside the same query, which keeps a timeline page a fixed number of
statements.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.kit.db import SqlInt
from plaza.moments.models import AudienceMember, PersonSettings, Post, Settings

STRANGER_POSTS = 10  # WeChat shows strangers ten posts
FRIENDS_SEE_WINDOWS = {"3d": timedelta(days=3), "6m": timedelta(days=183)}  # half a year
FRIENDS_SEE_DEFAULT = "all"
STRANGERS_SEE_TEN_DEFAULT = True

AccountSide = SqlInt
"""An account id: a column of the query, or a value."""


def are_friends(a: AccountSide, b: AccountSide) -> ColumnElement[bool]:
    """Both sides of the friendship exist."""
    return contacts.are_friends_condition(a, b)


def blocked_either_way(a: AccountSide, b: AccountSide) -> ColumnElement[bool]:
    return contacts.blocked_either_way_condition(a, b)


def hidden_from(author: AccountSide, viewer: AccountSide) -> ColumnElement[bool]:
    """The author chose "don't let them see mine" for the viewer."""
    return exists().where(
        PersonSettings.owner_id == author,
        PersonSettings.other_id == viewer,
        PersonSettings.hide_my_posts.is_(True),
    )


def hides_their_posts(viewer: AccountSide, author: AccountSide) -> ColumnElement[bool]:
    """The viewer chose "hide their posts from me" for the author (timeline only)."""
    return exists().where(
        PersonSettings.owner_id == viewer,
        PersonSettings.other_id == author,
        PersonSettings.hide_their_posts.is_(True),
    )


def deleted(account: AccountSide) -> ColumnElement[bool]:
    """A deleted account's posts and status are gone for everyone else."""
    return identity.deleted_condition(account)


def friend_audience(author: AccountSide, viewer: AccountSide) -> ColumnElement[bool]:
    """The viewer is a friend the author shares with: no block, not hidden from."""
    return and_(
        are_friends(author, viewer),
        ~deleted(author),
        ~blocked_either_way(author, viewer),
        ~hidden_from(author, viewer),
    )


def _audience_includes(viewer: AccountSide) -> ColumnElement[bool]:
    listed = exists().where(AudienceMember.post_id == Post.id, AudienceMember.account_id == viewer)
    return or_(
        Post.audience_kind == "friends",
        and_(Post.audience_kind == "include", listed),
        and_(Post.audience_kind == "exclude", ~listed),
    )


def _inside_window(now: datetime) -> ColumnElement[bool]:
    """The post is not older than the author's ``friends_see`` setting allows."""
    too_old = or_(
        *(
            and_(Settings.friends_see == name, Post.created_at < now - window)
            for name, window in FRIENDS_SEE_WINDOWS.items()
        )
    )
    return ~exists().where(Settings.account_id == Post.author_id, too_old)


def _among_latest_for_strangers() -> ColumnElement[bool]:
    newer = aliased(Post)
    newer_count = (
        select(func.count())
        .where(
            newer.author_id == Post.author_id,
            newer.audience_kind == "friends",
            newer.id > Post.id,
        )
        .scalar_subquery()
    )
    strangers_off = exists().where(
        Settings.account_id == Post.author_id, Settings.strangers_see_ten.is_(False)
    )
    return and_(Post.audience_kind == "friends", ~strangers_off, newer_count < STRANGER_POSTS)


def seen_as_friend(viewer: int, now: datetime) -> ColumnElement[bool]:
    """The viewer sees the post as its author or as one of the author's friends."""
    return or_(
        Post.author_id == viewer,
        and_(
            friend_audience(Post.author_id, viewer), _audience_includes(viewer), _inside_window(now)
        ),
    )


def post_visible(viewer: int, now: datetime) -> ColumnElement[bool]:
    """The whole rule for posts."""
    stranger = and_(
        ~are_friends(Post.author_id, viewer),
        ~deleted(Post.author_id),
        ~blocked_either_way(Post.author_id, viewer),
        ~hidden_from(Post.author_id, viewer),
        _among_latest_for_strangers(),
    )
    return or_(seen_as_friend(viewer, now), stranger)


def interaction_visible(viewer: int, actor: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """A like or comment by ``actor`` on a post the viewer sees (checked by the caller)."""
    return or_(Post.author_id == viewer, actor == viewer, are_friends(viewer, actor))
