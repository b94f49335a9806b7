"""Finding people by Plaza ID or phone number, the privacy setting that governs it,
and the card that describes how the caller relates to whoever was found."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.contacts.models import PrivacySettings
from plaza.kit.clock import ManualClock
from tests.conftest import Person, bearer, befriend, sign_in
from tests.contacts.helpers import contacts_state, delete_account
from tests.identity.test_sign_in import assert_problem


async def search(client: httpx.AsyncClient, person: Person, q: str) -> httpx.Response:
    return await client.get("/v1/contacts/search", headers=person.auth, params={"q": q})


async def set_findable_by_phone(client: httpx.AsyncClient, person: Person, value: bool) -> None:
    response = await client.patch(
        "/v1/contacts/privacy", headers=person.auth, json={"findable_by_phone": value}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"findable_by_phone": value}


@pytest.mark.parametrize("q", ["bob_okafor", "BOB_OKAFOR", "  Bob_Okafor  "])
async def test_find_by_plaza_id_whatever_the_case(
    client: httpx.AsyncClient, alice: Person, bob: Person, q: str
) -> None:
    response = await search(client, alice, q)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "id": str(bob.id),
        "plaza_id": "bob_okafor",
        "display_name": "Bob",
        "bio": "",
        "region": "",
        "avatar": None,
        "deleted": False,
        "relation": "none",
        "remark": None,
        "blocked": False,
    }


@pytest.mark.parametrize("q", ["+12025550102", "+1 202-555-0102", "+1 (202) 555 0102"])
async def test_find_by_phone_in_any_accepted_form(
    client: httpx.AsyncClient, alice: Person, bob: Person, q: str
) -> None:
    response = await search(client, alice, q)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == str(bob.id)
    assert "phone" not in response.json()


async def test_people_who_signed_up_by_phone_are_found(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    alice = bearer((await sign_in(client, app, "+12025550101"))["token"])
    bob = await sign_in(client, app, "+8613800138000")
    found = await client.get(
        "/v1/contacts/search", headers=alice, params={"q": "+86 138 0013 8000"}
    )
    assert found.status_code == 200, found.text
    assert found.json()["id"] == bob["account"]["id"]
    assert found.json()["plaza_id"] == bob["account"]["plaza_id"]


async def test_phone_search_respects_the_privacy_setting(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    assert (await client.get("/v1/contacts/privacy", headers=bob.auth)).json() == {
        "findable_by_phone": True
    }
    await set_findable_by_phone(client, bob, False)
    assert_problem(await search(client, alice, bob.phone), 404, "contacts.not_found", "q")
    # The Plaza ID still finds Bob, and Bob still finds himself by phone.
    assert (await search(client, alice, bob.plaza_id)).status_code == 200
    assert (await search(client, bob, bob.phone)).json()["relation"] == "self"
    await set_findable_by_phone(client, bob, True)
    assert (await search(client, alice, bob.phone)).status_code == 200


async def test_privacy_row_is_created_only_on_change(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    async def rows() -> int:
        async with app.state.database.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(PrivacySettings)) or 0)

    assert (await client.get("/v1/contacts/privacy", headers=alice.auth)).status_code == 200
    assert await rows() == 0
    empty = await client.patch("/v1/contacts/privacy", headers=alice.auth, json={})
    assert empty.json() == {"findable_by_phone": True}
    await set_findable_by_phone(client, alice, False)
    await set_findable_by_phone(client, alice, False)
    assert await rows() == 1
    assert (await client.get("/v1/contacts/privacy", headers=alice.auth)).json() == {
        "findable_by_phone": False
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [({"findable_by_phone": "sometimes"}, "findable_by_phone"), ({"by_email": True}, "by_email")],
)
async def test_invalid_privacy_changes_nothing(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, body: dict[str, object], field: str
) -> None:
    before = await contacts_state(app)
    response = await client.patch("/v1/contacts/privacy", headers=alice.auth, json=body)
    assert_problem(response, 422, "request.invalid", field)
    assert await contacts_state(app) == before


async def test_you_find_yourself(client: httpx.AsyncClient, alice: Person) -> None:
    for q in (alice.plaza_id, alice.phone):
        card = (await search(client, alice, q)).json()
        assert (card["id"], card["relation"], card["remark"]) == (str(alice.id), "self", None)


@pytest.mark.parametrize(
    "q",
    ["nobody_here", "+12025550199", "13800138000", "not a plaza id", "12", "alice", "@!#"],
)
async def test_nobody_found(client: httpx.AsyncClient, alice: Person, q: str) -> None:
    assert_problem(await search(client, alice, q), 404, "contacts.not_found", "q")


@pytest.mark.parametrize(("query", "field"), [("q=", "q"), ("q=" + "x" * 65, "q"), ("", "q")])
async def test_malformed_search(
    client: httpx.AsyncClient, alice: Person, query: str, field: str
) -> None:
    response = await client.get(f"/v1/contacts/search?{query}", headers=alice.auth)
    assert_problem(response, 422, "request.invalid", field)


async def test_deleted_accounts_are_never_found(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await delete_account(client, bob)
    for q in (bob.plaza_id, bob.phone):
        assert_problem(await search(client, alice, q), 404, "contacts.not_found", "q")
    response = await client.get(f"/v1/contacts/by-plaza-id/{bob.plaza_id}", headers=alice.auth)
    assert_problem(response, 404, "contacts.not_found", "plaza_id")


async def test_someone_who_blocked_you_is_not_found(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    await client.post("/v1/contacts/blocks", headers=bob.auth, json={"account_id": str(alice.id)})
    for q in (bob.plaza_id, bob.phone):
        assert_problem(await search(client, alice, q), 404, "contacts.not_found", "q")
    response = await client.get(f"/v1/contacts/by-plaza-id/{bob.plaza_id}", headers=alice.auth)
    assert_problem(response, 404, "contacts.not_found", "plaza_id")
    # Bob still finds Alice, and sees that he blocked her.
    card = (await search(client, bob, alice.plaza_id)).json()
    assert (card["relation"], card["blocked"]) == ("none", True)


async def test_the_card_shows_the_relation(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person, clock: ManualClock
) -> None:
    async def relation(viewer: Person, other: Person) -> tuple[str, str | None]:
        card = (await search(client, viewer, other.plaza_id)).json()
        return card["relation"], card["remark"]

    assert await relation(alice, bob) == ("none", None)
    request = (
        await client.post("/v1/contacts/requests", headers=alice.auth, json={"to": str(bob.id)})
    ).json()
    assert await relation(alice, bob) == ("request_sent", None)
    assert await relation(bob, alice) == ("request_received", None)
    clock.advance(timedelta(days=10))
    assert await relation(alice, bob) == ("none", None)
    assert await relation(bob, alice) == ("none", None)

    await befriend(client, alice, carol)
    await client.patch(f"/v1/contacts/{carol.id}", headers=alice.auth, json={"remark": "Caz"})
    assert await relation(alice, carol) == ("friend", "Caz")
    assert await relation(carol, alice) == ("friend", "")
    assert request["status"] == "pending"


async def test_by_plaza_id(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    response = await client.get("/v1/contacts/by-plaza-id/BOB_okafor", headers=alice.auth)
    assert response.status_code == 200, response.text
    assert (response.json()["id"], response.json()["relation"]) == (str(bob.id), "none")
    for plaza_id in ("nobody_here", "x", "+12025550102"):
        missing = await client.get(f"/v1/contacts/by-plaza-id/{plaza_id}", headers=alice.auth)
        assert_problem(missing, 404, "contacts.not_found", "plaza_id")
    too_long = await client.get(f"/v1/contacts/by-plaza-id/{'x' * 65}", headers=alice.auth)
    assert_problem(too_long, 422, "request.invalid", "plaza_id")


async def test_a_hundred_look_ups_a_day(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    for i in range(100):
        if i % 2:
            assert (await search(client, alice, f"nobody_{i:03d}")).status_code == 404
        else:
            url = f"/v1/contacts/by-plaza-id/{bob.plaza_id}"
            assert (await client.get(url, headers=alice.auth)).status_code == 200
    assert_problem(await search(client, alice, bob.plaza_id), 429, "rate_limited", None)
    response = await client.get(f"/v1/contacts/by-plaza-id/{bob.plaza_id}", headers=alice.auth)
    assert_problem(response, 429, "rate_limited", None)
    assert (await search(client, bob, alice.plaza_id)).status_code == 200  # per person
    clock.advance(timedelta(days=1))
    assert (await search(client, alice, bob.plaza_id)).status_code == 200
