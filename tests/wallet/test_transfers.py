"""Transfers through the API: PIN, idempotency, accept, return, expiry, and not a cent lost."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet import transfers
from tests.chat.helpers import history, open_direct
from tests.conftest import Person, befriend, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_security import ID_NUMBER

PIN = "135790"


async def ready_to_pay(
    app: FastAPI, client: httpx.AsyncClient, name: str, top_up: str = "100.00"
) -> Person:
    person = await create_person(app, name)
    await client.post(
        "/v1/wallet/real-name", headers=person.auth, json={"name": name, "id_number": ID_NUMBER}
    )
    assert (
        await client.put("/v1/wallet/pin", headers=person.auth, json={"pin": PIN})
    ).status_code == 200
    async with app.state.database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=person.account_id, amount=Money.parse(top_up, "CNY"))
    return person


@pytest.fixture
async def alice(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Alice")


@pytest.fixture
async def bob(app: FastAPI) -> Person:
    return await create_person(app, "Bob")


async def balance(client: httpx.AsyncClient, who: Person) -> int:
    body: dict[str, Any] = (await client.get("/v1/wallet", headers=who.auth)).json()
    return int(body["balance"]["amount"])


async def send(
    client: httpx.AsyncClient,
    sender: Person,
    to: Person,
    amount: str,
    *,
    key: str = "k1",
    pin: str = PIN,
) -> httpx.Response:
    return await client.post(
        "/v1/wallet/transfers",
        headers=sender.auth | {"Idempotency-Key": key},
        json={"to": to.id, "amount": amount, "memo": "Lunch", "pin": pin},
    )


async def books_balance(app: FastAPI) -> None:
    async with app.state.database.sessionmaker() as session:
        assert await wallet.verify(session) == []


async def test_send_then_accept(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    sent = await send(client, alice, bob, "12.34")
    assert sent.status_code == 201, sent.text
    transfer = sent.json()
    assert (transfer["status"], transfer["amount"]) == (
        "pending",
        {"amount": 1234, "currency": "CNY"},
    )
    assert (await balance(client, alice), await balance(client, bob)) == (8766, 0)
    accepted = await client.post(f"/v1/wallet/transfers/{transfer['id']}/accept", headers=bob.auth)
    assert accepted.json()["status"] == "accepted"
    assert (await balance(client, alice), await balance(client, bob)) == (8766, 1234)
    again = await client.post(f"/v1/wallet/transfers/{transfer['id']}/accept", headers=bob.auth)
    assert_problem(again, 409, "wallet.transfer_not_pending", None)
    assert await balance(client, bob) == 1234
    await books_balance(app)


async def test_a_retry_with_the_same_key_moves_money_once(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    first = await send(client, alice, bob, "10.00", key="pay-1")
    again = await send(client, alice, bob, "10.00", key="pay-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert await balance(client, alice) == 9000
    other = await send(client, alice, bob, "11.00", key="pay-1")
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert await balance(client, alice) == 9000
    await books_balance(app)


@pytest.mark.parametrize(
    ("amount", "status", "code"),
    [
        ("100.01", 409, "wallet.insufficient_funds"),
        ("0", 422, "wallet.amount_invalid"),
        ("-5.00", 422, "wallet.amount_invalid"),
        ("1.001", 422, "wallet.amount_invalid"),
    ],
)
async def test_bad_amounts_move_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    amount: str,
    status: int,
    code: str,
) -> None:
    response = await send(client, alice, bob, amount)
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    assert await balance(client, alice) == 10000
    # The key was not used up: the same key with a good amount works.
    assert (await send(client, alice, bob, "1.00")).status_code == 201


async def test_a_wrong_pin_does_not_use_up_the_key(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    wrong = await send(client, alice, bob, "3.00", key="same", pin="000000")
    assert_problem(wrong, 403, "wallet.pin_wrong", "pin")
    right = await send(client, alice, bob, "3.00", key="same")
    assert right.status_code == 201, right.text
    assert right.json()["amount"]["amount"] == 300
    assert await balance(client, alice) == 9700
    await books_balance(app)


async def test_wrong_pin_and_no_real_name_move_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    assert_problem(
        await send(client, alice, bob, "1.00", pin="000000"), 403, "wallet.pin_wrong", "pin"
    )
    bob_sends = await send(client, bob, alice, "1.00")
    assert_problem(bob_sends, 403, "wallet.real_name_required", None)
    missing_key = await client.post(
        "/v1/wallet/transfers",
        headers=alice.auth,
        json={"to": bob.id, "amount": "1.00", "pin": PIN},
    )
    assert_problem(missing_key, 422, "request.invalid", "Idempotency-Key")
    assert await balance(client, alice) == 10000


async def test_only_the_recipient_accepts_and_it_can_be_returned(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    transfer = (await send(client, alice, bob, "5.00")).json()
    not_mine = await client.post(
        f"/v1/wallet/transfers/{transfer['id']}/accept", headers=alice.auth
    )
    assert_problem(not_mine, 404, "wallet.transfer_not_found", "transfer_id")
    returned = await client.post(f"/v1/wallet/transfers/{transfer['id']}/return", headers=bob.auth)
    assert returned.json()["status"] == "returned"
    assert (await balance(client, alice), await balance(client, bob)) == (10000, 0)
    await books_balance(app)


async def test_an_unaccepted_transfer_returns_after_24_hours(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, clock: ManualClock
) -> None:
    late = (await send(client, alice, bob, "5.00", key="a")).json()
    swept = (await send(client, alice, bob, "7.00", key="b")).json()
    clock.advance(timedelta(hours=24))
    expired = await client.post(f"/v1/wallet/transfers/{late['id']}/accept", headers=bob.auth)
    assert_problem(expired, 409, "wallet.transfer_expired", None)
    async with app.state.database.unit_of_work() as session:
        assert await transfers.return_expired(session, app.state.broker) == 1
    status = (await client.get(f"/v1/wallet/transfers/{swept['id']}", headers=alice.auth)).json()
    assert status["status"] == "returned"
    assert (await balance(client, alice), await balance(client, bob)) == (10000, 0)
    await books_balance(app)


async def test_a_transfer_in_chat_leaves_a_card_and_both_sides_hear_of_it(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    bob = await create_person(app, "Bob")
    await befriend(client, alice, bob)
    chat = await open_direct(client, alice, bob)
    response = await client.post(
        "/v1/wallet/transfers",
        headers=alice.auth | {"Idempotency-Key": "in-chat"},
        json={
            "to": bob.id,
            "amount": "20.00",
            "memo": "Dinner",
            "pin": PIN,
            "conversation_id": chat,
        },
    )
    assert response.status_code == 201, response.text
    transfer = response.json()
    assert transfer["conversation_id"] == chat
    [card] = [m for m in await history(client, bob, chat) if m["kind"] == "transfer"]
    assert card["content"] == {
        "transfer_id": transfer["id"],
        "amount": 2000,
        "currency": "CNY",
        "memo": "Dinner",
        "recipient_id": bob.id,
    }
    await client.post(f"/v1/wallet/transfers/{transfer['id']}/accept", headers=bob.auth)
    for who in (alice, bob):
        events = (await client.get("/v1/sync?cursor=0&limit=500", headers=who.auth)).json()[
            "events"
        ]
        updates = [e["data"] for e in events if e["type"] == "transfer.updated"]
        assert updates[-2:] == [
            {"transfer_id": transfer["id"], "status": "pending"},
            {"transfer_id": transfer["id"], "status": "accepted"},
        ]


async def test_no_transfer_card_in_a_chat_the_recipient_is_not_in(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    bob, carol = await create_person(app, "Bob"), await create_person(app, "Carol")
    await befriend(client, alice, carol)
    chat = await open_direct(client, alice, carol)
    response = await client.post(
        "/v1/wallet/transfers",
        headers=alice.auth | {"Idempotency-Key": "wrong-chat"},
        json={"to": bob.id, "amount": "1.00", "pin": PIN, "conversation_id": chat},
    )
    assert_problem(response, 403, "chat.not_member", "to")
    assert await balance(client, alice) == 10000
    assert await history(client, carol, chat) == []
