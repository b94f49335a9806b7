from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from plaza.kit.schemas import Id, Schema

DeliveryStatus = Literal["pending", "delivered", "given_up"]


class WebhookKey(Schema):
    key_id: str = Field(description="The key's fingerprint; it changes when the key does.")
    algorithm: str = Field(description="Always Ed25519.", examples=["Ed25519"])
    public_key: str = Field(description="The raw 32-byte Ed25519 public key, base64.")


class WebhookDelivery(Schema):
    id: Id = Field(description="The webhook's id: the body's `id`, the same on every attempt.")
    event_type: str = Field(examples=["payment.succeeded"])
    url: str = Field(description="Where it is posted.")
    status: DeliveryStatus = Field(
        description="pending (not yet answered 2xx, retried on the schedule), delivered "
        "(answered 2xx) or given_up (the retry schedule ran out)."
    )
    attempts: int = Field(description="How many times it was posted so far.")
    created_at: datetime
    last_attempt_at: datetime | None = Field(description="When the latest attempt started.")
    last_status_code: int | None = Field(
        description="The receiver's HTTP status on the latest attempt; null when it did not "
        "answer (see last_error) or before the first attempt."
    )
    last_error: str | None = Field(
        description="Why the latest attempt got no answer: a connection error or a timeout."
    )
    response_excerpt: str | None = Field(
        description="The first kilobyte of the receiver's latest answer."
    )
    next_attempt_at: datetime | None = Field(
        description="When it is posted next; null once delivered or given up."
    )


class WebhookAttemptOut(Schema):
    number: int = Field(description="1 for the first attempt.")
    started_at: datetime
    duration_ms: int
    status_code: int | None = Field(description="The receiver's HTTP status; null if none.")
    error: str | None = Field(description="Why no answer came, when none did.")
    response_excerpt: str = Field(description="The first kilobyte of the receiver's answer.")


class WebhookDeliveryDetail(WebhookDelivery):
    body: str = Field(description="The JSON posted, byte for byte as every attempt sent it.")
    finished_at: datetime | None = Field(description="When it was delivered or given up.")
    attempt_log: list[WebhookAttemptOut] = Field(description="Every attempt, the first first.")
