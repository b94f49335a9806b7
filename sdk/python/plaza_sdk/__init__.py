"""Python tools for Plaza's open platform: ``PlazaClient`` for the Open API
(``plaza_sdk.client``) and ``WebhookVerifier`` for Plaza's signed webhooks
(``plaza_sdk.webhooks``)."""

from plaza_sdk.client import AppSession, Order, PlazaApiError, PlazaClient, Refund
from plaza_sdk.webhooks import WebhookVerificationError, WebhookVerifier

__all__ = [
    "AppSession",
    "Order",
    "PlazaApiError",
    "PlazaClient",
    "Refund",
    "WebhookVerificationError",
    "WebhookVerifier",
]
