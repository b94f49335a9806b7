"""A typed, async client for Plaza's Open API (``/open/v1``), for a mini-program's server.

It signs in with the app id and secret, keeps the access token and asks for a new one a
little before it expires (and once more if Plaza says the token is no longer valid, as
after another server of yours rotated it), and turns Plaza's ``application/problem+json``
answers into ``PlazaApiError``::

    async with PlazaClient("https://plaza.example.org", APP_ID, APP_SECRET) as plaza:
        person = await plaza.code2session(code_from_the_mini_program)
        prepay_id = await plaza.create_order(
            out_trade_no="order-1001",
            description="Flat white",
            total=2800,
            payer_openid=person.openid,
            notify_url="https://api.coffee.example/notify",
        )

Amounts are integer minor units (2800 is 28.00). Network failures are httpx's own
exceptions (``httpx.TransportError``); every answer Plaza gives that is not a success is
a ``PlazaApiError``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, Literal, Self, cast
from urllib.parse import quote

import httpx

__all__ = [
    "DEFAULT_CURRENCY",
    "REFRESH_MARGIN_SECONDS",
    "TOKEN_INVALID",
    "AppSession",
    "Order",
    "OrderAmount",
    "PlazaApiError",
    "PlazaClient",
    "Refund",
    "RefundAmount",
    "TradeState",
]

DEFAULT_CURRENCY = "CNY"
REFRESH_MARGIN_SECONDS = 5 * 60
"""A token is replaced this long before it expires, so a request never carries one that
runs out on the way; Plaza keeps the old one valid five more minutes anyway."""
TOKEN_INVALID = "open.token_invalid"  # noqa: S105 (an error code, not a secret)
"""The problem code for an access token Plaza no longer accepts: ask for a new one."""

TradeState = Literal["NOTPAY", "SUCCESS", "CLOSED", "REFUND"]


class PlazaApiError(Exception):
    """Plaza refused a request: ``code`` is stable (``payments.out_trade_no_reused``), the
    rest is for people. ``field`` names the offending input when there is one."""

    def __init__(
        self,
        code: str,
        status: int,
        title: str,
        detail: str,
        *,
        field: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.code = code
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
        self.request_id = request_id
        super().__init__(f"{status} {code}: {detail}")

    @classmethod
    def from_response(cls, response: httpx.Response) -> PlazaApiError:
        """The problem a response describes; an answer that is not problem+json (a proxy's
        error page) becomes ``http.<status>``."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            text = response.text[:200] or response.reason_phrase
            return cls(f"http.{response.status_code}", response.status_code, "HTTP error", text)
        return cls(
            body["code"],
            int(body.get("status", response.status_code)),
            str(body.get("title", "")),
            str(body.get("detail", "")),
            field=body.get("field"),
            request_id=body.get("request_id"),
        )


@dataclass(frozen=True, slots=True)
class AppSession:
    """Who opened the mini-program, from ``code2session``."""

    openid: str
    """The person in this mini-program: key your records on it."""
    unionid: str
    """The same person in all of your mini-programs."""
    session_key: str
    """New on each exchange; keep it on your server, never send it to the mini-program."""


@dataclass(frozen=True, slots=True)
class OrderAmount:
    total: int
    currency: str
    refunded: int


@dataclass(frozen=True, slots=True)
class Order:
    out_trade_no: str
    prepay_id: str
    transaction_id: str | None
    """Plaza's id for the payment, once paid."""
    trade_state: TradeState
    description: str
    amount: OrderAmount
    payer_openid: str
    success_time: datetime | None
    time_expire: datetime

    @property
    def paid(self) -> bool:
        """Paid, including paid and then refunded in part or whole."""
        return self.trade_state in ("SUCCESS", "REFUND")


@dataclass(frozen=True, slots=True)
class RefundAmount:
    refund: int
    total: int
    currency: str


@dataclass(frozen=True, slots=True)
class Refund:
    out_refund_no: str
    refund_id: str
    out_trade_no: str
    status: str
    amount: RefundAmount
    success_time: datetime | None


@dataclass(slots=True)
class _Token:
    value: str
    refresh_at: float


