"""Bills and monthly statements: pages, filters, cursors, the month's numbers, the time
zone's month boundary, privacy, bad input, the other side of each kind of movement, and a
page's query count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.kit.money import Money
from plaza.wallet import ledger, service
from plaza.wallet.bank.sandbox import BANK_NAME
from plaza.wallet.envelopes import service as envelopes
from plaza.wallet.ledger import Leg, Subject
from tests.chat.helpers import create_group, open_direct
from tests.conftest import Person, befriend, counted_queries, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_bank import FAILING_CARD, bank_settles, card_of, order
from tests.wallet.test_envelopes import open_envelope, opened_amount, send_envelope
from tests.wallet.test_merchants import open_shop, pay
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay, send

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the default PLAZA_WALLET_TIMEZONE


def set_local_time(clock: ManualClock, local: datetime) -> None:
    """Move the clock to a wall-clock time in the wallet's zone."""
    clock.advance(local.replace(tzinfo=SHANGHAI) - clock.now())


async def deposit(app: FastAPI, who: Person, amount: str) -> None:
    async with app.state.database.unit_of_work() as session:
        await service.deposit(session, owner_id=who.account_id, amount=Money.parse(amount, "CNY"))


async def act(client: httpx.AsyncClient, who: Person, transfer: dict[str, Any], verb: str) -> None:
    response = await client.post(f"/v1/wallet/transfers/{transfer['id']}/{verb}", headers=who.auth)
    assert response.status_code == 200, response.text


@dataclass(frozen=True)
class Story:
    alice: Person
    bob: Person
    chat: str


@pytest.fixture
async def story(app: FastAPI, client: httpx.AsyncClient, clock: ManualClock) -> Story:
    """Alice's two months (Shanghai time):

    October: 10th top-up 100.00; 20th 12.34 to Bob (he accepts); 31st 23:30 top-up 5.00.
    November: 1st 00:30 3.00 to Bob (he returns it); 5th Bob sends 7.00 in chat (accepted).
    """
    set_local_time(clock, datetime(2026, 10, 10, 12, 0))
    alice = await ready_to_pay(app, client, "Alice")
    bob = await ready_to_pay(app, client, "Bob", top_up="50.00")
    await befriend(client, alice, bob)
    set_local_time(clock, datetime(2026, 10, 20, 9, 0))
    await act(client, bob, (await send(client, alice, bob, "12.34", key="oct")).json(), "accept")
    set_local_time(clock, datetime(2026, 10, 31, 23, 30))
    await deposit(app, alice, "5.00")
    set_local_time(clock, datetime(2026, 11, 1, 0, 30))
    await act(client, bob, (await send(client, alice, bob, "3.00", key="nov")).json(), "return")
    set_local_time(clock, datetime(2026, 11, 5, 18, 0))
    chat = await open_direct(client, bob, alice)
    sent = await client.post(
        "/v1/wallet/transfers",
        headers=bob.auth | {"Idempotency-Key": "tea"},
        json={"to": alice.id, "amount": "7.00", "memo": "Tea", "pin": PIN, "conversation_id": chat},
    )
    assert sent.status_code == 201, sent.text
    await act(client, alice, sent.json(), "accept")
    set_local_time(clock, datetime(2026, 11, 29, 20, 0))
    return Story(alice, bob, chat)


async def bills(client: httpx.AsyncClient, who: Person, **query: str) -> list[dict[str, Any]]:
    response = await client.get("/v1/wallet/bills", headers=who.auth, params=query)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def amounts(items: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(bill["kind"], bill["amount"]["amount"]) for bill in items]


def counterparty(
    kind: str, id: str, name: str, *, card_last4: str | None = None, share_count: int | None = None
) -> dict[str, Any]:
    return {
        "type": kind,
        "id": id,
        "name": name,
        "card_last4": card_last4,
        "share_count": share_count,
    }


def person(who: Person) -> dict[str, Any]:
    return counterparty("person", who.id, who.name)


