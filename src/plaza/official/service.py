"""Official accounts' business rules: applications and review, the directory, following,
articles and broadcasts with their quotas, and the Subscriptions folder.

Other domains (and ``official.messaging``) ask ``get_account``, ``require_operator``,
``is_follower`` and ``follower_ids``; chat asks ``shared_article_content`` for a message
of kind "article". ``official.flows`` adds what following and broadcasting do in messaging.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.media import service as media
from plaza.media.errors import MediaNotFound
from plaza.media.models import Upload
from plaza.media.storage import MediaStorage
from plaza.miniapps import service as miniapps
from plaza.official import articles, broadcasts, repository
from plaza.official.errors import (
    AccountNotFound,
    AlreadyLiked,
    ArticleNotFound,
    ArticlePublished,
    ArticleUnsafe,
    BroadcastQuotaExceeded,
    NameTaken,
    NotOperator,
    NotPending,
    NotVerified,
    TooManyArticles,
    UploadInvalid,
)
from plaza.official.models import (
    AccountStatus,
    AccountType,
    ArticleRecord,
    BroadcastRecord,
    OfficialAccountRecord,
)
from plaza.official.schemas import (
    ARTICLES_PER_BROADCAST,
    ApplicationCreate,
    ArticleCreate,
    ArticleUpdate,
)

SUBSCRIPTION = AccountType.SUBSCRIPTION
SERVICE = AccountType.SERVICE
FOLLOWER_BATCH_MAX = 1000  # follower ids per fan-out batch
REVIEW_QUEUE_MAX = 100
DIRECTORY_MAX = 50
DRAFTS_MAX = 100
DOCUMENT_KINDS = ("image", "file")


@dataclass(frozen=True, slots=True)
class AccountView:
    """An official account as one person sees it."""

    account: OfficialAccountRecord
    following: bool


async def get_account(session: AsyncSession, account_id: int) -> OfficialAccountRecord:
    """Any account, whatever its status; 404 ``official.account_not_found`` if unknown."""
    account = await repository.get_account_or_none(session, account_id)
    if account is None:
        raise AccountNotFound()
    return account


def _may_see(account: OfficialAccountRecord, caller: Account) -> bool:
    return (
        account.status == AccountStatus.VERIFIED
        or account.operator_id == caller.id
        or caller.is_admin
    )


async def visible_account(
    session: AsyncSession, account_id: int, caller: Account, *, for_update: bool = False
) -> OfficialAccountRecord:
    """A verified account, or one the caller operates or reviews; others are not found."""
    account = await repository.get_account_or_none(session, account_id, for_update=for_update)
    if account is None or not _may_see(account, caller):
        raise AccountNotFound()
    return account


async def require_operator(
    session: AsyncSession, account_id: int, caller_account: Account, *, for_update: bool = False
) -> OfficialAccountRecord:
    """The account, if the caller operates it: 404 if they cannot even see it, else 403
    ``official.not_operator``. ``for_update`` locks its row until commit."""
    account = await visible_account(session, account_id, caller_account, for_update=for_update)
    if account.operator_id != caller_account.id:
        raise NotOperator()
    return account


def require_verified(account: OfficialAccountRecord) -> None:
    """What only a verified account may do (broadcast, be followed): 409 otherwise."""
    if account.status != AccountStatus.VERIFIED:
        raise NotVerified()


async def is_follower(session: AsyncSession, account_id: int, person_id: int) -> bool:
    return await repository.get_follow_or_none(session, account_id, person_id) is not None


async def follower_ids(
    session: AsyncSession, account_id: int, after_id: int | None, limit: int
) -> list[int]:
    """One batch of the account's followers, by id: pass the last id back for the next."""
    return await repository.follower_ids(
        session, account_id, after_id=after_id, limit=min(limit, FOLLOWER_BATCH_MAX)
    )


