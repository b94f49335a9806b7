from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from plaza.kit.schemas import Schema


class SyncEvent(Schema):
    seq: int = Field(description="This account's event number; the next cursor.")
    type: str = Field(description="message.new, message.recalled, conversation.updated, ...")
    data: dict[str, Any]
    created_at: datetime


class SyncPage(Schema):
    events: list[SyncEvent]
    cursor: int = Field(description="Pass back as `cursor` to continue from here.")
    has_more: bool = Field(description="True when more events wait: call again at once.")
