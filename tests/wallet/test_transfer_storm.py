"""A storm of transfers through the API on PostgreSQL, served by two apps on one database
(as two `plaza serve` workers, each with its own batcher): eight clients at once, many
retries of a request with the same Idempotency-Key, some of them sent to both apps at
the same moment, and wallets small enough to run dry. Every key makes at most one
transfer, every answer for a key names the same one, no error but "insufficient funds"
reaches a client, and not a cent is created or lost."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.app import create_app
from plaza.kit.money import Money
from plaza.wallet import service as wallet
from plaza.wallet.models import Transfer
from tests.conftest import CLIENT_IP, Person, create_person_in, fresh_postgres_database
from tests.wallet.test_envelope_storm import storm_settings
from tests.wallet.test_security import ID_NUMBER
from tests.wallet.test_transfers import PIN

pytestmark = pytest.mark.postgres

PEOPLE = 12
START = 20_00  # 20.00 each: many transfers meet an empty wallet
CLIENTS = 8
TRANSFERS_PER_CLIENT = 60


@dataclass
class Answers:
    """What the clients heard, by Idempotency-Key."""

    by_key: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

    def hear(self, key: str, response: httpx.Response) -> None:
        body = response.json()
        said = body["id"] if response.is_success else body.get("code", "")
        self.by_key[key].append((response.status_code, said))


@pytest.fixture
async def two_apps(
    migrated_postgres_template: str | None, tmp_path: Path
) -> AsyncIterator[list[tuple[FastAPI, httpx.AsyncClient]]]:
    """Two apps on one fresh database, each with its own batcher, and a client for each."""
    if migrated_postgres_template is None:
        pytest.skip("PLAZA_TEST_POSTGRES_URL is not set; this storm needs PostgreSQL row locks")
    async with (
        fresh_postgres_database(migrated_postgres_template) as url,
        AsyncExitStack() as stack,
    ):
        served = []
        for node in (1, 2):
            app = create_app(storm_settings(url, tmp_path, node))
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 50000))
            client = httpx.AsyncClient(
                transport=transport, base_url="http://plaza.test", timeout=120
            )
            served.append((app, await stack.enter_async_context(client)))
        yield served


async def ready(client: httpx.AsyncClient, app: FastAPI, n: int) -> Person:
    person = await create_person_in(app.state.database, f"P{n}")
    named = await client.post(
        "/v1/wallet/real-name", headers=person.auth, json={"name": f"P{n}", "id_number": ID_NUMBER}
    )
    assert named.status_code == 200, named.text
    assert (await client.put("/v1/wallet/pin", headers=person.auth, json={"pin": PIN})).is_success
    async with app.state.database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=person.account_id, amount=Money(START, "CNY"))
    return person


async def client_lane(
    clients: list[httpx.AsyncClient], people: list[Person], lane: int, answers: Answers
) -> None:
    rng = random.Random(lane)
    for n in range(TRANSFERS_PER_CLIENT):
        payer, payee = rng.sample(people, 2)
        key = f"lane{lane}-{n}"
        amount = f"{rng.randint(1, 900) / 100:.2f}"
        body = {"to": str(payee.account_id), "amount": amount, "pin": PIN}
        headers = {**payer.auth, "Idempotency-Key": key}

        async def post(
            client: httpx.AsyncClient,
            h: dict[str, str] = headers,
            b: dict[str, str] = body,
        ) -> None:
            answers.hear(
                h["Idempotency-Key"], await client.post("/v1/wallet/transfers", headers=h, json=b)
            )

        roll = rng.random()
        if roll < 0.25:  # a double tap: the same request to both apps at once
            await asyncio.gather(post(clients[0]), post(clients[1]))
        else:
            await post(clients[lane % 2])
        if roll > 0.85:  # a retry after the answer was lost
            await post(clients[(lane + 1) % 2])


async def test_a_storm_of_transfers_and_retries_on_two_apps_keeps_every_promise(
    two_apps: list[tuple[FastAPI, httpx.AsyncClient]],
) -> None:
    (app, first), (_, second) = two_apps
    people = [await ready(first, app, n) for n in range(PEOPLE)]
    answers = Answers()

    await asyncio.gather(
        *(client_lane([first, second], people, lane, answers) for lane in range(CLIENTS))
    )

    made: set[str] = set()
    for key, heard in answers.by_key.items():
        statuses = [status for status, _ in heard]
        assert set(statuses) <= {200, 201, 409}, (key, heard)
        refused = {said for status, said in heard if status == 409}
        assert refused <= {"wallet.insufficient_funds"}, (key, heard)
        ids = {said for status, said in heard if status in (200, 201)}
        assert len(ids) <= 1, (key, heard)  # one transfer a key, whoever asked
        assert statuses.count(201) <= 1, (key, heard)
        made |= ids
    database = app.state.database
    async with database.sessionmaker() as session:
        assert await wallet.verify(session) == []
        stored = set((await session.scalars(select(Transfer.id))).all())
        pending = await session.scalar(select(func.sum(Transfer.amount))) or 0
        balances = [(await wallet.balance(session, p.account_id, "CNY")).amount for p in people]
    assert {str(t) for t in stored} == made  # every acknowledged transfer, and no other
    assert sum(balances) + pending == START * PEOPLE  # none accepted: all still on their way
    assert sum(balances) < START * PEOPLE // 4  # asked for nine times what there was
