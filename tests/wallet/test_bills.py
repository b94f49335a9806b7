"""Bills and monthly statements: pages, filters, cursors, the month's numbers, the time
zone's month boundary, privacy, bad input, and a page's query count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza.kit.money import Money
from plaza.wallet import ledger, service
from plaza.wallet.ledger import Leg, Subject
from tests.chat.helpers import open_direct
from tests.conftest import Person, befriend, counted_queries
from tests.identity.test_sign_in import assert_problem
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
    assert tea["counterparty"] == {"type": "person", "id": story.bob.id, "name": "Bob"}
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
            "owner": {"type": "person", "id": alice.id, "name": "Alice"},
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
    """Counterparties are looked up once per subject type per page, not once per bill.
    (The clock stands still so that no request also records the device as last seen.)"""
    alice = await ready_to_pay(app, client, "Alice", top_up="500.00")
    bob, carol = await ready_to_pay(app, client, "Bob"), await ready_to_pay(app, client, "Carol")

    async def queries_for_a_page() -> int:
        with counted_queries(app) as statements:
            page = await client.get("/v1/wallet/bills", headers=alice.auth)
        assert page.status_code == 200
        return len(statements)

    await send(client, alice, bob, "1.00", key="first")
    few = await queries_for_a_page()
    for n in range(8):
        await send(client, alice, (bob, carol)[n % 2], "1.00", key=f"more-{n}")
        await deposit(app, alice, "1.00")
    assert len(await bills(client, alice)) == 18
    assert await queries_for_a_page() == few == 4  # device, account, postings, transfers
