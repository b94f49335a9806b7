from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class OrderNotFound(PlazaError):
    """Also for another mini-program's order, and for a person whose openid is not the
    order's: its existence is not revealed."""

    status = 404
    code = "payments.order_not_found"
    title = "No such order"


class RefundNotFound(PlazaError):
    status = 404
    code = "payments.refund_not_found"
    title = "No such refund"


class OutTradeNoReused(PlazaError):
    status = 409
    code = "payments.out_trade_no_reused"
    title = "This out_trade_no was used for an order with other details"


class OutRefundNoReused(PlazaError):
    status = 409
    code = "payments.out_refund_no_reused"
    title = "This out_refund_no was used for another refund"


class OrderClosed(PlazaError):
    status = 409
    code = "payments.order_closed"
    title = "The order is closed or expired and can no longer be paid"


class OrderPaid(PlazaError):
    status = 409
    code = "payments.order_paid"
    title = "The order is paid; refund it instead"


class OrderNotPaid(PlazaError):
    status = 409
    code = "payments.order_not_paid"
    title = "The order was not paid, so there is nothing to refund"


class NotifyUrlInvalid(RequestInvalid):
    code = "payments.notify_url_invalid"
    title = "notify_url must be an absolute http or https URL"


class TimeExpireInvalid(RequestInvalid):
    code = "payments.time_expire_invalid"
    title = "time_expire must be in the future and at most 7 days ahead"


class CurrencyUnsupported(RequestInvalid):
    code = "payments.currency_unsupported"
    title = "This deployment takes payments in another currency"
