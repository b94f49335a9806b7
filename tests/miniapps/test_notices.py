"""Subscribe messages end to end over HTTP: the developer's template, the person's one-time
consent in the host's dialog, the send through the Open API, and the card in the person's
Service Notifications chat (history, list, sync inbox and WebSocket push)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from plaza.miniapps.notices.models import Subscription
from plaza.miniapps.notices.service import CREDITS_MAX
from tests.chat.helpers import history, sync
from tests.conftest import Person, counted_queries, create_person
from tests.miniapps.helpers import create_app
from tests.open_api.conftest import App, exchange, issue, problem, released_app, token_for
from tests.realtime.conftest import live_url, next_frame, open_socket

__all__ = ["live_url"]  # the fixture, for the WebSocket test

FIELDS = ["Order", "Pick up at"]
DATA = {"Order": {"value": "Flat white"}, "Pick up at": {"value": "Counter 2"}}


@pytest.fixture
async def coffee(client: httpx.AsyncClient, alice: Person, root: Person) -> App:
    return await released_app(client, alice, root, "Coffee")


@pytest.fixture
async def taxi(client: httpx.AsyncClient, alice: Person, root: Person) -> App:
    return await released_app(client, alice, root, "Taxi")


async def make_template(
    client: httpx.AsyncClient,
    developer: Person,
    app: App,
    title: str = "Order ready",
    fields: list[str] | None = None,
) -> str:
    response = await client.post(
        f"/v1/miniapps/{app.app_id}/templates",
        headers=developer.auth,
        json={"title": title, "fields": fields or FIELDS},
    )
    assert response.status_code == 201, response.text
    template_id: str = response.json()["template_id"]
    return template_id


async def openid_of(client: httpx.AsyncClient, person: Person, app: App) -> str:
    """What the mini-program's server learns from code2session after `plaza.login()`."""
    response = await exchange(
        client, await token_for(client, app), await issue(client, person, app)
    )
    assert response.status_code == 200, response.text
    openid: str = response.json()["openid"]
    return openid


async def answer(
    client: httpx.AsyncClient,
    person: Person,
    app: App,
    accepted: list[str] | None = None,
    rejected: list[str] | None = None,
) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{app.app_id}/subscriptions",
        headers=person.auth,
        json={"accepted": accepted or [], "rejected": rejected or []},
    )


