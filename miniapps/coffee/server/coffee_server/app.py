"""The coffee shop's HTTP API, for its mini-program and for Plaza's webhooks.

The mini-program signs in with a code from ``plaza.login()`` and gets a session token of
this shop's own; it orders by item ids and quantities, and the total is computed here.
Plaza tells this server when an order is paid (``POST /notify``, signed with Ed25519);
after ``ready_after_seconds`` the order is ready and the customer gets a subscribe message
in their Service Notifications.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from coffee_server.config import Config
from coffee_server.menu import BY_ID, MENU
from coffee_server.store import Line, Order, Store
from plaza_sdk.client import PlazaApiError, PlazaClient
from plaza_sdk.webhooks import WebhookVerificationError, WebhookVerifier

log = logging.getLogger("coffee_server")

KEY_PATH = "/.well-known/plaza-webhook-key"
TEMPLATE_FIELDS = ("Order", "Items", "Status")
"""The "Order ready" template's fields, in the order it was created with."""
READY_TEXT = "Your coffee is ready"
LOGIN_REFUSED = {"open.code_invalid", "open.code_used", "open.code_expired"}


@dataclass
class Shop:
    """Everything a request needs, made at startup."""

    config: Config
    plaza: PlazaClient
    http: httpx.AsyncClient
    store: Store
    clock: Callable[[], float]
    kitchen: Kitchen = field(init=False)
    _verifier: WebhookVerifier | None = None

    def __post_init__(self) -> None:
        self.kitchen = Kitchen(self)

    async def verifier(self) -> WebhookVerifier:
        """Plaza's public key, fetched once from its well-known URL."""
        if self._verifier is None:
            response = await self.http.get(KEY_PATH)
            response.raise_for_status()
            self._verifier = WebhookVerifier.from_key_document(response.json(), clock=self.clock)
        return self._verifier


class Kitchen:
    """Makes paid orders: after a short while each is ready and its customer told."""

    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, out_trade_no: str) -> None:
        task = asyncio.create_task(self._prepare(out_trade_no))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        """Until every order in the making is ready (for tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def stop(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _prepare(self, out_trade_no: str) -> None:
        await asyncio.sleep(self.shop.config.ready_after_seconds)
        order = self.shop.store.order(out_trade_no)
        if order is None or order.status != "paid":
            return
        notice = await self._tell(order)
        self.shop.store.mark_ready(out_trade_no, notice)
        log.info("order #%s is ready (%s)", order.number, notice)

    async def _tell(self, order: Order) -> str:
        """Send the "ready" subscribe message; what happened, for the order's record."""
        template_id = self.shop.config.template_id
        if not template_id:
            return "no template configured"
        values = (f"#{order.number}", order.summary(), READY_TEXT)
        try:
            msgid = await self.shop.plaza.send_subscribe_message(
                touser=order.openid,
                template_id=template_id,
                data=dict(zip(TEMPLATE_FIELDS, values, strict=True)),
                page=f"/order.html?id={order.out_trade_no}",
                idempotency_key=f"ready-{order.out_trade_no}",
            )
        except PlazaApiError as exc:  # e.g. notices.no_subscription: they said no
            return exc.code
        except httpx.HTTPError as exc:
            return f"unreachable: {type(exc).__name__}"
        return f"sent {msgid}"


def get_shop(request: Request) -> Shop:
    shop: Shop = request.app.state.shop
    return shop


ShopDep = Annotated[Shop, Depends(get_shop)]


def customer(shop: ShopDep, authorization: Annotated[str, Header()] = "") -> str:
    """The openid behind the shop's own session token."""
    scheme, _, token = authorization.partition(" ")
    openid = shop.store.openid_for(token) if scheme.lower() == "bearer" and token else None
    if openid is None:
        raise HTTPException(401, "Sign in first.")
    return openid


Customer = Annotated[str, Depends(customer)]


class LoginBody(BaseModel):
    code: str = Field(min_length=1, max_length=64)


class OrderLineBody(BaseModel):
    id: str = Field(max_length=32)
    quantity: int = Field(ge=1, le=20)


class OrderBody(BaseModel):
    items: list[OrderLineBody] = Field(min_length=1, max_length=10)


def order_view(order: Order) -> dict[str, Any]:
    return {
        "id": order.out_trade_no,
        "number": order.number,
        "status": order.status,
        "lines": [
            {
                "id": line.item_id,
                "name": line.name,
                "name_zh": item.name_zh if (item := BY_ID.get(line.item_id)) else line.name,
                "quantity": line.quantity,
                "price": line.price,
            }
            for line in order.lines
        ],
        "total": order.total,
        "currency": order.currency,
        "prepay_id": order.prepay_id,
        "created_at": order.created_at,
        "paid_at": order.paid_at,
        "ready_at": order.ready_at,
    }


