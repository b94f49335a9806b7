from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class AccountNotFound(PlazaError):
    """Unknown, or not verified and the caller is neither its operator nor an admin:
    answered alike."""

    status = 404
    code = "official.account_not_found"
    title = "No such official account"


class NotOperator(PlazaError):
    status = 403
    code = "official.not_operator"
    title = "Only the account's operator can do this"


class NotVerified(PlazaError):
    status = 409
    code = "official.not_verified"
    title = "The account is not verified yet"


class NameTaken(PlazaError):
    status = 409
    code = "official.name_taken"
    title = "An official account already has this name"


class NotPending(PlazaError):
    status = 409
    code = "official.not_pending"
    title = "The application was already reviewed"


class UploadInvalid(RequestInvalid):
    """Not an upload of the caller's, or not of the kind asked for (an image for an avatar
    or cover)."""

    code = "official.upload_invalid"
    title = "The upload is not one of yours of the right kind"


class ArticleNotFound(PlazaError):
    """Unknown, or a draft and the caller is not its account's operator: answered alike."""

    status = 404
    code = "official.article_not_found"
    title = "No such article"


class ArticleUnsafe(RequestInvalid):
    code = "official.article_unsafe"
    title = "The article carries script, event handlers, iframes or unsafe links"


class ArticlePublished(PlazaError):
    status = 409
    code = "official.article_published"
    title = "A published article cannot be changed"


class AlreadyLiked(PlazaError):
    status = 409
    code = "official.already_liked"
    title = "You already like this article"


class TooManyArticles(RequestInvalid):
    code = "official.too_many_articles"
    title = "A broadcast has at most 8 articles"


class BroadcastQuotaExceeded(PlazaError):
    status = 429
    code = "official.broadcast_quota_exceeded"
    title = "The account has used its broadcasts for this period"
