from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class InsufficientFunds(PlazaError):
    status = 409
    code = "wallet.insufficient_funds"
    title = "Not enough money in the wallet"


class DailyLimitExceeded(PlazaError):
    status = 409
    code = "wallet.daily_limit_exceeded"
    title = "That would go over today's payment limit"


class AmountInvalid(RequestInvalid):
    code = "wallet.amount_invalid"
    title = "The amount must be positive, in the currency's smallest unit at most"


class SameAccount(RequestInvalid):
    code = "wallet.same_account"
    title = "Money cannot move to the account it comes from"


class IdNumberInvalid(RequestInvalid):
    code = "wallet.id_number_invalid"
    title = "That identity number is not valid"


class CountryUnsupported(RequestInvalid):
    code = "wallet.country_unsupported"
    title = "Real-name verification is not available for that country yet"


class RealNameRequired(PlazaError):
    status = 403
    code = "wallet.real_name_required"
    title = "Verify your real name first"


class PinTooSimple(RequestInvalid):
    code = "wallet.pin_too_simple"
    title = "Choose a less guessable PIN"


class PinNotSet(PlazaError):
    status = 409
    code = "wallet.pin_not_set"
    title = "Set a payment PIN first"


class PinWrong(PlazaError):
    status = 403
    code = "wallet.pin_wrong"
    title = "Wrong payment PIN"
    keeps_changes = True  # the wrong try is counted


class PinLocked(PlazaError):
    status = 423
    code = "wallet.pin_locked"
    title = "Too many wrong PINs; payments are locked for a while"
    keeps_changes = True  # the lock itself may have just been set


class IdNumberMismatch(PlazaError):
    status = 403
    code = "wallet.id_number_mismatch"
    title = "That is not the identity number you verified with"
    keeps_changes = True  # the SMS code it came with stays used up


class TransferNotFound(PlazaError):
    status = 404
    code = "wallet.transfer_not_found"
    title = "No such transfer to you"


class TransferNotPending(PlazaError):
    status = 409
    code = "wallet.transfer_not_pending"
    title = "This transfer was already accepted or returned"


class TransferExpired(PlazaError):
    status = 409
    code = "wallet.transfer_expired"
    title = "This transfer expired and went back to its sender"
    keeps_changes = True  # the return to the sender is recorded
