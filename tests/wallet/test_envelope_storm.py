"""Hundreds of people opening one red envelope at once on PostgreSQL, through the real
ASGI app: every share goes to exactly one person, nobody gets two, no 5xx reaches a
client, the hold ends empty and the books verify."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from plaza.app import create_app
from plaza.chat import repository as chat_repository
from plaza.chat.conversations import MEMBER, OWNER, member_row
from plaza.chat.models import Conversation
from plaza.config import Environment, Settings
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.kit.money import Money
from plaza.wallet import repository as wallet_repository
from plaza.wallet import service as wallet
from plaza.wallet.envelopes import repository as envelope_repository
from plaza.wallet.envelopes import service as envelopes
from tests.conftest import CLIENT_IP, Person, create_person_in, fresh_postgres_database
from tests.wallet.test_envelopes import open_envelope, send_envelope
from tests.wallet.test_security import ID_NUMBER
from tests.wallet.test_transfers import PIN

pytestmark = pytest.mark.postgres


@dataclass(frozen=True)
class Storm:
    app: FastAPI
    client: httpx.AsyncClient
    sender: Person
    group: str
    members: list[Person]


def storm_settings(database_url: str, tmp_path: Path, node_id: int = 1) -> Settings:
    """An app on this PostgreSQL database, without background jobs."""
    return Settings(
        env=Environment.TEST,
        database_url=database_url,
        media_dir=tmp_path / "media",
        web_dir=tmp_path / "web",
        node_id=node_id,
        background_jobs=False,
        _env_file=None,
    )


@pytest.fixture
async def storm_app(
    migrated_postgres_template: str | None, tmp_path: Path
) -> AsyncIterator[FastAPI]:
    if migrated_postgres_template is None:
        pytest.skip("PLAZA_TEST_POSTGRES_URL is not set; this storm needs PostgreSQL row locks")
    async with fresh_postgres_database(migrated_postgres_template) as url:
        application = create_app(storm_settings(url, tmp_path))
        async with application.router.lifespan_context(application):
            yield application


async def storm(app: FastAPI, people: int) -> Storm:
    """A group of ``people`` (the sender included) made straight in the database, and a
    sender with a verified name, a PIN and 500.00."""
    transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 50000))
    client = httpx.AsyncClient(transport=transport, base_url="http://plaza.test", timeout=120)
    database = app.state.database
    sender = await create_person_in(database, "Sender")
    members = [await create_person_in(database, f"Member {n}") for n in range(people - 1)]
    verified = await client.post(
        "/v1/wallet/real-name", headers=sender.auth, json={"name": "Sender", "id_number": ID_NUMBER}
    )
    assert verified.status_code == 200, verified.text
    assert (await client.put("/v1/wallet/pin", headers=sender.auth, json={"pin": PIN})).is_success
    async with database.unit_of_work() as session:
        await wallet.deposit(session, owner_id=sender.account_id, amount=Money(500_00, "CNY"))
        group = Conversation(
            id=new_id(),
            kind="group",
            name="Storm",
            announcement="",
            last_seq=0,
            created_at=clock.now(),
        )
        session.add(group)
        await session.flush()
        await chat_repository.add_members(
            session,
            [member_row(group.id, sender.account_id, OWNER, 0)]
            + [member_row(group.id, m.account_id, MEMBER, 0) for m in members],
        )
    return Storm(app, client, sender, str(group.id), members)


async def open_all(setup: Storm, envelope_id: str) -> list[httpx.Response]:
    started = time.perf_counter()
    responses = await asyncio.gather(
        *(open_envelope(setup.client, member, envelope_id) for member in setup.members)
    )
    print(f"{len(responses)} opens in {time.perf_counter() - started:.2f} s")
    return list(responses)


async def hold_balance(app: FastAPI, envelope_id: str) -> int:
    """What the envelope's hold accounts still hold, once the books verify."""
    async with app.state.database.sessionmaker() as session:
        assert await wallet.verify(session) == []
        hold_ids = await envelope_repository.list_hold_account_ids(session, int(envelope_id))
        holds = await wallet_repository.lock_accounts(session, hold_ids)
    assert len(holds) == envelopes.HOLD_STRIPES
    return sum(h.balance for h in holds)


async def test_500_people_open_a_500_share_envelope_at_once(storm_app: FastAPI) -> None:
    setup = await storm(storm_app, 501)
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="lucky", total="200.00", count=500
    )
    assert sent.status_code == 201, sent.text
    envelope = sent.json()["id"]

    responses = await open_all(setup, envelope)

    assert Counter(r.status_code for r in responses) == {200: 500}
    assert sum(r.json()["amount"]["amount"] for r in responses) == 200_00
    detail = await setup.client.get(f"/v1/wallet/envelopes/{envelope}", headers=setup.sender.auth)
    opened = detail.json()["opened"]
    assert len({o["opener"]["id"] for o in opened}) == len(opened) == 500
    assert detail.json()["status"] == "empty"
    assert await hold_balance(storm_app, envelope) == 0
    await setup.client.aclose()


async def test_150_people_race_for_100_shares(storm_app: FastAPI) -> None:
    setup = await storm(storm_app, 151)
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="lucky", total="100.00", count=100
    )
    assert sent.status_code == 201, sent.text
    envelope = sent.json()["id"]

    responses = await open_all(setup, envelope)

    assert Counter(r.status_code for r in responses) == {200: 100, 409: 50}
    late = {r.json()["code"] for r in responses if r.status_code == 409}
    assert late == {"wallet.envelope_empty"}
    assert sum(r.json()["amount"]["amount"] for r in responses if r.status_code == 200) == 100_00
    assert await hold_balance(storm_app, envelope) == 0
    await setup.client.aclose()


async def test_double_taps_at_once_open_once_and_cost_nobody_their_share(
    storm_app: FastAPI,
) -> None:
    """Each of 30 people taps twice at once on a 30-share envelope: one tap of each wins and
    the other is `already_opened` (the unique constraint); while the losing tap still holds
    the share it claimed, nobody else may be told the envelope is empty."""
    setup = await storm(storm_app, 31)
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="equal", amount_each="1.00", count=30
    )
    assert sent.status_code == 201, sent.text
    envelope = sent.json()["id"]

    responses = await asyncio.gather(
        *(open_envelope(setup.client, m, envelope) for m in setup.members for _ in range(2))
    )

    codes = Counter(r.json().get("code", r.status_code) for r in responses)
    assert codes == {200: 30, "wallet.envelope_already_opened": 30}
    assert await hold_balance(storm_app, envelope) == 0
    await setup.client.aclose()