async def views(
    session: AsyncSession, accounts: Sequence[OfficialAccountRecord], viewer_id: int
) -> list[AccountView]:
    followed = await repository.followed_of(session, viewer_id, [a.id for a in accounts])
    return [AccountView(account, account.id in followed) for account in accounts]


# Uploads


async def _own_upload(
    session: AsyncSession, owner: int, upload_id: int, kinds: Sequence[str], *, field: str
) -> Upload:
    """An upload of the caller's of one of ``kinds``, else ``official.upload_invalid``."""
    for kind in kinds:
        try:
            return await media.get_own_upload(session, owner, upload_id, kind)
        except MediaNotFound:
            continue
    raise UploadInvalid(field=field)


def image_key(upload: Upload) -> str:
    return upload.thumbnail_key or upload.key


def url_of(storage: MediaStorage, key: str | None) -> str | None:
    return storage.url(key) if key else None


# Applications and review


async def apply(
    session: AsyncSession, caller: Account, body: ApplicationCreate
) -> OfficialAccountRecord:
    """A pending account that the caller operates; admins verify or reject it."""
    name_key = body.name.casefold()
    if await repository.name_key_taken(session, name_key):
        raise NameTaken(field="name")
    avatar = None
    if body.avatar_id is not None:
        avatar = await _own_upload(
            session, caller.id, body.avatar_id, ("image",), field="avatar_id"
        )
    for document_id in dict.fromkeys(body.document_ids):
        await _own_upload(session, caller.id, document_id, DOCUMENT_KINDS, field="document_ids")
    account = OfficialAccountRecord(
        id=new_id(),
        name=body.name,
        name_key=name_key,
        type=body.type,
        description=body.description,
        avatar_id=avatar.id if avatar else None,
        avatar_key=image_key(avatar) if avatar else None,
        document_ids=[str(d) for d in dict.fromkeys(body.document_ids)],
        operator_id=caller.id,
        status=AccountStatus.PENDING,
        follower_count=0,
        menu=[],
        created_at=clock.now(),
    )
    session.add(account)
    await session.flush()
    return account


async def operated_by(session: AsyncSession, caller: Account) -> Sequence[OfficialAccountRecord]:
    return await repository.list_operated(session, caller.id)


async def applications(
    session: AsyncSession, caller: Account, status: AccountStatus
) -> Sequence[OfficialAccountRecord]:
    """The admins' review queue (or what they decided), oldest first."""
    miniapps.require_admin(caller)
    return await repository.list_by_status(session, status, REVIEW_QUEUE_MAX)


async def _pending(
    session: AsyncSession, caller: Account, account_id: int
) -> OfficialAccountRecord:
    miniapps.require_admin(caller)
    account = await repository.get_account_or_none(session, account_id, for_update=True)
    if account is None:
        raise AccountNotFound()
    if account.status != AccountStatus.PENDING:
        raise NotPending()
    account.reviewer_id = caller.id
    account.reviewed_at = clock.now()
    return account


async def approve(session: AsyncSession, caller: Account, account_id: int) -> OfficialAccountRecord:
    account = await _pending(session, caller, account_id)
    account.status = AccountStatus.VERIFIED
    await session.flush()
    return account


async def reject(
    session: AsyncSession, caller: Account, account_id: int, reason: str
) -> OfficialAccountRecord:
    """Rejected, with the reason for the operator; the name is free again."""
    account = await _pending(session, caller, account_id)
    account.status = AccountStatus.REJECTED
    account.reject_reason = reason
    account.name_key = None
    await session.flush()
    return account


@dataclass(frozen=True, slots=True)
class Quota:
    """How many broadcasts the account may send in the current period, and how many it has."""

    quota: int
    sent: int
    resets_at: datetime


