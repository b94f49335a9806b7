"""Friend requests: sending, refreshing, answering, expiring, listing and every refusal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from tests.conftest import Person, befriend, create_person
from tests.contacts.helpers import add_people, contacts_state, delete_account
from tests.identity.test_sign_in import assert_problem


def iso(moment: Any) -> str:
    return str(moment.isoformat().replace("+00:00", "Z"))


async def send(
    client: httpx.AsyncClient, sender: Person, to: object, greeting: str | None = None
) -> httpx.Response:
    body: dict[str, object] = {"to": str(to)}
    if greeting is not None:
        body["greeting"] = greeting
    return await client.post("/v1/contacts/requests", headers=sender.auth, json=body)


async def requests_of(client: httpx.AsyncClient, person: Person) -> list[dict[str, Any]]:
    response = await client.get("/v1/contacts/requests", headers=person.auth)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def friend_ids(client: httpx.AsyncClient, person: Person) -> list[str]:
    response = await client.get("/v1/contacts", headers=person.auth)
    assert response.status_code == 200, response.text
    return [friend["account"]["id"] for friend in response.json()]


async def test_send_a_request(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    response = await send(client, alice, bob.id, "  Hi Bob, it's Alice from work  ")
    assert response.status_code == 201, response.text
    sent = response.json()
    assert sent["from"]["id"] == str(alice.id)
    assert sent["from"]["display_name"] == "Alice"
    assert sent["to"]["id"] == str(bob.id)
    assert sent["to"]["plaza_id"] == "bob_okafor"
    assert sent["greeting"] == "Hi Bob, it's Alice from work"
    assert sent["status"] == "pending"
    assert sent["direction"] == "outgoing"
    assert sent["created_at"] == iso(clock.now())
    assert sent["expires_at"] == iso(clock.now() + timedelta(days=10))

    assert await requests_of(client, alice) == [sent]
    assert await requests_of(client, bob) == [sent | {"direction": "incoming"}]


async def test_greeting_is_optional(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    response = await send(client, alice, bob.id)
    assert response.status_code == 201
    assert response.json()["greeting"] == ""


async def test_sending_again_refreshes_the_pending_request(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person, clock: ManualClock
) -> None:
    first = (await send(client, alice, bob.id, "Hi")).json()
    clock.advance(timedelta(days=3))
    await send(client, carol, bob.id, "Carol here")
    clock.advance(timedelta(hours=1))
    again = (await send(client, alice, bob.id, "Hi again")).json()
    assert again["id"] == first["id"]
    assert again["greeting"] == "Hi again"
    assert again["expires_at"] == iso(clock.now() + timedelta(days=10))
    listed = await requests_of(client, bob)
    # One request from Alice, moved above Carol's because it was sent last.
    assert [(r["from"]["display_name"], r["greeting"]) for r in listed] == [
        ("Alice", "Hi again"),
        ("Carol", "Carol here"),
    ]


async def test_asking_someone_who_asked_you_makes_you_friends(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    theirs = (await send(client, alice, bob.id, "Hi Bob")).json()
    response = await send(client, bob, alice.id, "Hi Alice")
    assert response.status_code == 201, response.text
    answer = response.json()
    assert (answer["id"], answer["status"], answer["direction"]) == (
        theirs["id"],
        "accepted",
        "incoming",
    )
    assert await friend_ids(client, alice) == [str(bob.id)]
    assert await friend_ids(client, bob) == [str(alice.id)]
    assert [r["status"] for r in await requests_of(client, alice)] == ["accepted"]


async def test_accept_a_request(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    request = (await send(client, alice, bob.id, "Hi")).json()
    clock.advance(timedelta(days=9, hours=23))
    response = await client.post(
        f"/v1/contacts/requests/{request['id']}/accept",
        headers=bob.auth,
        json={"remark": " Alice (work) "},
    )
    assert response.status_code == 200, response.text
    friend = response.json()
    assert friend["account"]["id"] == str(alice.id)
    assert friend["remark"] == "Alice (work)"
    assert friend["tags"] == []
    assert friend["since"] == iso(clock.now())

    assert await friend_ids(client, bob) == [str(alice.id)]
    alices_view = (await client.get("/v1/contacts", headers=alice.auth)).json()
    assert [(f["account"]["id"], f["remark"]) for f in alices_view] == [(str(bob.id), "")]
    assert [r["status"] for r in await requests_of(client, alice)] == ["accepted"]
    assert [r["status"] for r in await requests_of(client, bob)] == ["accepted"]


async def test_accept_without_a_body(client: httpx.AsyncClient, alice: Person, bob: Person) -> None:
    request = (await send(client, alice, bob.id)).json()
    response = await client.post(f"/v1/contacts/requests/{request['id']}/accept", headers=bob.auth)
    assert response.status_code == 200, response.text
    assert response.json()["remark"] == ""


async def test_decline_is_not_shown_to_the_sender(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    request = (await send(client, alice, bob.id)).json()
    response = await client.post(f"/v1/contacts/requests/{request['id']}/decline", headers=bob.auth)
    assert response.status_code == 204
    assert [r["status"] for r in await requests_of(client, bob)] == ["declined"]
    assert [r["status"] for r in await requests_of(client, alice)] == ["pending"]
    card = await client.get(f"/v1/contacts/by-plaza-id/{bob.plaza_id}", headers=alice.auth)
    assert card.json()["relation"] == "request_sent"
    bobs_card = await client.get(f"/v1/contacts/by-plaza-id/{alice.plaza_id}", headers=bob.auth)
    assert bobs_card.json()["relation"] == "none"
    clock.advance(timedelta(days=10))
    assert [r["status"] for r in await requests_of(client, alice)] == ["expired"]
    assert await friend_ids(client, alice) == []


async def test_asking_again_after_a_decline_is_a_new_pending_request(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    request = (await send(client, alice, bob.id, "Hi")).json()
    await client.post(f"/v1/contacts/requests/{request['id']}/decline", headers=bob.auth)
    again = (await send(client, alice, bob.id, "Please?")).json()
    assert [(r["id"], r["status"], r["greeting"]) for r in await requests_of(client, bob)] == [
        (again["id"], "pending", "Please?")
    ]


async def test_requests_expire_after_ten_days(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, clock: ManualClock
) -> None:
    request = (await send(client, alice, bob.id)).json()
    clock.advance(timedelta(days=10) - timedelta(seconds=1))
    assert [r["status"] for r in await requests_of(client, bob)] == ["pending"]
    clock.advance(timedelta(seconds=1))
    assert [r["status"] for r in await requests_of(client, bob)] == ["expired"]
    assert [r["status"] for r in await requests_of(client, alice)] == ["expired"]
    before = await contacts_state(app)
    for answer in ("accept", "decline"):
        response = await client.post(
            f"/v1/contacts/requests/{request['id']}/{answer}", headers=bob.auth
        )
        assert_problem(response, 409, "contacts.request_expired", "request_id")
    assert await contacts_state(app) == before
    # An expired request from Alice does not make Bob's own request accept it.
    mine = await send(client, bob, alice.id)
    assert mine.json()["status"] == "pending"
    assert await friend_ids(client, bob) == []
    # Alice asking again revives hers: same request, pending, ten more days.
    revived = (await send(client, alice, bob.id)).json()
    assert revived["status"] == "accepted"  # Bob's pending request to her is accepted instead
    assert await friend_ids(client, alice) == [str(bob.id)]


async def test_resending_after_expiry_refreshes_the_same_request(
    client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    first = (await send(client, alice, bob.id, "Hi")).json()
    clock.advance(timedelta(days=11))
    again = (await send(client, alice, bob.id, "Hi again")).json()
    assert (again["id"], again["status"]) == (first["id"], "pending")
    assert again["expires_at"] == iso(clock.now() + timedelta(days=10))
    assert len(await requests_of(client, bob)) == 1


async def test_requests_page_newest_first(client: httpx.AsyncClient, app: FastAPI) -> None:
    me = await create_person(app, "Me")
    others = await add_people(app, 3)
    await send(client, others[0], me.id)
    await send(client, me, others[1].id)
    await send(client, others[2], me.id)
    first = (await client.get("/v1/contacts/requests?limit=2", headers=me.auth)).json()
    assert [(r["direction"], r["from"]["id"], r["to"]["id"]) for r in first["items"]] == [
        ("incoming", str(others[2].id), str(me.id)),
        ("outgoing", str(me.id), str(others[1].id)),
    ]
    second = (
        await client.get(
            f"/v1/contacts/requests?limit=2&cursor={first['next_cursor']}", headers=me.auth
        )
    ).json()
    assert [r["from"]["id"] for r in second["items"]] == [str(others[0].id)]
    assert second["next_cursor"] is None


async def test_requests_with_a_deleted_account_are_left_out(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    from_alice = (await send(client, alice, bob.id)).json()
    await send(client, carol, bob.id)
    await delete_account(client, alice)
    assert [r["from"]["id"] for r in await requests_of(client, bob)] == [str(carol.id)]
    response = await client.post(
        f"/v1/contacts/requests/{from_alice['id']}/accept", headers=bob.auth
    )
    assert_problem(response, 404, "contacts.request_not_found", "request_id")
    assert await friend_ids(client, bob) == []


async def test_cannot_ask_yourself(client: httpx.AsyncClient, app: FastAPI, alice: Person) -> None:
    before = await contacts_state(app)
    assert_problem(await send(client, alice, alice.id), 422, "contacts.cannot_add_self", "to")
    assert await contacts_state(app) == before


async def test_cannot_ask_a_friend_again(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await befriend(client, alice, bob)
    before = await contacts_state(app)
    for sender, to in ((alice, bob), (bob, alice)):
        response = await send(client, sender, to.id)
        assert_problem(response, 409, "contacts.already_friends", "to")
    assert await contacts_state(app) == before


async def test_unknown_or_deleted_people_cannot_be_asked(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await delete_account(client, bob)
    before = await contacts_state(app)
    for to in (bob.id, 12345):
        assert_problem(await send(client, alice, to), 404, "contacts.not_found", "to")
    assert await contacts_state(app) == before


async def test_someone_who_blocked_you_cannot_be_asked(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await client.post("/v1/contacts/blocks", headers=bob.auth, json={"account_id": str(alice.id)})
    before = await contacts_state(app)
    # Answered exactly as for someone who does not exist.
    assert_problem(await send(client, alice, bob.id), 404, "contacts.not_found", "to")
    assert await contacts_state(app) == before
    assert await requests_of(client, bob) == []


async def test_someone_you_blocked_cannot_be_asked(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    await client.post("/v1/contacts/blocks", headers=alice.auth, json={"account_id": str(bob.id)})
    before = await contacts_state(app)
    assert_problem(await send(client, alice, bob.id), 409, "contacts.blocked_by_you", "to")
    assert await contacts_state(app) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "BOB", "greeting": "hi"}, "to"),
        ({"to": "0"}, "to"),
        ({"to": str(2**63)}, "to"),
        ({"to": "BOB_ID", "greeting": "x" * 51}, "greeting"),
        ({"to": "BOB_ID", "greeting": 5}, "greeting"),
        ({"greeting": "hi"}, "to"),
        ({"to": "BOB_ID", "remark": "Bob"}, "remark"),
    ],
)
async def test_invalid_requests_change_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    alice: Person,
    bob: Person,
    body: dict[str, object],
    field: str,
) -> None:
    body = {k: str(bob.id) if v == "BOB_ID" else v for k, v in body.items()}
    before = await contacts_state(app)
    response = await client.post("/v1/contacts/requests", headers=alice.auth, json=body)
    assert_problem(response, 422, "request.invalid", field)
    assert await contacts_state(app) == before


async def test_thirty_requests_a_day(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, clock: ManualClock
) -> None:
    people = await add_people(app, 31)
    for person in people[:30]:
        assert (await send(client, alice, person.id)).status_code == 201
        clock.advance(timedelta(minutes=1))
    before = await contacts_state(app)
    refused = await send(client, alice, people[30].id)
    assert_problem(refused, 429, "rate_limited", None)
    assert int(refused.headers["Retry-After"]) == 24 * 60 * 60 - 30 * 60
    assert await contacts_state(app) == before
    clock.advance(timedelta(days=1))
    assert (await send(client, alice, people[30].id)).status_code == 201


async def test_refused_requests_do_not_count_towards_the_limit(
    client: httpx.AsyncClient, app: FastAPI, alice: Person
) -> None:
    for _ in range(31):
        assert_problem(await send(client, alice, alice.id), 422, "contacts.cannot_add_self", "to")
    other = await create_person(app, "Other")
    assert (await send(client, alice, other.id)).status_code == 201


async def test_only_the_recipient_can_answer(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, carol: Person
) -> None:
    request = (await send(client, alice, bob.id)).json()
    before = await contacts_state(app)
    for person, request_id in ((alice, request["id"]), (carol, request["id"]), (bob, "12345")):
        for answer in ("accept", "decline"):
            response = await client.post(
                f"/v1/contacts/requests/{request_id}/{answer}", headers=person.auth
            )
            assert_problem(response, 404, "contacts.request_not_found", "request_id")
    assert await contacts_state(app) == before


@pytest.mark.parametrize("request_id", ["abc", "0", str(2**63)])
async def test_malformed_request_ids(
    client: httpx.AsyncClient, alice: Person, request_id: str
) -> None:
    response = await client.post(f"/v1/contacts/requests/{request_id}/accept", headers=alice.auth)
    assert_problem(response, 422, "request.invalid", "request_id")


@pytest.mark.parametrize("first", ["accept", "decline"])
async def test_an_answered_request_cannot_be_answered_again(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person, first: str
) -> None:
    request = (await send(client, alice, bob.id)).json()
    url = f"/v1/contacts/requests/{request['id']}"
    assert (await client.post(f"{url}/{first}", headers=bob.auth)).is_success
    before = await contacts_state(app)
    for answer in ("accept", "decline"):
        response = await client.post(f"{url}/{answer}", headers=bob.auth)
        assert_problem(response, 409, "contacts.request_not_pending", "request_id")
    assert await contacts_state(app) == before


async def test_accept_refuses_a_long_remark(
    client: httpx.AsyncClient, app: FastAPI, alice: Person, bob: Person
) -> None:
    request = (await send(client, alice, bob.id)).json()
    before = await contacts_state(app)
    response = await client.post(
        f"/v1/contacts/requests/{request['id']}/accept", headers=bob.auth, json={"remark": "x" * 33}
    )
    assert_problem(response, 422, "request.invalid", "remark")
    assert await contacts_state(app) == before


async def test_blocking_withdraws_open_requests(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    request = (await send(client, alice, bob.id)).json()
    await client.post("/v1/contacts/blocks", headers=bob.auth, json={"account_id": str(alice.id)})
    assert await requests_of(client, alice) == []
    assert await requests_of(client, bob) == []
    response = await client.post(f"/v1/contacts/requests/{request['id']}/accept", headers=bob.auth)
    assert_problem(response, 404, "contacts.request_not_found", "request_id")


async def test_devices_learn_of_requests_and_new_friends(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    async def events(who: Person) -> list[tuple[str, dict[str, Any]]]:
        body = (await client.get("/v1/sync?cursor=0", headers=who.auth)).json()
        return [(e["type"], e["data"]) for e in body["events"]]

    request = (await send(client, alice, bob.id, "Hi")).json()
    assert await events(bob) == [
        ("contact_request.received", {"request_id": request["id"], "from_id": alice.id})
    ]
    await client.post(f"/v1/contacts/requests/{request['id']}/accept", headers=bob.auth)
    assert (await events(alice))[-1] == ("contact.added", {"account_id": bob.id})
    assert (await events(bob))[-1] == ("contact.added", {"account_id": alice.id})
    await client.delete(f"/v1/contacts/{bob.id}", headers=alice.auth)
    assert (await events(alice))[-1] == ("contact.removed", {"account_id": bob.id})
