"""The test app served over real HTTP and WebSocket on a local port, in this event loop."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def live_url(app: FastAPI) -> AsyncIterator[str]:
    """``ws://127.0.0.1:<port>`` of a uvicorn serving the test's app (already started)."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="off", log_config=None, ws_ping_interval=None
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    yield f"ws://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def open_socket(live_url: str, token: str) -> ClientConnection:
    """A signed-in socket: authenticated by its first frame, and ready."""
    ws = await connect(f"{live_url}/ws")
    await ws.send(json.dumps({"type": "auth", "token": token}))
    ready = await next_frame(ws)
    assert ready["type"] == "ready", ready
    return ws


async def next_frame(ws: ClientConnection, *, timeout: float = 5) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), timeout))
    return frame


async def frames_until(ws: ClientConnection, count: int) -> list[dict[str, Any]]:
    return [await next_frame(ws) for _ in range(count)]
