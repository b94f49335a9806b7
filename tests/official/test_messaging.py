"""A follower's chat with an official account: their messages and the auto-replies they
get, the menu, and the operator's inbox with its 48-hour reply window."""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.chat.models import Message
from plaza.identity import service as identity
from plaza.kit.clock import ManualClock
from plaza.official.messaging import demo
from plaza.official.messaging.models import Thread
from tests.chat.helpers import history, send
from tests.conftest import Person, counted_queries
from tests.miniapps.helpers import become_developer, create_app, upload_ok
from tests.miniapps.kit import mini_program
from tests.official.helpers import assert_problem, follow, get_json, verified_account

_client_ids = count(1)
REPLIES = {
    "on_follow": "Welcome to Plaza City Services!",
    "default": "Thanks, we will answer soon.",
    "keywords": [
        {"keyword": "hours", "match": "exact", "reply": "We are open 9 to 5."},
        {"keyword": "refund", "match": "contains", "reply": "Refunds take 3 days."},
    ],
}


async def service_account(client: httpx.AsyncClient, operator: Person, admin: Person) -> str:
    account = await verified_account(
        client, operator, admin, name="Plaza City Services", type="service"
    )
    return str(account["id"])


async def write(
    client: httpx.AsyncClient, who: Person, account_id: str, text: str, key: str | None = None
) -> httpx.Response:
    return await client.post(
        f"/v1/official/accounts/{account_id}/messages",
        headers=who.auth,
        json={"client_msg_id": key or f"m{next(_client_ids)}", "text": text},
    )


async def chat_of(client: httpx.AsyncClient, who: Person, account_id: str) -> str:
    return str((await get_json(client, who, f"/accounts/{account_id}/chat"))["conversation_id"])


async def put(
    client: httpx.AsyncClient, who: Person, account_id: str, what: str, body: Any
) -> httpx.Response:
    return await client.put(
        f"/v1/official/accounts/{account_id}/{what}", headers=who.auth, json=body
    )


async def said(
    client: httpx.AsyncClient, who: Person, conversation_id: str
) -> list[tuple[str, str]]:
    """Who said what in the chat: "me" or the account's name."""
    return [
        ("me" if m["sender_id"] == who.id else m["content"]["account_name"], m["content"]["text"])
        for m in await history(client, who, conversation_id)
    ]


async def message_count(app: FastAPI) -> int:
    async with app.state.database.unit_of_work() as session:
        return int(await session.scalar(select(func.count()).select_from(Message)) or 0)