def create_app(
    config: Config,
    *,
    plaza_transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """The shop. ``plaza_transport`` replaces the network to Plaza (tests run Plaza
    in-process); ``clock`` gives unix seconds to the webhook verifier."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        plaza = PlazaClient(
            config.plaza_url, config.app_id, config.app_secret, transport=plaza_transport
        )
        http = httpx.AsyncClient(base_url=config.plaza_url, transport=plaza_transport)
        shop = Shop(config, plaza, http, Store(config.database), clock)
        app.state.shop = shop
        for out_trade_no in shop.store.paid_not_ready():
            shop.kitchen.start(out_trade_no)
        try:
            yield
        finally:
            shop.kitchen.stop()
            await plaza.aclose()
            await http.aclose()
            shop.store.close()

    app = FastAPI(title=config.shop_name, lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(config.allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
    )

    @app.get("/config")
    async def shop_config() -> dict[str, Any]:
        """What the mini-program needs before it starts: the template to subscribe to."""
        return {
            "shop_name": config.shop_name,
            "currency": config.currency,
            "template_id": config.template_id or None,
            "ready_after_seconds": config.ready_after_seconds,
        }

    @app.get("/menu")
    async def menu() -> dict[str, Any]:
        return {
            "currency": config.currency,
            "items": [
                {
                    "id": item.id,
                    "name": item.name,
                    "name_zh": item.name_zh,
                    "description": item.description,
                    "description_zh": item.description_zh,
                    "price": item.price,
                    "art": item.art,
                }
                for item in MENU
            ],
        }

    @app.post("/login")
    async def login(body: LoginBody, shop: ShopDep) -> dict[str, str]:
        """A code from ``plaza.login()`` in, this shop's session token out."""
        try:
            person = await shop.plaza.code2session(body.code)
        except PlazaApiError as exc:
            if exc.code in LOGIN_REFUSED:
                raise HTTPException(401, "That sign-in code did not work; try again.") from exc
            raise HTTPException(502, f"Plaza refused: {exc.code}") from exc
        # person.session_key stays here; this shop has no use for it yet.
        return {"token": shop.store.open_session(person.openid)}

    @app.post("/orders", status_code=201)
    async def create_order(body: OrderBody, shop: ShopDep, openid: Customer) -> dict[str, Any]:
        """An order from item ids and quantities; the prices are the menu's, never the
        client's. Answers the ``prepay_id`` for ``plaza.requestPayment``."""
        lines: list[Line] = []
        for index, wanted in enumerate(body.items):
            item = BY_ID.get(wanted.id)
            if item is None:
                raise HTTPException(422, f"items.{index}: nothing called {wanted.id!r} on the menu")
            lines.append(Line(item.id, item.name, wanted.quantity, item.price))
        order = shop.store.add_order(openid, lines, config.currency)
        try:
            prepay_id = await shop.plaza.create_order(
                out_trade_no=order.out_trade_no,
                description=f"{config.shop_name} #{order.number}: {order.summary(80)}"[:127],
                total=order.total,
                currency=order.currency,
                payer_openid=openid,
                notify_url=config.notify_url,
            )
        except PlazaApiError as exc:
            raise HTTPException(502, f"Plaza refused the order: {exc.code}") from exc
        shop.store.set_prepay_id(order.out_trade_no, prepay_id)
        found = shop.store.order(order.out_trade_no)
        assert found is not None
        return order_view(found)

    @app.get("/orders/{order_id}")
    async def get_order(order_id: str, shop: ShopDep, openid: Customer) -> dict[str, Any]:
        """One of the caller's orders. While unpaid, Plaza is asked too, in case its
        notification is still on the way."""
        order = shop.store.order(order_id)
        if order is None or order.openid != openid:
            raise HTTPException(404, "No such order.")
        if order.status == "unpaid" and order.prepay_id is not None:
            try:
                paid = await shop.plaza.query_order(order.out_trade_no)
            except (PlazaApiError, httpx.HTTPError):
                paid = None
            if paid is not None and paid.paid and paid.amount.total == order.total:
                _paid(shop, order.out_trade_no, paid.transaction_id or "")
                order = shop.store.order(order_id) or order
        return order_view(order)

    @app.post("/notify")
    async def notify(request: Request, shop: ShopDep) -> JSONResponse:
        """Plaza's webhooks. Anything not signed by Plaza's key, stale or replayed is 401;
        a payment is checked against the order before the kitchen starts."""
        body = await request.body()
        try:
            event = (await shop.verifier()).verify(request.headers, body)
        except WebhookVerificationError as exc:
            log.warning("refused a webhook: %s", exc)
            return JSONResponse({"error": type(exc).__name__}, status_code=401)
        if event.get("type") != "payment.succeeded":
            return JSONResponse({"ok": True})
        data = event["data"]
        order = shop.store.order(str(data.get("out_trade_no")))
        if order is None:
            return JSONResponse({"ok": True, "ignored": "unknown order"})
        if data["amount"]["total"] != order.total or data["payer"]["openid"] != order.openid:
            log.error("payment for order #%s does not match it: %s", order.number, data)
            return JSONResponse({"error": "payment does not match the order"}, status_code=400)
        _paid(shop, order.out_trade_no, str(data["transaction_id"]))
        return JSONResponse({"ok": True})

    return app


def _paid(shop: Shop, out_trade_no: str, transaction_id: str) -> None:
    """Mark it paid and start making it: once, however many times Plaza tells us."""
    if shop.store.mark_paid(out_trade_no, transaction_id):
        shop.kitchen.start(out_trade_no)
