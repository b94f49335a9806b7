"""The outbox and its delivery loop, against a real HTTP receiver on a local port."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from itertools import pairwise

import anyio
import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.app import create_app
from plaza.config import Settings
from plaza.kit.clock import ManualClock
from plaza.kit.db import Database
from plaza.webhooks import delivery, signing
from plaza.webhooks import service as webhooks
from plaza.webhooks.endpoints import KEY_PATH
from plaza.webhooks.models import Webhook, WebhookAttempt
from plaza.webhooks.service import MAX_ATTEMPTS, RETRY_SCHEDULE, Owner, WebhookStatus
from plaza_sdk.webhooks import WebhookVerifier
from tests.servers import free_port
from tests.webhooks.conftest import Receiver

OWNER = Owner("miniapp", 42)
PAYLOAD = {"out_trade_no": "order-1", "amount": 1250, "currency": "CNY", "note": "拿铁"}


class CauseFailed(Exception):
    pass


async def enqueue(database: Database, url: str, **payload: object) -> int:
    async with database.unit_of_work() as session:
        webhook = await webhooks.enqueue(
            session,
            url=url,
            event_type="payment.succeeded",
            payload=payload or PAYLOAD,
            owner=OWNER,
        )
    return webhook.id


async def webhook_and_attempts(
    database: Database, webhook_id: int
) -> tuple[Webhook, Sequence[WebhookAttempt]]:
    async with database.unit_of_work() as session:
        webhook = await session.get_one(Webhook, webhook_id)
        attempts = (
            await session.scalars(
                select(WebhookAttempt)
                .where(WebhookAttempt.webhook_id == webhook_id)
                .order_by(WebhookAttempt.number)
            )
        ).all()
    return webhook, attempts


async def verifier_for(client: httpx.AsyncClient, clock: ManualClock) -> WebhookVerifier:
    published = await client.get(KEY_PATH)
    assert published.status_code == 200, published.text
    return WebhookVerifier.from_key_document(
        published.json(), clock=lambda: clock.now().timestamp()
    )


async def test_a_webhook_of_a_rolled_back_transaction_is_never_sent(
    app: FastAPI, http: httpx.AsyncClient, receiver: Receiver, clock: ManualClock
) -> None:
    database: Database = app.state.database
    with pytest.raises(CauseFailed):
        async with database.unit_of_work() as session:
            await webhooks.enqueue(
                session, url=receiver.url, event_type="payment.succeeded", payload={}, owner=OWNER
            )
            raise CauseFailed
    assert await delivery.deliver_due(database, http) == 0
    clock.advance(timedelta(days=2))
    assert await delivery.deliver_due(database, http) == 0
    assert receiver.received == []
    async with database.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(Webhook)) == 0


async def test_a_commit_that_enqueued_a_webhook_wakes_the_delivery_loops(
    app: FastAPI, receiver: Receiver
) -> None:
    """The loop posts a new webhook at once instead of at its next poll; a rolled-back
    webhook wakes nobody."""
    database: Database = app.state.database
    wake = asyncio.Event()
    with webhooks.waking(wake):
        with pytest.raises(CauseFailed):
            async with database.unit_of_work() as session:
                await webhooks.enqueue(
                    session, url=receiver.url, event_type="ping", payload={}, owner=OWNER
                )
                raise CauseFailed
        assert not wake.is_set()
        await enqueue(database, receiver.url)
        assert wake.is_set()
    wake.clear()
    await enqueue(database, receiver.url)
    assert not wake.is_set(), "a loop that stopped is no longer woken"


async def test_a_committed_webhook_is_delivered_once_with_a_valid_signature(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,
    receiver: Receiver,
    clock: ManualClock,
) -> None:
    database: Database = app.state.database
    webhook_id = await enqueue(database, receiver.url)

    assert await delivery.deliver_due(database, http) == 1

    [request] = receiver.received
    assert request.headers["Content-Type"] == "application/json"
    event = (await verifier_for(client, clock)).verify(request.headers, request.body)
    assert event == {
        "id": str(webhook_id),
        "type": "payment.succeeded",
        "created_at": "2026-11-29T12:00:00Z",
        "data": PAYLOAD,
    }
    assert await delivery.deliver_due(database, http) == 0
    clock.advance(timedelta(days=2))
    assert await delivery.deliver_due(database, http) == 0
    assert len(receiver.received) == 1
    webhook, [attempt] = await webhook_and_attempts(database, webhook_id)
    assert (webhook.status, webhook.attempts) == (WebhookStatus.DELIVERED, 1)
    assert webhook.finished_at == clock.now() - timedelta(days=2)
    assert (attempt.number, attempt.status_code, attempt.error) == (1, 200, None)
    assert attempt.response_excerpt == "ok"
    assert 0 <= attempt.duration_ms < 5000


async def test_a_failed_delivery_is_retried_after_the_first_wait_of_the_schedule(
    app: FastAPI,
    client: httpx.AsyncClient,
    http: httpx.AsyncClient,
    receiver: Receiver,
    clock: ManualClock,
) -> None:
    database: Database = app.state.database
    receiver.statuses = [500, 200]
    receiver.reply = b'{"code":"FAIL"}'
    webhook_id = await enqueue(database, receiver.url)

    assert await delivery.deliver_due(database, http) == 1
    webhook, [failed] = await webhook_and_attempts(database, webhook_id)
    assert (failed.status_code, failed.response_excerpt) == (500, '{"code":"FAIL"}')
    assert webhook.status == WebhookStatus.PENDING
    assert webhook.next_attempt_at == clock.now() + timedelta(seconds=15)

    clock.advance(timedelta(seconds=14))
    assert await delivery.deliver_due(database, http) == 0
    clock.advance(timedelta(seconds=1))
    assert await delivery.deliver_due(database, http) == 1

    webhook, attempts = await webhook_and_attempts(database, webhook_id)
    assert [attempt.status_code for attempt in attempts] == [500, 200]
    assert (webhook.status, webhook.attempts) == (WebhookStatus.DELIVERED, 2)
    first, second = receiver.received
    assert first.body == second.body
    assert first.headers["Plaza-Nonce"] != second.headers["Plaza-Nonce"]
    assert int(second.headers["Plaza-Timestamp"]) == int(first.headers["Plaza-Timestamp"]) + 15
    verifier = await verifier_for(client, clock)
    assert verifier.verify(second.headers, second.body)["id"] == str(webhook_id)


async def test_a_webhook_is_retried_on_the_whole_schedule_then_given_up(
    app: FastAPI, http: httpx.AsyncClient, receiver: Receiver, clock: ManualClock
) -> None:
    database: Database = app.state.database
    receiver.status = 503
    webhook_id = await enqueue(database, receiver.url)
    started = clock.now()

    assert await delivery.deliver_due(database, http) == 1
    for wait in RETRY_SCHEDULE:
        clock.advance(wait - timedelta(seconds=1))
        assert await delivery.deliver_due(database, http) == 0
        clock.advance(timedelta(seconds=1))
        assert await delivery.deliver_due(database, http) == 1
    clock.advance(timedelta(days=7))
    assert await delivery.deliver_due(database, http) == 0

    assert len(receiver.received) == MAX_ATTEMPTS == 16
    webhook, attempts = await webhook_and_attempts(database, webhook_id)
    assert (webhook.status, webhook.attempts) == (WebhookStatus.GIVEN_UP, 16)
    assert [attempt.number for attempt in attempts] == list(range(1, 17))
    gaps = [later.started_at - earlier.started_at for earlier, later in pairwise(attempts)]
    assert gaps == list(RETRY_SCHEDULE)
    assert attempts[-1].started_at - started == timedelta(hours=24, minutes=4)
    assert webhook.finished_at == attempts[-1].started_at


async def test_an_unreachable_receiver_is_recorded_and_retried(
    app: FastAPI, http: httpx.AsyncClient, clock: ManualClock
) -> None:
    database: Database = app.state.database
    webhook_id = await enqueue(database, f"http://127.0.0.1:{free_port()}/notify")

    assert await delivery.deliver_due(database, http) == 1

    webhook, [attempt] = await webhook_and_attempts(database, webhook_id)
    assert attempt.status_code is None
    assert attempt.error is not None
    assert attempt.error.startswith("ConnectError")
    assert webhook.status == WebhookStatus.PENDING
    assert webhook.next_attempt_at == clock.now() + RETRY_SCHEDULE[0]


async def test_only_the_first_kilobyte_of_an_answer_is_kept_as_text(
    app: FastAPI, http: httpx.AsyncClient, receiver: Receiver, clock: ManualClock
) -> None:
    database: Database = app.state.database
    receiver.reply = b"\0" + "é".encode() * 3000  # NUL, which PostgreSQL text refuses
    webhook_id = await enqueue(database, receiver.url)

    assert await delivery.deliver_due(database, http) == 1

    _, [attempt] = await webhook_and_attempts(database, webhook_id)
    assert attempt.status_code == 200
    assert attempt.response_excerpt == "\ufffd" + "é" * 511 + "\ufffd"  # cut inside an é


async def test_two_workers_at_once_never_send_a_webhook_twice(
    app: FastAPI,
    settings: Settings,
    http: httpx.AsyncClient,
    receiver: Receiver,
    clock: ManualClock,
) -> None:
    """On PostgreSQL each worker has its own engine, as two nodes would; an SQLite
    deployment is one process, whose workers share its one connection."""
    database: Database = app.state.database
    webhook_ids = {await enqueue(database, receiver.url, n=n) for n in range(30)}
    second = database if settings.is_sqlite else Database(settings.database_url)

    async def drain(worker: Database) -> int:
        posted = 0
        while done := await delivery.deliver_due(worker, http, limit=4):
            posted += done
        return posted

    try:
        counts = await asyncio.gather(drain(database), drain(second))
    finally:
        if second is not database:
            await second.dispose()

    assert sum(counts) == 30
    sent = Counter(int(request.event["id"]) for request in receiver.received)
    assert set(sent) == webhook_ids
    assert set(sent.values()) == {1}


async def test_each_server_process_runs_the_delivery_loop(
    settings: Settings, receiver: Receiver
) -> None:
    application = create_app(settings.model_copy(update={"background_jobs": True}))
    async with application.router.lifespan_context(application):
        webhook_id = await enqueue(application.state.database, receiver.url)
        with anyio.fail_after(10):
            while not receiver.received:
                await asyncio.sleep(0.05)
    assert [int(request.event["id"]) for request in receiver.received] == [webhook_id]


async def test_an_attempt_gives_up_on_a_slow_receiver_after_five_seconds(
    http: httpx.AsyncClient, receiver: Receiver
) -> None:
    receiver.delay_seconds = delivery.ATTEMPT_TIMEOUT_SECONDS + 2
    key = signing.SigningKey("ed25519-test", Ed25519PrivateKey.generate())

    outcome = await delivery.post(
        http, key, delivery.Leased(1, receiver.url, b"{}"), private_networks=True
    )

    assert (outcome.status_code, outcome.error) == (None, "timed out after 5 s")
    assert 5000 <= outcome.duration_ms < 6000
    assert not outcome.succeeded
