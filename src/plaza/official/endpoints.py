"""Official accounts: applications and review, the directory, following, articles,
broadcasts and the Subscriptions folder. Docs: docs/subsystems/official.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Query, Response, status

from plaza.chat import messages
from plaza.chat.presenters import message_out
from plaza.chat.schemas import MessageOut, MessageSend, SharedArticle
from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.storage import Media
from plaza.official import flows, service
from plaza.official.models import AccountStatus, OfficialAccountRecord
from plaza.official.presenters import (
    own_draft,
    to_account,
    to_application,
    to_article,
    to_card,
)
from plaza.official.schemas import (
    SEARCH_QUERY_MAX,
    Application,
    ApplicationCreate,
    ApplicationDocument,
    Article,
    ArticleCard,
    ArticleCreate,
    ArticleShare,
    ArticleUpdate,
    Broadcast,
    BroadcastCreate,
    BroadcastQuota,
    Draft,
    FolderEntry,
    FolderSummary,
    LatestInFolder,
    OfficialAccount,
    Rejection,
)
from plaza.realtime.broker import AppBroker

router = Router(
    prefix="/v1/official",
    tags=["official"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)


async def _accounts(
    session: DbSession, accounts: Sequence[OfficialAccountRecord], caller: CurrentUser
) -> list[service.AccountView]:
    return await service.views(session, accounts, caller.account.id)


# Applications and review


@router.post("/applications", status_code=status.HTTP_201_CREATED)
async def apply(
    body: ApplicationCreate, caller: CurrentUser, session: DbSession, storage: Media
) -> Application:
    """Apply for an official account; it is pending until a platform admin verifies it,
    and the caller operates it."""
    account = await service.apply(session, caller.account, body)
    return to_application(service.AccountView(account, following=False), storage)


@router.get("/mine")
async def mine(caller: CurrentUser, session: DbSession, storage: Media) -> list[Application]:
    """The accounts I operate, whatever their status."""
    accounts = await service.operated_by(session, caller.account)
    return [to_application(v, storage) for v in await _accounts(session, accounts, caller)]


@router.get("/applications")
async def applications(
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    status: Annotated[AccountStatus, Query()] = AccountStatus.PENDING,
) -> list[Application]:
    """Platform admins: applications in one status, oldest first (up to 100)."""
    accounts = await service.applications(session, caller.account, status)
    return [to_application(v, storage) for v in await _accounts(session, accounts, caller)]


@router.post("/applications/{account_id}/approve")
async def approve(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Application:
    """Platform admins: verify a pending account; it can now be followed and broadcast."""
    account = await service.approve(session, caller.account, account_id)
    return to_application(await service.view(session, account, caller.account.id), storage)


@router.post("/applications/{account_id}/reject")
async def reject(
    account_id: PathId, body: Rejection, caller: CurrentUser, session: DbSession, storage: Media
) -> Application:
    """Platform admins: reject a pending account, with the reason for its operator."""
    account = await service.reject(session, caller.account, account_id, body.reason)
    return to_application(await service.view(session, account, caller.account.id), storage)


@router.get("/applications/{account_id}/documents")
async def application_documents(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> list[ApplicationDocument]:
    """An account's application documents, for its operator and platform admins."""
    uploads = await service.application_documents(session, caller.account, account_id)
    return [
        ApplicationDocument(
            id=upload.id,
            name=upload.name,
            content_type=upload.content_type,
            url=storage.url(upload.key),
        )
        for upload in uploads
    ]


# Directory and following


@router.get("/accounts")
async def search(
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    query: Annotated[str, Query(max_length=SEARCH_QUERY_MAX)] = "",
) -> list[OfficialAccount]:
    """Verified accounts whose name contains the query (up to 50; all when empty)."""
    accounts = await service.search(session, query)
    return [to_account(v, storage) for v in await _accounts(session, accounts, caller)]


