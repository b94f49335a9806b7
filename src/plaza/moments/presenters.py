"""Moments objects as the API shows them to one viewer."""

from __future__ import annotations

from typing import Any

from plaza.identity.endpoints import to_avatar
from plaza.media.storage import MediaStorage
from plaza.moments.models import Comment, Post, Settings, Status
from plaza.moments.schemas import (
    AccountRef,
    MomentNotification,
    MomentSettings,
    MomentStatus,
    MomentStatusPhoto,
    PostAudience,
    PostComment,
    PostLink,
    PostLocation,
    PostPhoto,
)
from plaza.moments.schemas import Post as PostOut
from plaza.moments.service import NotificationView, Person, Thread

EXCERPT_LENGTH = 40


def account_ref(person: Person, storage: MediaStorage) -> AccountRef:
    avatar = to_avatar(person.account, storage)
    return AccountRef(
        id=person.account.id,
        display_name=person.shown_name,
        avatar_url=avatar.small if avatar else None,
        plaza_id=person.account.plaza_id or "",
    )


def _photo(photo: dict[str, Any], storage: MediaStorage) -> PostPhoto:
    return PostPhoto(
        upload_id=photo["upload_id"],
        url=storage.url(photo["key"]),
        thumbnail_url=storage.url(photo["thumbnail_key"]),
        width=photo["width"],
        height=photo["height"],
    )


def _comment(thread: Thread, post: Post, comment: Comment, storage: MediaStorage) -> PostComment:
    replied = comment.reply_to_author_id
    return PostComment(
        id=comment.id,
        author=account_ref(thread.people[comment.author_id], storage),
        reply_to=account_ref(thread.people[replied], storage) if replied is not None else None,
        text=comment.text,
        created_at=comment.created_at,
        can_delete=thread.viewer in (comment.author_id, post.author_id),
    )


def post_out(thread: Thread, post: Post, storage: MediaStorage) -> PostOut:
    mine = post.author_id == thread.viewer
    likes = thread.likes.get(post.id, [])
    audience = PostAudience(
        kind=post.audience_kind,
        tags=post.audience_tags,
        people=post.audience_people,
    )
    return PostOut(
        id=post.id,
        author=account_ref(thread.people[post.author_id], storage),
        text=post.text,
        photos=[_photo(photo, storage) for photo in post.photos],
        location=PostLocation.model_validate(post.location) if post.location else None,
        link=PostLink.model_validate(post.link) if post.link else None,
        audience=audience if mine else None,
        created_at=post.created_at,
        likes=[account_ref(thread.people[like.account_id], storage) for like in likes],
        liked_by_me=any(like.account_id == thread.viewer for like in likes),
        comments=[
            _comment(thread, post, comment, storage) for comment in thread.comments.get(post.id, [])
        ],
        can_delete=mine,
    )


def posts_out(thread: Thread, storage: MediaStorage) -> list[PostOut]:
    return [post_out(thread, post, storage) for post in thread.posts]


def thumbnail_url(post: Post, storage: MediaStorage) -> str | None:
    return storage.url(post.photos[0]["thumbnail_key"]) if post.photos else None


def notification_out(view: NotificationView, storage: MediaStorage) -> MomentNotification:
    notification = view.notification
    return MomentNotification(
        id=notification.id,
        kind=notification.kind,
        actor=account_ref(view.actor, storage),
        post_id=view.post.id,
        post_thumbnail_url=thumbnail_url(view.post, storage),
        post_excerpt=view.post.text[:EXCERPT_LENGTH],
        comment_text=notification.comment_text,
        created_at=notification.created_at,
        read=notification.read_at is not None,
    )


def settings_out(settings: Settings) -> MomentSettings:
    return MomentSettings(
        friends_see=settings.friends_see,
        strangers_see_ten=settings.strangers_see_ten,
    )


def status_out(status: Status, storage: MediaStorage) -> MomentStatus:
    photo = status.photo
    return MomentStatus(
        account_id=status.account_id,
        text=status.text,
        emoji=status.emoji,
        photo=MomentStatusPhoto(
            upload_id=photo["upload_id"],
            url=storage.url(photo["key"]),
            thumbnail_url=storage.url(photo["thumbnail_key"]),
        )
        if photo
        else None,
        created_at=status.created_at,
        expires_at=status.expires_at,
    )
