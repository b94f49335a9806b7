"""Bank cards linked to a wallet: only by their verified owner, checked by the Luhn
digit, and kept as the last four digits plus the bank's token."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.wallet import security
from plaza.wallet.bank import repository
from plaza.wallet.bank.connector import BankConnector
from plaza.wallet.bank.models import BankCard
from plaza.wallet.errors import CardHolderMismatch, CardInvalid, CardNotFound

CARD_DIGITS = range(12, 20)  # ISO/IEC 7812: 12 to 19 digits


def luhn_valid(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812-1): doubling every second digit from the right, the
    digit sum is a multiple of ten. Catches every single-digit typo."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def normalise_card_number(text: str) -> str:
    """The digits of a card number as people write it (with spaces or dashes), or
    ``CardInvalid``."""
    digits = "".join(char for char in text if char not in " -")
    if not (digits.isascii() and digits.isdigit() and len(digits) in CARD_DIGITS):
        raise CardInvalid("A card number has 12 to 19 digits.", field="card_number")
    if not luhn_valid(digits):
        raise CardInvalid(
            "That card number has a typo: its check digit is wrong.", field="card_number"
        )
    return digits


async def link(
    session: AsyncSession,
    bank: BankConnector,
    owner: Account,
    *,
    holder_name: str,
    card_number: str,
    bank_name: str | None,
) -> BankCard:
    """Link a card in the owner's own name (as their real name was verified) after its
    bank has verified it."""
    mine = await security.profile(session, owner.id)
    security.require_verified(mine)
    number = normalise_card_number(card_number)
    if holder_name != mine.real_name:
        raise CardHolderMismatch(
            "Only a card in your own name, as you verified it, can be linked.",
            field="holder_name",
        )
    linked = await bank.link_card(holder_name=holder_name, card_number=number)
    card = BankCard(
        id=new_id(),
        owner_id=owner.id,
        holder_name=holder_name,
        bank_name=bank_name or linked.bank_name,
        last4=number[-4:],
        connector=bank.name,
        token=linked.token,
        created_at=clock.now(),
    )
    session.add(card)
    await session.flush()
    return card


async def cards_of(session: AsyncSession, owner: Account) -> Sequence[BankCard]:
    """The owner's cards, newest first."""
    return await repository.cards_of(session, owner.id)


async def get_own(session: AsyncSession, owner: Account, card_id: int) -> BankCard:
    card = await session.get(BankCard, card_id)
    if card is None or card.owner_id != owner.id:
        raise CardNotFound(field="card_id")
    return card


async def remove(session: AsyncSession, owner: Account, card_id: int) -> None:
    """Unlink a card. Its orders keep their copy of its last four digits and bank."""
    await session.delete(await get_own(session, owner, card_id))
    await session.flush()
