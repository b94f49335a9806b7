"""A released mini-program and a ``PlazaClient`` for it, talking to the real app in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.kit.clock import ManualClock
from plaza.open_api.models import AccessToken
from plaza_sdk.client import PlazaClient
from tests.conftest import CLIENT_IP
from tests.open_api.conftest import App


def client_for(app: FastAPI, coffee: App, clock: ManualClock, *, secret: str = "") -> PlazaClient:
    """An SDK client over ASGI whose token clock is the test's clock."""
    return PlazaClient(
        "http://plaza.test",
        coffee.app_id,
        secret or coffee.secret,
        transport=httpx.ASGITransport(app=app, client=(CLIENT_IP, 50001)),
        clock=lambda: clock.now().timestamp(),
    )


async def tokens_issued(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(AccessToken)) or 0)


@pytest.fixture
async def plaza(app: FastAPI, coffee: App, clock: ManualClock) -> AsyncIterator[PlazaClient]:
    async with client_for(app, coffee, clock) as sdk:
        yield sdk
