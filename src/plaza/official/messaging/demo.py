"""The demo accounts' menus and auto-replies (``official.demo`` calls ``set_up`` for each
account it makes, before the demo people follow, so that they get the greeting)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.official.messaging import service
from plaza.official.messaging.schemas import AutoReplies
from plaza.official.schemas import MenuItem


def _keyword(name: str, keyword: str) -> dict[str, Any]:
    return {"name": name, "kind": "keyword", "keyword": keyword}


DEMO_MENUS: dict[str, list[dict[str, Any]]] = {
    "Plaza City Services": [
        _keyword("Bills", "bills"),
        {
            "name": "Services",
            "kind": "submenu",
            "sub_items": [
                {"name": "City website", "kind": "link", "url": "https://example.org/city"},
                _keyword("Opening hours", "hours"),
                _keyword("Report a problem", "report"),
            ],
        },
        _keyword("Contact", "contact"),
    ],
    "Plaza Daily": [
        _keyword("Today", "today"),
        {"name": "Website", "kind": "link", "url": "https://example.org/daily"},
    ],
}
DEMO_REPLIES: dict[str, dict[str, Any]] = {
    "Plaza City Services": {
        "on_follow": "Welcome to Plaza City Services! Tap the menu below for bills, opening "
        "hours and more.",
        "default": "Thanks for your message. Our team answers within one working day.",
        "keywords": [
            {
                "keyword": "bills",
                "match": "contains",
                "reply": "Pay water, power and gas bills in Me → Wallet → Bills.",
            },
            {
                "keyword": "hours",
                "match": "exact",
                "reply": "City offices are open Monday to Friday, 9:00 to 17:00.",
            },
            {
                "keyword": "report",
                "match": "contains",
                "reply": "Tell us what and where (a photo helps); we pass it to the right team.",
            },
            {
                "keyword": "contact",
                "match": "exact",
                "reply": "Call 12345, any day, 8:00 to 20:00.",
            },
        ],
    },
    "Plaza Daily": {
        "on_follow": "Thanks for following Plaza Daily! 感谢关注每日精选。",
        "default": "Thanks for writing to Plaza Daily: we read every message.",
        "keywords": [
            {
                "keyword": "today",
                "match": "exact",
                "reply": "Today's stories are in your Subscriptions folder, at the top of Chats.",
            },
            {"keyword": "投稿", "match": "contains", "reply": "欢迎投稿！请直接回复你的故事。"},
        ],
    },
}


async def set_up(session: AsyncSession, operator: Account, account_id: int, name: str) -> None:
    """Give the demo account called ``name`` its menu and auto-replies."""
    menu = [MenuItem.model_validate(item) for item in DEMO_MENUS[name]]
    await service.set_menu(session, operator, account_id, menu)
    replies = AutoReplies.model_validate(DEMO_REPLIES[name])
    await service.set_auto_replies(session, operator, account_id, replies)
