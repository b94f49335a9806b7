from __future__ import annotations

from plaza.kit.errors import PlazaError


class ConversationNotFound(PlazaError):
    status = 404
    code = "chat.conversation_not_found"
    title = "No such conversation"


class NotMember(PlazaError):
    status = 403
    code = "chat.not_member"
    title = "You are not in this conversation"


class NotFriends(PlazaError):
    status = 403
    code = "chat.not_friends"
    title = "You can only chat one to one with friends"


class Blocked(PlazaError):
    status = 403
    code = "chat.blocked"
    title = "This person does not accept your messages"


class MessageNotFound(PlazaError):
    status = 404
    code = "chat.message_not_found"
    title = "No such message"


class RecallWindowPassed(PlazaError):
    status = 409
    code = "chat.recall_window_passed"
    title = "Messages can be recalled within 2 minutes"


class NotSender(PlazaError):
    status = 403
    code = "chat.not_sender"
    title = "Only the sender can recall a message"


class MentionAllForbidden(PlazaError):
    status = 403
    code = "chat.mention_all_forbidden"
    title = "Only the group owner and admins can mention everyone"


class GroupFull(PlazaError):
    status = 409
    code = "chat.group_full"
    title = "A group has at most 500 members"


class NotAllowed(PlazaError):
    status = 403
    code = "chat.not_allowed"
    title = "Only the group owner or an admin can do that"


class AdminLimit(PlazaError):
    status = 409
    code = "chat.admin_limit"
    title = "A group has at most 3 admins"


class OwnerMustTransfer(PlazaError):
    status = 409
    code = "chat.owner_must_transfer"
    title = "Transfer ownership before leaving the group"


class NotAGroup(PlazaError):
    status = 409
    code = "chat.not_a_group"
    title = "That only works in a group"


class ReadOnly(PlazaError):
    """Service Notifications: only mini-programs' notices arrive there."""

    status = 403
    code = "chat.read_only"
    title = "Nobody can send messages in this conversation"


class JoinLinkInvalid(PlazaError):
    status = 404
    code = "chat.join_link_invalid"
    title = "This group QR code is invalid or has expired"
