"""Moments' business rules: posting to an audience, timelines and albums, likes and
comments, notifications, privacy choices and statuses. Who sees what: ``visibility``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.db import get_or_insert
from plaza.kit.ids import new_id
from plaza.media import service as media
from plaza.media.errors import MediaNotFound
from plaza.media.models import Upload
from plaza.media.schemas import UploadKind
from plaza.media.storage import MediaStorage
from plaza.moments import repository
from plaza.moments.errors import (
    AlreadyLiked,
    AudienceInvalid,
    CommentNotFound,
    LinkInvalid,
    PersonNotFound,
    PhotoInvalid,
    PostEmpty,
    PostNotFound,
    StatusEmpty,
    TooManyPhotos,
)
from plaza.moments.models import (
    Comment,
    Like,
    Notification,
    PersonSettings,
    Post,
    Settings,
    Status,
)
from plaza.moments.schemas import (
    PHOTOS_PER_POST,
    MomentSettingsUpdate,
    MomentStatusUpdate,
    PersonChoicesUpdate,
    PostAudience,
    PostCommentCreate,
    PostCreate,
    PostLink,
)
from plaza.moments.visibility import FRIENDS_SEE_DEFAULT, STRANGERS_SEE_TEN_DEFAULT
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker

STATUS_LASTS = timedelta(hours=24)
APP_PATH_PREFIX = "/"  # a Plaza page, such as /official/articles/123
WEB_LINK_PREFIX = "https://"


@dataclass(frozen=True, slots=True)
class Person:
    account: Account
    remark: str

    @property
    def shown_name(self) -> str:
        return self.remark or self.account.display_name


@dataclass(frozen=True, slots=True)
class Thread:
    """Posts with what one viewer may see of them, loaded in a fixed number of queries."""

    viewer: int
    posts: Sequence[Post]
    likes: dict[int, list[Like]]
    comments: dict[int, list[Comment]]
    people: dict[int, Person]


@dataclass(frozen=True, slots=True)
class NotificationView:
    notification: Notification
    post: Post
    actor: Person


# Loading what a viewer sees


async def people(session: AsyncSession, viewer: int, ids: Collection[int]) -> dict[int, Person]:
    """These accounts with the viewer's remarks for them, in two queries."""
    accounts = await identity.get_accounts(session, ids)
    remarks = await contacts.remarks(session, viewer, accounts.keys())
    return {i: Person(account, remarks.get(i, "")) for i, account in accounts.items()}


async def load(session: AsyncSession, viewer: int, posts: Sequence[Post]) -> Thread:
    post_ids = [post.id for post in posts]
    likes: dict[int, list[Like]] = defaultdict(list)
    for like in await repository.list_likes(session, viewer, post_ids):
        likes[like.post_id].append(like)
    comments: dict[int, list[Comment]] = defaultdict(list)
    for comment in await repository.list_comments(session, viewer, post_ids):
        comments[comment.post_id].append(comment)
    ids = {post.author_id for post in posts}
    ids |= {like.account_id for group in likes.values() for like in group}
    for group in comments.values():
        ids |= {c.author_id for c in group}
        ids |= {c.reply_to_author_id for c in group if c.reply_to_author_id is not None}
    return Thread(viewer, posts, likes, comments, await people(session, viewer, ids))


# Posts


def _is_safe_url(url: str) -> bool:
    """``https://...`` or a Plaza page path (one leading ``/``): nothing a browser would run."""
    if url.startswith(APP_PATH_PREFIX):
        return not url.startswith("//")
    return url.startswith(WEB_LINK_PREFIX) and len(url) > len(WEB_LINK_PREFIX)


def _check_link(link: PostLink | None) -> None:
    if link is None:
        return
    if not _is_safe_url(link.url):
        raise LinkInvalid(field="link.url")
    if link.cover_url is not None and not _is_safe_url(link.cover_url):
        raise LinkInvalid(field="link.cover_url")


