"""Official accounts' records as the API shows them."""

from __future__ import annotations

from plaza.media.storage import MediaStorage
from plaza.official import service
from plaza.official.models import AccountStatus, AccountType, ArticleRecord, OfficialAccountRecord
from plaza.official.schemas import (
    Application,
    Article,
    ArticleCard,
    Draft,
    MenuItem,
    OfficialAccount,
)


def to_account(view: service.AccountView, storage: MediaStorage) -> OfficialAccount:
    account = view.account
    return OfficialAccount(
        id=account.id,
        name=account.name,
        type=AccountType(account.type).value,
        description=account.description,
        avatar_url=service.url_of(storage, account.avatar_key),
        status=AccountStatus(account.status).value,
        follower_count=account.follower_count,
        following=view.following,
        menu=[MenuItem.model_validate(item) for item in account.menu],
    )


def to_application(view: service.AccountView, storage: MediaStorage) -> Application:
    account = view.account
    return Application(
        **to_account(view, storage).model_dump(),
        document_ids=[int(document_id) for document_id in account.document_ids],
        reject_reason=account.reject_reason,
        created_at=account.created_at,
        reviewed_at=account.reviewed_at,
    )


def to_card(
    article: ArticleRecord, account: OfficialAccountRecord, storage: MediaStorage
) -> ArticleCard:
    return ArticleCard(
        id=article.id,
        title=article.title,
        digest=article.digest,
        cover_url=service.url_of(storage, article.cover_key),
        account_id=account.id,
        account_name=account.name,
        published_at=article.published_at,
    )


def to_article(view: service.ArticleView, storage: MediaStorage) -> Article:
    article = view.article
    return Article(
        id=article.id,
        account=to_account(view.account, storage),
        title=article.title,
        digest=article.digest,
        cover_url=service.url_of(storage, article.cover_key),
        html=article.html,
        published_at=article.published_at,
        like_count=article.like_count,
        liked_by_me=view.liked_by_me,
    )


def to_draft(view: service.ArticleView, storage: MediaStorage) -> Draft:
    article = view.article
    return Draft(
        **to_article(view, storage).model_dump(),
        markdown=article.markdown,
        cover_id=article.cover_id,
        updated_at=article.updated_at,
    )


def own_draft(
    article: ArticleRecord, account: OfficialAccountRecord, storage: MediaStorage
) -> Draft:
    """A draft as its operator (who does not like their own drafts) sees it."""
    view = service.ArticleView(article, service.AccountView(account, following=False), False)
    return to_draft(view, storage)