async def send(
    client: httpx.AsyncClient,
    app: App,
    touser: str,
    template_id: str,
    data: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> httpx.Response:
    body = {"touser": touser, "template_id": template_id, "data": DATA if data is None else data}
    body |= extra
    return await client.post(
        "/open/v1/subscribe-messages",
        headers=await token_for(client, app) | (headers or {}),
        json=body,
    )


async def service_chat(client: httpx.AsyncClient, person: Person) -> dict[str, Any] | None:
    listed = (await client.get("/v1/conversations", headers=person.auth)).json()["items"]
    found = [c for c in listed if c["kind"] == "service"]
    assert len(found) <= 1
    return found[0] if found else None


async def test_an_accepted_template_allows_one_message_that_lands_in_service_notifications(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)

    # The host's dialog shows the template, and Bob accepts it: one credit.
    asked = await client.get(
        f"/v1/miniapps/{coffee.app_id}/subscriptions/templates?ids={template_id}",
        headers=bob.auth,
    )
    assert asked.status_code == 200, asked.text
    assert [(t["template_id"], t["title"], t["fields"]) for t in asked.json()] == [
        (template_id, "Order ready", FIELDS)
    ]
    accepted = await answer(client, bob, coffee, accepted=[template_id])
    assert accepted.status_code == 200, accepted.text
    assert accepted.json() == {template_id: "accept"}
    assert await service_chat(client, bob) is None  # made on the first notice
    cursor = (await sync(client, bob))["cursor"]

    sent = await send(client, coffee, openid, template_id, page="pages/order/index?id=42")
    assert sent.status_code == 201, sent.text
    msgid = sent.json()["msgid"]

    chat = await service_chat(client, bob)
    assert chat is not None
    assert (chat["kind"], chat["member_count"], chat["unread"], chat["my_role"]) == (
        "service",
        1,
        1,
        "member",
    )
    message = chat["last_message"]
    assert (message["id"], message["kind"], message["sender_id"], message["seq"]) == (
        msgid,
        "service_notice",
        None,
        1,
    )
    assert message["content"] == {
        "app_id": coffee.app_id,
        "app_name": "Coffee",
        "icon_url": f"http://{coffee.app_id}.apps.localhost/images/icon.png",
        "title": "Order ready",
        "fields": [
            {"name": "Order", "value": "Flat white"},
            {"name": "Pick up at", "value": "Counter 2"},
        ],
        "page": "/pages/order/index?id=42",
    }
    assert await history(client, bob, chat["id"]) == [message]
    events = (await sync(client, bob, cursor))["events"]
    assert [(e["type"], e["data"]["message"]) for e in events] == [("message.new", message)]

    # The acceptance is used up: a second message waits for another one.
    again = await send(client, coffee, openid, template_id)
    problem(again, 403, "notices.no_subscription")
    assert await history(client, bob, chat["id"]) == [message]
    assert (await sync(client, bob, cursor))["cursor"] == cursor + 1

    assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    assert (await send(client, coffee, openid, template_id)).status_code == 201
    chat = await service_chat(client, bob)
    assert chat is not None
    assert (chat["unread"], chat["last_seq"]) == (2, 2)  # the same conversation


async def test_the_notice_is_pushed_to_the_persons_open_sockets(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    cursor = (await client.get("/v1/conversations", headers=bob.auth)).json()["sync_cursor"]
    ws = await open_socket(live_url, bob.token)
    sent = await send(client, coffee, openid, template_id)
    assert sent.status_code == 201, sent.text
    frame = await next_frame(ws)
    assert (frame["type"], frame["seq"]) == ("message.new", cursor + 1)
    assert frame["data"]["message"]["id"] == sent.json()["msgid"]
    assert frame["data"]["message"]["kind"] == "service_notice"
    chat = await service_chat(client, bob)
    assert chat is not None
    assert frame["data"]["conversation_id"] == chat["id"]
    await ws.close()


async def test_a_rejected_template_allows_nothing(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    ready = await make_template(client, alice, coffee)
    promo = await make_template(client, alice, coffee, "Offers", ["Offer"])
    openid = await openid_of(client, bob, coffee)
    answered = await answer(client, bob, coffee, accepted=[ready], rejected=[promo])
    assert answered.json() == {ready: "accept", promo: "reject"}
    offer = {"Offer": {"value": "Two for one"}}
    problem(await send(client, coffee, openid, promo, offer), 403, "notices.no_subscription")
    assert (await send(client, coffee, openid, ready)).status_code == 201


async def test_each_accept_adds_one_credit_up_to_the_cap(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    for _ in range(3):
        assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    for _ in range(3):
        assert (await send(client, coffee, openid, template_id)).status_code == 201
    problem(await send(client, coffee, openid, template_id), 403, "notices.no_subscription")

    async with app.state.database.unit_of_work() as session:
        await session.execute(update(Subscription).values(credits=CREDITS_MAX - 1))
    for _ in range(2):
        assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    async with app.state.database.sessionmaker() as session:
        credits = list(await session.scalars(select(Subscription.credits)))
    assert credits == [CREDITS_MAX]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**DATA, "Price": {"value": "3.50"}}, "data.Price"),
        ({"Order": {"value": "Flat white"}}, "data.Pick up at"),
        ({**DATA, "Order": {"value": "x" * 41}}, "data.Order.value"),
        ({}, "data.Order"),
    ],
)
async def test_data_that_does_not_fill_the_template_is_refused_and_uses_no_credit(
    client: httpx.AsyncClient,
    alice: Person,
    bob: Person,
    coffee: App,
    data: dict[str, Any],
    field: str,
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    refused = await send(client, coffee, openid, template_id, data)
    assert problem(refused, 422, "notices.data_invalid")["field"] == field
    assert await service_chat(client, bob) is None
    assert (await send(client, coffee, openid, template_id)).status_code == 201


async def test_a_malformed_body_is_a_request_error(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    plain = {"Order": "Flat white", "Pick up at": "Counter 2"}
    problem(await send(client, coffee, openid, template_id, plain), 422, "request.invalid")
    bad_id = await send(client, coffee, openid, "tpl_nope")
    assert problem(bad_id, 422, "request.invalid")["field"] == "template_id"
    assert (await send(client, coffee, openid, template_id)).status_code == 201


async def test_another_apps_template_or_openid_is_not_found(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App, taxi: App
) -> None:
    coffee_template = await make_template(client, alice, coffee)
    taxi_template = await make_template(client, alice, taxi, "Driver arrived", ["Car"])
    coffee_openid = await openid_of(client, bob, coffee)
    taxi_openid = await openid_of(client, bob, taxi)
    assert coffee_openid != taxi_openid
    assert (await answer(client, bob, coffee, accepted=[coffee_template])).status_code == 200
    assert (await answer(client, bob, taxi, accepted=[taxi_template])).status_code == 200

    car = {"Car": {"value": "Blue Golf"}}
    wrong_template = await send(client, coffee, coffee_openid, taxi_template, car)
    assert problem(wrong_template, 404, "notices.template_not_found")["field"] == "template_id"
    wrong_user = await send(client, coffee, taxi_openid, coffee_template)
    assert problem(wrong_user, 404, "notices.user_not_found")["field"] == "touser"
    made_up = await send(client, coffee, "o" + "A" * 28, coffee_template)
    problem(made_up, 404, "notices.user_not_found")
    # Accepting another app's template through this app is refused too, and adds nothing.
    problem(
        await answer(client, bob, coffee, accepted=[taxi_template]),
        404,
        "notices.template_not_found",
    )
    asked = await client.get(
        f"/v1/miniapps/{coffee.app_id}/subscriptions/templates?ids={coffee_template},{taxi_template}",
        headers=bob.auth,
    )
    problem(asked, 404, "notices.template_not_found")
    assert await service_chat(client, bob) is None

    # Each app's own still works once.
    assert (await send(client, taxi, taxi_openid, taxi_template, car)).status_code == 201
    assert (await send(client, coffee, coffee_openid, coffee_template)).status_code == 201
    chat = await service_chat(client, bob)
    assert chat is not None
    names = [m["content"]["app_name"] for m in await history(client, bob, chat["id"])]
    assert names == ["Taxi", "Coffee"]


async def test_sending_needs_the_apps_access_token(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    body = {"touser": "x", "template_id": template_id, "data": DATA}
    response = await client.post("/open/v1/subscribe-messages", json=body)
    problem(response, 401, "open.token_invalid")
    as_person = await client.post("/open/v1/subscribe-messages", headers=bob.auth, json=body)
    problem(as_person, 401, "open.token_invalid")


@pytest.mark.parametrize("page", ["//evil.example/x", "/pages/a b", "/pages\\x", "/p\u00e9"])
async def test_a_page_is_a_path_inside_the_mini_program(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App, page: str
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    refused = await send(client, coffee, openid, template_id, page=page)
    assert problem(refused, 422, "request.invalid")["field"] == "page"
    default = await send(client, coffee, openid, template_id)
    assert default.status_code == 201
    chat = await service_chat(client, bob)
    assert chat is not None
    assert chat["last_message"]["content"]["page"] == "/"


async def test_a_retry_with_the_same_idempotency_key_sends_once(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    for _ in range(2):
        assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    key = {"Idempotency-Key": "ready-42"}
    first = await send(client, coffee, openid, template_id, headers=key)
    retry = await send(client, coffee, openid, template_id, headers=key)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json() == retry.json()
    other = {"Order": {"value": "Latte"}, "Pick up at": {"value": "Counter 2"}}
    problem(
        await send(client, coffee, openid, template_id, other, headers=key),
        409,
        "idempotency.key_reused",
    )
    chat = await service_chat(client, bob)
    assert chat is not None
    assert chat["last_seq"] == 1
    # The second acceptance is still there.
    assert (await send(client, coffee, openid, template_id, other)).status_code == 201


async def test_the_console_manages_templates_of_own_apps_only(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    url = f"/v1/miniapps/{coffee.app_id}/templates"
    first = await make_template(client, alice, coffee)
    second = await make_template(client, alice, coffee, "Refund", ["Amount"])
    listed = (await client.get(url, headers=alice.auth)).json()
    assert [(t["template_id"], t["title"], t["fields"]) for t in listed] == [
        (first, "Order ready", FIELDS),
        (second, "Refund", ["Amount"]),
    ]
    assert first.startswith("tpl_")
    assert len(first) == 20

    mallory = await create_person(app, "Mallory")
    problem(await client.get(url, headers=mallory.auth), 404, "miniapps.not_found")
    body = {"title": "Hi", "fields": ["A"]}
    problem(await client.post(url, headers=mallory.auth, json=body), 404, "miniapps.not_found")
    problem(await client.delete(f"{url}/{first}", headers=mallory.auth), 404, "miniapps.not_found")

    # Bob accepted the first; deleting it takes the acceptance with it.
    openid = await openid_of(client, bob, coffee)
    assert (await answer(client, bob, coffee, accepted=[first])).status_code == 200
    assert (await client.delete(f"{url}/{first}", headers=alice.auth)).status_code == 204
    problem(
        await client.delete(f"{url}/{first}", headers=alice.auth), 404, "notices.template_not_found"
    )
    assert [t["template_id"] for t in (await client.get(url, headers=alice.auth)).json()] == [
        second
    ]
    problem(await send(client, coffee, openid, first), 404, "notices.template_not_found")


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "fields": ["A"]},
        {"title": "x" * 21, "fields": ["A"]},
        {"title": "Hi", "fields": []},
        {"title": "Hi", "fields": ["A", "B", "C", "D", "E", "F"]},
        {"title": "Hi", "fields": ["x" * 21]},
        {"title": "Hi", "fields": ["A", "A"]},
        {"title": "Hi", "fields": ["A"], "color": "red"},
    ],
)
async def test_bad_templates_are_refused(
    client: httpx.AsyncClient, alice: Person, coffee: App, body: dict[str, Any]
) -> None:
    url = f"/v1/miniapps/{coffee.app_id}/templates"
    problem(await client.post(url, headers=alice.auth, json=body), 422, "request.invalid")
    assert (await client.get(url, headers=alice.auth)).json() == []


async def test_the_host_dialog_is_for_apps_the_person_can_open(
    client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    unreleased = (await create_app(client, alice, "Draft"))["app_id"]
    template = await client.post(
        f"/v1/miniapps/{unreleased}/templates",
        headers=alice.auth,
        json={"title": "Hi", "fields": ["A"]},
    )
    template_id = template.json()["template_id"]
    asked = await client.get(
        f"/v1/miniapps/{unreleased}/subscriptions/templates?ids={template_id}", headers=bob.auth
    )
    problem(asked, 404, "miniapps.not_found")
    answered = await client.post(
        f"/v1/miniapps/{unreleased}/subscriptions",
        headers=bob.auth,
        json={"accepted": [template_id]},
    )
    problem(answered, 404, "miniapps.not_found")

    base = f"/v1/miniapps/{coffee.app_id}/subscriptions"
    for ids in ["", "nope", ",".join(["tpl_" + "0" * 16] * 4)]:
        bad = await client.get(f"{base}/templates?ids={ids}", headers=bob.auth)
        assert problem(bad, 422, "request.invalid")["field"] == "ids"
    for body in [{}, {"accepted": ["tpl_" + "0" * 16], "rejected": ["tpl_" + "0" * 16]}]:
        problem(await client.post(base, headers=bob.auth, json=body), 422, "request.invalid")


async def test_too_many_templates(
    client: httpx.AsyncClient, alice: Person, coffee: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plaza.miniapps.notices.service.TEMPLATES_MAX", 2)
    await make_template(client, alice, coffee)
    await make_template(client, alice, coffee)
    refused = await client.post(
        f"/v1/miniapps/{coffee.app_id}/templates",
        headers=alice.auth,
        json={"title": "Three", "fields": ["A"]},
    )
    problem(refused, 409, "notices.too_many_templates")


async def test_sending_runs_a_fixed_number_of_queries(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, coffee: App
) -> None:
    """The send is a message send: its statements do not grow with the notices already
    there (the first one also makes the conversation)."""
    template_id = await make_template(client, alice, coffee)
    openid = await openid_of(client, bob, coffee)
    token = await token_for(client, coffee)
    for _ in range(4):
        assert (await answer(client, bob, coffee, accepted=[template_id])).status_code == 200
    body = {"touser": openid, "template_id": template_id, "data": DATA}
    counts = []
    for _ in range(4):
        with counted_queries(app) as statements:
            sent = await client.post("/open/v1/subscribe-messages", headers=token, json=body)
        assert sent.status_code == 201, sent.text
        counts.append(len(statements))
    assert counts[1] == counts[2] == counts[3] <= counts[0]
    assert counts[1] <= 11, counts
