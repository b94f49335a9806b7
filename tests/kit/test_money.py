from __future__ import annotations

from decimal import Decimal

import pytest

from plaza.kit.money import Money, MoneyError


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [("12.34", "USD", 1234), ("0.01", "CNY", 1), ("1500", "JPY", 1500), ("1.234", "KWD", 1234)],
)
def test_parse_exact_amounts(text: str, currency: str, amount: int) -> None:
    assert Money.parse(text, currency) == Money(amount, currency)


@pytest.mark.parametrize(
    ("text", "currency"),
    [("0.001", "USD"), ("1.5", "JPY"), ("abc", "USD"), ("NaN", "USD"), ("1", "XXX")],
)
def test_parse_refuses_what_is_not_exact(text: str, currency: str) -> None:
    with pytest.raises(MoneyError):
        Money.parse(text, currency)


def test_arithmetic_stays_in_one_currency() -> None:
    assert Money(150, "CNY") + Money(50, "CNY") == Money(200, "CNY")
    assert Money(150, "CNY") - Money(200, "CNY") == Money(-50, "CNY")
    assert -Money(5, "EUR") == Money(-5, "EUR")
    with pytest.raises(MoneyError, match="combine"):
        _ = Money(1, "CNY") + Money(1, "USD")


def test_amounts_must_be_integers() -> None:
    with pytest.raises(MoneyError):
        Money(1.5, "USD")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        Money(True, "USD")


def test_formatting_uses_the_currency_exponent() -> None:
    assert str(Money(123456, "CNY")) == "1234.56 CNY"
    assert str(Money(500, "JPY")) == "500 JPY"
    assert Money(5, "USD").to_decimal() == Decimal("0.05")