async def _own_images(
    session: AsyncSession, me: Account, upload_ids: Sequence[int], *, field: str
) -> list[Upload]:
    """The caller's image uploads, in order, in one query; anything else is
    ``moments.photo_invalid``."""
    try:
        return await media.get_own_uploads(session, me.id, upload_ids, UploadKind.IMAGE)
    except MediaNotFound as exc:
        raise PhotoInvalid(field=field) from exc


PHOTO_FOLDER = "moments"
"""Where posts and statuses keep their copies of their photos. The photos of posts made
before posts kept copies point at the uploads themselves, never deleted with them."""


def _new_photo_folder(me: Account) -> str:
    return media.unguessable_folder(PHOTO_FOLDER, me.id)


async def _own_photo(
    storage: MediaStorage, image: Upload, folder: str, name: str
) -> dict[str, object]:
    """A photo for a post or a status: a copy of the upload of its own (``media``'s module
    docstring says why), with the upload's id, to send it back with, and its size."""
    copied = await media.copy_image(storage, image, folder, name)
    return {
        "upload_id": image.id,
        "key": copied.key,
        "thumbnail_key": copied.thumbnail_key,
        "width": image.width,
        "height": image.height,
    }


def _delete_photos_after_commit(
    session: AsyncSession, storage: MediaStorage, photos: Sequence[dict[str, Any]]
) -> None:
    own = [photo for photo in photos if photo["key"].startswith(f"{PHOTO_FOLDER}/")]
    media.delete_after_commit(
        session, storage, [key for photo in own for key in (photo["key"], photo["thumbnail_key"])]
    )


async def _resolve_audience(session: AsyncSession, me: Account, audience: PostAudience) -> set[int]:
    """The people an include or exclude audience names, from its tags and people (only the
    caller's friends); friends and private audiences name nobody."""
    if audience.kind in ("friends", "private"):
        if audience.tags or audience.people:
            raise AudienceInvalid(
                "Only include and exclude audiences name people.", field="audience"
            )
        return set()
    friends = await contacts.list_friends(session, me)
    friend_ids = {view.account.id for view in friends}
    if not set(audience.people) <= friend_ids:
        raise AudienceInvalid("Everyone named must be your friend.", field="audience.people")
    known_tags = {tag for view in friends for tag in view.friendship.tags}
    if not set(audience.tags) <= known_tags:
        raise AudienceInvalid("No friend carries this tag.", field="audience.tags")
    chosen = set(audience.tags)
    resolved = set(audience.people) | {
        view.account.id for view in friends if chosen & set(view.friendship.tags)
    }
    if audience.kind == "include" and not resolved:
        raise AudienceInvalid("Choose at least one friend or tag.", field="audience")
    return resolved


async def create_post(
    session: AsyncSession, broker: Broker, storage: MediaStorage, me: Account, body: PostCreate
) -> Post:
    """Post to an audience resolved now, and put the post in the timeline of everyone in
    it; the same ``client_id`` again returns the first post. The photos are copied for the
    post, so deleting it deletes them."""
    existing = await repository.get_post_by_client_id(session, me.id, body.client_id)
    if existing is not None:
        return existing
    if len(body.photo_ids) > PHOTOS_PER_POST:
        raise TooManyPhotos(field="photo_ids")
    if not (body.text or body.photo_ids or body.link):
        raise PostEmpty(field="text")
    _check_link(body.link)
    images = await _own_images(session, me, body.photo_ids, field="photo_ids")
    resolved = await _resolve_audience(session, me, body.audience)
    folder = _new_photo_folder(me)
    post = Post(
        id=new_id(),
        author_id=me.id,
        client_id=body.client_id,
        text=body.text,
        photos=[
            await _own_photo(storage, image, folder, str(number))
            for number, image in enumerate(images, start=1)
        ],
        location=body.location.model_dump() if body.location else None,
        link=body.link.model_dump() if body.link else None,
        audience_kind=body.audience.kind,
        audience_tags=list(dict.fromkeys(body.audience.tags)),
        audience_people=list(dict.fromkeys(body.audience.people)),
        created_at=clock.now(),
    )
    session.add(post)
    await session.flush()
    await repository.add_audience(session, post.id, resolved)
    viewers = await repository.fan_out(session, post)
    data = {"author_id": str(me.id), "post_id": str(post.id)}
    after_commit(session, partial(realtime.signal, broker, viewers, "moments.post", data))
    return post