async def application_documents(
    session: AsyncSession, caller: Account, account_id: int
) -> list[Upload]:
    """The documents an account applied with, in their order, for its operator and the
    platform's admins (who review them)."""
    account = await get_account(session, account_id)
    if account.operator_id != caller.id:
        miniapps.require_admin(caller)
    ids = [int(document_id) for document_id in account.document_ids]
    found = await media.uploads_by_id(session, ids)
    return [found[document_id] for document_id in ids if document_id in found]


async def broadcast_quota(session: AsyncSession, caller: Account, account_id: int) -> Quota:
    """The operator's view of the account's broadcast quota (``broadcasts``)."""
    account = await require_operator(session, account_id, caller)
    account_type, now = AccountType(account.type), clock.now()
    since = broadcasts.period_start(account_type, now)
    return Quota(
        quota=broadcasts.QUOTAS[account_type],
        sent=await repository.count_broadcasts_since(session, account.id, since),
        resets_at=broadcasts.next_period_start(account_type, now),
    )


# Directory and following


async def search(session: AsyncSession, query: str) -> Sequence[OfficialAccountRecord]:
    """Verified accounts whose name contains ``query``, whatever the case."""
    return await repository.search_verified(session, query.strip().casefold(), DIRECTORY_MAX)


async def view(
    session: AsyncSession, account: OfficialAccountRecord, viewer_id: int
) -> AccountView:
    return AccountView(account, await is_follower(session, account.id, viewer_id))


async def follow(
    session: AsyncSession, caller: Account, account_id: int
) -> tuple[OfficialAccountRecord, bool]:
    """Follow a verified account; returns it and whether this call started following."""
    account = await visible_account(session, account_id, caller)
    require_verified(account)
    started = await repository.insert_follow(session, account.id, caller.id, clock.now())
    if started:
        await repository.add_followers(session, account.id, 1)
        await session.refresh(account, ["follower_count"])
    return account, started


async def unfollow(
    session: AsyncSession, caller: Account, account_id: int
) -> tuple[OfficialAccountRecord, bool]:
    """Stop following; returns the account and whether the caller followed it."""
    account = await visible_account(session, account_id, caller)
    stopped = await repository.delete_follow(session, account.id, caller.id)
    if stopped:
        await repository.add_followers(session, account.id, -1)
        await session.refresh(account, ["follower_count"])
    return account, stopped


async def following(session: AsyncSession, caller: Account) -> Sequence[OfficialAccountRecord]:
    return await repository.list_following(session, caller.id)


# Articles


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: ArticleRecord
    account: AccountView
    liked_by_me: bool


def _rendered(markdown: str) -> str:
    """The body as sanitised HTML; 422 ``official.article_unsafe`` if it carries script."""
    html = articles.to_html(markdown)
    unsafe = articles.find_unsafe(html)
    if unsafe is not None:
        raise ArticleUnsafe(
            f"The article contains {unsafe}; remove it (no script runs in articles).",
            field="markdown",
        )
    return articles.sanitise(html)


async def _set_cover(
    session: AsyncSession, article: ArticleRecord, owner: int, cover_id: int | None
) -> None:
    cover = None
    if cover_id is not None:
        cover = await _own_upload(session, owner, cover_id, ("image",), field="cover_id")
    article.cover_id = cover.id if cover else None
    article.cover_key = cover.key if cover else None


async def create_draft(
    session: AsyncSession, caller: Account, account_id: int, body: ArticleCreate
) -> ArticleRecord:
    account = await require_operator(session, account_id, caller)
    now = clock.now()
    article = ArticleRecord(
        id=new_id(),
        account_id=account.id,
        title=body.title,
        digest=body.digest,
        markdown=body.markdown,
        html=_rendered(body.markdown),
        like_count=0,
        created_at=now,
        updated_at=now,
    )
    await _set_cover(session, article, caller.id, body.cover_id)
    session.add(article)
    await session.flush()
    return article


async def _own_draft(session: AsyncSession, caller: Account, article_id: int) -> ArticleRecord:
    article = await repository.get_article_or_none(session, article_id, for_update=True)
    if article is None:
        raise ArticleNotFound()
    account = await get_account(session, article.account_id)
    if account.operator_id != caller.id:
        raise ArticleNotFound()
    if article.published_at is not None:
        raise ArticlePublished()
    return article


