from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class ContactNotFound(PlazaError):
    """Unknown, deleted, hidden by their privacy setting, or they blocked the caller:
    all answered alike so that nobody learns which."""

    status = 404
    code = "contacts.not_found"
    title = "No one was found"


class CannotAddSelf(RequestInvalid):
    code = "contacts.cannot_add_self"
    title = "You cannot add yourself as a friend"


class CannotBlockSelf(RequestInvalid):
    code = "contacts.cannot_block_self"
    title = "You cannot block yourself"


class AlreadyFriends(PlazaError):
    status = 409
    code = "contacts.already_friends"
    title = "You are already friends"


class BlockedByYou(PlazaError):
    status = 409
    code = "contacts.blocked_by_you"
    title = "You blocked this person; unblock them first"


class RequestNotFound(PlazaError):
    status = 404
    code = "contacts.request_not_found"
    title = "No such friend request"


class RequestNotPending(PlazaError):
    status = 409
    code = "contacts.request_not_pending"
    title = "This friend request was already answered"


class RequestExpired(PlazaError):
    status = 409
    code = "contacts.request_expired"
    title = "This friend request has expired"


class NotAFriend(PlazaError):
    status = 404
    code = "contacts.not_a_friend"
    title = "This person is not among your friends"
