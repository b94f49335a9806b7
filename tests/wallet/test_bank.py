"""Top-ups and withdrawals through the sandbox bank, over the API: nothing is credited
before the bank's callback, every failure gives the money back, callbacks apply once,
and the books balance after each."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.kit.clock import ManualClock
from plaza.wallet import repository as wallet_repository
from plaza.wallet import service as wallet
from plaza.wallet.bank import reconcile, sandbox
from plaza.wallet.bank.models import BankOrder, SandboxRequest
from plaza.wallet.models import JournalEntry
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

pytestmark = pytest.mark.usefixtures("clock")  # the tests drive the bank's sweeps themselves

GOOD_CARD = "4242 4242 4242 4242"
DECLINING_CARD = "4000 0000 0000 0002"
FAILING_CARD = "4000 0000 0000 0069"
SILENT_CARD = "4000 0000 0000 0119"


@pytest.fixture
async def alice(app: FastAPI, client: httpx.AsyncClient) -> Person:
    return await ready_to_pay(app, client, "Alice")


async def link(
    client: httpx.AsyncClient, who: Person, number: str = GOOD_CARD, *, holder: str | None = None
) -> httpx.Response:
    return await client.post(
        "/v1/wallet/cards",
        headers=who.auth,
        json={"holder_name": holder or who.name, "card_number": number},
    )


async def card_of(client: httpx.AsyncClient, who: Person, number: str = GOOD_CARD) -> str:
    response = await link(client, who, number)
    assert response.status_code == 201, response.text
    card_id: str = response.json()["id"]
    return card_id


async def order(
    client: httpx.AsyncClient,
    who: Person,
    path: str,
    card_id: str,
    amount: str,
    *,
    key: str = "k1",
    pin: str = PIN,
) -> httpx.Response:
    return await client.post(
        f"/v1/wallet/{path}",
        headers=who.auth | {"Idempotency-Key": key},
        json={"card_id": card_id, "amount": amount, "pin": pin},
    )


async def status_of(client: httpx.AsyncClient, who: Person, order_id: str) -> str:
    response = await client.get(f"/v1/wallet/bank-orders/{order_id}", headers=who.auth)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


async def bank_settles(app: FastAPI, clock: ManualClock) -> int:
    """The sandbox bank's delay passes and its settling sweep runs once."""
    clock.advance(timedelta(seconds=app.state.settings.sandbox_bank_delay_seconds))
    async with app.state.database.unit_of_work() as session:
        return await sandbox.settle_due(session, app.state.broker, app.state.settings)


async def reconciled(app: FastAPI) -> reconcile.Report:
    async with app.state.database.unit_of_work() as session:
        return await reconcile.reconcile(session, app.state.broker, app.state.settings)


