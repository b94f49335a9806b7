"""Moments' error codes (docs/api/errors.md lists them)."""

from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class PostNotFound(PlazaError):
    """Unknown, deleted, or not visible to the caller: answered alike so nobody learns which."""

    status = 404
    code = "moments.post_not_found"
    title = "No such post"


class CommentNotFound(PlazaError):
    status = 404
    code = "moments.comment_not_found"
    title = "No such comment on this post"


class PostEmpty(RequestInvalid):
    code = "moments.post_empty"
    title = "A post needs text, a photo or a link"


class TooManyPhotos(RequestInvalid):
    code = "moments.too_many_photos"
    title = "A post has at most 9 photos"


class PhotoInvalid(RequestInvalid):
    code = "moments.photo_invalid"
    title = "Photos must be images you uploaded"


class LinkInvalid(RequestInvalid):
    code = "moments.link_invalid"
    title = "A link must start with https:// or be a Plaza page path"


class AudienceInvalid(RequestInvalid):
    code = "moments.audience_invalid"
    title = "The audience must name your own friends and tags"


class AlreadyLiked(PlazaError):
    status = 409
    code = "moments.already_liked"
    title = "You already like this post"


class StatusEmpty(RequestInvalid):
    code = "moments.status_empty"
    title = "A status needs text, an emoji or a photo"


class PersonNotFound(PlazaError):
    status = 404
    code = "moments.person_not_found"
    title = "No such person"
