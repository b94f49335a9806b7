from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Annotated, Any

from fastapi import Depends, Query, WebSocket, WebSocketDisconnect

from plaza.identity import service as identity
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.errors import TokenMissing
from plaza.kit.db import Database, DbSession, UnitOfWorkRoute
from plaza.kit.errors import PlazaError
from plaza.kit.ids import MAX_ID
from plaza.kit.routing import Router
from plaza.realtime import service
from plaza.realtime.gateway import CLOSE_POLICY_VIOLATION, Connection, Gateway
from plaza.realtime.schemas import SyncEvent, SyncPage

SYNC_PAGE_MAX = 500
AUTH_TIMEOUT_SECONDS = 10
PONG = json.dumps({"type": "pong"})

router = Router(
    prefix="/v1",
    tags=["realtime"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
socket_router = Router(tags=["realtime"])


@router.get("/sync")
async def sync(
    caller: CurrentUser,
    session: DbSession,
    cursor: Annotated[int, Query(ge=0, le=MAX_ID, description="The last seq this device has.")] = 0,
    limit: Annotated[int, Query(ge=1, le=SYNC_PAGE_MAX)] = 200,
) -> SyncPage:
    """Everything that happened to me after `cursor`, oldest first (offline catch-up)."""
    page = await service.sync(session, caller.account.id, cursor=cursor, limit=limit)
    return SyncPage(
        events=[
            SyncEvent(seq=e.seq, type=e.type, data=e.payload, created_at=e.created_at)
            for e in page.events
        ],
        cursor=page.cursor,
        has_more=page.has_more,
    )


async def _authenticate(websocket: WebSocket) -> tuple[int, int]:
    """The first frame must be ``{"type": "auth", "token": ...}`` (a token in the URL
    would end up in access logs)."""
    try:
        async with asyncio.timeout(AUTH_TIMEOUT_SECONDS):
            message = await websocket.receive()
    except TimeoutError:
        raise TokenMissing() from None
    frame = _parse(message.get("text"))
    token = frame.get("token") if frame is not None and frame["type"] == "auth" else None
    if not isinstance(token, str) or not token:
        raise TokenMissing()
    database: Database = websocket.app.state.database
    async with database.unit_of_work() as session:
        caller = await identity.authenticate(session, token)
        return caller.account.id, caller.device.id


def _parse(text: str | None) -> dict[str, Any] | None:
    try:
        frame = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return frame if isinstance(frame, dict) and isinstance(frame.get("type"), str) else None


@socket_router.websocket("/ws")
async def websocket(websocket: WebSocket) -> None:
    """Pushes this account's events as they happen; see docs/subsystems/realtime.md."""
    gateway: Gateway = websocket.app.state.gateway
    await websocket.accept()
    try:
        account_id, device_id = await _authenticate(websocket)
    except PlazaError as error:
        await websocket.close(CLOSE_POLICY_VIOLATION, error.code)
        return
    connection = Connection(websocket=websocket, account_id=account_id, device_id=device_id)
    await gateway.connect(connection)
    connection.push(json.dumps({"type": "ready", "account_id": str(account_id)}))
    writer = asyncio.create_task(connection.write_loop())
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            frame = _parse(message.get("text"))
            if frame is None:
                await websocket.close(CLOSE_POLICY_VIOLATION, "frames are JSON objects with a type")
                break
            if frame["type"] == "ping":
                connection.push(PONG)
                continue
            handler = gateway.frame_handlers.get(frame["type"])
            if handler is None:
                await websocket.close(CLOSE_POLICY_VIOLATION, f"unknown frame type {frame['type']}")
                break
            try:
                await handler(connection, frame)
            except PlazaError as error:
                connection.push(
                    json.dumps({"type": "error", "code": error.code, "detail": error.detail})
                )
    except WebSocketDisconnect:
        pass
    finally:
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await writer
        await gateway.disconnect(connection)
