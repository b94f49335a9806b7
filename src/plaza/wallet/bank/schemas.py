from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plaza.kit.schemas import Id, Schema
from plaza.wallet.schemas import Amount, Pin

BankOrderKind = Literal["top_up", "withdrawal", "settlement"]
BankOrderStatus = Literal["pending", "succeeded", "failed", "declined"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class CardCreate(Schema):
    holder_name: Name = Field(description="Must be the wallet's verified real name.")
    card_number: Annotated[str, StringConstraints(max_length=32)] = Field(
        description="12 to 19 digits, spaces or dashes allowed; only the last four are kept."
    )
    bank_name: Name | None = Field(None, description="As the person calls it; else the bank's.")


class CardOut(Schema):
    id: Id
    holder_name: str
    bank_name: str
    last4: str
    created_at: datetime


class BankOrderCreate(Schema):
    """A top-up from the card, or a withdrawal to it."""

    card_id: Id
    amount: Annotated[str, StringConstraints(pattern=r"^-?[0-9]+(\.[0-9]+)?$", max_length=20)] = (
        Field(description="In major units as a decimal string, such as '200.00'.")
    )
    pin: Pin


class BankOrderOut(Schema):
    id: Id
    kind: BankOrderKind = Field(description="settlement: a shop's takings to its bank account.")
    card_id: Id | None = Field(description="The person's card; none for a settlement.")
    card_last4: str
    bank_name: str
    amount: Amount
    status: BankOrderStatus = Field(
        description="pending until the bank calls back; declined when refused at once."
    )
    created_at: datetime
    settled_at: datetime | None


class CallbackAck(Schema):
    outcome: Literal["applied", "duplicate"] = Field(
        description="duplicate: the order was settled by an earlier callback; nothing moved."
    )
    order_id: Id


class SampleCardOut(Schema):
    number: str
    behaviour: Literal["succeeds", "declined", "fails", "no_answer"] = Field(
        description="no_answer: accepted, never called back; reconciliation settles it failed."
    )


class BankInfo(Schema):
    connector: str = Field(description="PLAZA_BANK_CONNECTOR: sandbox, or a real bank.")
    sample_cards: list[SampleCardOut] = Field(
        description="Test card numbers and what the sandbox does with them; empty for a real bank."
    )