async def bank_clearing(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        account = await wallet.system_account(session, wallet.Purpose.BANK_CLEARING, "CNY")
        return account.balance


async def signed_callback(app: FastAPI, order_id: str) -> tuple[bytes, str]:
    """What the sandbox bank would send when the order's request settles."""
    async with app.state.database.sessionmaker() as session:
        placed = await session.get(BankOrder, int(order_id))
        assert placed is not None
        assert placed.reference is not None
        request = await session.get(SandboxRequest, placed.reference)
        assert request is not None
        return sandbox.SandboxBank(session, app.state.settings).callback_for(request)


async def call_back(client: httpx.AsyncClient, body: bytes, signature: str) -> httpx.Response:
    return await client.post(
        "/v1/bank/callbacks/sandbox",
        content=body,
        headers={"X-Plaza-Signature": signature, "Content-Type": "application/json"},
    )


async def events(client: httpx.AsyncClient, who: Person) -> list[dict[str, Any]]:
    body = (await client.get("/v1/sync?cursor=0&limit=500", headers=who.auth)).json()
    return [e["data"] for e in body["events"] if e["type"] == "bank_order.updated"]


async def test_a_top_up_is_credited_only_when_the_bank_calls_back(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice)
    placed = await order(client, alice, "top-ups", card, "200.00")
    assert placed.status_code == 201, placed.text
    top_up = placed.json()
    assert (top_up["kind"], top_up["status"], top_up["amount"], top_up["card_last4"]) == (
        "top_up",
        "pending",
        {"amount": 20000, "currency": "CNY"},
        "4242",
    )
    assert await balance(client, alice) == 10000
    assert await bank_settles(app, clock) == 1
    assert await balance(client, alice) == 30000
    assert await status_of(client, alice, top_up["id"]) == "succeeded"
    assert await bank_clearing(app) == -30000
    assert await events(client, alice) == [
        {"bank_order_id": top_up["id"], "kind": "top_up", "status": "pending"},
        {"bank_order_id": top_up["id"], "kind": "top_up", "status": "succeeded"},
    ]
    async with app.state.database.sessionmaker() as session:
        entry = await session.scalar(
            select(JournalEntry).where(JournalEntry.subject_id == int(top_up["id"]))
        )
        assert entry is not None
        assert (entry.kind, entry.subject_type) == ("top_up", "bank_order")
    await books_balance(app)


async def test_nothing_settles_before_the_banks_delay(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    card = await card_of(client, alice)
    await order(client, alice, "top-ups", card, "5.00")
    async with app.state.database.unit_of_work() as session:
        assert await sandbox.settle_due(session, app.state.broker, app.state.settings) == 0
    assert await balance(client, alice) == 10000


async def test_a_declined_top_up_moves_nothing_and_stays_on_record(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice, DECLINING_CARD)
    declined = await order(client, alice, "top-ups", card, "50.00", key="same")
    assert_problem(declined, 402, "wallet.bank_declined", None)
    assert "0002" in declined.json()["detail"]
    assert await balance(client, alice) == 10000
    [kept] = (await client.get("/v1/wallet/bank-orders", headers=alice.auth)).json()["items"]
    assert (kept["status"], kept["amount"]["amount"]) == ("declined", 5000)
    assert await bank_settles(app, clock) == 0
    # A refused request leaves its key unused.
    good = await card_of(client, alice)
    assert (await order(client, alice, "top-ups", good, "50.00", key="same")).status_code == 201
    await books_balance(app)


async def test_a_failed_top_up_credits_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice, FAILING_CARD)
    top_up = (await order(client, alice, "top-ups", card, "20.00")).json()
    assert top_up["status"] == "pending"
    assert await bank_settles(app, clock) == 1
    assert await status_of(client, alice, top_up["id"]) == "failed"
    assert await balance(client, alice) == 10000
    assert await bank_clearing(app) == -10000
    await books_balance(app)


async def test_a_top_up_the_bank_never_answers_is_settled_by_reconciliation(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice, SILENT_CARD)
    top_up = (await order(client, alice, "top-ups", card, "20.00")).json()
    assert await bank_settles(app, clock) == 0
    early = await reconciled(app)
    assert (early.settled, early.still_pending) == ([], [])
    clock.advance(reconcile.ASK_AFTER)
    report = await reconciled(app)
    assert [o.id for o in report.settled] == [int(top_up["id"])]
    assert (report.unknown_to_bank, report.has_problems) == ([], False)
    assert await status_of(client, alice, top_up["id"]) == "failed"
    assert await balance(client, alice) == 10000
    await books_balance(app)


async def test_a_withdrawal_leaves_at_once_and_goes_to_the_bank(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice)
    placed = await order(client, alice, "withdrawals", card, "30.00")
    assert placed.status_code == 201, placed.text
    withdrawal = placed.json()
    assert (withdrawal["kind"], withdrawal["status"]) == ("withdrawal", "pending")
    assert await balance(client, alice) == 7000
    assert await bank_clearing(app) == -10000
    assert await bank_settles(app, clock) == 1
    assert await status_of(client, alice, withdrawal["id"]) == "succeeded"
    assert await balance(client, alice) == 7000
    assert await bank_clearing(app) == -7000
    async with app.state.database.sessionmaker() as session:
        key = wallet.hold_account_key(wallet.Purpose.WITHDRAWAL_HOLD, int(withdrawal["id"]), "CNY")
        hold = await wallet_repository.get_account_by_key_or_none(session, key)
        assert hold is not None
        assert hold.balance == 0
    await books_balance(app)


@pytest.mark.parametrize("how", ["fails", "times_out"])
async def test_a_withdrawal_the_bank_does_not_pay_comes_back(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock, how: str
) -> None:
    card = await card_of(client, alice, FAILING_CARD if how == "fails" else SILENT_CARD)
    withdrawal = (await order(client, alice, "withdrawals", card, "30.00")).json()
    assert await balance(client, alice) == 7000
    await bank_settles(app, clock)
    if how == "times_out":
        assert await status_of(client, alice, withdrawal["id"]) == "pending"
        clock.advance(reconcile.ASK_AFTER)
        assert len((await reconciled(app)).settled) == 1
    assert await status_of(client, alice, withdrawal["id"]) == "failed"
    assert await balance(client, alice) == 10000
    assert await bank_clearing(app) == -10000
    assert [e["status"] for e in await events(client, alice)] == ["pending", "failed"]
    await books_balance(app)


async def test_a_declined_withdrawal_gives_the_money_back_at_once(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    card = await card_of(client, alice, DECLINING_CARD)
    declined = await order(client, alice, "withdrawals", card, "30.00")
    assert_problem(declined, 402, "wallet.bank_declined", None)
    assert await balance(client, alice) == 10000
    [kept] = (await client.get("/v1/wallet/bank-orders", headers=alice.auth)).json()["items"]
    assert (kept["kind"], kept["status"]) == ("withdrawal", "declined")
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
async def test_a_bad_withdrawal_moves_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, amount: str, status: int, code: str
) -> None:
    card = await card_of(client, alice)
    assert_problem(await order(client, alice, "withdrawals", card, amount), status, code, "amount")
    assert await balance(client, alice) == 10000
    assert (await client.get("/v1/wallet/bank-orders", headers=alice.auth)).json()["items"] == []
    assert (await order(client, alice, "withdrawals", card, "1.00")).status_code == 201
    await books_balance(app)


async def test_a_withdrawal_counts_against_the_daily_limit(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    app.state.settings.wallet_daily_limit = 50
    alice = await ready_to_pay(app, client, "Alice")
    card = await card_of(client, alice)
    over = await order(client, alice, "withdrawals", card, "50.01")
    assert_problem(over, 409, "wallet.daily_limit_exceeded", "amount")
    assert await balance(client, alice) == 10000
    await books_balance(app)


@pytest.mark.parametrize("path", ["top-ups", "withdrawals"])
async def test_a_retry_with_the_same_key_places_one_order(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock, path: str
) -> None:
    card = await card_of(client, alice)
    first = await order(client, alice, path, card, "10.00", key="again")
    again = await order(client, alice, path, card, "10.00", key="again")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other = await order(client, alice, path, card, "11.00", key="again")
    assert_problem(other, 409, "idempotency.key_reused", "idempotency_key")
    assert (
        len((await client.get("/v1/wallet/bank-orders", headers=alice.auth)).json()["items"]) == 1
    )
    assert await bank_settles(app, clock) == 1
    assert await balance(client, alice) == (11000 if path == "top-ups" else 9000)
    await books_balance(app)


@pytest.mark.parametrize("path", ["top-ups", "withdrawals"])
async def test_a_wrong_pin_places_nothing_and_leaves_the_key(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, path: str
) -> None:
    card = await card_of(client, alice)
    wrong = await order(client, alice, path, card, "10.00", key="pin", pin="000000")
    assert_problem(wrong, 403, "wallet.pin_wrong", "pin")
    assert await balance(client, alice) == 10000
    assert (await order(client, alice, path, card, "10.00", key="pin")).status_code == 201


async def test_another_persons_card_cannot_be_used(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    bob = await ready_to_pay(app, client, "Bob")
    bobs = await card_of(client, bob)
    for path in ("top-ups", "withdrawals"):
        used = await order(client, alice, path, bobs, "1.00")
        assert_problem(used, 404, "wallet.card_not_found", "card_id")
    removed = await client.delete(f"/v1/wallet/cards/{bobs}", headers=alice.auth)
    assert_problem(removed, 404, "wallet.card_not_found", "card_id")
    assert await balance(client, alice) == 10000
    await books_balance(app)


async def test_a_repeated_callback_moves_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice)
    top_up = (await order(client, alice, "top-ups", card, "200.00")).json()
    body, signature = await signed_callback(app, top_up["id"])
    first = await call_back(client, body, signature)
    assert first.status_code == 200, first.text
    assert first.json() == {"outcome": "applied", "order_id": top_up["id"]}
    again = await call_back(client, body, signature)
    assert again.json() == {"outcome": "duplicate", "order_id": top_up["id"]}
    # The sandbox's own delivery later is one more duplicate.
    assert await bank_settles(app, clock) == 1
    assert await balance(client, alice) == 30000
    assert await bank_clearing(app) == -30000
    await books_balance(app)


async def test_a_forged_callback_is_refused_and_reported(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    card = await card_of(client, alice)
    top_up = (await order(client, alice, "top-ups", card, "200.00")).json()
    body, signature = await signed_callback(app, top_up["id"])
    forged = await call_back(client, body.replace(b"20000", b"90000"), signature)
    assert_problem(forged, 401, "wallet.bank_callback_forged", None)
    unsigned = await client.post("/v1/bank/callbacks/sandbox", content=body)
    assert_problem(unsigned, 401, "wallet.bank_callback_forged", None)
    assert await status_of(client, alice, top_up["id"]) == "pending"
    assert await balance(client, alice) == 10000
    report = await reconciled(app)
    assert [c.outcome for c in report.unmatched_callbacks] == ["forged", "forged"]
    assert report.has_problems
    await books_balance(app)


def stray_callback(bank: sandbox.SandboxBank, reference: str) -> tuple[bytes, str]:
    """A correctly signed callback for a reference no order has."""
    request = SandboxRequest(
        reference=reference, outcome="succeeded", amount=100, currency="CNY", merchant_order="0"
    )
    return bank.callback_for(request)


async def test_a_callback_for_an_unknown_reference_is_kept_as_unmatched(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    async with app.state.database.sessionmaker() as session:
        body, signature = stray_callback(
            sandbox.SandboxBank(session, app.state.settings), "sbx_nobody"
        )
    unknown = await call_back(client, body, signature)
    assert_problem(unknown, 404, "wallet.bank_reference_unknown", "reference")
    wrong_bank = await call_back_to(client, "realbank", body, signature)
    assert_problem(wrong_bank, 404, "not_found", None)
    report = await reconciled(app)
    assert [(c.reference, c.outcome) for c in report.unmatched_callbacks] == [
        ("sbx_nobody", "unmatched")
    ]
    assert await balance(client, alice) == 10000
    await books_balance(app)


async def call_back_to(
    client: httpx.AsyncClient, connector: str, body: bytes, signature: str
) -> httpx.Response:
    return await client.post(
        f"/v1/bank/callbacks/{connector}", content=body, headers={"X-Plaza-Signature": signature}
    )


async def test_the_settling_sweep_never_settles_twice(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice)
    for key in ("a", "b", "c"):
        await order(client, alice, "top-ups", card, "1.00", key=key)
    clock.advance(timedelta(seconds=app.state.settings.sandbox_bank_delay_seconds))

    async def sweep(limit: int) -> int:
        async with app.state.database.unit_of_work() as session:
            return await sandbox.settle_due(
                session, app.state.broker, app.state.settings, limit=limit
            )

    # A sweep interrupted after one request (a restart), then two sweeps at once.
    assert await sweep(1) == 1
    assert sum(await asyncio.gather(sweep(100), sweep(100))) == 2
    assert await sweep(100) == 0
    assert await balance(client, alice) == 10300
    async with app.state.database.sessionmaker() as session:
        top_ups = await session.scalar(
            select(func.count()).select_from(JournalEntry).where(JournalEntry.kind == "top_up")
        )
    assert top_ups == 1 + 3  # ready_to_pay's deposit and the three top-ups
    await books_balance(app)


async def test_orders_are_listed_newest_first_a_page_at_a_time(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    card = await card_of(client, alice)
    placed = [
        (await order(client, alice, "top-ups", card, f"{n}.00", key=str(n))).json()["id"]
        for n in (1, 2, 3)
    ]
    first = (await client.get("/v1/wallet/bank-orders?limit=2", headers=alice.auth)).json()
    assert [o["id"] for o in first["items"]] == placed[:0:-1]
    rest = await client.get(
        f"/v1/wallet/bank-orders?limit=2&cursor={first['next_cursor']}", headers=alice.auth
    )
    assert ([o["id"] for o in rest.json()["items"]], rest.json()["next_cursor"]) == (
        placed[:1],
        None,
    )
    bob = await create_person(app, "Bob")
    assert_problem(
        await client.get(f"/v1/wallet/bank-orders/{placed[0]}", headers=bob.auth),
        404,
        "wallet.bank_order_not_found",
        "order_id",
    )


async def test_cards_are_linked_listed_and_removed(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    linked = await client.post(
        "/v1/wallet/cards",
        headers=alice.auth,
        json={"holder_name": "Alice", "card_number": "4242-4242-4242-4242", "bank_name": "ICBC"},
    )
    assert linked.status_code == 201, linked.text
    card = linked.json()
    assert (card["last4"], card["bank_name"], card["holder_name"]) == ("4242", "ICBC", "Alice")
    assert "4242424242424242" not in linked.text
    other = await card_of(client, alice, "6222 0212 3456 7894")
    listed = (await client.get("/v1/wallet/cards", headers=alice.auth)).json()
    assert [(c["id"], c["bank_name"]) for c in listed] == [
        (other, sandbox.BANK_NAME),
        (card["id"], "ICBC"),
    ]
    removed = await client.delete(f"/v1/wallet/cards/{card['id']}", headers=alice.auth)
    assert removed.status_code == 204
    assert [c["id"] for c in (await client.get("/v1/wallet/cards", headers=alice.auth)).json()] == [
        other
    ]


@pytest.mark.parametrize(
    ("number", "holder", "status", "code", "field"),
    [
        ("4242 4242 4242 4241", "Alice", 422, "wallet.card_invalid", "card_number"),
        ("4242 4242 424", "Alice", 422, "wallet.card_invalid", "card_number"),
        ("4242 4242 4242 4242 4242", "Alice", 422, "wallet.card_invalid", "card_number"),
        ("4242 4242 4242 424x", "Alice", 422, "wallet.card_invalid", "card_number"),
        ("４２４２４２４２４２４２４２４２", "Alice", 422, "wallet.card_invalid", "card_number"),
        (GOOD_CARD, "Alicia", 422, "wallet.card_holder_mismatch", "holder_name"),
    ],
)
async def test_a_bad_card_is_not_linked(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    number: str,
    holder: str,
    status: int,
    code: str,
    field: str,
) -> None:
    assert_problem(await link(client, alice, number, holder=holder), status, code, field)
    assert (await client.get("/v1/wallet/cards", headers=alice.auth)).json() == []
    assert await balance(client, alice) == 10000
    await books_balance(app)


async def test_only_a_verified_person_links_a_card(client: httpx.AsyncClient, app: FastAPI) -> None:
    bob = await create_person(app, "Bob")
    assert_problem(await link(client, bob), 403, "wallet.real_name_required", None)
    assert (await client.get("/v1/wallet/cards", headers=bob.auth)).json() == []


async def test_the_sandbox_names_its_test_cards(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    info = (await client.get("/v1/wallet/bank", headers=alice.auth)).json()
    assert info["connector"] == "sandbox"
    shown = [(card["number"], card["behaviour"]) for card in info["sample_cards"]]
    assert shown == [
        (GOOD_CARD, "succeeds"),
        (DECLINING_CARD, "declined"),
        (FAILING_CARD, "fails"),
        (SILENT_CARD, "no_answer"),
    ]


async def test_the_sandbox_looks_for_due_requests_only_when_some_are_due(
    clock: ManualClock,
) -> None:
    wakeups = sandbox.Wakeups()
    assert wakeups.time_to_look()  # a new process looks once, for what a restart forgot
    assert not wakeups.time_to_look()
    wakeups.expect(clock.now() + timedelta(seconds=2))
    assert not wakeups.time_to_look()
    clock.advance(timedelta(seconds=2))
    assert wakeups.time_to_look()
    assert not wakeups.time_to_look()


async def test_an_order_the_bank_does_not_know_is_settled_failed_and_reported(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    card = await card_of(client, alice)
    withdrawal = (await order(client, alice, "withdrawals", card, "30.00")).json()
    async with app.state.database.unit_of_work() as session:
        placed = await session.get(BankOrder, int(withdrawal["id"]))
        assert placed is not None
        await session.delete(await session.get(SandboxRequest, placed.reference))
    clock.advance(reconcile.ASK_AFTER)
    report = await reconciled(app)
    assert [o.id for o in report.unknown_to_bank] == [int(withdrawal["id"])]
    assert report.has_problems
    assert await status_of(client, alice, withdrawal["id"]) == "failed"
    assert await balance(client, alice) == 10000
    await books_balance(app)
