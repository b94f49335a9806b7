from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class NotFollower(PlazaError):
    status = 403
    code = "official.not_follower"
    title = "Follow the account to message it"


class MenuTooManyItems(RequestInvalid):
    code = "official.menu_too_many_items"
    title = "A menu has at most 3 items"


class MenuTooManySubItems(RequestInvalid):
    code = "official.menu_too_many_sub_items"
    title = "A menu item has at most 5 sub-items"


class MenuItemInvalid(RequestInvalid):
    """An item without what its kind needs (a submenu without sub-items, a keyword item
    without a keyword), with parts of another kind, or a submenu inside a submenu."""

    code = "official.menu_item_invalid"
    title = "The menu item does not match its kind"


class MenuLinkInvalid(RequestInvalid):
    code = "official.menu_link_invalid"
    title = "A menu link must be an https:// URL"


class MenuMiniAppNotFound(RequestInvalid):
    """Unknown, or not released (yet, or any more)."""

    code = "official.menu_miniapp_not_found"
    title = "No released mini-program has this id"


class ReplyWindowClosed(PlazaError):
    status = 409
    code = "official.reply_window_closed"
    title = "The account may reply only within 48 hours of the follower's last message"


class ThreadNotFound(PlazaError):
    """The person never wrote to the account."""

    status = 404
    code = "official.thread_not_found"
    title = "This person has not written to the account"


class WebhookUrlInvalid(RequestInvalid):
    code = "official.webhook_url_invalid"
    title = "The webhook URL must be an https:// URL"