class PlazaClient:
    """One mini-program's server talking to one Plaza deployment. Share one instance per
    process: it keeps the access token and a connection pool."""

    def __init__(
        self,
        base_url: str,
        app_id: str,
        app_secret: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``base_url`` is the Plaza server (``https://plaza.example.org``); ``transport``
        replaces the network (``httpx.ASGITransport(app)`` in tests); ``clock`` gives unix
        seconds for the token's expiry."""
        self.app_id = app_id
        self._secret = app_secret
        self._clock = clock
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": "plaza-sdk-python/0.1"},
        )
        self._token: _Token | None = None
        self._token_lock = asyncio.Lock()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # Access tokens

    async def access_token(self) -> str:
        """A live access token: the cached one, or a new one when it is near its end."""
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token.value
        async with self._token_lock:  # concurrent callers share one new token
            if self._token is token or self._token is None:
                await self._fetch_token()
            assert self._token is not None
            return self._token.value

    async def _fetch_token(self) -> None:
        asked_at = self._clock()
        response = await self._http.post(
            "/open/v1/token", json={"app_id": self.app_id, "app_secret": self._secret}
        )
        if response.status_code != 200:
            raise PlazaApiError.from_response(response)
        body = response.json()
        lifetime = int(body["expires_in"])
        margin = min(REFRESH_MARGIN_SECONDS, lifetime // 2)
        self._token = _Token(str(body["access_token"]), asked_at + lifetime - margin)

    async def _forget_token(self, stale: str) -> None:
        async with self._token_lock:
            if self._token is not None and self._token.value == stale:
                self._token = None

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """An authenticated request; once more with a new token if Plaza no longer takes
        the cached one. Any answer but 2xx raises."""
        for attempt in (1, 2):
            token = await self.access_token()
            response = await self._http.request(
                method,
                path,
                json=json,
                headers={**(headers or {}), "Authorization": f"Bearer {token}"},
            )
            if response.is_success:
                return response
            error = PlazaApiError.from_response(response)
            if error.code == TOKEN_INVALID and attempt == 1:
                await self._forget_token(token)
                continue
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    async def _json(
        self,
        method: str,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        response = await self._call(method, path, json=json, headers=headers)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):  # not Plaza's API answering (a proxy, a web page)
            raise PlazaApiError(
                f"http.{response.status_code}",
                response.status_code,
                "Not an API answer",
                response.text[:200],
            )
        return cast(dict[str, Any], body)

    # Identity

    async def code2session(self, code: str) -> AppSession:
        """Exchange the code ``plaza.login()`` gave the mini-program (once, within five
        minutes) for who the person is."""
        body = await self._json("POST", "/open/v1/code2session", json={"code": code})
        return AppSession(body["openid"], body["unionid"], body["session_key"])

    async def phone_number(self, code: str) -> str:
        """Exchange a code from ``plaza.getPhoneNumber()`` for the number, in E.164."""
        body = await self._json("POST", "/open/v1/phone-number", json={"code": code})
        return str(body["phone_number"])

    # Payments

    async def create_order(
        self,
        *,
        out_trade_no: str,
        description: str,
        total: int,
        payer_openid: str,
        notify_url: str,
        currency: str = DEFAULT_CURRENCY,
        time_expire: datetime | None = None,
    ) -> str:
        """Create an order for the person to pay and return its ``prepay_id``, which the
        mini-program passes to ``plaza.requestPayment``. Asking again with the same fields
        returns the same id, so retrying is safe."""
        body: dict[str, Any] = {
            "out_trade_no": out_trade_no,
            "description": description,
            "amount": {"total": total, "currency": currency},
            "payer": {"openid": payer_openid},
            "notify_url": notify_url,
        }
        if time_expire is not None:
            body["time_expire"] = time_expire.isoformat()
        created = await self._json("POST", "/open/v1/pay/orders", json=body)
        return str(created["prepay_id"])

    async def query_order(self, out_trade_no: str) -> Order:
        """The order as Plaza knows it: check ``trade_state`` before you hand anything over."""
        return _order(await self._json("GET", f"/open/v1/pay/orders/{_segment(out_trade_no)}"))

    async def close_order(self, out_trade_no: str) -> None:
        """Close an unpaid order so that it can no longer be paid."""
        await self._call("POST", f"/open/v1/pay/orders/{_segment(out_trade_no)}/close")

    async def refund(
        self, *, out_trade_no: str, out_refund_no: str, amount: int, reason: str | None = None
    ) -> Refund:
        """Give back part or all of a paid order; the same ``out_refund_no`` again returns
        the first refund instead of paying twice."""
        body: dict[str, Any] = {
            "out_trade_no": out_trade_no,
            "out_refund_no": out_refund_no,
            "amount": {"refund": amount},
        }
        if reason is not None:
            body["reason"] = reason
        return _refund(await self._json("POST", "/open/v1/pay/refunds", json=body))

    async def query_refund(self, out_refund_no: str) -> Refund:
        return _refund(await self._json("GET", f"/open/v1/pay/refunds/{_segment(out_refund_no)}"))

    # Subscribe messages

    async def send_subscribe_message(
        self,
        *,
        touser: str,
        template_id: str,
        data: Mapping[str, str],
        page: str = "/",
        idempotency_key: str | None = None,
    ) -> str:
        """Send one message the person subscribed to (each acceptance allows one); it lands
        in their Service Notifications and opens ``page``. ``data`` maps each of the
        template's fields to its value (40 characters at most). With an
        ``idempotency_key`` of your choosing, sending again (after a timeout, a crash)
        returns the first message instead of a second one. Returns the message id."""
        body = {
            "touser": touser,
            "template_id": template_id,
            "page": page,
            "data": {name: {"value": value} for name, value in data.items()},
        }
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        sent = await self._json("POST", "/open/v1/subscribe-messages", json=body, headers=headers)
        return str(sent["msgid"])


def _segment(value: str) -> str:
    """A path segment that stays one, whatever the caller passed."""
    return quote(value, safe="")


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def _order(body: Mapping[str, Any]) -> Order:
    amount = body["amount"]
    time_expire = _time(body["time_expire"])
    assert time_expire is not None
    return Order(
        out_trade_no=body["out_trade_no"],
        prepay_id=body["prepay_id"],
        transaction_id=body.get("transaction_id"),
        trade_state=body["trade_state"],
        description=body["description"],
        amount=OrderAmount(
            int(amount["total"]), str(amount["currency"]), int(amount.get("refunded", 0))
        ),
        payer_openid=body["payer"]["openid"],
        success_time=_time(body.get("success_time")),
        time_expire=time_expire,
    )


def _refund(body: Mapping[str, Any]) -> Refund:
    amount = body["amount"]
    return Refund(
        out_refund_no=body["out_refund_no"],
        refund_id=body["refund_id"],
        out_trade_no=body["out_trade_no"],
        status=body["status"],
        amount=RefundAmount(int(amount["refund"]), int(amount["total"]), str(amount["currency"])),
        success_time=_time(body.get("success_time")),
    )