@router.get("/accounts/{account_id}")
async def get_account(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> OfficialAccount:
    """An account's profile (unverified ones only for their operator and admins)."""
    account = await service.visible_account(session, account_id, caller.account)
    return to_account(await service.view(session, account, caller.account.id), storage)


@router.post("/accounts/{account_id}/follow")
async def follow(
    account_id: PathId, caller: CurrentUser, session: DbSession, broker: AppBroker, storage: Media
) -> OfficialAccount:
    """Follow a verified account (following twice is following); its greeting, if any,
    arrives in my chat with it."""
    account = await flows.follow(session, broker, caller.account, account_id)
    return to_account(service.AccountView(account, following=True), storage)


@router.delete("/accounts/{account_id}/follow")
async def unfollow(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> OfficialAccount:
    """Stop following an account."""
    account = await flows.unfollow(session, caller.account, account_id)
    return to_account(service.AccountView(account, following=False), storage)


@router.get("/following")
async def following(
    caller: CurrentUser, session: DbSession, storage: Media
) -> list[OfficialAccount]:
    """The accounts I follow, most recently followed first."""
    accounts = await service.following(session, caller.account)
    return [to_account(service.AccountView(a, following=True), storage) for a in accounts]


# Articles


@router.post("/accounts/{account_id}/articles", status_code=status.HTTP_201_CREATED)
async def create_article(
    account_id: PathId,
    body: ArticleCreate,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
) -> Draft:
    """Operator: write a draft; Markdown that could run script is refused (422
    ``official.article_unsafe``) and the stored HTML is always sanitised."""
    article = await service.create_draft(session, caller.account, account_id, body)
    return own_draft(article, await service.get_account(session, account_id), storage)


@router.get("/accounts/{account_id}/drafts")
async def drafts(
    account_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> list[Draft]:
    """Operator: the account's drafts, newest first (up to 100)."""
    account, found = await service.drafts(session, caller.account, account_id)
    return [own_draft(article, account, storage) for article in found]


@router.patch("/articles/{article_id}")
async def update_article(
    article_id: PathId,
    body: ArticleUpdate,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
) -> Draft:
    """Operator: change a draft (published articles never change)."""
    article = await service.update_draft(session, caller.account, article_id, body)
    return own_draft(article, await service.get_account(session, article.account_id), storage)


@router.delete("/articles/{article_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_article(article_id: PathId, caller: CurrentUser, session: DbSession) -> Response:
    """Operator: delete a draft."""
    await service.delete_draft(session, caller.account, article_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/accounts/{account_id}/articles")
async def published_articles(
    account_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[ArticleCard]:
    """The account's published articles, newest broadcast first."""
    account, rows = await service.published(
        session, caller.account, account_id, before_key=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda a: a.order_key or 0)
    return Page(items=[to_card(a, account, storage) for a in items], next_cursor=next_cursor)


@router.get("/articles/{article_id}")
async def read_article(
    article_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Article:
    """An article for the reader (a draft only for its operator); its HTML is sanitised."""
    return to_article(await service.read_article(session, caller.account, article_id), storage)


@router.post("/articles/{article_id}/like")
async def like(
    article_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Article:
    """Like a published article; 409 ``official.already_liked`` the second time."""
    return to_article(await service.like(session, caller.account, article_id), storage)


@router.delete("/articles/{article_id}/like")
async def unlike(
    article_id: PathId, caller: CurrentUser, session: DbSession, storage: Media
) -> Article:
    """Take back a like."""
    return to_article(await service.unlike(session, caller.account, article_id), storage)


@router.post("/articles/{article_id}/share")
async def share(
    article_id: PathId,
    body: ArticleShare,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    limiter: Limiter,
    settings: AppSettings,
    storage: Media,
    response: Response,
) -> MessageOut:
    """Share a published article into one of my chats as a message of kind "article"
    (201; a retry with the same client_msg_id returns the first, 200)."""
    sent, created = await messages.send(
        session,
        broker,
        limiter,
        storage,
        sender=caller.account.id,
        conversation_id=body.conversation_id,
        body=MessageSend(
            client_msg_id=body.client_msg_id,
            kind="article",
            article=SharedArticle(article_id=article_id),
        ),
        messages_per_window=settings.chat_send_limit,
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return message_out(sent.message, sent.reply)


# Broadcasts and the Subscriptions folder


@router.post("/accounts/{account_id}/broadcasts", status_code=status.HTTP_201_CREATED)
async def broadcast(
    account_id: PathId,
    body: BroadcastCreate,
    caller: CurrentUser,
    session: DbSession,
    broker: AppBroker,
    storage: Media,
) -> Broadcast:
    """Operator: publish 1 to 8 drafts to every follower (subscription accounts once a UTC
    day, service accounts four times a calendar month: 429
    ``official.broadcast_quota_exceeded`` beyond)."""
    sent = await flows.broadcast(
        session, broker, storage, caller.account, account_id, body.article_ids
    )
    account = await service.view(session, sent.account, caller.account.id)
    return Broadcast(
        id=sent.broadcast.id,
        account=to_account(account, storage),
        articles=sent.cards,
        sent_at=sent.broadcast.sent_at,
    )


@router.get("/accounts/{account_id}/broadcast-quota")
async def broadcast_quota(
    account_id: PathId, caller: CurrentUser, session: DbSession
) -> BroadcastQuota:
    """Operator: how many broadcasts the account has sent this period and may still send."""
    quota = await service.broadcast_quota(session, caller.account, account_id)
    return BroadcastQuota(
        quota=quota.quota,
        sent=quota.sent,
        left=max(0, quota.quota - quota.sent),
        resets_at=quota.resets_at,
    )


@router.get("/subscriptions")
async def subscriptions(
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[FolderEntry]:
    """My Subscriptions folder: broadcasts of the subscription accounts I follow, newest
    first."""
    entries = await service.folder(
        session, caller.account, before_id=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(entries, page, key=lambda e: e.broadcast.id)
    return Page(
        items=[
            FolderEntry(
                broadcast_id=e.broadcast.id,
                account=to_account(service.AccountView(e.account, following=True), storage),
                articles=[to_card(a, e.account, storage) for a in e.articles],
                sent_at=e.broadcast.sent_at,
            )
            for e in items
        ],
        next_cursor=next_cursor,
    )


@router.get("/subscriptions/summary")
async def subscriptions_summary(caller: CurrentUser, session: DbSession) -> FolderSummary:
    """The folder's row in the chat list: unread broadcasts and the latest one."""
    unread, latest = await service.folder_summary(session, caller.account)
    return FolderSummary(
        unread=unread,
        latest=LatestInFolder(
            account_name=latest.account.name,
            title=latest.articles[0].title,
            sent_at=latest.broadcast.sent_at,
        )
        if latest is not None
        else None,
    )


@router.post("/subscriptions/read", status_code=status.HTTP_204_NO_CONTENT)
async def read_subscriptions(caller: CurrentUser, session: DbSession) -> Response:
    """Mark everything in my Subscriptions folder read."""
    await service.read_folder(session, caller.account)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
