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


# Shops: merchants, shop payments and payment codes (wallet/merchants).


class MerchantNotFound(PlazaError):
    status = 404
    code = "wallet.merchant_not_found"
    title = "No such shop"


class NotMerchantOwner(PlazaError):
    status = 403
    code = "wallet.not_merchant_owner"
    title = "Only the shop's owner may do that"


class SettlementAccountInvalid(RequestInvalid):
    code = "wallet.settlement_account_invalid"
    title = "That bank account number is not valid"


class PaymentNotFound(PlazaError):
    status = 404
    code = "wallet.payment_not_found"
    title = "No such payment by you or to your shop"


class PaymentNotPending(PlazaError):
    status = 409
    code = "wallet.payment_not_pending"
    title = "This payment is not waiting for a PIN (it completed or lapsed)"


class PaymentCodeInvalid(RequestInvalid):
    code = "wallet.payment_code_invalid"
    title = "That is not a valid payment code"


class PaymentCodeExpired(PlazaError):
    status = 409
    code = "wallet.payment_code_expired"
    title = "That payment code has expired; ask for the current one"


class PaymentCodeUsed(PlazaError):
    status = 409
    code = "wallet.payment_code_used"
    title = "That payment code was already used"


class EnvelopeTooLarge(RequestInvalid):
    code = "wallet.envelope_too_large"
    title = "A red envelope holds 200.00 at most"


class EnvelopeTooManyShares(RequestInvalid):
    code = "wallet.envelope_too_many_shares"
    title = "More shares than people who could open them"


class EnvelopeShareTooSmall(RequestInvalid):
    code = "wallet.envelope_share_too_small"
    title = "Each share of a red envelope must be 0.01 or more"


class EnvelopeNotFound(PlazaError):
    status = 404
    code = "wallet.envelope_not_found"
    title = "No such red envelope in your chats"


class EnvelopeNotForYou(PlazaError):
    status = 403
    code = "wallet.envelope_not_for_you"
    title = "Only the other person can open a red envelope sent in a 1:1 chat"


class EnvelopeAlreadyOpened(PlazaError):
    status = 409
    code = "wallet.envelope_already_opened"
    title = "You already opened this red envelope"


class EnvelopeEmpty(PlazaError):
    status = 409
    code = "wallet.envelope_empty"
    title = "All shares of this red envelope are taken"


class EnvelopeExpired(PlazaError):
    status = 409
    code = "wallet.envelope_expired"
    title = "This red envelope expired; what was left went back to its sender"


# Bills and statements


class MonthInvalid(RequestInvalid):
    code = "wallet.month_invalid"
    title = "A month is written like 2026-11"


class MonthInFuture(RequestInvalid):
    code = "wallet.month_in_future"
    title = "That month has not begun yet"


class KindInvalid(RequestInvalid):
    code = "wallet.kind_invalid"
    title = "A kind is a lower-case name such as transfer_sent"


class BillNotFound(PlazaError):
    status = 404
    code = "wallet.bill_not_found"
    title = "No such bill of yours"


# Bank: linked cards, top-ups and withdrawals (wallet/bank).


class CardInvalid(RequestInvalid):
    code = "wallet.card_invalid"
    title = "That card number is not valid"


class CardHolderMismatch(RequestInvalid):
    code = "wallet.card_holder_mismatch"
    title = "The card holder must be you, by your verified real name"


class CardNotFound(PlazaError):
    status = 404
    code = "wallet.card_not_found"
    title = "No such bank card linked to your wallet"


class BankDeclined(PlazaError):
    status = 402
    code = "wallet.bank_declined"
    title = "The bank declined; no money moved"
    keeps_changes = True  # the declined order stays on record


class BankOrderNotFound(PlazaError):
    status = 404
    code = "wallet.bank_order_not_found"
    title = "No such top-up or withdrawal of yours"


class BankCallbackForged(PlazaError):
    status = 401
    code = "wallet.bank_callback_forged"
    title = "The callback's signature does not match"
    keeps_changes = True  # the callback itself is kept, for reconciliation


class BankReferenceUnknown(PlazaError):
    status = 404
    code = "wallet.bank_reference_unknown"
    title = "No order has that bank reference"
    keeps_changes = True  # the callback is kept as unmatched, for reconciliation


class RefundExceedsPaid(RequestInvalid):
    code = "payments.refund_exceeds_paid"
    title = "The refund is more than what is left of the paid amount"


class TooManyRefunds(RequestInvalid):
    code = "payments.too_many_refunds"
    title = "A payment can be refunded at most 50 times"


class RefundWindowClosed(RequestInvalid):
    code = "payments.refund_window_closed"
    title = "It was paid more than 365 days ago"


class PaymentNotRefundable(PlazaError):
    status = 409
    code = "wallet.payment_not_refundable"
    title = "Only a completed payment can be refunded"


class SettlementAccountUnlinked(PlazaError):
    status = 409
    code = "wallet.settlement_account_unlinked"
    title = "Enter the settlement account (again) to link it with the bank"
