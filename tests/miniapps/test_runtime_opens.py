"""Daily opens for the developer: every day of the window, opens summed, people once a day,
days in the deployment's time zone (Asia/Shanghai by default)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.test_runtime_directory import open_app, release
from tests.miniapps.test_versions import ok


async def stats(
    client: httpx.AsyncClient, person: Person, app_id: str, days: int | None = None
) -> list[dict[str, object]]:
    query = f"?days={days}" if days is not None else ""
    found: list[dict[str, object]] = await ok(
        client.get(f"/v1/miniapps/{app_id}/stats/opens{query}", headers=person.auth)
    )
    return found


async def test_opens_and_people_a_day(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    bob: Person,
    root: Person,
    clock: ManualClock,
) -> None:
    coffee = await release(client, alice, root, "Coffee")
    taxi = await release(client, alice, root, "Taxi", "travel")
    carol = await create_person(app, "Carol")
    # 2026-11-29 23:59 in Shanghai (15:59 UTC): Bob twice, Carol once
    clock.advance(datetime(2026, 11, 29, 15, 59, tzinfo=UTC) - clock.now())
    for person in (bob, bob, carol):
        await open_app(client, person, coffee)
    await open_app(client, bob, taxi)  # another app's open is not counted here
    # two minutes later it is 2026-11-30 in Shanghai, still the 29th in UTC
    clock.advance(timedelta(minutes=2))
    await open_app(client, bob, coffee)

    week = await stats(client, alice, coffee, days=7)
    assert [row["day"] for row in week] == [f"2026-11-{day}" for day in range(24, 31)]
    assert week[-2:] == [
        {"day": "2026-11-29", "opens": 3, "people": 2},
        {"day": "2026-11-30", "opens": 1, "people": 1},
    ]
    assert all(row["opens"] == row["people"] == 0 for row in week[:-2])
    assert len(await stats(client, alice, coffee)) == 30
    assert (await stats(client, alice, coffee, days=1)) == [
        {"day": "2026-11-30", "opens": 1, "people": 1}
    ]
    assert (await stats(client, alice, taxi, days=2))[0] == {
        "day": "2026-11-29",
        "opens": 1,
        "people": 1,
    }


async def test_only_the_developer_sees_the_figures(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    coffee = await release(client, alice, root, "Coffee")
    response = await client.get(f"/v1/miniapps/{coffee}/stats/opens", headers=bob.auth)
    assert_problem(response, 404, "miniapps.not_found", None)
    for days in (0, 91):
        response = await client.get(
            f"/v1/miniapps/{coffee}/stats/opens?days={days}", headers=alice.auth
        )
        assert_problem(response, 422, "request.invalid", "days")
    assert len(await stats(client, alice, coffee, days=90)) == 90
