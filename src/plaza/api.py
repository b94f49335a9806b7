"""Every HTTP route Plaza serves, gathered from the domains."""

from __future__ import annotations

from fastapi import FastAPI

from plaza import health
from plaza.chat import endpoints as chat
from plaza.contacts import endpoints as contacts
from plaza.identity import dev_outbox
from plaza.identity import endpoints as identity
from plaza.media import endpoints as media
from plaza.miniapps import endpoints as miniapps
from plaza.miniapps.notices import endpoints as notices
from plaza.miniapps.runtime import endpoints as miniapp_runtime
from plaza.moments import endpoints as moments
from plaza.official import endpoints as official
from plaza.official.messaging import endpoints as official_messaging
from plaza.open_api import endpoints as open_api
from plaza.realtime import endpoints as realtime
from plaza.wallet import bill_endpoints as bills
from plaza.wallet import endpoints as wallet
from plaza.wallet.bank import endpoints as bank
from plaza.wallet.envelopes import endpoints as envelopes
from plaza.wallet.merchants import endpoints as merchants
from plaza.wallet.orders import endpoints as miniapp_orders
from plaza.web import router as web_client
from plaza.webhooks import endpoints as webhooks


def include_routes(app: FastAPI, *, dev_outbox_enabled: bool) -> None:
    # A request is matched against the routers in this order, a few microseconds a route.
    # First the Open API: mini-program servers call it at the highest rates (code2session),
    # and nothing else lives under /open/.
    app.include_router(open_api.open_router)
    app.include_router(notices.open_router)
    app.include_router(miniapp_orders.open_router)
    # Then the routes served in batches, called at the highest rates by people: a group's
    # red envelope, which hundreds open at the same moment, and transfers.
    app.include_router(envelopes.batched_router)
    app.include_router(wallet.batched_router)
    app.include_router(health.router)
    app.include_router(identity.public_router)
    app.include_router(identity.session_router)
    app.include_router(identity.me_router)
    app.include_router(identity.accounts_router)
    app.include_router(media.router)
    app.include_router(media.uploads_router)
    app.include_router(contacts.router)
    app.include_router(chat.router)
    app.include_router(realtime.router)
    app.include_router(realtime.socket_router)
    app.include_router(wallet.router)
    app.include_router(bills.router)
    app.include_router(bank.router)
    app.include_router(bank.callback_router)
    app.include_router(envelopes.router)
    app.include_router(merchants.router)
    app.include_router(webhooks.router)
    app.include_router(webhooks.deliveries_router)
    app.include_router(miniapp_runtime.router)
    app.include_router(miniapp_runtime.host_router)  # before miniapps: /recent is no {appid}
    app.include_router(miniapp_runtime.me_router)
    app.include_router(miniapps.router)
    app.include_router(open_api.host_router)
    app.include_router(notices.console_router)
    app.include_router(notices.host_router)
    app.include_router(miniapp_orders.host_router)
    app.include_router(miniapp_orders.console_router)
    app.include_router(moments.router)
    app.include_router(official.router)
    app.include_router(official_messaging.router)
    if dev_outbox_enabled:
        app.include_router(dev_outbox.router)
    app.include_router(web_client)  # last: its catch-all serves the single-page app