async def timeline(
    session: AsyncSession, me: Account, *, before_id: int | None, limit: int
) -> Sequence[Post]:
    """Mine and friends' posts visible to me, newest first; looking at the first page
    clears the "new posts" badge."""
    posts = await repository.list_timeline(
        session, me.id, clock.now(), before_id=before_id, limit=limit
    )
    if before_id is None and posts:
        settings = await _settings_for_update(session, me.id)
        settings.timeline_seen_id = max(settings.timeline_seen_id or 0, posts[0].id)
        await session.flush()
    return posts


async def album(
    session: AsyncSession, me: Account, author_id: int, *, before_id: int | None, limit: int
) -> Sequence[Post]:
    return await repository.list_album(
        session, me.id, author_id, clock.now(), before_id=before_id, limit=limit
    )


async def get_post(session: AsyncSession, me: Account, post_id: int) -> Post:
    post = await repository.get_visible_post_or_none(session, me.id, post_id, clock.now())
    if post is None:
        raise PostNotFound(field="post_id")
    return post


async def delete_post(
    session: AsyncSession, storage: MediaStorage, me: Account, post_id: int
) -> None:
    """Delete my post with its likes, comments and notifications, and its photos' files."""
    post = await get_post(session, me, post_id)
    if post.author_id != me.id:
        raise PostNotFound(field="post_id")
    await repository.delete_posts(session, [post.id])
    _delete_photos_after_commit(session, storage, post.photos)


async def forget_author(session: AsyncSession, storage: MediaStorage, account: Account) -> None:
    """Delete everything someone shared in Moments, for a deleted account: their posts
    (with their likes, comments and notifications) and status, and all their photos."""
    posts = await repository.list_posts_of(session, account.id)
    await repository.delete_posts(session, [post.id for post in posts])
    _delete_photos_after_commit(session, storage, [p for post in posts for p in post.photos])
    await clear_status(session, storage, account)


# Likes and comments


async def _notify(
    session: AsyncSession,
    broker: Broker,
    recipients: dict[int, str],
    *,
    actor: int,
    post: Post,
    comment: Comment | None = None,
) -> None:
    """Record a notification of each kind for each recipient but the actor, and tell
    their devices how many are unread (``moments.notification``)."""
    now = clock.now()
    recipients.pop(actor, None)
    for recipient, kind in recipients.items():
        session.add(
            Notification(
                id=new_id(),
                recipient_id=recipient,
                kind=kind,
                actor_id=actor,
                post_id=post.id,
                comment_id=comment.id if comment else None,
                comment_text=comment.text if comment else None,
                created_at=now,
            )
        )
    await session.flush()
    for recipient in recipients:
        unread = await repository.count_unread(session, recipient)
        event = realtime.Event("moments.notification", {"unread": unread})
        await realtime.emit(session, broker, [recipient], event)


async def like(session: AsyncSession, broker: Broker, me: Account, post_id: int) -> Post:
    post = await get_post(session, me, post_id)
    if await repository.get_like_or_none(session, post.id, me.id) is not None:
        raise AlreadyLiked(field="post_id")
    session.add(Like(post_id=post.id, account_id=me.id, created_at=clock.now()))
    await session.flush()
    await _notify(session, broker, {post.author_id: "like"}, actor=me.id, post=post)
    return post


