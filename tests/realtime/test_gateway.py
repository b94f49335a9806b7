"""The WebSocket gateway on one node: pushes, devices, heartbeats, typing, bad frames."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi import FastAPI
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from plaza.identity import service as identity
from tests.chat.helpers import create_group, history, open_direct, send
from tests.conftest import Person
from tests.realtime.conftest import next_frame, open_socket


async def test_a_sent_message_is_pushed_to_every_device_of_the_recipient(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    cursor = (await client.get("/v1/conversations", headers=bob.auth)).json()["sync_cursor"]
    phone, laptop = await open_socket(live_url, bob.token), await open_socket(live_url, bob.token)
    sent = (await send(client, alice, chat, "ping from Alice")).json()
    for ws in (phone, laptop):
        frame = await next_frame(ws)
        assert (frame["type"], frame["seq"]) == ("message.new", cursor + 1)
        assert frame["data"]["message"] == sent
    await phone.close()
    await laptop.close()


async def test_the_sender_other_devices_see_the_message_too(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    other_device = await open_socket(live_url, alice.token)
    sent = (await send(client, alice, chat)).json()
    assert (await next_frame(other_device))["data"]["message"]["id"] == sent["id"]
    await other_device.close()


async def test_ping_pong(live_url: str, alice: Person) -> None:
    ws = await open_socket(live_url, alice.token)
    await ws.send(json.dumps({"type": "ping"}))
    assert await next_frame(ws) == {"type": "pong"}
    await ws.close()


async def test_typing_reaches_the_other_person_only_in_direct_chats(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, carol: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    group = await create_group(client, alice, bob, carol)
    alice_ws, bob_ws = (
        await open_socket(live_url, alice.token),
        await open_socket(live_url, bob.token),
    )
    await alice_ws.send(json.dumps({"type": "typing", "conversation_id": group}))
    await alice_ws.send(json.dumps({"type": "typing", "conversation_id": chat}))
    frame = await next_frame(bob_ws)
    assert frame == {
        "type": "typing",
        "seq": None,
        "data": {"conversation_id": chat, "account_id": alice.id},
    }
    with pytest.raises(TimeoutError):
        await next_frame(alice_ws, timeout=0.3)
    await alice_ws.close()
    await bob_ws.close()


async def test_typing_in_someone_elses_chat_is_answered_with_an_error(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, carol: Person
) -> None:
    chat = await open_direct(client, alice, bob)
    ws = await open_socket(live_url, carol.token)
    await ws.send(json.dumps({"type": "typing", "conversation_id": chat}))
    assert (await next_frame(ws))["code"] == "chat.not_member"
    await ws.send(json.dumps({"type": "ping"}))
    assert await next_frame(ws) == {"type": "pong"}  # the socket stays open
    await ws.close()


@pytest.mark.parametrize("bad", ["not json", "[1, 2]", '{"no": "type"}', '{"type": "teleport"}'])
async def test_a_bad_frame_closes_only_that_socket(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, bad: str
) -> None:
    chat = await open_direct(client, alice, bob)
    broken, healthy = await open_socket(live_url, bob.token), await open_socket(live_url, bob.token)
    await broken.send(bad)
    with pytest.raises(ConnectionClosed) as closed:
        await next_frame(broken)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1008
    assert closed.value.rcvd.reason
    await send(client, alice, chat, "still delivered")
    assert (await next_frame(healthy))["type"] == "message.new"
    await healthy.close()


@pytest.mark.parametrize(
    ("first_frame", "reason"),
    [
        ({"type": "auth", "token": ""}, "auth.token_missing"),
        ({"type": "ping"}, "auth.token_missing"),
        ({"type": "auth", "token": "forged"}, "auth.token_invalid"),
    ],
)
async def test_a_socket_needs_a_valid_token_first(
    live_url: str, first_frame: dict[str, str], reason: str
) -> None:
    ws = await connect(f"{live_url}/ws")
    await ws.send(json.dumps(first_frame))
    with pytest.raises(ConnectionClosed) as closed:
        await next_frame(ws)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1008, reason)


async def test_messages_arrive_in_order_under_concurrent_sends(
    client: httpx.AsyncClient, live_url: str, alice: Person, bob: Person, carol: Person
) -> None:
    group = await create_group(client, alice, bob, carol)
    ws = await open_socket(live_url, carol.token)
    await asyncio.gather(
        *(send(client, sender, group, f"m{n}") for n in range(10) for sender in (alice, bob))
    )
    frames = [await next_frame(ws) for _ in range(20)]
    seqs = [f["data"]["message"]["seq"] for f in frames]
    assert sorted(seqs) == list(range(2, 22))
    assert [f["seq"] for f in frames] == sorted(f["seq"] for f in frames)
    assert len(await history(client, carol, group)) == 21
    await ws.close()


async def test_signing_a_device_out_closes_its_sockets_only(
    app: FastAPI, client: httpx.AsyncClient, live_url: str, alice: Person
) -> None:
    async with app.state.database.unit_of_work() as session:
        account = await identity.get_account(session, alice.account_id)
        _, other_token = await identity.open_device_session(session, account, "Laptop")
    phone, laptop = (
        await open_socket(live_url, alice.token),
        await open_socket(live_url, other_token),
    )
    signed_out = await client.delete("/v1/auth/session", headers=alice.auth)
    assert signed_out.status_code == 204
    notice = await next_frame(phone)
    assert notice["type"] == "session.revoked"
    with pytest.raises(ConnectionClosed) as closed:
        await next_frame(phone)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1008, "auth.token_revoked")
    # The other device hears of it (its device list can refresh) and stays open.
    assert await next_frame(laptop) == notice
    await laptop.send(json.dumps({"type": "ping"}))
    assert await next_frame(laptop) == {"type": "pong"}
    await client.delete("/v1/me/devices", headers={"Authorization": f"Bearer {other_token}"})
    assert (await next_frame(laptop))["type"] == "session.revoked"
