"""The daily payment limit: counted in the deployment's time zone, nothing moves past it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from plaza.config import Settings
from plaza.kit.clock import ManualClock
from plaza.wallet.limits import start_of_day
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_transfers import balance, books_balance, ready_to_pay, send


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"wallet_daily_limit": Decimal("100.00")})


def test_a_day_starts_at_local_midnight() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    late_evening = datetime(2026, 11, 29, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai
    assert start_of_day(late_evening, shanghai) == datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
    after_midnight = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
    assert start_of_day(after_midnight, shanghai) == after_midnight


async def test_payments_stop_at_the_daily_limit_until_local_midnight(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock
) -> None:
    alice = await ready_to_pay(app, client, "Alice", top_up="500.00")
    bob: Person = await create_person(app, "Bob")
    assert (await send(client, alice, bob, "60.00", key="a")).status_code == 201
    assert (await send(client, alice, bob, "40.00", key="b")).status_code == 201

    over = await send(client, alice, bob, "0.01", key="c")
    assert_problem(over, 409, "wallet.daily_limit_exceeded", "amount")
    assert "0.00 CNY is left" in over.json()["detail"]
    assert await balance(client, alice) == 40000

    clock.advance(timedelta(hours=4))  # 12:00 UTC is 20:00 in Shanghai; now past midnight
    again = await send(client, alice, bob, "0.01", key="c")
    assert again.status_code == 201, again.text
    assert await balance(client, alice) == 39999
    await books_balance(app)
