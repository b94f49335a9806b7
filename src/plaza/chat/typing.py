"""The ``typing`` WebSocket frame: "Alice is typing..." in a 1:1 chat."""

from __future__ import annotations

from typing import Any

from plaza.chat.conversations import typing_recipients
from plaza.kit.db import Database
from plaza.kit.errors import RequestInvalid
from plaza.realtime import service as realtime
from plaza.realtime.broker import Broker
from plaza.realtime.gateway import Connection, FrameHandler


def typing_handler(database: Database, broker: Broker) -> FrameHandler:
    """Relays ``{"type": "typing", "conversation_id": "..."}`` to the other person."""

    async def relay(connection: Connection, frame: dict[str, Any]) -> None:
        conversation_id = str(frame.get("conversation_id", ""))
        if not conversation_id.isdigit():
            raise RequestInvalid("typing needs a conversation_id.", field="conversation_id")
        async with database.unit_of_work() as session:
            recipients = await typing_recipients(
                session, connection.account_id, int(conversation_id)
            )
        data = {"conversation_id": conversation_id, "account_id": str(connection.account_id)}
        await realtime.signal(broker, recipients, "typing", data)

    return relay