async def test_a_follower_has_one_chat_with_an_account_and_others_have_none(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person, gina: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    first = await chat_of(client, fred, account_id)
    assert await chat_of(client, fred, account_id) == first
    chat = await client.get(f"/v1/conversations/{first}", headers=fred.auth)
    assert chat.json()["kind"] == "official"
    assert chat.json()["name"] == "Plaza City Services"
    assert chat.json()["member_count"] == 1
    stranger = await client.get(f"/v1/official/accounts/{account_id}/chat", headers=gina.auth)
    assert_problem(stranger, 403, "official.not_follower")
    assert_problem(
        await client.get(f"/v1/conversations/{first}", headers=gina.auth), 403, "chat.not_member"
    )


async def test_keyword_replies_answer_exact_and_contained_words_else_the_default(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)  # before the greeting is set
    assert (await put(client, olivia, account_id, "auto-replies", REPLIES)).status_code == 200
    for text in ("  Hours ", "hours please", "I want a REFUND now"):
        sent = await write(client, fred, account_id, text)
        assert sent.status_code == 201, sent.text
        assert sent.json()["sender_id"] == fred.id
        assert sent.json()["kind"] == "text"
    chat = await chat_of(client, fred, account_id)
    account = "Plaza City Services"
    assert await said(client, fred, chat) == [
        ("me", "Hours"),  # trimmed
        (account, "We are open 9 to 5."),
        ("me", "hours please"),  # "exact" needs the whole message
        (account, "Thanks, we will answer soon."),
        ("me", "I want a REFUND now"),
        (account, "Refunds take 3 days."),
    ]
    replies = [m for m in await history(client, fred, chat) if m["sender_id"] is None]
    assert {m["kind"] for m in replies} == {"official"}
    assert {m["content"]["account_id"] for m in replies} == {account_id}


async def test_a_retried_message_is_sent_and_answered_once(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await put(client, olivia, account_id, "auto-replies", REPLIES)
    await follow(client, fred, account_id)
    first = await write(client, fred, account_id, "hello", key="same-key")
    before = await message_count(app)
    again = await write(client, fred, account_id, "hello", key="same-key")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert await message_count(app) == before
    other = await write(client, fred, account_id, "something else", key="same-key")
    assert_problem(other, 409, "idempotency.key_reused")


async def test_without_auto_replies_a_message_gets_no_answer(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    assert (await write(client, fred, account_id, "anyone there?")).status_code == 201
    assert await said(client, fred, await chat_of(client, fred, account_id)) == [
        ("me", "anyone there?")
    ]


async def test_a_non_follower_cannot_write_and_nothing_is_kept(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person, gina: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    before = await message_count(app)
    assert_problem(await write(client, gina, account_id, "hi"), 403, "official.not_follower")
    assert await message_count(app) == before
    assert await get_json(client, olivia, f"/accounts/{account_id}/inbox") == []


async def test_the_chat_takes_no_generic_sends_or_forwards(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    chat = await chat_of(client, fred, account_id)
    assert_problem(await send(client, fred, chat, "bypass"), 403, "chat.read_only")
    assert await history(client, fred, chat) == []


async def test_auto_replies_round_trip_and_bad_ones_change_nothing(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    path = f"/accounts/{account_id}/auto-replies"
    assert await get_json(client, olivia, path) == {"on_follow": "", "default": "", "keywords": []}
    assert (await put(client, olivia, account_id, "auto-replies", REPLIES)).json() == REPLIES
    too_many = REPLIES | {
        "keywords": [{"keyword": f"k{i}", "match": "exact", "reply": "r"} for i in range(51)]
    }
    long_keyword = REPLIES | {"keywords": [{"keyword": "k" * 31, "match": "exact", "reply": "r"}]}
    for bad in (too_many, long_keyword):
        refused = await put(client, olivia, account_id, "auto-replies", bad)
        assert_problem(refused, 422, "request.invalid")
    not_mine = await put(client, fred, account_id, "auto-replies", REPLIES)
    assert_problem(not_mine, 403, "official.not_operator")
    assert_problem(
        await client.get(f"/v1/official{path}", headers=fred.auth), 403, "official.not_operator"
    )
    assert await get_json(client, olivia, path) == REPLIES


async def test_a_menu_is_saved_with_every_kind_of_item(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    coffee = await mini_program(app, client, "Coffee")
    menu = [
        {"name": "Website", "kind": "link", "url": "https://city.example/"},
        {"name": "Hours", "kind": "keyword", "keyword": "hours"},
        {
            "name": "Services",
            "kind": "submenu",
            "sub_items": [
                {"name": "Order", "kind": "miniapp", "app_id": coffee.app.app_id, "path": "/menu"},
                {"name": "Refund", "kind": "keyword", "keyword": "refund"},
            ],
        },
    ]
    saved = await put(client, olivia, account_id, "menu", {"items": menu})
    assert saved.status_code == 200, saved.text
    seen = await get_json(client, fred, f"/accounts/{account_id}")
    assert [item["name"] for item in seen["menu"]] == ["Website", "Hours", "Services"]
    assert seen["menu"][2]["sub_items"][0]["app_id"] == coffee.app.app_id
    assert seen["menu"][2]["sub_items"][0]["path"] == "/menu"
    assert seen["menu"][1]["keyword"] == "hours"


async def test_a_bad_menu_is_refused_with_its_field_and_the_menu_stays(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    good = [{"name": "Hours", "kind": "keyword", "keyword": "hours"}]
    assert (await put(client, olivia, account_id, "menu", {"items": good})).status_code == 200
    keyword = {"name": "Hi", "kind": "keyword", "keyword": "hi"}
    submenu = {"name": "More", "kind": "submenu", "sub_items": [keyword] * 6}
    cases: list[tuple[Person, list[dict[str, Any]], int, str, str | None]] = [
        (olivia, [keyword] * 4, 422, "official.menu_too_many_items", "items"),
        (olivia, [submenu], 422, "official.menu_too_many_sub_items", "items.0.sub_items"),
        (
            olivia,
            [{"name": "Site", "kind": "link", "url": "http://city.example/"}],
            422,
            "official.menu_link_invalid",
            "items.0.url",
        ),
        (
            olivia,
            [
                keyword,
                {
                    "name": "More",
                    "kind": "submenu",
                    "sub_items": [{"name": "Run", "kind": "link", "url": "javascript:alert(1)"}],
                },
            ],
            422,
            "official.menu_link_invalid",
            "items.1.sub_items.0.url",
        ),
        (
            olivia,
            [{"name": "Shop", "kind": "miniapp", "app_id": "px0000000000000000"}],
            422,
            "official.menu_miniapp_not_found",
            "items.0.app_id",
        ),
        (
            olivia,
            [{"name": "Odd", "kind": "keyword", "url": "https://city.example/"}],
            422,
            "official.menu_item_invalid",
            "items.0",
        ),
        (
            olivia,
            [{"name": "Deep", "kind": "submenu", "sub_items": [{"name": "X", "kind": "submenu"}]}],
            422,
            "official.menu_item_invalid",
            "items.0.sub_items.0",
        ),
        (fred, good, 403, "official.not_operator", None),
    ]
    for who, items, status, code, field in cases:
        refused = await put(client, who, account_id, "menu", {"items": items})
        assert assert_problem(refused, status, code)["field"] == field, items
    assert (await get_json(client, fred, f"/accounts/{account_id}"))["menu"] == [
        good[0] | {"url": None, "app_id": None, "path": None, "sub_items": None}
    ]


async def test_an_unreleased_mini_program_is_not_a_menu_item(
    client: httpx.AsyncClient, olivia: Person, root: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await become_developer(client, olivia)
    mine = await create_app(client, olivia, "Not Yet")
    await upload_ok(client, olivia, mine["app_id"])  # uploaded, never released
    item = {"name": "Try", "kind": "miniapp", "app_id": mine["app_id"]}
    refused = await put(client, olivia, account_id, "menu", {"items": [item]})
    assert_problem(refused, 422, "official.menu_miniapp_not_found")


async def test_the_operator_reads_the_inbox_and_replies_within_48_hours(
    app: FastAPI,
    client: httpx.AsyncClient,
    clock: ManualClock,
    olivia: Person,
    root: Person,
    fred: Person,
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    await write(client, fred, account_id, "Is the pool open?")
    inbox = await get_json(client, olivia, f"/accounts/{account_id}/inbox")
    assert len(inbox) == 1
    entry = inbox[0]
    assert entry["follower"] == {
        "id": fred.id,
        "display_name": "Fred",
        "avatar_url": None,
        "plaza_id": fred.plaza_id,
    }
    assert entry["last_message_text"] == "Is the pool open?"
    assert entry["can_reply_until"].startswith("2026-12-01T12:00:00")
    replies = f"/v1/official/accounts/{account_id}/inbox/{fred.id}/replies"
    clock.advance(timedelta(hours=47, minutes=59))
    answered = await client.post(replies, headers=olivia.auth, json={"text": "Yes, till 8."})
    assert answered.status_code == 201, answered.text
    assert answered.json()["kind"] == "official"
    assert answered.json()["sender_id"] is None
    thread = await get_json(client, olivia, f"/accounts/{account_id}/inbox/{fred.id}")
    assert [m["content"]["text"] for m in thread["items"]] == ["Is the pool open?", "Yes, till 8."]
    chat = await chat_of(client, fred, account_id)
    listed = await client.get(f"/v1/conversations/{chat}", headers=fred.auth)
    assert listed.json()["unread"] == 1
    assert listed.json()["last_message"]["content"]["text"] == "Yes, till 8."

    clock.advance(timedelta(minutes=2))
    before = await message_count(app)
    late = await client.post(replies, headers=olivia.auth, json={"text": "Still there?"})
    assert_problem(late, 409, "official.reply_window_closed")
    assert await message_count(app) == before
    await write(client, fred, account_id, "Thanks!")
    again = await client.post(replies, headers=olivia.auth, json={"text": "Welcome."})
    assert again.status_code == 201, again.text


async def test_only_the_operator_sees_the_inbox_and_only_writers_have_threads(
    app: FastAPI,
    client: httpx.AsyncClient,
    olivia: Person,
    root: Person,
    fred: Person,
    gina: Person,
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    await follow(client, gina, account_id)
    await write(client, fred, account_id, "hello")
    for path in ("inbox", f"inbox/{fred.id}"):
        response = await client.get(f"/v1/official/accounts/{account_id}/{path}", headers=fred.auth)
        assert_problem(response, 403, "official.not_operator")
    refused = await client.post(
        f"/v1/official/accounts/{account_id}/inbox/{fred.id}/replies",
        headers=fred.auth,
        json={"text": "I am the account"},
    )
    assert_problem(refused, 403, "official.not_operator")
    silent = await client.post(
        f"/v1/official/accounts/{account_id}/inbox/{gina.id}/replies",
        headers=olivia.auth,
        json={"text": "Hello Gina"},
    )
    assert_problem(silent, 404, "official.thread_not_found")
    async with app.state.database.unit_of_work() as session:
        threads = (await session.scalars(select(Thread))).all()
    assert [t.person_id for t in threads] == [fred.account_id]


async def test_a_new_follower_gets_the_greeting(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await put(client, olivia, account_id, "auto-replies", REPLIES)
    await follow(client, fred, account_id)
    chat = await chat_of(client, fred, account_id)
    assert await said(client, fred, chat) == [
        ("Plaza City Services", "Welcome to Plaza City Services!")
    ]


async def test_the_demo_accounts_menus_and_auto_replies_pass_the_rules(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person
) -> None:
    kinds = {"Plaza City Services": "service", "Plaza Daily": "subscription"}
    for name, kind in kinds.items():
        account = await verified_account(client, olivia, root, name=name, type=kind)
        async with app.state.database.unit_of_work() as session:
            operator = await identity.get_account(session, olivia.account_id)
            await demo.set_up(session, operator, int(account["id"]), name)
        shown = await get_json(client, olivia, f"/accounts/{account['id']}")
        assert [item["name"] for item in shown["menu"]] == [
            i["name"] for i in demo.DEMO_MENUS[name]
        ]
        replies = await get_json(client, olivia, f"/accounts/{account['id']}/auto-replies")
        assert replies == demo.DEMO_REPLIES[name]


async def test_a_follower_message_takes_a_fixed_number_of_queries(
    app: FastAPI, client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    account_id = await service_account(client, olivia, root)
    await follow(client, fred, account_id)
    await put(client, olivia, account_id, "auto-replies", REPLIES)
    counts = []
    for text in ("first", "hours", "third", "a refund?"):
        with counted_queries(app) as statements:
            assert (await write(client, fred, account_id, text)).status_code == 201
        counts.append(len(statements))
    assert counts[1:] == [counts[1]] * 3, counts  # the first also made the inbox thread
