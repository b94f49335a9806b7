"""Posting due webhooks from the outbox: one loop per `plaza serve` process.

A worker leases a batch (rows locked with ``SKIP LOCKED``, their next attempt moved past
the lease) and commits, posts them without holding a transaction, then records each
outcome. Another worker, on this node or another, skips locked rows and sees leased ones
as not due, so a row is never posted twice at once; a worker that dies mid-batch leaves
its rows to be retried when the lease ends. Receivers deduplicate by the body's ``id``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
import structlog

from plaza.config import Settings
from plaza.kit import clock
from plaza.kit.background import Stop
from plaza.kit.db import Database
from plaza.webhooks import repository, service, signing
from plaza.webhooks.addresses import AddressRefused, pin
from plaza.webhooks.service import MAX_EXCERPT_BYTES, Outcome, WebhookStatus

ATTEMPT_TIMEOUT_SECONDS = 5.0
LEASE = timedelta(seconds=60)
"""Longer than a batch of attempts can take (they run at once, each within the timeout)."""
BATCH_SIZE = 50
POLL_SECONDS = 1.0
MAX_ERROR_CHARS = 200
USER_AGENT = "Plaza-Webhooks/1"

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Leased:
    webhook_id: int
    url: str
    body: bytes


async def deliver_due(
    database: Database,
    http: httpx.AsyncClient,
    *,
    limit: int = BATCH_SIZE,
    private_networks: bool = True,
) -> int:
    """One batch: lease due webhooks, post them, record how each went. Returns how many
    were posted. ``private_networks``: whether receivers may be internal addresses
    (``addresses``)."""
    async with database.unit_of_work() as session:
        now = clock.now()
        due = await repository.lock_due(session, status=WebhookStatus.PENDING, due=now, limit=limit)
        if not due:
            return 0
        key = await signing.current_key(session)
        for webhook in due:
            webhook.next_attempt_at = now + LEASE
        batch = [Leased(webhook.id, webhook.url, webhook.body.encode()) for webhook in due]
    outcomes = await asyncio.gather(
        *(post(http, key, leased, private_networks=private_networks) for leased in batch)
    )
    async with database.unit_of_work() as session:
        webhooks = await repository.get_webhooks(session, [leased.webhook_id for leased in batch])
        for leased, outcome in zip(batch, outcomes, strict=True):
            service.record(session, webhooks[leased.webhook_id], outcome)
    return len(batch)


async def post(
    http: httpx.AsyncClient, key: signing.SigningKey, leased: Leased, *, private_networks: bool
) -> Outcome:
    """One signed POST, to the receiver's checked address, within
    ``ATTEMPT_TIMEOUT_SECONDS``; never raises for the receiver's faults, which become the
    outcome's error."""
    started_at = clock.now()
    started = time.monotonic()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signing.signature_headers(key, leased.body),
    }
    status_code: int | None = None
    error: str | None = None
    excerpt = b""
    try:
        async with asyncio.timeout(ATTEMPT_TIMEOUT_SECONDS):
            target = await pin(leased.url, private_networks=private_networks)
            headers["Host"] = target.host_header
            extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else None
            async with http.stream(
                "POST", target.url, content=leased.body, headers=headers, extensions=extensions
            ) as answer:
                status_code = answer.status_code
                async for chunk in answer.aiter_bytes():
                    excerpt += chunk
                    if len(excerpt) >= MAX_EXCERPT_BYTES:
                        break
    except TimeoutError:
        error = f"timed out after {ATTEMPT_TIMEOUT_SECONDS:g} s"
    except AddressRefused as exc:
        error = f"refused: {exc}"[:MAX_ERROR_CHARS]
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
    return Outcome(
        started_at=started_at,
        duration_ms=round((time.monotonic() - started) * 1000),
        status_code=status_code,
        error=error,
        response_excerpt=excerpt_text(excerpt),
    )


def excerpt_text(answer: bytes) -> str:
    """The first kilobyte of an answer as text a database column can hold: any bytes
    decode, and NUL, which PostgreSQL text refuses, is replaced."""
    return answer[:MAX_EXCERPT_BYTES].decode(errors="replace").replace("\0", "\ufffd")


async def run_until_stopped(database: Database, stop: Stop, *, private_networks: bool) -> None:
    wake = asyncio.Event()
    with service.waking(wake):
        async with httpx.AsyncClient(follow_redirects=False) as http:
            while not stop.asked:
                posted = 0
                try:
                    posted = await deliver_due(database, http, private_networks=private_networks)
                    if posted:
                        log.info("webhooks.posted", count=posted)
                except Exception:
                    log.exception("webhooks.delivery_failed")
                if posted < BATCH_SIZE:
                    # until a webhook is enqueued in this process, or the poll interval
                    # passes (for retries coming due and webhooks enqueued by other nodes)
                    await stop.pause(POLL_SECONDS, wake=wake)
                    wake.clear()


def start(database: Database, settings: Settings, stop: Stop) -> list[asyncio.Task[None]]:
    """The delivery loop (none when ``settings.background_jobs`` is off), until ``stop``."""
    if not settings.background_jobs:
        return []
    private_networks = settings.webhooks_reach_private_networks
    return [
        asyncio.create_task(run_until_stopped(database, stop, private_networks=private_networks))
    ]
