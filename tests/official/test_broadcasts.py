"""Broadcasts and their quotas (with a moved clock), and the Subscriptions folder."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, counted_queries
from tests.official.helpers import (
    assert_problem,
    draft,
    follow,
    get_json,
    publish,
    row_counts,
    try_broadcast,
    verified_account,
)


async def _drafts(
    client: httpx.AsyncClient, operator: Person, account_id: str, count: int
) -> list[str]:
    return [(await draft(client, operator, account_id))["id"] for _ in range(count)]


async def test_a_subscription_account_broadcasts_once_a_utc_day(
    client: httpx.AsyncClient, app: FastAPI, clock: ManualClock, olivia: Person, root: Person
) -> None:
    account = await verified_account(client, olivia, root)
    sent = await publish(client, olivia, account["id"], "Morning news")
    assert sent["sent_at"] == "2026-11-29T12:00:00Z"
    clock.advance(timedelta(hours=11, minutes=59))  # 23:59 the same UTC day
    second = await _drafts(client, olivia, account["id"], 1)
    before = await row_counts(app)
    over = await try_broadcast(client, olivia, account["id"], second)
    body = assert_problem(over, 429, "official.broadcast_quota_exceeded")
    assert "2026-11-30T00:00:00+00:00" in body["detail"]
    assert over.headers["retry-after"] == "60"
    assert await row_counts(app) == before
    assert (await get_json(client, olivia, f"/accounts/{account['id']}/drafts"))[0]["id"] == (
        second[0]
    )
    clock.advance(timedelta(minutes=1))  # midnight: a new day
    assert (await try_broadcast(client, olivia, account["id"], second)).status_code == 201


async def test_a_service_account_broadcasts_four_times_a_calendar_month(
    client: httpx.AsyncClient, clock: ManualClock, olivia: Person, root: Person
) -> None:
    account = await verified_account(client, olivia, root, type="service")
    for _ in range(4):
        await publish(client, olivia, account["id"], "Notice")
    fifth = await _drafts(client, olivia, account["id"], 1)
    over = await try_broadcast(client, olivia, account["id"], fifth)
    assert_problem(over, 429, "official.broadcast_quota_exceeded")
    clock.advance(timedelta(days=1, hours=11, minutes=59))  # Nov 30, 23:59
    over = await try_broadcast(client, olivia, account["id"], fifth)
    assert_problem(over, 429, "official.broadcast_quota_exceeded")
    clock.advance(timedelta(minutes=1))  # Dec 1
    assert (await try_broadcast(client, olivia, account["id"], fifth)).status_code == 201


async def test_the_operator_sees_the_quota_left_and_when_it_resets(
    client: httpx.AsyncClient, clock: ManualClock, olivia: Person, root: Person, fred: Person
) -> None:
    account = await verified_account(client, olivia, root, type="service")
    path = f"/accounts/{account['id']}/broadcast-quota"
    fresh = {"quota": 4, "sent": 0, "left": 4, "resets_at": "2026-12-01T00:00:00Z"}
    assert await get_json(client, olivia, path) == fresh
    for _ in range(4):
        await publish(client, olivia, account["id"], "Notice")
    assert await get_json(client, olivia, path) == fresh | {"sent": 4, "left": 0}
    clock.advance(timedelta(days=2))  # December
    assert (await get_json(client, olivia, path))["left"] == 4
    others = await client.get(f"/v1/official{path}", headers=fred.auth)
    assert_problem(others, 403, "official.not_operator")


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_broadcasts_at_once_cannot_both_use_the_last_one(
    client: httpx.AsyncClient, olivia: Person, root: Person
) -> None:
    account = await verified_account(client, olivia, root)
    first, second = await _drafts(client, olivia, account["id"], 2)
    responses = await asyncio.gather(
        try_broadcast(client, olivia, account["id"], [first]),
        try_broadcast(client, olivia, account["id"], [second]),
    )
    assert sorted(r.status_code for r in responses) == [201, 429]
    page = await get_json(client, olivia, f"/accounts/{account['id']}/articles")
    assert len(page["items"]) == 1


async def test_eight_articles_go_in_one_broadcast_and_nine_do_not(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person, root: Person
) -> None:
    account = await verified_account(client, olivia, root, type="service")
    nine = await _drafts(client, olivia, account["id"], 9)
    before = await row_counts(app)
    over = await try_broadcast(client, olivia, account["id"], nine)
    assert assert_problem(over, 422, "official.too_many_articles")["field"] == "article_ids"
    assert await row_counts(app) == before
    sent = await try_broadcast(client, olivia, account["id"], nine[:8])
    assert sent.status_code == 201, sent.text
    assert [a["id"] for a in sent.json()["articles"]] == nine[:8]


@pytest.mark.parametrize(
    "article_ids",
    [[], ["1", "1"], ["x"]],
    ids=["none", "repeated", "not an id"],
)
async def test_a_malformed_broadcast_is_refused(
    client: httpx.AsyncClient, olivia: Person, root: Person, article_ids: list[str]
) -> None:
    account = await verified_account(client, olivia, root)
    response = await try_broadcast(client, olivia, account["id"], article_ids)
    assert_problem(response, 422, "request.invalid")


async def test_only_the_operator_broadcasts_only_its_own_drafts(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person, root: Person, fred: Person
) -> None:
    account = await verified_account(client, olivia, root, type="service")
    other = await verified_account(client, fred, root, name="Fred's Shop", type="service")
    mine = await _drafts(client, olivia, account["id"], 1)
    freds = await _drafts(client, fred, other["id"], 1)
    before = await row_counts(app)
    by_fred = await try_broadcast(client, fred, account["id"], mine)
    assert_problem(by_fred, 403, "official.not_operator")
    mixed = await try_broadcast(client, olivia, account["id"], [*mine, *freds])
    assert_problem(mixed, 404, "official.article_not_found")
    unknown = await try_broadcast(client, olivia, account["id"], ["42"])
    assert_problem(unknown, 404, "official.article_not_found")
    assert await row_counts(app) == before
    await try_broadcast(client, olivia, account["id"], mine)
    again = await try_broadcast(client, olivia, account["id"], mine)
    assert_problem(again, 409, "official.article_published")


async def _folder(client: httpx.AsyncClient, who: Person, query: str = "") -> Any:
    return await get_json(client, who, f"/subscriptions{query}")


async def test_the_subscriptions_folder(
    client: httpx.AsyncClient,
    clock: ManualClock,
    olivia: Person,
    root: Person,
    fred: Person,
    gina: Person,
) -> None:
    daily = await verified_account(client, olivia, root, name="Plaza Daily")
    weekly = await verified_account(client, olivia, root, name="Plaza Weekly")
    service = await verified_account(client, olivia, root, name="City Services", type="service")
    early = await publish(client, olivia, daily["id"], "Before Fred followed")
    clock.advance(timedelta(minutes=1))
    for account in (daily, weekly, service):
        await follow(client, fred, account["id"])
    assert await get_json(client, fred, "/subscriptions/summary") == {"unread": 0, "latest": None}
    clock.advance(timedelta(days=1))
    first = await publish(client, olivia, daily["id"], "Lead", "Second story")
    clock.advance(timedelta(minutes=5))
    await publish(client, olivia, service["id"], "Water works")  # not in the folder
    second = await publish(client, olivia, weekly["id"], "Weekly digest")
    folder = await _folder(client, fred)
    assert [e["broadcast_id"] for e in folder["items"]] == [second["id"], first["id"]]
    assert early["id"] not in [e["broadcast_id"] for e in folder["items"]]
    entry = folder["items"][1]
    assert entry["account"]["name"] == "Plaza Daily"
    assert entry["account"]["following"] is True
    assert [a["title"] for a in entry["articles"]] == ["Lead", "Second story"]
    summary = await get_json(client, fred, "/subscriptions/summary")
    assert summary == {
        "unread": 2,
        "latest": {
            "account_name": "Plaza Weekly",
            "title": "Weekly digest",
            "sent_at": second["sent_at"],
        },
    }
    assert (await _folder(client, gina))["items"] == []
    read = await client.post("/v1/official/subscriptions/read", headers=fred.auth)
    assert read.status_code == 204
    assert (await get_json(client, fred, "/subscriptions/summary"))["unread"] == 0
    clock.advance(timedelta(days=1))
    await publish(client, olivia, daily["id"], "Tomorrow")
    assert (await get_json(client, fred, "/subscriptions/summary"))["unread"] == 1
    # Unfollowing takes an account's broadcasts out of the folder.
    await client.delete(f"/v1/official/accounts/{daily['id']}/follow", headers=fred.auth)
    titles = [e["articles"][0]["title"] for e in (await _folder(client, fred))["items"]]
    assert titles == ["Weekly digest"]


async def test_the_folder_pages_in_a_fixed_number_of_queries(
    client: httpx.AsyncClient,
    app: FastAPI,
    clock: ManualClock,
    olivia: Person,
    root: Person,
    fred: Person,
) -> None:
    accounts = [await verified_account(client, olivia, root, name=f"Daily {n}") for n in range(3)]
    for account in accounts:
        await follow(client, fred, account["id"])
    sent: list[str] = []
    for day in range(2):
        clock.advance(timedelta(days=1))
        for n, account in enumerate(accounts):
            sent.append((await publish(client, olivia, account["id"], f"D{day}A{n}", "More"))["id"])
    await _folder(client, fred)  # the first request of a session also touches the device
    pages: list[list[str]] = []
    counts: list[int] = []
    cursor = ""
    while True:
        with counted_queries(app) as statements:
            page = await _folder(client, fred, f"?limit=4{cursor}")
        counts.append(len(statements))
        pages.append([e["broadcast_id"] for e in page["items"]])
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert [b for page_ids in pages for b in page_ids] == sent[::-1]
    assert [len(p) for p in pages] == [4, 2]
    assert counts[0] == counts[1], counts


async def test_a_service_broadcast_arrives_in_each_followers_chat(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person, gina: Person
) -> None:
    account = await verified_account(client, olivia, root, name="City Services", type="service")
    await follow(client, fred, account["id"])
    sent = await publish(client, olivia, account["id"], "Water works", "Road works")
    chats = (await client.get("/v1/conversations", headers=fred.auth)).json()["items"]
    chat = next(c for c in chats if c["name"] == "City Services")
    assert chat["unread"] == 1
    assert chat["last_message"]["kind"] == "official"
    assert chat["last_message"]["content"]["articles"] == sent["articles"]
    assert (await client.get("/v1/conversations", headers=gina.auth)).json()["items"] == []
    assert (await _folder(client, fred))["items"] == []  # not a subscription account's