def sides(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What each bill says of the other side and what it links to."""
    return [
        (bill["kind"], bill["counterparty"], bill["subject"], bill["conversation_id"])
        for bill in items
    ]


async def test_bills_are_mine_newest_first_and_name_the_other_side(
    client: httpx.AsyncClient, story: Story
) -> None:
    items = await bills(client, story.alice)
    assert amounts(items) == [
        ("transfer_accepted", 700),
        ("transfer_returned", 300),
        ("transfer_sent", -300),
        ("top_up", 500),
        ("transfer_sent", -1234),
        ("top_up", 10000),
    ]
    tea, *_, first_top_up = items
    assert tea["counterparty"] == person(story.bob)
    assert (tea["memo"], tea["conversation_id"], tea["subject"]["type"]) == (
        "Tea",
        story.chat,
        "transfer",
    )
    assert tea["created_at"] == "2026-11-05T10:00:00Z"
    assert all(b["counterparty"]["name"] == "Bob" for b in items if b["kind"] != "top_up")
    assert (first_top_up["subject"], first_top_up["counterparty"]) == (None, None)
    assert amounts(await bills(client, story.bob)) == [
        ("transfer_sent", -700),
        ("transfer_accepted", 1234),
        ("top_up", 5000),
    ]


async def test_filters_compose(client: httpx.AsyncClient, story: Story) -> None:
    alice = story.alice
    assert amounts(await bills(client, alice, direction="out")) == [
        ("transfer_sent", -300),
        ("transfer_sent", -1234),
    ]
    assert amounts(await bills(client, alice, kind="top_up")) == [
        ("top_up", 500),
        ("top_up", 10000),
    ]
    assert amounts(await bills(client, alice, month="2026-11", direction="in")) == [
        ("transfer_accepted", 700),
        ("transfer_returned", 300),
    ]
    assert amounts(await bills(client, alice, month="2026-10", kind="transfer_sent")) == [
        ("transfer_sent", -1234)
    ]
    assert await bills(client, alice, kind="envelope_opened") == []  # well-formed, none yet
    assert await bills(client, alice, month="2026-09") == []


async def test_a_movement_at_23_30_on_the_last_day_belongs_to_that_month(
    client: httpx.AsyncClient, story: Story
) -> None:
    october = await bills(client, story.alice, month="2026-10")
    assert amounts(october)[0] == ("top_up", 500)
    assert october[0]["created_at"] == "2026-10-31T15:30:00Z"  # 23:30 in Shanghai
    assert {bill["month"] for bill in october} == {"2026-10"}
    november = await bills(client, story.alice, month="2026-11")
    assert amounts(november)[-1] == ("transfer_sent", -300)  # 00:30 on the 1st, 16:30 UTC
    assert len(october) + len(november) == 6


@pytest.mark.parametrize("query", [{}, {"direction": "in"}, {"month": "2026-11"}])
async def test_cursor_pages_have_no_gaps_or_repeats(
    client: httpx.AsyncClient, story: Story, query: dict[str, str]
) -> None:
    everything = [b["id"] for b in await bills(client, story.alice, **query)]
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params = query | {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = (
            await client.get("/v1/wallet/bills", headers=story.alice.auth, params=params)
        ).json()
        assert len(page["items"]) <= 2
        seen += [b["id"] for b in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    assert len(set(seen)) == len(seen) > 0


async def test_one_instant_several_bills_still_page_cleanly(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock
) -> None:
    """Postings at the very same time are ordered by id, so a cursor between them holds."""
    alice = await ready_to_pay(app, client, "Alice", top_up="1.00")
    for _ in range(4):
        await deposit(app, alice, "1.00")
    everything = [b["id"] for b in await bills(client, alice)]
    first = (await client.get("/v1/wallet/bills?limit=3", headers=alice.auth)).json()
    rest = (
        await client.get(
            f"/v1/wallet/bills?limit=3&cursor={first['next_cursor']}", headers=alice.auth
        )
    ).json()
    assert [b["id"] for b in first["items"] + rest["items"]] == everything
    assert len(everything) == 5
    assert rest["next_cursor"] is None


async def test_statements_add_up_to_the_balance(
    client: httpx.AsyncClient, app: FastAPI, story: Story
) -> None:
    def cny(amount: int) -> dict[str, Any]:
        return {"amount": amount, "currency": "CNY"}

    october = await client.get("/v1/wallet/statements/2026-10", headers=story.alice.auth)
    assert october.status_code == 200, october.text
    assert october.json() == {
        "month": "2026-10",
        "starts_at": "2026-09-30T16:00:00Z",
        "ends_at": "2026-10-31T16:00:00Z",
        "opening_balance": cny(0),
        "money_in": cny(10500),
        "money_out": cny(1234),
        "closing_balance": cny(9266),
        "bill_count": 3,
        "kinds": [
            {"kind": "top_up", "money_in": cny(10500), "money_out": cny(0), "count": 2},
            {"kind": "transfer_sent", "money_in": cny(0), "money_out": cny(1234), "count": 1},
        ],
    }
    november = (await client.get("/v1/wallet/statements/2026-11", headers=story.alice.auth)).json()
    assert (
        november["opening_balance"],
        november["money_in"],
        november["money_out"],
        november["closing_balance"],
        november["bill_count"],
    ) == (cny(9266), cny(1000), cny(300), cny(9966), 3)
    assert [k["kind"] for k in november["kinds"]] == [
        "transfer_accepted",
        "transfer_returned",
        "transfer_sent",
    ]
    assert november["closing_balance"]["amount"] == await balance(client, story.alice)
    empty = (await client.get("/v1/wallet/statements/2026-09", headers=story.alice.auth)).json()
    assert (empty["opening_balance"], empty["closing_balance"], empty["kinds"]) == (
        cny(0),
        cny(0),
        [],
    )
    await books_balance(app)


async def test_a_bill_shows_where_the_money_went_only_to_its_owner(
    client: httpx.AsyncClient, app: FastAPI, story: Story
) -> None:
    sent, top_up = (
        (await bills(client, story.alice, month="2026-10", direction="out"))[0],
        (await bills(client, story.alice, kind="top_up"))[-1],
    )
    detail = (await client.get(f"/v1/wallet/bills/{sent['id']}", headers=story.alice.auth)).json()
    assert {k: v for k, v in detail.items() if k != "legs"} == sent
    assert detail["legs"] == [
        {"amount": {"amount": 1234, "currency": "CNY"}, "account": "transfer_hold", "owner": None}
    ]
    bank = (await client.get(f"/v1/wallet/bills/{top_up['id']}", headers=story.alice.auth)).json()
    assert [(leg["account"], leg["amount"]["amount"]) for leg in bank["legs"]] == [
        ("bank_clearing", -10000)
    ]
    for someone_else in (story.bob,):
        response = await client.get(f"/v1/wallet/bills/{sent['id']}", headers=someone_else.auth)
        assert_problem(response, 404, "wallet.bill_not_found", "bill_id")
    # Nor is someone else's posting a cursor into their history.
    leak = await client.get(
        "/v1/wallet/bills",
        headers=story.bob.auth,
        params={
            "cursor": (
                await client.get("/v1/wallet/bills?limit=1", headers=story.alice.auth)
            ).json()["next_cursor"]
        },
    )
    assert leak.json() == {"items": [], "next_cursor": None}


async def test_other_peoples_accounts_in_a_leg_are_named(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    bob = await ready_to_pay(app, client, "Bob", top_up="1.00")
    async with app.state.database.unit_of_work() as session:
        entry = await service.transfer(
            session, from_owner=alice.account_id, to_owner=bob.account_id, amount=Money(250, "CNY")
        )
    [bill] = await bills(client, bob, kind="transfer")
    assert bill["entry_id"] == str(entry.id)
    detail = (await client.get(f"/v1/wallet/bills/{bill['id']}", headers=bob.auth)).json()
    assert detail["legs"] == [
        {
            "amount": {"amount": -250, "currency": "CNY"},
            "account": "available",
            "owner": person(alice),
        }
    ]


async def test_a_kind_and_subject_no_one_knows_yet_still_make_a_bill(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    async with app.state.database.unit_of_work() as session:
        mine = await service.person_account(session, alice.account_id, "CNY")
        shop = await service.system_account(session, service.Purpose.MERCHANT, "CNY")
        await ledger.post(
            session,
            kind="gift_card",
            legs=[Leg(mine.id, -1500), Leg(shop.id, 1500)],
            memo="Bookshop",
            subject=Subject("gift_card", 42),
        )
    [bill] = await bills(client, alice, kind="gift_card")
    assert (bill["amount"]["amount"], bill["memo"], bill["subject"], bill["counterparty"]) == (
        -1500,
        "Bookshop",
        {"type": "gift_card", "id": "42"},
        None,
    )


async def envelope(
    client: httpx.AsyncClient, sender: Person, chat: str, total: str, count: int, key: str
) -> str:
    sent = await send_envelope(
        client, sender, chat, key=key, kind="lucky", total=total, count=count
    )
    assert sent.status_code == 201, sent.text
    envelope_id: str = sent.json()["id"]
    return envelope_id


async def test_red_envelopes_name_the_sender_the_person_or_the_group(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    bob, carol = await create_person(app, "Bob"), await create_person(app, "Carol")
    await befriend(client, alice, bob)
    await befriend(client, alice, carol)
    family = await create_group(client, alice, bob, carol, name="Family")
    direct = await open_direct(client, alice, bob)
    to_family = await envelope(client, alice, family, "3.00", 2, key="family")
    clock.advance(timedelta(minutes=1))
    to_bob = await envelope(client, alice, direct, "1.00", 1, key="bob")
    clock.advance(timedelta(minutes=1))
    bob_got = await opened_amount(client, bob, to_family)
    assert await opened_amount(client, bob, to_bob) == 100
    clock.advance(timedelta(hours=24))  # Carol never opens hers: the rest goes back
    async with app.state.database.unit_of_work() as session:
        assert await envelopes.return_expired(session, app.state.broker) == 2  # both close
    family_side = counterparty("chat", family, "Family", share_count=2)
    on_family = {"type": "envelope", "id": to_family}
    on_direct = {"type": "envelope", "id": to_bob}
    mine = await bills(client, alice)
    assert amounts(mine) == [
        ("envelope_refund", 300 - bob_got),
        ("envelope_sent", -100),
        ("envelope_sent", -300),
        ("top_up", 10000),
    ]
    assert sides(mine)[:3] == [
        ("envelope_refund", family_side, on_family, family),
        ("envelope_sent", person(bob), on_direct, direct),
        ("envelope_sent", family_side, on_family, family),
    ]
    assert sides(await bills(client, bob)) == [
        ("envelope_opened", person(alice), on_direct, direct),
        ("envelope_opened", person(alice), on_family, family),
    ]
    assert_problem(
        await open_envelope(client, carol, to_family), 409, "wallet.envelope_expired", None
    )
    assert await bills(client, carol) == []
    await books_balance(app)


async def test_a_shop_payment_names_the_shop_for_the_payer_only(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    owner = await ready_to_pay(app, client, "Olivia", top_up="1.00")
    customer = await ready_to_pay(app, client, "Carl")
    shop = await open_shop(client, owner, "Corner Café")
    assert shop.status_code == 201, shop.text
    paid = await pay(client, customer, shop.json()["id"], "12.50")
    assert paid.status_code == 201, paid.text
    [payment, _] = await bills(client, customer)
    assert (payment["kind"], payment["amount"]["amount"], payment["memo"]) == (
        "payment",
        -1250,
        "Two bowls",
    )
    assert sides([payment]) == [
        (
            "payment",
            counterparty("shop", shop.json()["id"], "Corner Café"),
            {"type": "payment", "id": paid.json()["id"]},
            None,
        )
    ]
    # The takings are the shop's account, not a movement of the owner's wallet.
    assert amounts(await bills(client, owner)) == [("top_up", 100)]
    await books_balance(app)


async def test_bank_orders_name_the_bank_and_card(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    good, failing = await card_of(client, alice), await card_of(client, alice, FAILING_CARD)
    placed = [
        await order(client, alice, "top-ups", good, "200.00", key="top-up"),
        await order(client, alice, "withdrawals", good, "10.00", key="paid-out"),
        await order(client, alice, "withdrawals", failing, "30.00", key="refused"),
    ]
    assert [response.status_code for response in placed] == [201, 201, 201]
    top_up, paid_out, refused = (response.json()["id"] for response in placed)
    assert await bank_settles(app, clock) == 3
    good_side = counterparty("bank", good, BANK_NAME, card_last4="4242")
    failing_side = counterparty("bank", failing, BANK_NAME, card_last4="0069")

    def on(order_id: str) -> dict[str, str]:
        return {"type": "bank_order", "id": order_id}

    mine = await bills(client, alice)
    # Paid out, the withdrawal's money goes from its hold to the bank: not my balance.
    assert sorted(sides(mine)[:4], key=str) == sorted(
        [
            ("top_up", good_side, on(top_up), None),
            ("withdrawal_refunded", failing_side, on(refused), None),
            ("withdrawal_held", failing_side, on(refused), None),
            ("withdrawal_held", good_side, on(paid_out), None),
        ],
        key=str,
    )
    assert sorted(amounts(mine)) == sorted(
        [
            ("top_up", 20000),
            ("withdrawal_refunded", 3000),
            ("withdrawal_held", -3000),
            ("withdrawal_held", -1000),
            ("top_up", 10000),
        ]
    )
    assert await balance(client, alice) == 29000
    await books_balance(app)


@pytest.mark.parametrize(
    ("path", "params", "code", "field"),
    [
        ("/v1/wallet/bills", {"month": "2026-13"}, "wallet.month_invalid", "month"),
        ("/v1/wallet/bills", {"month": "2026-1"}, "wallet.month_invalid", "month"),
        ("/v1/wallet/bills", {"month": "last"}, "wallet.month_invalid", "month"),
        ("/v1/wallet/bills", {"month": "0001-01"}, "wallet.month_invalid", "month"),
        ("/v1/wallet/bills", {"month": "9999-12"}, "wallet.month_invalid", "month"),
        ("/v1/wallet/bills", {"kind": "Top-Up"}, "wallet.kind_invalid", "kind"),
        ("/v1/wallet/bills", {"kind": ""}, "wallet.kind_invalid", "kind"),
        ("/v1/wallet/statements/2026-00", {}, "wallet.month_invalid", "month"),
        ("/v1/wallet/statements/2026-12", {}, "wallet.month_in_future", "month"),
        ("/v1/wallet/bills", {"direction": "sideways"}, "request.invalid", "direction"),
        ("/v1/wallet/bills", {"cursor": "!!"}, "pagination.cursor_invalid", "cursor"),
        ("/v1/wallet/bills/99999999999999999999", {}, "request.invalid", "bill_id"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    story: Story,
    path: str,
    params: dict[str, str],
    code: str,
    field: str,
) -> None:
    response = await client.get(path, headers=story.alice.auth, params=params)
    assert_problem(response, 422, code, field)
    assert await balance(client, story.alice) == 9966
    await books_balance(app)


async def test_a_page_costs_the_same_queries_however_many_bills(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock
) -> None:
    """Counterparties are looked up once per subject type per page, not once per bill,
    on a page that mixes transfers, red envelopes, shop payments and bank orders.
    (The clock stands still so that no request also records the device as last seen.)"""
    alice = await ready_to_pay(app, client, "Alice", top_up="500.00")
    bob, carol = await ready_to_pay(app, client, "Bob"), await ready_to_pay(app, client, "Carol")
    await befriend(client, alice, bob)
    await befriend(client, alice, carol)
    chats = (await open_direct(client, alice, bob), await create_group(client, alice, bob, carol))
    shop = await open_shop(client, carol, "Corner Café")
    assert shop.status_code == 201, shop.text
    card = await card_of(client, alice)

    async def one_of_each(n: int) -> None:
        """A transfer, a red envelope, a shop payment and a withdrawal: four bills."""
        await send(client, alice, (bob, carol)[n % 2], "1.00", key=f"transfer-{n}")
        await envelope(client, alice, chats[n % 2], "1.00", 1, key=f"envelope-{n}")
        paid = await pay(client, alice, shop.json()["id"], "1.00", key=f"payment-{n}")
        assert paid.status_code == 201, paid.text
        withdrawn = await order(client, alice, "withdrawals", card, "1.00", key=f"bank-{n}")
        assert withdrawn.status_code == 201, withdrawn.text

    async def queries_for_a_page() -> int:
        with counted_queries(app) as statements:
            page = await client.get("/v1/wallet/bills", headers=alice.auth)
        assert page.status_code == 200
        assert all(bill["counterparty"] for bill in page.json()["items"][:-1])
        return len(statements)

    await one_of_each(0)
    few = await queries_for_a_page()
    for n in range(1, 4):
        await one_of_each(n)
    assert len(await bills(client, alice)) == 17
    # device, account, postings; transfers and their people; envelopes, their chats' names,
    # the other people of 1:1 chats and everyone's names (from chat and identity, through
    # their services); payments; bank orders
    assert await queries_for_a_page() == few == 11
