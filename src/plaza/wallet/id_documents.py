"""National identity numbers for real-name verification, checked per country.

Each country's checker validates the number's own structure (check digits, dates);
a deployment for another country adds its checker to ``CHECKERS``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from plaza.kit import clock
from plaza.wallet.errors import CountryUnsupported, IdNumberInvalid


class IdNumberChecker(Protocol):
    def normalise(self, number: str) -> str:
        """The number in its canonical form, or ``IdNumberInvalid``."""


class ChineseResidentId:
    """The 18-character PRC resident identity number (GB 11643-1999): region, birth date,
    sequence, and an ISO 7064 MOD 11-2 check character."""

    _PATTERN = re.compile(r"^\d{17}[\dX]$")
    _WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    _CHECK = "10X98765432"

    def normalise(self, number: str) -> str:
        number = number.strip().replace(" ", "").upper()
        if not self._PATTERN.match(number):
            raise IdNumberInvalid("18 characters: 17 digits and a digit or X.", field="id_number")
        total = sum(
            int(digit) * weight for digit, weight in zip(number, self._WEIGHTS, strict=False)
        )
        if self._CHECK[total % 11] != number[17]:
            raise IdNumberInvalid("The check character does not match.", field="id_number")
        try:
            born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError as exc:
            raise IdNumberInvalid("The birth date in it is not a date.", field="id_number") from exc
        if born.year < 1900 or born > clock.now().date():
            raise IdNumberInvalid("The birth date in it is not plausible.", field="id_number")
        return number


CHECKERS: dict[str, IdNumberChecker] = {"CN": ChineseResidentId()}


def normalise_id_number(country: str, number: str) -> str:
    checker = CHECKERS.get(country.upper())
    if checker is None:
        raise CountryUnsupported(field="country")
    return checker.normalise(number)
