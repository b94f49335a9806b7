from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from plaza.kit.schemas import Id, Schema
from plaza.wallet.envelopes.service import DEFAULT_GREETING, Kind, Status
from plaza.wallet.schemas import Amount, Pin

AmountText = Annotated[str, StringConstraints(pattern=r"^-?[0-9]+(\.[0-9]+)?$", max_length=20)]


class EnvelopeCreate(Schema):
    conversation_id: Id = Field(description="The chat to send it in; you must be in it.")
    kind: Kind = Field(description="lucky: random shares of `total`; equal: `amount_each` each.")
    total: AmountText | None = Field(
        None, description="For lucky envelopes: the whole amount in major units, such as '10.00'."
    )
    amount_each: AmountText | None = Field(
        None, description="For equal envelopes: each share in major units."
    )
    count: int = Field(
        ge=1, description="Shares: 1 in a 1:1 chat, at most the group's member count."
    )
    greeting: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] = (
        DEFAULT_GREETING
    )
    pin: Pin

    @model_validator(mode="after")
    def _check_amount_matches_kind(self) -> Self:
        needed, other = (
            ("total", "amount_each") if self.kind == "lucky" else ("amount_each", "total")
        )
        if getattr(self, needed) is None:
            raise PydanticCustomError(
                "request.invalid",
                "A {kind} envelope needs `{part}`",
                {"kind": self.kind, "part": needed},
            )
        if getattr(self, other) is not None:
            raise PydanticCustomError(
                "request.invalid", "Unexpected `{name}` for this kind", {"name": other}
            )
        return self

    @property
    def amount_text(self) -> str:
        text = self.total if self.kind == "lucky" else self.amount_each
        assert text is not None
        return text


class EnvelopePerson(Schema):
    id: Id
    name: str


class EnvelopeShareOut(Schema):
    opener: EnvelopePerson
    amount: Amount
    opened_at: datetime


class EnvelopeOut(Schema):
    id: Id
    conversation_id: Id
    sender: EnvelopePerson
    kind: Kind
    direct: bool = Field(description="Sent in a 1:1 chat: only the other person may open it.")
    greeting: str
    total: Amount
    count: int
    opened: list[EnvelopeShareOut] = Field(description="First opened first.")
    mine: Amount | None = Field(description="What I got, if I opened it.")
    status: Status = Field(
        description="open; empty (all taken); expired (24 hours passed, not yet given back); "
        "returned (what was left went back to the sender)."
    )
    luckiest: Id | None = Field(
        description="Lucky envelopes, once all shares are taken: who got the most "
        "(the earliest on ties)."
    )
    created_at: datetime
    expires_at: datetime


class EnvelopeOpened(Schema):
    envelope_id: Id
    amount: Amount = Field(description="My share.")
    opened_at: datetime
