"""Money as integer minor units plus an ISO 4217 currency; never floats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Self

# ISO 4217 minor-unit exponents for the currencies Plaza accepts.
MINOR_UNITS: dict[str, int] = {
    "AED": 2, "AUD": 2, "BRL": 2, "CAD": 2, "CHF": 2, "CNY": 2, "CZK": 2, "DKK": 2,
    "EGP": 2, "EUR": 2, "GBP": 2, "HKD": 2, "IDR": 2, "INR": 2, "JPY": 0, "KES": 2,
    "KRW": 0, "KWD": 3, "MXN": 2, "MYR": 2, "NGN": 2, "NOK": 2, "NZD": 2, "PHP": 2,
    "PLN": 2, "SAR": 2, "SEK": 2, "SGD": 2, "THB": 2, "TRY": 2, "TWD": 2, "USD": 2,
    "VND": 0, "ZAR": 2,
}  # fmt: skip


class MoneyError(ValueError):
    """A currency Plaza does not know, or amounts of two currencies mixed."""


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    """In the currency's minor unit (cents, fen, ...)."""
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in MINOR_UNITS:
            raise MoneyError(f"unsupported currency {self.currency!r}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise MoneyError("amount must be an integer number of minor units")

    @classmethod
    def parse(cls, text: str, currency: str) -> Self:
        """From a decimal string in major units, such as ``"12.34"``; exact or refused."""
        if currency not in MINOR_UNITS:
            raise MoneyError(f"unsupported currency {currency!r}")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise MoneyError(f"not a decimal amount: {text!r}") from exc
        scaled = value.scaleb(MINOR_UNITS[currency])
        if not value.is_finite() or scaled != scaled.to_integral_value():
            raise MoneyError(f"{text!r} has more precision than {currency} allows")
        return cls(int(scaled), currency)

    def to_decimal(self) -> Decimal:
        return Decimal(self.amount).scaleb(-MINOR_UNITS[self.currency])

    def __str__(self) -> str:
        exponent = MINOR_UNITS[self.currency]
        return f"{self.to_decimal():.{exponent}f} {self.currency}"

    def _check_same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check_same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check_same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)
