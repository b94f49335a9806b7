"""People on two different `plaza serve` processes (sharing PostgreSQL and Redis) chat
in Chromium in real time: one to one and in a group."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio
import pytest
from playwright.async_api import Browser, Locator, Page, expect

from plaza import migrate
from plaza.chat import conversations as chat
from plaza.contacts import service as contacts
from plaza.kit.db import Database
from plaza.realtime.broker import MemoryBroker
from tests.conftest import Person, create_person_in, fresh_postgres_database, redis_url_or_skip
from tests.e2e.conftest import WEB_DIST, send_text, signed_in
from tests.servers import LiveServer, two_plaza_nodes


@dataclass(frozen=True)
class Cluster:
    node_a: LiveServer
    node_b: LiveServer
    people: dict[str, Person]
    direct: int
    group: int


@pytest.fixture
async def cluster(tmp_path: Path) -> AsyncIterator[Cluster]:
    if not (WEB_DIST / "index.html").is_file():
        pytest.skip("the web client is not built; `make web` builds it (make test does)")
    redis_url = redis_url_or_skip()
    async with fresh_postgres_database() as database_url:
        await anyio.to_thread.run_sync(migrate.upgrade, database_url)
        database = Database(database_url)
        try:
            people = {
                name: await create_person_in(database, name.title())
                for name in ("alice", "bob", "carol")
            }
            ids = [p.account_id for p in people.values()]
            async with database.unit_of_work() as session:
                for index, a in enumerate(ids):
                    for b in ids[index + 1 :]:
                        await contacts.make_friends(session, a, b)
                direct = await chat.open_direct(session, ids[0], ids[1])
                group = await chat.create_group(
                    session, MemoryBroker(), ids[0], name="Two nodes", member_ids=ids[1:]
                )
                direct_id, group_id = direct.id, group.id
        finally:
            await database.dispose()
        web = {"PLAZA_WEB_DIR": str(WEB_DIST)}
        nodes = two_plaza_nodes(tmp_path, database_url=database_url, redis_url=redis_url, extra=web)
        with nodes as (node_a, node_b):
            yield Cluster(node_a, node_b, people, direct_id, group_id)


async def open_chat(browser: Browser, person: Person, node: LiveServer, conversation: int) -> Page:
    context = await signed_in(browser, person)
    page = await context.new_page()
    await page.goto(f"{node.url}/chats/{conversation}")
    await expect(page.get_by_test_id("composer-input")).to_be_visible()
    return page


def texts(page: Page, text: str) -> Locator:
    return page.get_by_test_id("message-text").filter(has_text=text)


async def test_chat_across_two_server_processes(
    browser: Browser, cluster: Cluster, artifacts: Path
) -> None:
    alice, bob, carol = (cluster.people[n] for n in ("alice", "bob", "carol"))
    alice_page = await open_chat(browser, alice, cluster.node_a, cluster.direct)
    bob_page = await open_chat(browser, bob, cluster.node_b, cluster.direct)

    await send_text(alice_page, "Hello from node A")
    await expect(texts(bob_page, "Hello from node A")).to_have_count(1)
    await send_text(bob_page, "And back from node B")
    await expect(texts(alice_page, "And back from node B")).to_have_count(1)

    carol_page = await open_chat(browser, carol, cluster.node_a, cluster.group)
    await bob_page.goto(f"{cluster.node_b.url}/chats/{cluster.group}")
    await expect(bob_page.get_by_test_id("composer-input")).to_be_visible()
    await send_text(carol_page, "Group hello from node A")
    await expect(texts(bob_page, "Group hello from node A")).to_have_count(1)
    await send_text(bob_page, "Group reply from node B")
    await expect(texts(carol_page, "Group reply from node B")).to_have_count(1)
    await bob_page.screenshot(path=artifacts / "two-nodes-group.png")
