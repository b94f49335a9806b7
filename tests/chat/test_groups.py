"""Groups: members, roles, names, announcements, join links, mute and pin."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.chat import repository as chat_repository
from plaza.chat.conversations import GROUP_MAX_MEMBERS, member_row
from plaza.chat.models import Member
from plaza.identity import service as identity
from plaza.kit.clock import ManualClock
from tests.chat.helpers import conversation, create_group, history, open_direct, send
from tests.conftest import Person, befriend, create_person
from tests.identity.test_sign_in import assert_problem


async def members(client: httpx.AsyncClient, reader: Person, group: str) -> dict[str, str]:
    response = await client.get(f"/v1/conversations/{group}/members", headers=reader.auth)
    assert response.status_code == 200, response.text
    return {m["account"]["display_name"]: m["role"] for m in response.json()}


async def test_create_a_group_of_friends(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol, name="Weekend")
    seen = await conversation(client, carol, group)
    assert (seen["kind"], seen["name"], seen["member_count"], seen["my_role"]) == (
        "group",
        "Weekend",
        3,
        "member",
    )
    assert await members(client, bob, group) == {
        "Alice": "owner",
        "Bob": "member",
        "Carol": "member",
    }
    system = (await history(client, carol, group))[0]
    assert system["kind"] == "system"
    assert system["content"]["action"] == "created"


async def test_only_friends_can_be_added(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    stranger = await create_person(app, "Stranger")
    response = await client.post(
        "/v1/conversations/groups", headers=alice.auth, json={"member_ids": [bob.id, stranger.id]}
    )
    assert_problem(response, 403, "chat.not_friends", "account_ids")
    assert (await client.get("/v1/conversations", headers=alice.auth)).json()["items"] == []


async def test_invite_and_new_members_do_not_see_older_messages(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob)
    await send(client, alice, group, "before Carol")
    invited = await client.post(
        f"/v1/conversations/{group}/members", headers=bob.auth, json={"account_ids": [carol.id]}
    )
    assert invited.status_code == 204
    await send(client, alice, group, "after Carol")
    texts = [
        m["content"].get("text") for m in await history(client, carol, group) if m["kind"] == "text"
    ]
    assert texts == ["after Carol"]
    assert (await conversation(client, carol, group))[
        "unread"
    ] == 2  # the "invited" line and one message


async def test_owner_and_admins_manage_members(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol)
    kick = await client.delete(f"/v1/conversations/{group}/members/{carol.id}", headers=bob.auth)
    assert_problem(kick, 403, "chat.not_allowed", None)
    assert (
        await client.put(f"/v1/conversations/{group}/admins/{bob.id}", headers=alice.auth)
    ).status_code == 204
    assert (
        await client.delete(f"/v1/conversations/{group}/members/{carol.id}", headers=bob.auth)
    ).status_code == 204
    assert await members(client, alice, group) == {"Alice": "owner", "Bob": "admin"}
    assert_problem(await send(client, carol, group), 403, "chat.not_member", None)
    owner_kick = await client.delete(
        f"/v1/conversations/{group}/members/{alice.id}", headers=bob.auth
    )
    assert_problem(owner_kick, 403, "chat.not_allowed", None)


async def test_at_most_three_admins(app: FastAPI, client: httpx.AsyncClient, alice: Person) -> None:
    friends = [await create_person(app, f"F{i}") for i in range(4)]
    for friend in friends:
        await befriend(client, alice, friend)
    group = await create_group(client, alice, *friends)
    for friend in friends[:3]:
        assert (
            await client.put(f"/v1/conversations/{group}/admins/{friend.id}", headers=alice.auth)
        ).status_code == 204
    fourth = await client.put(
        f"/v1/conversations/{group}/admins/{friends[3].id}", headers=alice.auth
    )
    assert_problem(fourth, 409, "chat.admin_limit", None)
    assert list((await members(client, alice, group)).values()).count("admin") == 3


async def test_owner_must_hand_over_before_leaving(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol)
    leave = await client.delete(f"/v1/conversations/{group}/members/{alice.id}", headers=alice.auth)
    assert_problem(leave, 409, "chat.owner_must_transfer", None)
    handed = await client.post(
        f"/v1/conversations/{group}/owner", headers=alice.auth, json={"account_id": bob.id}
    )
    assert handed.status_code == 204
    assert (
        await client.delete(f"/v1/conversations/{group}/members/{alice.id}", headers=alice.auth)
    ).status_code == 204
    assert await members(client, bob, group) == {"Bob": "owner", "Carol": "member"}
    assert [
        c["id"] for c in (await client.get("/v1/conversations", headers=alice.auth)).json()["items"]
    ] == []


async def test_rename_and_announcement(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol)
    renamed = await client.patch(
        f"/v1/conversations/{group}", headers=bob.auth, json={"name": "Hikers"}
    )
    assert renamed.json()["name"] == "Hikers"
    refused = await client.patch(
        f"/v1/conversations/{group}", headers=bob.auth, json={"announcement": "Rules"}
    )
    assert_problem(refused, 403, "chat.not_allowed", None)
    posted = await client.patch(
        f"/v1/conversations/{group}", headers=alice.auth, json={"announcement": "Meet at 9"}
    )
    assert posted.json()["announcement"] == "Meet at 9"
    assert (await conversation(client, carol, group))["name"] == "Hikers"
    direct = await open_direct(client, alice, bob)
    assert_problem(
        await client.patch(f"/v1/conversations/{direct}", headers=alice.auth, json={"name": "x"}),
        409,
        "chat.not_a_group",
        None,
    )


async def test_mention_all_is_for_owner_and_admins(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol)
    assert_problem(
        await send(client, bob, group, "all!", mention_all=True),
        403,
        "chat.mention_all_forbidden",
        "mention_all",
    )
    assert (await send(client, alice, group, "all!", mention_all=True)).status_code == 201


async def test_join_link_lasts_seven_days(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, clock: ManualClock
) -> None:
    group = await create_group(client, alice, bob)
    link = (await client.post(f"/v1/conversations/{group}/join-link", headers=bob.auth)).json()
    assert link["url"].endswith(f"/join/{link['token']}")
    newcomer = await create_person(app, "Dan")
    joined = await client.post(
        "/v1/conversations/join", headers=newcomer.auth, json={"token": link["token"]}
    )
    assert joined.status_code == 200
    assert joined.json()["member_count"] == 3
    clock.advance(timedelta(days=7))
    late = await create_person(app, "Eve")
    expired = await client.post(
        "/v1/conversations/join", headers=late.auth, json={"token": link["token"]}
    )
    assert_problem(expired, 404, "chat.join_link_invalid", "token")
    assert (await conversation(client, alice, group))["member_count"] == 3


async def test_the_501st_member_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    group = await create_group(client, alice, bob)
    # Fill the group to the limit in one go (joining one by one would take minutes).
    link = (await client.post(f"/v1/conversations/{group}/join-link", headers=alice.auth)).json()
    async with app.state.database.unit_of_work() as session:
        accounts = [
            await identity.create_account(session, phone=f"+4915123{n:06d}", display_name=f"M{n}")
            for n in range(GROUP_MAX_MEMBERS - 2)
        ]
        await chat_repository.add_members(
            session, [member_row(int(group), account.id, "member", 0) for account in accounts]
        )
    assert (await conversation(client, alice, group))["member_count"] == GROUP_MAX_MEMBERS
    late = await create_person(app, "Late")
    response = await client.post(
        "/v1/conversations/join", headers=late.auth, json={"token": link["token"]}
    )
    assert_problem(response, 409, "chat.group_full", None)
    async with app.state.database.sessionmaker() as session:
        count = await session.scalar(
            select(func.count()).select_from(Member).where(Member.conversation_id == int(group))
        )
    assert count == GROUP_MAX_MEMBERS


async def test_mute_and_pin_are_mine_alone(
    client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    first = await create_group(client, alice, bob, name="First")
    await create_group(client, alice, carol, name="Second")
    listed = (await client.get("/v1/conversations", headers=alice.auth)).json()["items"]
    assert [c["name"] for c in listed] == ["Second", "First"]
    pinned = await client.patch(
        f"/v1/conversations/{first}/settings",
        headers=alice.auth,
        json={"pinned": True, "muted": True},
    )
    assert (pinned.json()["pinned"], pinned.json()["muted"]) == (True, True)
    listed = (await client.get("/v1/conversations", headers=alice.auth)).json()["items"]
    assert [c["name"] for c in listed] == ["First", "Second"]
    assert (await conversation(client, bob, first))["muted"] is False
