"""The outbox: webhooks enqueued in their cause's transaction, and the retry schedule.

A webhook exists if and only if the change that caused it committed, because its row is
inserted in the same transaction; ``delivery`` posts it afterwards.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.ids import new_id
from plaza.webhooks.models import Webhook, WebhookAttempt

RETRY_SCHEDULE = tuple(
    timedelta(seconds=seconds)
    for seconds in (
        *(15, 15, 30),
        *(3 * 60, 10 * 60, 20 * 60, 30 * 60, 30 * 60, 30 * 60, 60 * 60),
        *(3 * 3600, 3 * 3600, 3 * 3600, 6 * 3600, 6 * 3600),
    )
)
"""The wait after each failed attempt (issue 5, as WeChat Pay's notifications): 15 retries,
about 25 hours in all, then the webhook is given up."""
MAX_ATTEMPTS = len(RETRY_SCHEDULE) + 1
MAX_BODY_BYTES = 64 * 1024
"""A notification names what happened; the receiver fetches the rest through the API."""
MAX_EXCERPT_BYTES = 1024

_wakers: set[asyncio.Event] = set()
"""The delivery loops running in this process, woken when a webhook here commits."""


@contextmanager
def waking(wake: asyncio.Event) -> Iterator[None]:
    """While inside, ``wake`` is set after each commit that enqueued a webhook."""
    _wakers.add(wake)
    try:
        yield
    finally:
        _wakers.discard(wake)


async def _wake_delivery() -> None:
    for wake in _wakers:
        wake.set()


class WebhookStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    GIVEN_UP = "given_up"


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose webhook it is: ``Owner("miniapp", app.id)``."""

    type: str
    id: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one POST went: a status code, or the error that stopped it."""

    started_at: datetime
    duration_ms: int
    status_code: int | None = None
    error: str | None = None
    response_excerpt: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def enqueue(
    session: AsyncSession,
    *,
    url: str,
    event_type: str,
    payload: Mapping[str, Any],
    owner: Owner,
) -> Webhook:
    """Put a webhook in the outbox within the caller's transaction; it is posted only after
    that transaction commits. ``url`` must already be checked by the caller (an absolute
    http or https URL): a bad one here is a programming error."""
    if urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).hostname:
        raise ValueError(f"webhook URL must be absolute http(s): {url!r}")
    now = clock.now()
    webhook_id = new_id()
    body = json.dumps(
        {
            "id": str(webhook_id),
            "type": event_type,
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "data": dict(payload),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    if len(body.encode()) > MAX_BODY_BYTES:
        raise ValueError(f"webhook body over {MAX_BODY_BYTES} bytes")
    webhook = Webhook(
        id=webhook_id,
        owner_type=owner.type,
        owner_id=owner.id,
        url=url,
        event_type=event_type,
        body=body,
        status=WebhookStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(webhook)
    await session.flush()
    after_commit(session, _wake_delivery)
    return webhook


def record(session: AsyncSession, webhook: Webhook, outcome: Outcome) -> None:
    """Keep the attempt and decide what comes next: done on a 2xx, else the next wait of
    the schedule, else given up."""
    webhook.attempts += 1
    session.add(
        WebhookAttempt(
            id=new_id(),
            webhook_id=webhook.id,
            number=webhook.attempts,
            started_at=outcome.started_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            error=outcome.error,
            response_excerpt=outcome.response_excerpt,
        )
    )
    if outcome.succeeded:
        webhook.status = WebhookStatus.DELIVERED
        webhook.finished_at = clock.now()
    elif webhook.attempts >= MAX_ATTEMPTS:
        webhook.status = WebhookStatus.GIVEN_UP
        webhook.finished_at = clock.now()
    else:
        webhook.next_attempt_at = outcome.started_at + RETRY_SCHEDULE[webhook.attempts - 1]
