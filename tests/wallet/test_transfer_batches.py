"""Transfers asked for together (``wallet.sending.send_together``, which the transfer
endpoint reaches through ``kit.batching``): each gets what it would get alone, nothing is
sent twice or lost, and the batch's statements do not grow with its transfers."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from plaza.wallet import security
from plaza.wallet.schemas import TransferCreate
from plaza.wallet.sending import Sent, TransferAsk, send_together
from tests.chat.helpers import history, open_direct
from tests.conftest import Person, befriend, counted_queries, create_person
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay


def ask(
    sender: Person | str,
    key: str,
    to: Person,
    amount: str,
    *,
    pin: str = PIN,
    conversation_id: int | None = None,
) -> TransferAsk:
    token = sender if isinstance(sender, str) else sender.token
    body = TransferCreate(to=to.account_id, amount=amount, pin=pin, conversation_id=conversation_id)
    return TransferAsk(token, key, body)


def outcome(answer: Sent | Exception) -> str:
    if isinstance(answer, Sent):
        return f"{'sent' if answer.first else 'again'} {answer.transfer.amount.amount}"
    return str(getattr(answer, "code", repr(answer)))


async def together(app: FastAPI, asks: list[TransferAsk]) -> list[Sent | Exception]:
    return await send_together(app.state.database, app.state.broker, app.state.settings, asks)


async def test_each_transfer_in_a_batch_gets_what_it_would_get_alone(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await ready_to_pay(app, client, "Alice", "10.00")
    bob = await ready_to_pay(app, client, "Bob", "10.00")
    carol = await create_person(app, "Carol")  # no real name
    asks = [
        ask(alice, "a1", bob, "3.00"),
        ask(alice, "a1", bob, "3.00"),  # the same request again, in the same batch
        ask(alice, "a2", bob, "8.00"),  # more than the 7.00 left
        ask(alice, "a3", bob, "7.00"),  # exactly what is left
        ask(alice, "a1", bob, "4.00"),  # the first key, another body
        ask(bob, "b1", alice, "1.00", pin="000000"),
        ask(bob, "b2", bob, "1.00"),
        ask(bob, "b3", alice, "0.001"),
        ask(bob, "b4", alice, "2.00"),
        ask(carol, "c1", alice, "1.00"),
        ask("not-a-token", "x1", alice, "1.00"),
    ]

    answers = await together(app, asks)

    assert [outcome(a) for a in answers] == [
        "sent 300",
        "again 300",
        "wallet.insufficient_funds",
        "sent 700",
        "idempotency.key_reused",
        "wallet.pin_wrong",
        "wallet.same_account",
        "wallet.amount_invalid",
        "sent 200",
        "wallet.real_name_required",
        "auth.token_invalid",
    ]
    first, again = answers[0], answers[1]
    assert isinstance(first, Sent)
    assert isinstance(again, Sent)
    assert again.transfer == first.transfer
    assert await balance(client, alice) == 0
    assert await balance(client, bob) == 800  # 10.00 less the 2.00 on its way to Alice
    async with app.state.database.sessionmaker() as session:
        bobs = await security.profile(session, bob.account_id)
    assert bobs.pin_failed_attempts == 1  # the wrong PIN counted once
    await books_balance(app)

    retried = await together(app, [ask(alice, "a3", bob, "7.00")])
    assert [outcome(a) for a in retried] == ["again 700"]
    assert await balance(client, alice) == 0


async def test_a_transfer_in_a_chat_is_served_alone_and_leaves_its_card(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    bob = await create_person(app, "Bob")
    await befriend(client, alice, bob)
    chat = await open_direct(client, alice, bob)

    answers = await together(
        app,
        [
            ask(alice, "in-chat", bob, "5.00", conversation_id=int(chat)),
            ask(alice, "k", bob, "1.00"),
        ],
    )

    assert [outcome(a) for a in answers] == ["sent 500", "sent 100"]
    cards = [m for m in await history(client, bob, chat) if m["kind"] == "transfer"]
    assert [c["content"]["amount"] for c in cards] == [500]
    await books_balance(app)


async def test_a_batch_takes_as_many_statements_for_twenty_transfers_as_for_two(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    people = [await ready_to_pay(app, client, f"P{n}") for n in range(8)]
    counts = []

    for batch, size in ((0, 2), (1, 20)):
        asks = [
            ask(people[n % 8], f"{batch}-{n}", people[(n + 1) % 8], "0.10") for n in range(size)
        ]
        with counted_queries(app) as statements:
            answers = await together(app, asks)
        assert [outcome(a) for a in answers] == ["sent 10"] * size
        counts.append(len(statements))

    assert counts[0] == counts[1] <= 16
    await books_balance(app)
