"""Discover -> Mini Programs: recently used (latest first, once each, released only), the
directory by name and category with pages, and the category counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from plaza.kit.clock import ManualClock
from plaza.miniapps.models import MiniApp
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import create_app, step, upload_ok
from tests.miniapps.test_versions import ok


async def release(
    client: httpx.AsyncClient,
    developer: Person,
    admin: Person,
    name: str,
    category: str = "food",
) -> str:
    """A new mini-program with version 1.0.0 released; its app id."""
    app_id: str = (await create_app(client, developer, name, category=category))["app_id"]
    await upload_ok(client, developer, app_id)
    await ok(step(client, developer, app_id, "1.0.0", "submit"))
    await ok(step(client, admin, app_id, "1.0.0", "approve"))
    return app_id


async def open_app(client: httpx.AsyncClient, person: Person, app_id: str) -> None:
    response = await client.post(f"/v1/miniapps/{app_id}/opens", headers=person.auth)
    assert response.status_code == 204, response.text


async def recent_ids(client: httpx.AsyncClient, person: Person) -> list[str]:
    response = await client.get("/v1/miniapps/recent", headers=person.auth)
    assert response.status_code == 200, response.text
    return [entry["app_id"] for entry in response.json()]


async def browse(client: httpx.AsyncClient, person: Person, **query: Any) -> dict[str, Any]:
    response = await client.get("/v1/miniapps/directory", headers=person.auth, params=query)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def names(page: dict[str, Any]) -> list[str]:
    return [entry["name"] for entry in page["items"]]


async def test_recent_is_latest_first_and_once_each(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person, clock: ManualClock
) -> None:
    coffee = await release(client, alice, root, "Coffee")
    taxi = await release(client, alice, root, "Taxi", "travel")
    clinic = await release(client, alice, root, "Clinic", "health")
    assert await recent_ids(client, bob) == []

    for app_id in (coffee, taxi, clinic, coffee):
        await open_app(client, bob, app_id)
        clock.advance(timedelta(seconds=1))

    assert await recent_ids(client, bob) == [coffee, clinic, taxi]
    assert await recent_ids(client, alice) == [], "each person has their own"
    entry = (await client.get("/v1/miniapps/recent", headers=bob.auth)).json()[0]
    assert entry == (await ok(client.get(f"/v1/miniapps/directory/{coffee}", headers=bob.auth)))
    assert entry["icon_url"] == f"{entry['origin']}/images/icon.png"


async def test_recent_keeps_the_twenty_latest(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person, clock: ManualClock
) -> None:
    opened = []
    for number in range(21):
        app_id = await release(client, alice, root, f"App {number}")
        await open_app(client, bob, app_id)
        opened.append(app_id)
        clock.advance(timedelta(seconds=1))
    assert await recent_ids(client, bob) == opened[::-1][:20]


async def test_recent_shows_only_what_is_still_released(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    bob: Person,
    root: Person,
    clock: ManualClock,
) -> None:
    coffee = await release(client, alice, root, "Coffee")
    trial = (await create_app(client, alice, "Trial"))["app_id"]
    await upload_ok(client, alice, trial)
    await ok(step(client, alice, trial, "1.0.0", "trial"))
    put = await client.put(
        f"/v1/miniapps/{trial}/testers", headers=alice.auth, json={"plaza_ids": [bob.plaza_id]}
    )
    assert put.status_code == 200, put.text

    await open_app(client, bob, coffee)
    clock.advance(timedelta(seconds=1))
    await open_app(client, bob, trial)  # a tester may open the trial...
    assert await recent_ids(client, bob) == [coffee]  # ...which is not served, so not listed

    await ok(step(client, alice, trial, "1.0.0", "submit"))
    await ok(step(client, root, trial, "1.0.0", "approve"))
    assert await recent_ids(client, bob) == [trial, coffee], "the recorded open counts once out"

    async with app.state.database.unit_of_work() as session:  # taken down
        await session.execute(
            update(MiniApp).where(MiniApp.app_id == coffee).values(live_version=None)
        )
    assert await recent_ids(client, bob) == [trial]
    assert_problem(
        await client.post(f"/v1/miniapps/{coffee}/opens", headers=bob.auth),
        404,
        "miniapps.not_found",
        None,
    )


async def test_opening_needs_an_openable_app(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    draft = (await create_app(client, alice, "Draft"))["app_id"]
    await upload_ok(client, alice, draft)
    for app_id in (draft, "px0000000000000000"):
        response = await client.post(f"/v1/miniapps/{app_id}/opens", headers=bob.auth)
        assert_problem(response, 404, "miniapps.not_found", None)
    assert (await client.post(f"/v1/miniapps/{draft}/opens")).status_code == 401
    assert await recent_ids(client, bob) == []


async def test_directory_searches_names_in_any_case(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    await release(client, alice, root, "Coffee House")
    await release(client, alice, root, "Tea House", "food")
    await release(client, alice, root, "City Taxi", "travel")
    await release(client, alice, root, "100%_Juice")
    draft = (await create_app(client, alice, "Coffee Draft"))["app_id"]
    await upload_ok(client, alice, draft)

    assert names(await browse(client, bob)) == [
        "100%_Juice",
        "City Taxi",
        "Tea House",
        "Coffee House",
    ]
    assert names(await browse(client, bob, q="HOUSE")) == ["Tea House", "Coffee House"]
    assert names(await browse(client, bob, q="coffee")) == ["Coffee House"], "released only"
    assert names(await browse(client, bob, q="%")) == ["100%_Juice"], "no LIKE wildcards"
    assert names(await browse(client, bob, q="_")) == ["100%_Juice"]
    assert names(await browse(client, bob, q="nothing")) == []
    assert names(await browse(client, bob, category="travel")) == ["City Taxi"]
    assert names(await browse(client, bob, category="food", q="tea")) == ["Tea House"]
    assert names(await browse(client, bob, category="games")) == []

    response = await client.get("/v1/miniapps/directory?category=cars", headers=bob.auth)
    assert_problem(response, 422, "request.invalid", "category")
    response = await client.get(f"/v1/miniapps/directory?q={'x' * 31}", headers=bob.auth)
    assert_problem(response, 422, "request.invalid", "q")
    assert (await client.get("/v1/miniapps/directory")).status_code == 401


async def test_directory_pages(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    made = [await release(client, alice, root, f"Shop {number}", "shopping") for number in range(5)]
    await release(client, alice, root, "Taxi", "travel")

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        query = {"category": "shopping", "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = await browse(client, bob, **query)
        seen += [entry["app_id"] for entry in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made[::-1]
    assert pages == 3

    response = await client.get("/v1/miniapps/directory?cursor=garbage", headers=bob.auth)
    assert_problem(response, 422, "pagination.cursor_invalid", "cursor")


async def test_categories_count_released_mini_programs(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    assert await ok(client.get("/v1/miniapps/categories", headers=bob.auth)) == []
    await release(client, alice, root, "Coffee")
    await release(client, alice, root, "Tea")
    await release(client, alice, root, "Taxi", "travel")
    draft = (await create_app(client, alice, "Games", category="games"))["app_id"]
    await upload_ok(client, alice, draft)

    assert await ok(client.get("/v1/miniapps/categories", headers=bob.auth)) == [
        {"category": "food", "count": 2},
        {"category": "travel", "count": 1},
    ]


async def test_console_routes_still_take_app_ids(
    client: httpx.AsyncClient, alice: Person, root: Person
) -> None:
    coffee = await release(client, alice, root, "Coffee")
    assert (await ok(client.get(f"/v1/miniapps/{coffee}", headers=alice.auth)))["name"] == "Coffee"
    entry = await ok(client.get(f"/v1/miniapps/directory/{coffee}", headers=alice.auth))
    assert entry["live_version"] == "1.0.0"
    assert await ok(client.get("/v1/miniapps", headers=alice.auth))
