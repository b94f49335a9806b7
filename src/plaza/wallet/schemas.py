from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plaza.kit.schemas import Id, Schema

Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
TransferStatus = Literal["pending", "accepted", "returned"]


class Amount(Schema):
    amount: int = Field(description="In the currency's minor unit (fen, cents).")
    currency: str = Field(description="ISO 4217, such as CNY.")


class Wallet(Schema):
    balance: Amount
    real_name_verified: bool = Field(description="Unverified people can receive but not pay.")
    real_name: str | None = Field(description="Shown masked to others; in full only here.")
    id_number_last4: str | None
    pin_set: bool
    pin_locked_until: datetime | None = Field(description="Payments are locked until then.")


class RealNameVerification(Schema):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] = Field(
        "CN", description="ISO 3166 country that issued the identity number."
    )
    id_number: Annotated[str, StringConstraints(max_length=32)]


class PinChange(Schema):
    pin: Pin = Field(description="6 digits; not one repeated digit or a straight run.")
    current_pin: Pin | None = Field(None, description="Needed when a PIN is already set.")


class PinReset(Schema):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] = Field(
        description="From POST /v1/auth/codes to this account's phone."
    )
    id_number: Annotated[str, StringConstraints(max_length=32)]
    pin: Pin


class TransferCreate(Schema):
    to: Id = Field(description="The account receiving the money.")
    amount: Annotated[str, StringConstraints(pattern=r"^-?[0-9]+(\.[0-9]+)?$", max_length=20)] = (
        Field(description="In major units as a decimal string, such as '88.88'.")
    )
    memo: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    pin: Pin
    conversation_id: Id | None = Field(
        None, description="Send it in this chat as a transfer card (both people must be in it)."
    )


class TransferOut(Schema):
    id: Id
    sender_id: Id
    recipient_id: Id
    amount: Amount
    memo: str
    conversation_id: Id | None
    status: TransferStatus
    created_at: datetime
    expires_at: datetime = Field(description="Unaccepted by then, it returns to the sender.")
    resolved_at: datetime | None


# Bills and statements

BillDirection = Literal["in", "out"]


class Counterparty(Schema):
    type: str = Field(
        description="`person`, `chat` (a group a red envelope was sent to), `shop`, `bank` "
        "or `miniapp`; "
        "others may come, so show unknown ones by name."
    )
    id: Id = Field(description="The person's, chat's or shop's id; for the bank, the card's.")
    name: str = Field(description="The person's or shop's name, the group's name, the bank's.")
    card_last4: str | None = Field(None, description="For the bank: the card's last four digits.")
    share_count: int | None = Field(
        None,
        description="For a group's red envelope: how many people it was for, to name it by "
        "when the group has no name.",
    )


class BillSubject(Schema):
    type: str = Field(description="transfer, envelope, payment, bank_order, …")
    id: Id


class Bill(Schema):
    id: Id = Field(description="The posting's id.")
    entry_id: Id
    kind: str = Field(
        description="top_up, transfer_sent, transfer_accepted, …; new kinds appear over time, "
        "so show unknown ones generically."
    )
    amount: Amount = Field(description="Signed: positive came in, negative went out.")
    created_at: datetime
    month: str = Field(description="YYYY-MM in the wallet's time zone, to group bills by.")
    memo: str
    subject: BillSubject | None
    counterparty: Counterparty | None = Field(description="Who was on the other side, if known.")
    conversation_id: Id | None = Field(description="The chat it happened in, if any.")


class BillLeg(Schema):
    amount: Amount = Field(description="Signed, as it moved that account.")
    account: str = Field(
        description="The account's purpose: available (a person's wallet), bank_clearing, "
        "transfer_hold, envelope_hold, withdrawal_hold, merchant, …"
    )
    owner: Counterparty | None = Field(description="The person whose account it is, if any.")


class BillDetail(Bill):
    legs: list[BillLeg] = Field(description="The entry's other legs: where it went or came from.")


class KindTotal(Schema):
    kind: str
    money_in: Amount
    money_out: Amount
    count: int


class Statement(Schema):
    month: str = Field(description="YYYY-MM, in the wallet's time zone.")
    starts_at: datetime
    ends_at: datetime
    opening_balance: Amount
    money_in: Amount
    money_out: Amount = Field(description="Positive: the sum of what went out.")
    closing_balance: Amount = Field(description="opening_balance + money_in - money_out.")
    bill_count: int
    kinds: list[KindTotal]
