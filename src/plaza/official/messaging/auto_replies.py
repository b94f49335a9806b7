"""Which auto-reply a follower's message gets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

EXACT, CONTAINS = "exact", "contains"


def _matches(rule: Mapping[str, Any], text: str) -> bool:
    keyword = str(rule["keyword"]).casefold()
    said = text.strip().casefold()
    return said == keyword if rule["match"] == EXACT else keyword in said


def reply_for(text: str, keywords: Sequence[Mapping[str, Any]], default: str) -> str | None:
    """The reply of the first keyword rule that matches (``exact``: the whole message,
    ``contains``: anywhere in it; case ignored), else the default reply; None when that is
    empty too."""
    for rule in keywords:
        if _matches(rule, text):
            return str(rule["reply"])
    return default or None