async def unlike(session: AsyncSession, me: Account, post_id: int) -> Post:
    """Take a like back (none to take back is fine); its notification goes too."""
    post = await get_post(session, me, post_id)
    await repository.delete_like(session, post.id, me.id)
    return post


async def comment(
    session: AsyncSession, broker: Broker, me: Account, post_id: int, body: PostCommentCreate
) -> Post:
    """Comment on a post I see, or reply to a comment on it I see. The poster and the
    earlier commenters who may see it hear of it (``comment``), the one replied to as a
    ``reply``; the same ``client_id`` again adds nothing."""
    existing = await repository.get_comment_by_client_id(session, me.id, body.client_id)
    if existing is not None:
        return await get_post(session, me, existing.post_id)
    post = await get_post(session, me, post_id)
    replied = None
    if body.reply_to is not None:
        replied = await repository.get_visible_comment_or_none(
            session, me.id, post.id, body.reply_to
        )
        if replied is None:
            raise CommentNotFound(field="reply_to")
    new = Comment(
        id=new_id(),
        post_id=post.id,
        author_id=me.id,
        client_id=body.client_id,
        reply_to_author_id=replied.author_id if replied else None,
        text=body.text,
        created_at=clock.now(),
    )
    session.add(new)
    await session.flush()
    thread = await repository.commenters_who_see(session, post.id, me.id)
    recipients = dict.fromkeys([*thread, post.author_id], "comment")
    if replied is not None:
        recipients[replied.author_id] = "reply"
    await _notify(session, broker, recipients, actor=me.id, post=post, comment=new)
    return post


async def delete_comment(session: AsyncSession, me: Account, post_id: int, comment_id: int) -> Post:
    """Its author or the poster may delete a comment."""
    post = await get_post(session, me, post_id)
    found = await repository.get_visible_comment_or_none(session, me.id, post.id, comment_id)
    if found is None or me.id not in (found.author_id, post.author_id):
        raise CommentNotFound(field="comment_id")
    await repository.delete_comment(session, found.id)
    return post


# Notifications


async def notifications(
    session: AsyncSession, me: Account, *, before_id: int | None, limit: int
) -> list[NotificationView]:
    rows = await repository.list_notifications(session, me.id, before_id=before_id, limit=limit)
    actors = await people(session, me.id, {n.actor_id for n, _ in rows})
    return [
        NotificationView(notification, post, actors[notification.actor_id])
        for notification, post in rows
        if notification.actor_id in actors
    ]


async def mark_notifications_read(session: AsyncSession, me: Account) -> None:
    await repository.mark_all_read(session, me.id, clock.now())


@dataclass(frozen=True, slots=True)
class BadgeView:
    unread: int
    latest_actor: Person | None
    new_posts_from: Person | None


async def badge(session: AsyncSession, me: Account) -> BadgeView:
    unread = await repository.count_unread(session, me.id)
    actor = await repository.latest_unread_actor(session, me.id)
    settings = await get_settings(session, me.id)
    author = await repository.newest_timeline_author_after(
        session, me.id, clock.now(), settings.timeline_seen_id
    )
    found = await people(session, me.id, {i for i in (actor, author) if i is not None})
    return BadgeView(
        unread=unread,
        latest_actor=found.get(actor) if actor is not None else None,
        new_posts_from=found.get(author) if author is not None else None,
    )


# Privacy


async def get_settings(session: AsyncSession, account_id: int) -> Settings:
    """The account's settings; the defaults (not stored) until it first changes one."""
    found = await repository.get_settings_or_none(session, account_id)
    return found or Settings(**_defaults(account_id))


def _defaults(account_id: int) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "friends_see": FRIENDS_SEE_DEFAULT,
        "strangers_see_ten": STRANGERS_SEE_TEN_DEFAULT,
        "timeline_seen_id": None,
    }


