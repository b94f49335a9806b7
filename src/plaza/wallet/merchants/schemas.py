from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plaza.kit.schemas import Id, Schema
from plaza.wallet.schemas import Amount, Pin

PaymentMethod = Literal["qr", "code"]
PaymentStatus = Literal["completed", "awaiting_pin", "lapsed"]
DecimalAmount = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]
"""Checked by ``parse_amount`` (``wallet.amount_invalid``)."""
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class MerchantCreate(Schema):
    business_name: Name = Field(description="Shown to payers.")
    registration_number: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9A-Za-z-]{5,32}$")
    ] = Field(description="The business registration number (unified social credit code).")
    category: Annotated[str, StringConstraints(strip_whitespace=True, max_length=32)] = ""
    settlement_bank_name: Name
    settlement_account_number: Annotated[str, StringConstraints(max_length=40)] = Field(
        description="Where takings are settled: digits (spaces allowed), Luhn-checked. "
        "Only the last four are kept."
    )


class MerchantPublic(Schema):
    """What a payer sees before paying."""

    id: Id
    business_name: str


class MerchantOut(Schema):
    """The owner's view of their shop."""

    id: Id
    business_name: str
    registration_number: str
    category: str
    settlement_bank_name: str
    settlement_account_last4: str
    settlement_linked: bool = Field(
        description="The settlement account is linked with the bank, so takings can be settled."
    )
    created_at: datetime
    takings: Amount = Field(description="The shop's balance: what it has been paid.")
    today_total: Amount = Field(description="Completed payments since local midnight.")
    today_count: int


class SettlementAccountUpdate(Schema):
    settlement_bank_name: Name
    settlement_account_number: Annotated[str, StringConstraints(max_length=40)] = Field(
        description="As when opening the shop: digits (spaces allowed), Luhn-checked."
    )


class SettlementCreate(Schema):
    amount: DecimalAmount | None = Field(
        None, description="In major units, such as '120.00'; all the takings when omitted."
    )
    pin: Pin = Field(description="The shop owner's payment PIN.")


class PaymentCreate(Schema):
    merchant_id: Id = Field(description="From the shop's receive QR: /pay/<merchant_id>.")
    amount: DecimalAmount = Field(
        description="In major units as a decimal string, such as '12.50'."
    )
    pin: Pin
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""


class PaymentConfirm(Schema):
    pin: Pin


class ChargeCreate(Schema):
    code: Annotated[str, StringConstraints(max_length=40)] = Field(
        description="The 18 digits the payer's payment code shows (spaces allowed)."
    )
    amount: DecimalAmount = Field(description="In major units as a decimal string, such as '8.80'.")


class PaymentOut(Schema):
    id: Id
    payer_id: Id
    merchant_id: Id
    merchant_name: str
    amount: Amount
    method: PaymentMethod
    status: PaymentStatus
    note: str
    created_at: datetime
    completed_at: datetime | None
    expires_at: datetime | None = Field(
        description="An awaiting_pin payment lapses then unless the payer confirms it."
    )
    refunded: Amount = Field(description="How much the shop has given back, over all refunds.")


class ShopRefundCreate(Schema):
    amount: DecimalAmount = Field(
        description="In major units as a decimal string, at most what is left unrefunded."
    )
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] = Field(
        "", description="Shown to the payer on the receipt and in their bill."
    )
    pin: Pin = Field(description="The shop owner's payment PIN.")


class ShopRefund(Schema):
    id: Id
    payment_id: Id
    amount: Amount
    reason: str
    created_at: datetime


class ShopRefundMade(Schema):
    """A refund and the payment as it is now."""

    refund: ShopRefund
    payment: PaymentOut


class PaymentCodeSecretCreate(Schema):
    pin: Pin


class PaymentCodeSecret(Schema):
    """What a device needs to show payment codes offline. Asking again replaces it."""

    id: Id
    secret: str = Field(description="20 random bytes, base32 (RFC 4648, no padding).")
    code_prefix: str = Field(description="The code's first 2 digits.")
    token: str = Field(description="The 8 digits after the prefix: names this secret.")
    digits: int = Field(description="The TOTP's digits, last in the code.")
    period: int = Field(description="Seconds per time step.")
    created_at: datetime
