"""Moments: posts, timeline, albums, likes, comments, notifications, privacy, statuses."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Response, status

from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.storage import Media
from plaza.moments import models, presenters, service
from plaza.moments.schemas import (
    MomentBadge,
    MomentNotification,
    MomentSettings,
    MomentSettingsUpdate,
    MomentStatus,
    MomentStatusUpdate,
    PersonChoices,
    PersonChoicesUpdate,
    Post,
    PostCommentCreate,
    PostCreate,
)
from plaza.realtime.broker import AppBroker

router = Router(
    prefix="/v1/moments",
    tags=["moments"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

PageParams = Annotated[PageRequest, Depends(page_request)]


async def _shown(
    session: DbSession, storage: Media, viewer: int, posts: list[models.Post]
) -> list[Post]:
    thread = await service.load(session, viewer, posts)
    return presenters.posts_out(thread, storage)


async def _one(session: DbSession, storage: Media, viewer: int, post: models.Post) -> Post:
    (shown,) = await _shown(session, storage, viewer, [post])
    return shown


@router.post("/posts", status_code=status.HTTP_201_CREATED)
async def create_post(
    body: PostCreate, caller: CurrentUser, session: DbSession, storage: Media, broker: AppBroker
) -> Post:
    """Post text, up to 9 photos, a place or a link to an audience; a retry returns the first."""
    post = await service.create_post(session, broker, storage, caller.account, body)
    return await _one(session, storage, caller.account.id, post)


@router.get("/timeline")
async def timeline(
    caller: CurrentUser, session: DbSession, storage: Media, page: PageParams
) -> Page[Post]:
    """Your posts and your friends' posts that you may see, newest first."""
    rows = await service.timeline(
        session, caller.account, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda post: post.id)
    return Page(
        items=await _shown(session, storage, caller.account.id, items), next_cursor=next_cursor
    )


@router.get("/accounts/{account_id}/posts")
async def album(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media, page: PageParams
) -> Page[Post]:
    """Someone's album: all of yours, what a friend lets you see, a stranger's latest 10."""
    rows = await service.album(
        session, caller.account, account_id, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda post: post.id)
    return Page(
        items=await _shown(session, storage, caller.account.id, items), next_cursor=next_cursor
    )


@router.get("/posts/{post_id}")
async def get_post(
    post_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Post:
    """One post you may see."""
    post = await service.get_post(session, caller.account, post_id)
    return await _one(session, storage, caller.account.id, post)


@router.delete("/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_post(
    post_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Response:
    """Delete your post with its likes, comments and photos."""
    await service.delete_post(session, storage, caller.account, post_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/posts/{post_id}/likes", status_code=status.HTTP_201_CREATED)
async def like(
    post_id: PathId, caller: CurrentUser, session: DbSession, storage: Media, broker: AppBroker
) -> Post:
    """Like a post you see."""
    post = await service.like(session, broker, caller.account, post_id)
    return await _one(session, storage, caller.account.id, post)


@router.delete("/posts/{post_id}/likes")
async def unlike(post_id: PathId, caller: CurrentUser, session: DbSession, storage: Media) -> Post:
    """Take your like back."""
    post = await service.unlike(session, caller.account, post_id)
    return await _one(session, storage, caller.account.id, post)


@router.post("/posts/{post_id}/comments", status_code=status.HTTP_201_CREATED)
async def comment(
    post_id: PathId,
    body: PostCommentCreate,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    broker: AppBroker,
) -> Post:
    """Comment on a post you see, or reply to a comment on it."""
    post = await service.comment(session, broker, caller.account, post_id, body)
    return await _one(session, storage, caller.account.id, post)


@router.delete("/posts/{post_id}/comments/{comment_id}")
async def delete_comment(
    post_id: PathId, comment_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Post:
    """Delete your comment, or any comment on your post."""
    post = await service.delete_comment(session, caller.account, post_id, comment_id)
    return await _one(session, storage, caller.account.id, post)


@router.get("/settings")
async def get_settings(caller: CurrentUser, session: DbSession) -> MomentSettings:
    """Who may look how far back at your posts."""
    return presenters.settings_out(await service.get_settings(session, caller.account.id))


@router.patch("/settings")
async def update_settings(
    body: MomentSettingsUpdate, caller: CurrentUser, session: DbSession
) -> MomentSettings:
    """Let friends see the last 3 days, 6 months or all; let strangers see 10 posts or none."""
    return presenters.settings_out(await service.update_settings(session, caller.account, body))


def _choices_out(choices: models.PersonSettings) -> PersonChoices:
    return PersonChoices(
        hide_their_posts=choices.hide_their_posts, hide_my_posts=choices.hide_my_posts
    )


@router.get("/people/{account_id}")
async def get_person_choices(
    account_id: PathId, caller: CurrentUser, session: DbSession
) -> PersonChoices:
    """Whether you hide their posts, and whether you hide yours from them."""
    return _choices_out(await service.get_person_choices(session, caller.account, account_id))


@router.patch("/people/{account_id}")
async def update_person_choices(
    account_id: PathId, body: PersonChoicesUpdate, caller: CurrentUser, session: DbSession
) -> PersonChoices:
    """Hide their posts from you, or don't let them see yours."""
    choices = await service.update_person_choices(session, caller.account, account_id, body)
    return _choices_out(choices)


@router.get("/notifications")
async def notifications(
    caller: CurrentUser, session: DbSession, storage: Media, page: PageParams
) -> Page[MomentNotification]:
    """Likes, comments and replies on your posts and comments, newest first."""
    views = await service.notifications(
        session, caller.account, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(views, page, key=lambda view: view.notification.id)
    return Page(
        items=[presenters.notification_out(view, storage) for view in items],
        next_cursor=next_cursor,
    )


@router.post("/notifications/read", status_code=status.HTTP_204_NO_CONTENT)
async def mark_notifications_read(caller: CurrentUser, session: DbSession) -> Response:
    """Mark all your Moments notifications read."""
    await service.mark_notifications_read(session, caller.account)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/badge")
async def badge(caller: CurrentUser, session: DbSession, storage: Media) -> MomentBadge:
    """What the Moments entry shows: unread notifications and who posted since you looked."""
    view = await service.badge(session, caller.account)
    return MomentBadge(
        unread_notifications=view.unread,
        latest_actor=presenters.account_ref(view.latest_actor, storage)
        if view.latest_actor
        else None,
        new_posts_from=presenters.account_ref(view.new_posts_from, storage)
        if view.new_posts_from
        else None,
    )


@router.put("/status")
async def set_status(
    body: MomentStatusUpdate, caller: CurrentUser, session: DbSession, storage: Media
) -> MomentStatus:
    """Set your status (text, emoji or photo) for 24 hours."""
    status_set = await service.set_status(session, storage, caller.account, body)
    return presenters.status_out(status_set, storage)


@router.delete("/status", status_code=status.HTTP_204_NO_CONTENT)
async def clear_status(caller: CurrentUser, session: DbSession, storage: Media) -> Response:
    """Clear your status (its photo is deleted)."""
    await service.clear_status(session, storage, caller.account)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/accounts/{account_id}/status")
async def status_of(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> MomentStatus | None:
    """Their current status if they share it with you; null otherwise."""
    found = await service.status_of(session, caller.account, account_id)
    return presenters.status_out(found, storage) if found else None


@router.get("/statuses")
async def statuses(caller: CurrentUser, session: DbSession, storage: Media) -> list[MomentStatus]:
    """Your current status and your friends', newest first."""
    found = await service.statuses(session, caller.account)
    return [presenters.status_out(one, storage) for one in found]
