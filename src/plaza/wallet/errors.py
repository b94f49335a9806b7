from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class InsufficientFunds(PlazaError):
    status = 409
    code = "wallet.insufficient_funds"
    title = "Not enough money in the wallet"


class AmountInvalid(RequestInvalid):
    code = "wallet.amount_invalid"
    title = "The amount must be positive, in the currency's smallest unit at most"


class SameAccount(RequestInvalid):
    code = "wallet.same_account"
    title = "Money cannot move to the account it comes from"
