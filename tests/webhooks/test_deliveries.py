"""The developer console's view of a mini-program's webhooks: the deliveries list with how
each latest attempt went, paged newest first, and one delivery with every attempt. The
webhooks are posted to a real HTTP receiver on a local port."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.kit.db import Database
from plaza.miniapps import service as miniapps
from plaza.webhooks import delivery
from plaza.webhooks import service as webhooks
from plaza.webhooks.service import Owner
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import become_developer, create_app
from tests.webhooks.conftest import Receiver

ISO_NOW = "2026-11-29T12:00:00Z"


async def owner_of(app: FastAPI, person: Person, app_id: str) -> Owner:
    async with app.state.database.unit_of_work() as session:
        miniapp = await miniapps.owned_app(session, person.account_id, app_id)
    return Owner("miniapp", miniapp.id)


async def enqueue(database: Database, owner: Owner, url: str, out_trade_no: str) -> str:
    async with database.unit_of_work() as session:
        webhook = await webhooks.enqueue(
            session,
            url=url,
            event_type="payment.succeeded",
            payload={"out_trade_no": out_trade_no},
            owner=owner,
        )
    return str(webhook.id)


@pytest.fixture
async def dana(app: FastAPI, client: httpx.AsyncClient) -> Person:
    person = await create_person(app, "Dana", plaza_id="dana_dev")
    await become_developer(client, person)
    return person


@pytest.fixture
async def coffee(app: FastAPI, client: httpx.AsyncClient, dana: Person) -> tuple[str, Owner]:
    app_id: str = (await create_app(client, dana, "Coffee"))["app_id"]
    return app_id, await owner_of(app, dana, app_id)


async def listed(
    client: httpx.AsyncClient, person: Person, app_id: str, query: str = ""
) -> dict[str, Any]:
    response = await client.get(f"/v1/miniapps/{app_id}/webhooks{query}", headers=person.auth)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def test_the_list_shows_each_delivery_newest_first_with_its_latest_attempt(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,
    receiver: Receiver,
    clock: ManualClock,
    dana: Person,
    coffee: tuple[str, Owner],
) -> None:
    database: Database = app.state.database
    app_id, owner = coffee
    receiver.status, receiver.reply = 500, b'{"code":"FAIL"}'
    failing = await enqueue(database, owner, receiver.url, "order-1")
    assert await delivery.deliver_due(database, http) == 1
    clock.advance(timedelta(seconds=1))
    receiver.status, receiver.reply = 200, b"ok"
    delivered = await enqueue(database, owner, receiver.url, "order-2")
    assert await delivery.deliver_due(database, http) == 1
    clock.advance(timedelta(seconds=1))
    unreachable = await enqueue(database, owner, "http://127.0.0.1:9/closed", "order-3")
    assert await delivery.deliver_due(database, http) == 1
    waiting = await enqueue(database, owner, receiver.url, "order-4")

    page = await listed(client, dana, app_id)

    assert page["next_cursor"] is None
    assert [item["id"] for item in page["items"]] == [waiting, unreachable, delivered, failing]
    by_id = {item["id"]: item for item in page["items"]}
    assert by_id[waiting] == {
        "id": waiting,
        "event_type": "payment.succeeded",
        "url": receiver.url,
        "status": "pending",
        "attempts": 0,
        "created_at": "2026-11-29T12:00:02Z",
        "last_attempt_at": None,
        "last_status_code": None,
        "last_error": None,
        "response_excerpt": None,
        "next_attempt_at": "2026-11-29T12:00:02Z",
    }
    assert by_id[delivered] | {"last_attempt_at": None} == by_id[delivered] | {
        "status": "delivered",
        "attempts": 1,
        "created_at": "2026-11-29T12:00:01Z",
        "last_attempt_at": None,
        "last_status_code": 200,
        "last_error": None,
        "response_excerpt": "ok",
        "next_attempt_at": None,
    }
    assert by_id[delivered]["last_attempt_at"] == "2026-11-29T12:00:01Z"
    failed = by_id[failing]
    assert (failed["status"], failed["attempts"]) == ("pending", 1)
    assert (failed["last_status_code"], failed["response_excerpt"]) == (500, '{"code":"FAIL"}')
    assert failed["last_attempt_at"] == ISO_NOW
    assert failed["next_attempt_at"] == "2026-11-29T12:00:15Z"
    down = by_id[unreachable]
    assert (down["status"], down["last_status_code"]) == ("pending", None)
    assert down["last_error"].startswith("ConnectError")
    assert down["response_excerpt"] == ""


async def test_pages_follow_the_cursor_to_the_oldest(
    app: FastAPI,
    client: httpx.AsyncClient,
    receiver: Receiver,
    dana: Person,
    coffee: tuple[str, Owner],
) -> None:
    app_id, owner = coffee
    ids = [await enqueue(app.state.database, owner, receiver.url, f"o-{n}") for n in range(5)]

    first = await listed(client, dana, app_id, "?limit=2")
    second = await listed(client, dana, app_id, f"?limit=2&cursor={first['next_cursor']}")
    third = await listed(client, dana, app_id, f"?limit=2&cursor={second['next_cursor']}")

    pages = [first, second, third]
    assert [[item["id"] for item in page["items"]] for page in pages] == [
        ids[4:2:-1],
        ids[2:0:-1],
        ids[:1],
    ]
    assert third["next_cursor"] is None
    bad = await client.get(f"/v1/miniapps/{app_id}/webhooks?cursor=nope!", headers=dana.auth)
    assert_problem(bad, 422, "pagination.cursor_invalid", "cursor")


async def test_the_detail_shows_the_body_and_every_attempt(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,
    receiver: Receiver,
    clock: ManualClock,
    dana: Person,
    coffee: tuple[str, Owner],
) -> None:
    database: Database = app.state.database
    app_id, owner = coffee
    receiver.statuses = [503, 200]
    webhook_id = await enqueue(database, owner, receiver.url, "order-9")
    assert await delivery.deliver_due(database, http) == 1
    clock.advance(timedelta(seconds=15))
    assert await delivery.deliver_due(database, http) == 1

    response = await client.get(f"/v1/miniapps/{app_id}/webhooks/{webhook_id}", headers=dana.auth)

    assert response.status_code == 200, response.text
    detail = response.json()
    first, second = receiver.received
    assert detail["body"].encode() == first.body == second.body
    assert first.event["data"] == {"out_trade_no": "order-9"}
    assert (detail["status"], detail["attempts"], detail["next_attempt_at"]) == (
        "delivered",
        2,
        None,
    )
    assert detail["finished_at"] == "2026-11-29T12:00:15Z"
    assert (detail["last_status_code"], detail["response_excerpt"]) == (200, "ok")
    log = detail["attempt_log"]
    assert [(a["number"], a["status_code"], a["started_at"]) for a in log] == [
        (1, 503, ISO_NOW),
        (2, 200, "2026-11-29T12:00:15Z"),
    ]
    assert all(a["error"] is None and a["response_excerpt"] == "ok" for a in log)
    assert all(0 <= a["duration_ms"] < 5000 for a in log)


async def test_only_the_owner_sees_an_apps_webhooks(
    app: FastAPI,
    client: httpx.AsyncClient,
    receiver: Receiver,
    dana: Person,
    coffee: tuple[str, Owner],
) -> None:
    database: Database = app.state.database
    app_id, owner = coffee
    mine = await enqueue(database, owner, receiver.url, "mine")
    erin = await create_person(app, "Erin", plaza_id="erin_dev")
    await become_developer(client, erin)
    tea_id: str = (await create_app(client, erin, "Tea"))["app_id"]
    theirs = await enqueue(database, await owner_of(app, erin, tea_id), receiver.url, "theirs")
    # another domain's owner with the same row id is never mixed in
    await enqueue(database, Owner("merchant", owner.id), receiver.url, "not-an-app")

    assert [item["id"] for item in (await listed(client, dana, app_id))["items"]] == [mine]
    assert [item["id"] for item in (await listed(client, erin, tea_id))["items"]] == [theirs]
    for path in (f"/v1/miniapps/{app_id}/webhooks", f"/v1/miniapps/{app_id}/webhooks/{mine}"):
        assert_problem(await client.get(path, headers=erin.auth), 404, "miniapps.not_found", None)
        assert (await client.get(path)).status_code == 401
    assert_problem(
        await client.get(f"/v1/miniapps/{app_id}/webhooks/{theirs}", headers=dana.auth),
        404,
        "webhooks.not_found",
        None,
    )
    assert_problem(
        await client.get(f"/v1/miniapps/{app_id}/webhooks/123", headers=dana.auth),
        404,
        "webhooks.not_found",
        None,
    )