async def update_draft(
    session: AsyncSession, caller: Account, article_id: int, body: ArticleUpdate
) -> ArticleRecord:
    """Change a draft; only the fields given change."""
    article = await _own_draft(session, caller, article_id)
    given = body.model_fields_set
    if body.markdown is not None:
        article.html = _rendered(body.markdown)
        article.markdown = body.markdown
    if "cover_id" in given:
        await _set_cover(session, article, caller.id, body.cover_id)
    if body.title is not None:
        article.title = body.title
    if body.digest is not None:
        article.digest = body.digest
    article.updated_at = clock.now()
    await session.flush()
    return article


async def delete_draft(session: AsyncSession, caller: Account, article_id: int) -> None:
    article = await _own_draft(session, caller, article_id)
    await repository.delete_article(session, article.id)


async def drafts(
    session: AsyncSession, caller: Account, account_id: int
) -> tuple[OfficialAccountRecord, Sequence[ArticleRecord]]:
    account = await require_operator(session, account_id, caller)
    return account, await repository.list_drafts(session, account.id, DRAFTS_MAX)


async def _readable(
    session: AsyncSession, viewer_id: int, article_id: int, *, field: str | None = None
) -> ArticleRecord:
    """A published article, or a draft of the viewer's account."""
    article = await repository.get_article_or_none(session, article_id)
    if article is None:
        raise ArticleNotFound(field=field)
    if article.published_at is None:
        account = await get_account(session, article.account_id)
        if account.operator_id != viewer_id:
            raise ArticleNotFound(field=field)
    return article


async def _article_view(
    session: AsyncSession, article: ArticleRecord, caller: Account
) -> ArticleView:
    account = await get_account(session, article.account_id)
    return ArticleView(
        article,
        await view(session, account, caller.id),
        await repository.liked(session, article.id, caller.id),
    )


async def read_article(session: AsyncSession, caller: Account, article_id: int) -> ArticleView:
    return await _article_view(session, await _readable(session, caller.id, article_id), caller)


async def _published(
    session: AsyncSession, viewer_id: int, article_id: int, *, field: str | None = None
) -> ArticleRecord:
    article = await _readable(session, viewer_id, article_id, field=field)
    if article.published_at is None:
        raise ArticleNotFound("Only published articles can be liked or shared.", field=field)
    return article


async def like(session: AsyncSession, caller: Account, article_id: int) -> ArticleView:
    article = await _published(session, caller.id, article_id)
    if not await repository.insert_like(session, article.id, caller.id, clock.now()):
        raise AlreadyLiked()
    await repository.add_likes(session, article.id, 1)
    await session.refresh(article, ["like_count"])
    return await _article_view(session, article, caller)


async def unlike(session: AsyncSession, caller: Account, article_id: int) -> ArticleView:
    article = await _published(session, caller.id, article_id)
    if await repository.delete_like(session, article.id, caller.id):
        await repository.add_likes(session, article.id, -1)
        await session.refresh(article, ["like_count"])
    return await _article_view(session, article, caller)


async def published(
    session: AsyncSession, caller: Account, account_id: int, *, before_key: int | None, limit: int
) -> tuple[OfficialAccountRecord, Sequence[ArticleRecord]]:
    """The account's published articles, newest broadcast first (``limit + 1`` fetched
    by the caller to know if there is more)."""
    account = await visible_account(session, account_id, caller)
    rows = await repository.list_published(session, account.id, before_key=before_key, limit=limit)
    return account, rows


