"""Red envelopes through the API: sending in 1:1 and group chats, opening once, the rules
and their errors (each moving nothing), expiry and the sweep, and the books after each."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.config import Settings
from plaza.kit.clock import ManualClock
from plaza.wallet.envelopes import service as envelopes
from tests.chat.helpers import create_group, history, open_direct, sync
from tests.conftest import Person, befriend, create_person
from tests.identity.test_sign_in import assert_problem
from tests.realtime import conftest as realtime_fixtures
from tests.realtime.conftest import next_frame, open_socket
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

live_url = realtime_fixtures.live_url  # the test app on a local port, for sockets


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"wallet_daily_limit": Decimal("300.00")})


@pytest.fixture
async def alice(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Alice")


@pytest.fixture
async def bob(app: FastAPI, client: httpx.AsyncClient, alice: Person) -> Person:
    person = await create_person(app, "Bob")
    await befriend(client, alice, person)
    return person


@pytest.fixture
async def carol(app: FastAPI, client: httpx.AsyncClient, alice: Person) -> Person:
    person = await create_person(app, "Carol")
    await befriend(client, alice, person)
    return person


@pytest.fixture
async def group(client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person) -> str:
    return await create_group(client, alice, bob, carol, name="Family")


async def send_envelope(
    client: httpx.AsyncClient,
    sender: Person,
    conversation_id: str,
    *,
    key: str = "e1",
    pin: str = PIN,
    **body: Any,
) -> httpx.Response:
    return await client.post(
        "/v1/wallet/envelopes",
        headers=sender.auth | {"Idempotency-Key": key},
        json={"conversation_id": conversation_id, "pin": pin, **body},
    )


async def lucky(
    client: httpx.AsyncClient, sender: Person, conversation_id: str, total: str, count: int
) -> dict[str, Any]:
    response = await send_envelope(
        client, sender, conversation_id, kind="lucky", total=total, count=count
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def open_envelope(
    client: httpx.AsyncClient, opener: Person, envelope_id: str
) -> httpx.Response:
    return await client.post(f"/v1/wallet/envelopes/{envelope_id}/open", headers=opener.auth)


async def opened_amount(client: httpx.AsyncClient, opener: Person, envelope_id: str) -> int:
    response = await open_envelope(client, opener, envelope_id)
    assert response.status_code == 200, response.text
    return int(response.json()["amount"]["amount"])


async def detail(client: httpx.AsyncClient, reader: Person, envelope_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/wallet/envelopes/{envelope_id}", headers=reader.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_lucky_envelope_in_a_group_is_shared_out_to_the_last_fen(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    carol: Person,
    group: str,
) -> None:
    sent = await send_envelope(
        client, alice, group, kind="lucky", total="10.00", count=3, greeting="Happy new year"
    )
    assert sent.status_code == 201, sent.text
    envelope = sent.json()
    assert (envelope["status"], envelope["total"], envelope["count"]) == (
        "open",
        {"amount": 1000, "currency": "CNY"},
        3,
    )
    assert await balance(client, alice) == 9000
    [card] = [m for m in await history(client, carol, group) if m["kind"] == "envelope"]
    assert card["client_msg_id"] == f"envelope-{envelope['id']}"
    assert card["content"] == {
        "envelope_id": envelope["id"],
        "kind": "lucky",
        "greeting": "Happy new year",
        "count": 3,
        "expires_at": card["content"]["expires_at"],
    }
    got = {
        who.name: await opened_amount(client, who, envelope["id"]) for who in (bob, carol, alice)
    }
    assert sum(got.values()) == 1000
    assert min(got.values()) >= 1
    assert await balance(client, bob) == got["Bob"]
    assert await balance(client, alice) == 9000 + got["Alice"]  # the sender may open in a group

    seen = await detail(client, carol, envelope["id"])
    assert seen["status"] == "empty"
    assert seen["mine"] == {"amount": got["Carol"], "currency": "CNY"}
    assert seen["sender"] == {"id": alice.id, "name": "Alice"}
    assert [(o["opener"]["name"], o["amount"]["amount"]) for o in seen["opened"]] == [
        ("Bob", got["Bob"]),
        ("Carol", got["Carol"]),
        ("Alice", got["Alice"]),
    ]
    most = max(got.values())
    earliest_with_most = next(o for o in seen["opened"] if o["amount"]["amount"] == most)
    assert seen["luckiest"] == earliest_with_most["opener"]["id"]
    await books_balance(app)


async def test_an_equal_envelope_gives_everyone_the_same_and_names_no_luckiest(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, group: str
) -> None:
    sent = await send_envelope(client, alice, group, kind="equal", amount_each="2.50", count=2)
    assert sent.status_code == 201, sent.text
    envelope = sent.json()
    assert envelope["total"]["amount"] == 500
    assert envelope["greeting"] == "Best wishes"
    assert await balance(client, alice) == 9500
    assert await opened_amount(client, bob, envelope["id"]) == 250
    assert await opened_amount(client, alice, envelope["id"]) == 250
    seen = await detail(client, bob, envelope["id"])
    assert (seen["status"], seen["luckiest"]) == ("empty", None)
    assert await balance(client, alice) == 9750
    await books_balance(app)


async def test_in_a_1_to_1_chat_only_the_other_person_opens_the_one_share(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    two = await send_envelope(client, alice, chat, kind="lucky", total="5.00", count=2)
    assert_problem(two, 422, "wallet.envelope_too_many_shares", "count")
    assert await balance(client, alice) == 10000
    envelope = await lucky(client, alice, chat, "5.00", 1)
    mine = await open_envelope(client, alice, envelope["id"])
    assert_problem(mine, 403, "wallet.envelope_not_for_you", None)
    assert await balance(client, alice) == 9500
    assert await opened_amount(client, bob, envelope["id"]) == 500
    assert (await detail(client, alice, envelope["id"]))["status"] == "empty"
    await books_balance(app)


async def test_each_person_opens_once_and_then_it_is_empty(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    carol: Person,
    group: str,
) -> None:
    envelope = await lucky(client, alice, group, "3.00", 1)
    assert await opened_amount(client, bob, envelope["id"]) == 300
    again = await open_envelope(client, bob, envelope["id"])
    assert_problem(again, 409, "wallet.envelope_already_opened", None)
    late = await open_envelope(client, carol, envelope["id"])
    assert_problem(late, 409, "wallet.envelope_empty", None)
    assert (await balance(client, bob), await balance(client, carol)) == (300, 0)
    assert (await detail(client, carol, envelope["id"]))["mine"] is None
    await books_balance(app)


async def test_what_is_left_goes_back_after_24_hours(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    carol: Person,
    group: str,
    clock: ManualClock,
) -> None:
    envelope = await lucky(client, alice, group, "10.00", 3)
    bob_got = await opened_amount(client, bob, envelope["id"])
    clock.advance(timedelta(hours=24))
    late = await open_envelope(client, carol, envelope["id"])
    assert_problem(late, 409, "wallet.envelope_expired", None)
    assert (await detail(client, carol, envelope["id"]))["status"] == "expired"
    assert await balance(client, alice) == 9000
    async with app.state.database.unit_of_work() as session:
        assert await envelopes.return_expired(session, app.state.broker) == 1
    async with app.state.database.unit_of_work() as session:
        assert await envelopes.return_expired(session, app.state.broker) == 0
    assert await balance(client, alice) == 10000 - bob_got
    assert (await detail(client, bob, envelope["id"]))["status"] == "returned"
    assert_problem(
        await open_envelope(client, carol, envelope["id"]), 409, "wallet.envelope_expired", None
    )
    assert await balance(client, carol) == 0
    await books_balance(app)


async def test_an_envelope_all_taken_before_expiry_returns_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    group: str,
    clock: ManualClock,
) -> None:
    envelope = await lucky(client, alice, group, "1.00", 1)
    await opened_amount(client, bob, envelope["id"])
    clock.advance(timedelta(hours=25))
    async with app.state.database.unit_of_work() as session:
        assert await envelopes.return_expired(session, app.state.broker) == 1
    assert await balance(client, alice) == 9900
    assert (await detail(client, alice, envelope["id"]))["status"] == "empty"
    await books_balance(app)


async def test_only_members_of_the_chat_see_or_open_it(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, group: str
) -> None:
    envelope = await lucky(client, alice, group, "2.00", 2)
    stranger = await create_person(app, "Dave")
    for response in (
        await open_envelope(client, stranger, envelope["id"]),
        await client.get(f"/v1/wallet/envelopes/{envelope['id']}", headers=stranger.auth),
        await open_envelope(client, bob, "12345"),
    ):
        assert_problem(response, 404, "wallet.envelope_not_found", "envelope_id")
    assert await balance(client, stranger) == 0
    await books_balance(app)


async def test_opening_tells_the_opener_and_the_sender(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, group: str
) -> None:
    envelope = await lucky(client, alice, group, "2.00", 2)
    sender_socket = await open_socket(live_url, alice.token)
    await opened_amount(client, bob, envelope["id"])
    expected = {"envelope_id": envelope["id"], "opened_count": 1, "remaining": 1}
    recorded = [e for e in (await sync(client, bob))["events"] if e["type"] == "envelope.updated"]
    assert [e["data"] for e in recorded] == [expected]
    # The sender hears of it live, but it is not kept in their inbox (a hot row otherwise).
    assert await next_frame(sender_socket) == {
        "type": "envelope.updated",
        "seq": None,
        "data": expected,
    }
    assert "envelope.updated" not in {e["type"] for e in (await sync(client, alice))["events"]}
    await sender_socket.close()


async def test_a_retry_with_the_same_key_sends_once(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, group: str
) -> None:
    first = await send_envelope(
        client, alice, group, key="red-1", kind="lucky", total="8.88", count=3
    )
    again = await send_envelope(
        client, alice, group, key="red-1", kind="lucky", total="8.88", count=3
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = await send_envelope(
        client, alice, group, key="red-1", kind="lucky", total="9.99", count=3
    )
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert await balance(client, alice) == 10000 - 888
    cards = [m for m in await history(client, alice, group) if m["kind"] == "envelope"]
    assert len(cards) == 1
    await books_balance(app)


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        (
            {"kind": "lucky", "total": "200.01", "count": 2},
            422,
            "wallet.envelope_too_large",
            "total",
        ),
        (
            {"kind": "equal", "amount_each": "100.01", "count": 2},
            422,
            "wallet.envelope_too_large",
            "amount_each",
        ),
        (
            {"kind": "lucky", "total": "5.00", "count": 4},
            422,
            "wallet.envelope_too_many_shares",
            "count",
        ),
        (
            {"kind": "lucky", "total": "0.02", "count": 3},
            422,
            "wallet.envelope_share_too_small",
            "total",
        ),
        ({"kind": "lucky", "total": "0", "count": 1}, 422, "wallet.amount_invalid", "total"),
        ({"kind": "lucky", "total": "-1.00", "count": 1}, 422, "wallet.amount_invalid", "total"),
        (
            {"kind": "equal", "amount_each": "1.001", "count": 1},
            422,
            "wallet.amount_invalid",
            "amount_each",
        ),
        (
            {"kind": "lucky", "total": "150.00", "count": 3},
            409,
            "wallet.insufficient_funds",
            "amount",
        ),
        ({"kind": "lucky", "total": "1.00", "count": 0}, 422, "request.invalid", "count"),
        ({"kind": "lucky", "amount_each": "1.00", "count": 1}, 422, "request.invalid", None),
        (
            {"kind": "equal", "amount_each": "1.00", "total": "1.00", "count": 1},
            422,
            "request.invalid",
            None,
        ),
        (
            {"kind": "lucky", "total": "1.00", "count": 1, "greeting": "x" * 31},
            422,
            "request.invalid",
            "greeting",
        ),
        (
            {"kind": "lucky", "total": "1.00", "count": 1, "pin": "000000"},
            403,
            "wallet.pin_wrong",
            "pin",
        ),
    ],
)
async def test_bad_envelopes_move_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    group: str,
    body: dict[str, Any],
    status: int,
    code: str,
    field: str | None,
) -> None:
    response = await send_envelope(client, alice, group, **body)
    assert_problem(response, status, code, field)
    assert await balance(client, alice) == 10000
    assert not [m for m in await history(client, alice, group) if m["kind"] == "envelope"]
    # The key was not used up: the same key with a good envelope works.
    fine = await send_envelope(client, alice, group, kind="lucky", total="1.00", count=1)
    assert fine.status_code == 201, fine.text
    await books_balance(app)


async def test_only_verified_members_send_and_the_daily_limit_applies(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, group: str
) -> None:
    unverified = await send_envelope(client, bob, group, kind="lucky", total="1.00", count=1)
    assert_problem(unverified, 403, "wallet.real_name_required", None)
    dave = await ready_to_pay(app, client, "Dave", top_up="500.00")
    outsider = await send_envelope(client, dave, group, kind="lucky", total="1.00", count=1)
    assert_problem(outsider, 403, "chat.not_member", None)
    assert await balance(client, dave) == 50000

    rich = await ready_to_pay(app, client, "Erin", top_up="500.00")
    await befriend(client, rich, alice)
    chat = await open_direct(client, rich, alice)
    assert (await lucky(client, rich, chat, "200.00", 1))["total"]["amount"] == 20000
    second = await send_envelope(
        client, rich, chat, key="e2", kind="lucky", total="100.00", count=1
    )
    assert second.status_code == 201, second.text
    over = await send_envelope(client, rich, chat, key="e3", kind="lucky", total="0.01", count=1)
    assert_problem(over, 409, "wallet.daily_limit_exceeded", "amount")
    assert await balance(client, rich) == 20000
    await books_balance(app)
