"""`plaza serve --workers 2` on PostgreSQL and Redis: two processes on one port, each
with a node id of its own, delivering to each other's sockets; a worker that dies is
replaced under its node id, and SIGHUP replaces both."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import pytest

from plaza import migrate, workers
from plaza.config import Settings
from plaza.kit.db import Database
from plaza.kit.ids import MAX_NODE_ID, SEQUENCE_BITS
from tests.conftest import (
    Person,
    befriend,
    create_person_in,
    fresh_postgres_database,
    redis_url_or_skip,
)
from tests.realtime.conftest import next_frame, open_socket
from tests.servers import LiveServer, plaza_serve, scaled_settings

FIRST_NODE = 40
WORKER_NODES = {FIRST_NODE, FIRST_NODE + 1}
STARTUP_SECONDS = 60


@pytest.fixture
async def two_workers(tmp_path: Path) -> AsyncIterator[LiveServer]:
    redis_url = redis_url_or_skip()
    async with fresh_postgres_database() as database_url:
        await anyio.to_thread.run_sync(migrate.upgrade, database_url)
        settings = scaled_settings(tmp_path, database_url=database_url, redis_url=redis_url)
        settings["PLAZA_NODE_ID"] = str(FIRST_NODE)
        with plaza_serve(tmp_path, settings, options=["--workers", "2"]) as server:
            await until_both_workers_answer(server)
            yield server


def made_by(snowflake: str) -> int:
    """The node id inside an id."""
    return (int(snowflake) >> SEQUENCE_BITS) & MAX_NODE_ID


def fresh_connections(server: LiveServer) -> httpx.AsyncClient:
    """A client that opens a new connection for every request, so that each request goes
    to whichever worker accepts it."""
    limits = httpx.Limits(max_keepalive_connections=0)
    return httpx.AsyncClient(base_url=server.url, limits=limits, timeout=10)


async def nodes_answering(server: LiveServer, *, requests: int = 64) -> set[int]:
    async with fresh_connections(server) as http:
        answers = await asyncio.gather(*(http.get("/healthz") for _ in range(requests)))
    return {answer.json()["node"] for answer in answers}


async def until_both_workers_answer(server: LiveServer) -> None:
    """Wait for the workers (`plaza_serve` waits for the first only); fail if a node id
    other than theirs answers, or one of them never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while (nodes := await nodes_answering(server)) != WORKER_NODES:
        assert nodes < WORKER_NODES, nodes
        assert time.monotonic() < deadline, server.log.read_text()
        await asyncio.sleep(0.5)


def worker_pids(server: LiveServer) -> list[int]:
    """The supervisor's worker processes (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [
        int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def test_workers_share_the_cores_for_pin_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    settings = Settings(_env_file=None, pin_threads=None)
    assert [workers.pin_threads(settings, count) for count in (1, 3, 8, 16)] == [8, 2, 1, 1]
    assert workers.pin_threads(settings.model_copy(update={"pin_threads": 5}), 2) == 5


async def test_each_worker_answers_with_a_node_id_of_its_own(two_workers: LiveServer) -> None:
    assert len(worker_pids(two_workers)) == 2
    assert await nodes_answering(two_workers) == WORKER_NODES


async def test_a_message_sent_through_one_worker_reaches_a_socket_on_the_other(
    two_workers: LiveServer,
) -> None:
    database = Database(two_workers.database_url)
    try:
        alice, bob = (
            await create_person_in(database, "Alice"),
            await create_person_in(database, "Bob"),
        )
    finally:
        await database.dispose()
    async with fresh_connections(two_workers) as http:
        await befriend(http, alice, bob)
        chat = await http.post(
            "/v1/conversations/direct", headers=alice.auth, json={"peer_id": bob.id}
        )
        bob_ws = await open_socket(two_workers.ws_url, bob.token)
        sent = await send_until_both_workers_made_one(http, alice, chat.json()["id"])
        received = [await next_frame(bob_ws) for _ in sent]
        await bob_ws.close()
    # the socket lives on one worker and the messages were made on both, so one of them
    # crossed from one worker to the other through the broker
    assert {made_by(message_id) for message_id in sent} == WORKER_NODES
    assert [frame["data"]["message"]["id"] for frame in received] == sent


async def send_until_both_workers_made_one(
    http: httpx.AsyncClient, sender: Person, conversation_id: str
) -> list[str]:
    sent: list[str] = []
    while {made_by(message_id) for message_id in sent} != WORKER_NODES and len(sent) < 40:
        response = await http.post(
            f"/v1/conversations/{conversation_id}/messages",
            headers=sender.auth,
            json={"client_msg_id": f"m{len(sent)}", "kind": "text", "text": f"#{len(sent)}"},
        )
        assert response.status_code == 201, response.text
        sent.append(response.json()["id"])
    return sent


async def test_a_killed_worker_is_replaced_under_its_node_id(two_workers: LiveServer) -> None:
    workers = worker_pids(two_workers)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)

    await until_replaced(two_workers, workers[:1])
    assert len(worker_pids(two_workers)) == 2


async def test_sighup_replaces_every_worker(two_workers: LiveServer) -> None:
    workers = worker_pids(two_workers)
    os.kill(two_workers.pid, signal.SIGHUP)

    await until_replaced(two_workers, workers)
    assert len(worker_pids(two_workers)) == 2


async def until_replaced(server: LiveServer, gone: list[int]) -> None:
    """Wait until none of the ``gone`` workers is left and both node ids answer again."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while set(gone) & set(worker_pids(server)):
        assert time.monotonic() < deadline, server.log.read_text()
        await asyncio.sleep(0.2)
    await until_both_workers_answer(server)