async def _settings_for_update(session: AsyncSession, account_id: int) -> Settings:
    """My settings row, made on first use: looking at the timeline makes it, and two
    screens may look at once."""
    return await get_or_insert(session, Settings, _defaults(account_id))


async def update_settings(
    session: AsyncSession, me: Account, update: MomentSettingsUpdate
) -> Settings:
    settings = await _settings_for_update(session, me.id)
    if update.friends_see is not None:
        settings.friends_see = update.friends_see
    if update.strangers_see_ten is not None:
        settings.strangers_see_ten = update.strangers_see_ten
    await session.flush()
    return settings


async def _other_person(session: AsyncSession, me: Account, account_id: int) -> Account:
    account = await identity.get_account_or_none(session, account_id)
    if account is None or account.deleted_at is not None or account.id == me.id:
        raise PersonNotFound(field="account_id")
    return account


async def get_person_choices(session: AsyncSession, me: Account, account_id: int) -> PersonSettings:
    other = await _other_person(session, me, account_id)
    found = await repository.get_person_settings_or_none(session, me.id, other.id)
    return found or PersonSettings(
        owner_id=me.id, other_id=other.id, hide_their_posts=False, hide_my_posts=False
    )


async def update_person_choices(
    session: AsyncSession, me: Account, account_id: int, update: PersonChoicesUpdate
) -> PersonSettings:
    choices = await get_person_choices(session, me, account_id)
    if update.hide_their_posts is not None:
        choices.hide_their_posts = update.hide_their_posts
    if update.hide_my_posts is not None:
        choices.hide_my_posts = update.hide_my_posts
    session.add(choices)
    await session.flush()
    return choices


# Statuses


async def set_status(
    session: AsyncSession, storage: MediaStorage, me: Account, body: MomentStatusUpdate
) -> Status:
    """Replace my status; it lasts 24 hours. Its photo is a copy of its own; the photo of
    the status replaced is deleted, unless it is sent back to keep."""
    if not (body.text or body.emoji or body.photo_id):
        raise StatusEmpty(field="text")
    status = await repository.lock_status_or_none(session, me.id)
    photo = status.photo if status is not None else None
    if photo is not None and photo["upload_id"] != body.photo_id:
        _delete_photos_after_commit(session, storage, [photo])
        photo = None
    if body.photo_id is not None and photo is None:
        (image,) = await _own_images(session, me, [body.photo_id], field="photo_id")
        photo = await _own_photo(storage, image, _new_photo_folder(me), "status")
    if status is None:
        status = Status(account_id=me.id)
        session.add(status)
    now = clock.now()
    status.text, status.emoji, status.photo = body.text, body.emoji, photo
    status.created_at, status.expires_at = now, now + STATUS_LASTS
    await session.flush()
    return status


async def clear_status(session: AsyncSession, storage: MediaStorage, me: Account) -> None:
    status = await repository.lock_status_or_none(session, me.id)
    if status is not None:
        await session.delete(status)
        await session.flush()
        _delete_photos_after_commit(session, storage, [status.photo] if status.photo else [])


async def drop_lapsed_statuses(session: AsyncSession, storage: MediaStorage, *, limit: int) -> int:
    """Delete up to ``limit`` statuses that lapsed (nobody sees them any more) and their
    photos' files; how many."""
    lapsed = await repository.lock_lapsed_statuses(session, clock.now(), limit)
    await repository.delete_statuses(session, [status.account_id for status in lapsed])
    _delete_photos_after_commit(
        session, storage, [status.photo for status in lapsed if status.photo is not None]
    )
    return len(lapsed)


async def status_of(session: AsyncSession, me: Account, account_id: int) -> Status | None:
    """Their current status if they share it with me (themselves and their friends)."""
    return await repository.get_visible_status_or_none(session, me.id, account_id, clock.now())


async def statuses(session: AsyncSession, me: Account) -> Sequence[Status]:
    return await repository.list_visible_statuses(session, me.id, clock.now())
