"""The custom menu on an account's chat page: up to 3 items, a submenu item holding up to 5
sub-items; an item opens an https link, opens a page of a released mini-program, or sends a
keyword as the follower's message."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat.schemas import MINIAPP_PATH_MAX
from plaza.identity.models import Account
from plaza.miniapps import service as miniapps
from plaza.miniapps.errors import MiniAppNotFound
from plaza.official.messaging.errors import (
    MenuItemInvalid,
    MenuLinkInvalid,
    MenuMiniAppNotFound,
    MenuTooManyItems,
    MenuTooManySubItems,
)
from plaza.official.messaging.schemas import KEYWORD_MAX
from plaza.official.messaging.urls import is_web_url
from plaza.official.schemas import MenuItem, MenuSubItem

MENU_ITEMS = 3  # as WeChat
MENU_SUB_ITEMS = 5  # as WeChat
SUBMENU = "submenu"
NEEDS = {"link": "url", "miniapp": "app_id", "keyword": "keyword", SUBMENU: "sub_items"}
"""What each kind of item must carry; it may carry nothing else (but a mini-program's path)."""
ROOT_PATH = "/"


async def _checked_entry(
    session: AsyncSession, operator: Account, entry: MenuSubItem, field: str
) -> dict[str, Any]:
    """One item as stored, or the error that names what is wrong with it."""
    given = {name for name in ("url", "app_id", "path", "keyword") if getattr(entry, name)}
    if isinstance(entry, MenuItem) and entry.sub_items is not None:
        given.add("sub_items")
    allowed = {NEEDS[entry.kind]} | ({"path"} if entry.kind == "miniapp" else set())
    if NEEDS[entry.kind] not in given or given - allowed:
        raise MenuItemInvalid(
            f"A {entry.kind} item needs `{NEEDS[entry.kind]}` and nothing of other kinds.",
            field=field,
        )
    stored: dict[str, Any] = {"name": entry.name, "kind": entry.kind}
    if entry.kind == "link":
        if entry.url is None or not is_web_url(entry.url):
            raise MenuLinkInvalid(field=f"{field}.url")
        stored["url"] = entry.url
    elif entry.kind == "miniapp":
        stored |= await _checked_miniapp(session, operator, entry, field)
    elif entry.kind == "keyword":
        keyword = (entry.keyword or "").strip()
        if not keyword or len(keyword) > KEYWORD_MAX:
            raise MenuItemInvalid(f"A keyword has 1 to {KEYWORD_MAX} characters.", field=field)
        stored["keyword"] = keyword
    return stored


async def _checked_miniapp(
    session: AsyncSession, operator: Account, entry: MenuSubItem, field: str
) -> dict[str, str]:
    path = entry.path or ROOT_PATH
    if not path.startswith(ROOT_PATH) or len(path) > MINIAPP_PATH_MAX or not path.isprintable():
        raise MenuItemInvalid("A page path starts with /.", field=f"{field}.path")
    try:
        app = await miniapps.openable_app(session, operator.id, entry.app_id or "")
    except MiniAppNotFound:
        raise MenuMiniAppNotFound(field=f"{field}.app_id") from None
    if app.live_version is None:  # on trial: only its testers could open it
        raise MenuMiniAppNotFound(field=f"{field}.app_id")
    return {"app_id": app.app_id, "path": path}


async def checked_menu(
    session: AsyncSession, operator: Account, items: list[MenuItem]
) -> list[dict[str, Any]]:
    """The menu as the account stores it, every item checked; the first problem is raised
    with the field it is in (``items.1.sub_items.0.url``)."""
    if len(items) > MENU_ITEMS:
        raise MenuTooManyItems(field="items")
    menu = []
    for index, item in enumerate(items):
        field = f"items.{index}"
        stored = await _checked_entry(session, operator, item, field)
        if item.kind == SUBMENU:
            sub_items = item.sub_items or []
            if len(sub_items) > MENU_SUB_ITEMS:
                raise MenuTooManySubItems(field=f"{field}.sub_items")
            if not sub_items:
                raise MenuItemInvalid("A submenu needs at least one item.", field=field)
            stored["sub_items"] = []
            for sub_index, sub_item in enumerate(sub_items):
                sub_field = f"{field}.sub_items.{sub_index}"
                if sub_item.kind == SUBMENU:
                    raise MenuItemInvalid("A submenu cannot hold a submenu.", field=sub_field)
                stored["sub_items"].append(
                    await _checked_entry(session, operator, sub_item, sub_field)
                )
        menu.append(stored)
    return menu