async def shared_article_content(
    session: AsyncSession, storage: MediaStorage, sender_id: int, article_id: int
) -> dict[str, Any]:
    """What a chat message sharing a published article carries (kind "article")."""
    article = await _published(session, sender_id, article_id, field="article.article_id")
    account = await get_account(session, article.account_id)
    return {
        "article_id": str(article.id),
        "title": article.title,
        "digest": article.digest,
        "cover_url": url_of(storage, article.cover_key),
        "account_name": account.name,
    }


# Broadcasts


def _check_quota(account: OfficialAccountRecord, sent: int, now: datetime) -> None:
    account_type = AccountType(account.type)
    quota = broadcasts.QUOTAS[account_type]
    if sent >= quota:
        again = broadcasts.next_period_start(account_type, now)
        period = "UTC day" if account_type == SUBSCRIPTION else "calendar month"
        raise BroadcastQuotaExceeded(
            f"A {account_type.value} account sends {quota} broadcast(s) a {period}; "
            f"the next one can go at {again.isoformat()}.",
            headers={"Retry-After": str(max(1, int((again - now).total_seconds())))},
        )


async def broadcast(
    session: AsyncSession, caller: Account, account_id: int, article_ids: Sequence[int]
) -> tuple[BroadcastRecord, OfficialAccountRecord, list[ArticleRecord]]:
    """Publish 1 to 8 drafts to every follower, within the account's quota. Subscription
    broadcasts reach followers' Subscriptions folders on read; a service broadcast's chat
    messages are posted by ``official.messaging``."""
    if len(article_ids) > ARTICLES_PER_BROADCAST:
        raise TooManyArticles(field="article_ids")
    account = await require_operator(session, account_id, caller, for_update=True)
    require_verified(account)
    found = await repository.get_articles(session, article_ids)
    chosen = [found.get(article_id) for article_id in article_ids]
    for article in chosen:
        if article is None or article.account_id != account.id:
            raise ArticleNotFound(field="article_ids")
        if article.published_at is not None:
            raise ArticlePublished(field="article_ids")
    now = clock.now()
    account_type = AccountType(account.type)
    since = broadcasts.period_start(account_type, now)
    _check_quota(account, await repository.count_broadcasts_since(session, account.id, since), now)
    sent = BroadcastRecord(id=new_id(), account_id=account.id, type=account.type, sent_at=now)
    session.add(sent)
    await session.flush()
    published_articles = [article for article in chosen if article is not None]
    for article in reversed(published_articles):  # the first gets the largest key
        article.broadcast_id = sent.id
        article.published_at = now
        article.order_key = new_id()
    await session.flush()
    return sent, account, published_articles


# The Subscriptions folder


@dataclass(frozen=True, slots=True)
class FolderEntry:
    broadcast: BroadcastRecord
    account: OfficialAccountRecord
    articles: list[ArticleRecord]


async def folder(
    session: AsyncSession, caller: Account, *, before_id: int | None, limit: int
) -> list[FolderEntry]:
    """Broadcasts of the subscription accounts the caller follows, newest first; three
    queries a page whatever its size."""
    sent = await repository.list_folder(session, caller.id, before_id=before_id, limit=limit)
    accounts = await repository.get_accounts(session, {b.account_id for b in sent})
    articles_of = await repository.articles_of_broadcasts(session, [b.id for b in sent])
    return [FolderEntry(b, accounts[b.account_id], articles_of[b.id]) for b in sent]


async def folder_summary(session: AsyncSession, caller: Account) -> tuple[int, FolderEntry | None]:
    """How many broadcasts arrived since the folder was last read, and the latest."""
    marker = await repository.get_read_marker(session, caller.id)
    unread = await repository.count_folder_after(session, caller.id, marker)
    latest = await folder(session, caller, before_id=None, limit=1)
    return unread, latest[0] if latest else None


async def read_folder(session: AsyncSession, caller: Account) -> None:
    """Everything in the folder now counts as read."""
    latest = await repository.list_folder(session, caller.id, before_id=None, limit=1)
    if latest:
        await repository.set_read_marker(session, caller.id, latest[0].id, clock.now())
