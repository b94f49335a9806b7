from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from plaza.kit.schemas import Schema
from plaza.wallet.bank.schemas import BankOrderOut
from plaza.wallet.orders.models import TradeState
from plaza.wallet.schemas import Amount, Pin

MAX_AMOUNT = 10**12
"""A bound on any amount in minor units, far above every limit, so that no number a
client sends can overflow a column."""

OUT_TRADE_NO = r"^[A-Za-z0-9_-]{6,32}$"
OUT_REFUND_NO = r"^[A-Za-z0-9_\-|*@]{6,64}$"
PREPAY_ID = r"^pp_[0-9a-f]{32}$"

OutTradeNo = Annotated[str, StringConstraints(pattern=OUT_TRADE_NO)]
OutRefundNo = Annotated[str, StringConstraints(pattern=OUT_REFUND_NO)]
SheetStatus = Literal["NOTPAY", "SUCCESS", "CLOSED"]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class OrderAmountIn(Schema):
    total: int = Field(gt=0, le=MAX_AMOUNT, description="In minor units (fen, cents).")
    currency: Currency | None = Field(
        None, description="ISO 4217; must be the deployment's currency (default: it)."
    )


class Payer(Schema):
    openid: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        description="The person's openid in this mini-program (from code2session)."
    )


class OrderCreate(Schema):
    out_trade_no: OutTradeNo = Field(
        description="Your order number: 6-32 of A-Z a-z 0-9 _ -, unique per mini-program."
    )
    description: Annotated[str, StringConstraints(min_length=1, max_length=127)] = Field(
        description="What is bought; shown to the payer in the payment sheet."
    )
    amount: OrderAmountIn
    payer: Payer
    notify_url: Annotated[str, StringConstraints(max_length=2048)] = Field(
        description="An absolute http(s) URL that receives `payment.succeeded` and "
        "`refund.succeeded`."
    )
    time_expire: AwareDatetime | None = Field(
        None, description="When the order stops being payable; default 2 hours, at most 7 days."
    )


class PrepayOut(Schema):
    prepay_id: str = Field(description="Hand it to `plaza.requestPayment({prepayId})`.")


class OrderAmountOut(Schema):
    total: int
    currency: str
    refunded: int = Field(description="What has been refunded so far, in minor units.")


class OrderOut(Schema):
    out_trade_no: str
    prepay_id: str
    transaction_id: str | None = Field(description="Plaza's payment number, once paid.")
    trade_state: TradeState = Field(
        description="NOTPAY (payable), SUCCESS (paid), CLOSED (closed or expired unpaid), "
        "REFUND (paid, then refunded in part or whole)."
    )
    description: str
    amount: OrderAmountOut
    payer: Payer
    success_time: datetime | None
    time_expire: datetime


class RefundAmountIn(Schema):
    refund: int = Field(gt=0, le=MAX_AMOUNT, description="In minor units.")


class RefundCreate(Schema):
    out_trade_no: OutTradeNo
    out_refund_no: OutRefundNo = Field(
        description="Your refund number: 6-64 of A-Z a-z 0-9 _ - | * @, unique per mini-program."
    )
    amount: RefundAmountIn
    reason: Annotated[str, StringConstraints(max_length=80)] = ""


class RefundAmountOut(Schema):
    refund: int
    total: int = Field(description="The order's total.")
    currency: str


class RefundOut(Schema):
    out_refund_no: str
    refund_id: str = Field(description="Plaza's refund number.")
    out_trade_no: str
    status: Literal["SUCCESS"]
    amount: RefundAmountOut
    success_time: datetime


class SheetOrder(Schema):
    """An order as the host's payment sheet shows it: the amount and the merchant come from
    here, never from the mini-program."""

    prepay_id: str
    app_id: str
    merchant_name: str = Field(description="The mini-program's name.")
    description: str
    amount: Amount
    status: SheetStatus
    expires_at: datetime


class PayBody(Schema):
    pin: Pin


class MiniappTakings(Schema):
    takings: Amount = Field(
        description="What people paid in the mini-program, less refunds and payouts."
    )
    settlement_bank_name: str | None = Field(description="Null until an account is linked.")
    settlement_account_last4: str | None
    settlement_linked: bool = Field(
        description="Whether payouts can go to the account: it is linked with this bank."
    )
    settlements: list[BankOrderOut] = Field(description="The latest payouts, newest first.")
