"""The Python SDK's Open API client against the real app: tokens kept and renewed, the
typed results, and Plaza's problems as ``PlazaApiError``."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.clock import ManualClock
from plaza_sdk.client import AppSession, PlazaApiError, PlazaClient
from tests.conftest import Person
from tests.open_api.conftest import App, issue, token_for
from tests.sdk.conftest import client_for, tokens_issued
from tests.wallet.test_transfers import PIN, ready_to_pay


async def test_code2session_names_the_person_and_reuses_one_token(
    app: FastAPI, client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, user: Person
) -> None:
    first = await plaza.code2session(await issue(client, user, coffee))
    second = await plaza.code2session(await issue(client, user, coffee))
    assert isinstance(first, AppSession)
    assert first.openid == second.openid
    assert first.unionid == second.unionid
    assert first.session_key != second.session_key
    assert await tokens_issued(app) == 1


async def test_concurrent_calls_share_one_new_token(
    app: FastAPI, client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, user: Person
) -> None:
    codes = [await issue(client, user, coffee) for _ in range(5)]
    sessions = await asyncio.gather(*(plaza.code2session(code) for code in codes))
    assert len({found.openid for found in sessions}) == 1
    assert await tokens_issued(app) == 1


async def test_the_token_is_renewed_shortly_before_it_expires(
    app: FastAPI,
    client: httpx.AsyncClient,
    clock: ManualClock,
    plaza: PlazaClient,
    coffee: App,
    user: Person,
) -> None:
    first = await plaza.access_token()
    clock.advance(timedelta(hours=1, minutes=54, seconds=59))
    assert await plaza.access_token() == first
    await plaza.code2session(await issue(client, user, coffee))
    assert await tokens_issued(app) == 1
    clock.advance(timedelta(seconds=1))  # five minutes before the end: a new one
    await plaza.code2session(await issue(client, user, coffee))
    assert await plaza.access_token() != first
    assert await tokens_issued(app) == 2


async def test_a_token_plaza_no_longer_takes_is_replaced_once(
    app: FastAPI,
    client: httpx.AsyncClient,
    clock: ManualClock,
    plaza: PlazaClient,
    coffee: App,
    user: Person,
) -> None:
    stale = await plaza.access_token()
    await token_for(client, coffee)  # another server of the app rotates the token
    clock.advance(timedelta(minutes=5))  # and the overlap ends
    found = await plaza.code2session(await issue(client, user, coffee))
    assert found.openid
    assert await plaza.access_token() != stale
    assert await tokens_issued(app) == 3


async def test_wrong_secret_is_an_api_error_and_not_retried(
    app: FastAPI, client: httpx.AsyncClient, clock: ManualClock, coffee: App, user: Person
) -> None:
    wrong = ("y" if coffee.secret.startswith("x") else "x") + coffee.secret[1:]
    async with client_for(app, coffee, clock, secret=wrong) as plaza:
        with pytest.raises(PlazaApiError) as raised:
            await plaza.code2session(await issue(client, user, coffee))
    error = raised.value
    assert (error.code, error.status) == ("open.credentials_invalid", 401)
    assert error.title == "The app id or app secret is wrong"
    assert await tokens_issued(app) == 0


async def test_problems_keep_their_code_status_title_and_detail(
    client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, user: Person
) -> None:
    code = await issue(client, user, coffee)
    await plaza.code2session(code)
    with pytest.raises(PlazaApiError) as used:
        await plaza.code2session(code)
    assert (used.value.code, used.value.status) == ("open.code_used", 409)
    assert used.value.detail == "The code was already exchanged"
    with pytest.raises(PlazaApiError) as unknown:
        await plaza.code2session("no-such-code")
    assert (unknown.value.code, unknown.value.status) == ("open.code_invalid", 400)
    with pytest.raises(PlazaApiError) as invalid:
        await plaza.code2session("")
    assert (invalid.value.code, invalid.value.status, invalid.value.field) == (
        "request.invalid",
        422,
        "code",
    )


async def test_phone_number_after_the_person_granted_it(
    client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, user: Person
) -> None:
    granted = await client.post(
        f"/v1/miniapps/{coffee.app_id}/consents", headers=user.auth, json={"scope": "phone"}
    )
    assert granted.status_code == 200, granted.text
    assert await plaza.phone_number(await issue(client, user, coffee, "phone")) == user.phone


def test_an_answer_that_is_not_a_problem_still_raises_with_its_status() -> None:
    response = httpx.Response(502, text="<html>Bad gateway</html>")
    error = PlazaApiError.from_response(response)
    assert (error.code, error.status, error.detail) == (
        "http.502",
        502,
        "<html>Bad gateway</html>",
    )


async def openid_of(
    client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, user: Person
) -> str:
    return (await plaza.code2session(await issue(client, user, coffee))).openid


async def pay(
    client: httpx.AsyncClient, user: Person, coffee: App, prepay_id: str
) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{coffee.app_id}/orders/{prepay_id}/pay",
        headers=user.auth,
        json={"pin": PIN},
    )


@pytest.fixture
async def payer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    """Pat, with 100.00 in the wallet and a payment PIN."""
    return await ready_to_pay(app, client, "Pat")


async def test_an_order_is_created_paid_queried_and_refunded(
    client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, payer: Person
) -> None:
    openid = await openid_of(client, plaza, coffee, payer)
    fields = {
        "out_trade_no": "sdk-order-1",
        "description": "Flat white",
        "total": 2800,
        "payer_openid": openid,
        "notify_url": "http://127.0.0.1:8010/notify",
    }
    prepay_id = await plaza.create_order(**fields)  # type: ignore[arg-type]
    assert prepay_id.startswith("pp_")
    assert await plaza.create_order(**fields) == prepay_id  # type: ignore[arg-type]
    unpaid = await plaza.query_order("sdk-order-1")
    assert (unpaid.trade_state, unpaid.paid, unpaid.transaction_id) == ("NOTPAY", False, None)
    assert (unpaid.amount.total, unpaid.amount.currency, unpaid.payer_openid) == (
        2800,
        "CNY",
        openid,
    )
    assert unpaid.time_expire > unpaid.time_expire.replace(year=2000)
    paid_answer = await pay(client, payer, coffee, prepay_id)
    assert paid_answer.status_code == 200, paid_answer.text
    paid = await plaza.query_order("sdk-order-1")
    assert paid.paid
    assert paid.trade_state == "SUCCESS"
    assert paid.transaction_id
    assert paid.success_time is not None

    refund = await plaza.refund(
        out_trade_no="sdk-order-1", out_refund_no="sdk-refund-1", amount=800, reason="No milk"
    )
    assert (refund.status, refund.amount.refund, refund.amount.total) == ("SUCCESS", 800, 2800)
    assert await plaza.query_refund("sdk-refund-1") == refund
    again = await plaza.refund(out_trade_no="sdk-order-1", out_refund_no="sdk-refund-1", amount=800)
    assert again.refund_id == refund.refund_id
    after = await plaza.query_order("sdk-order-1")
    assert (after.trade_state, after.amount.refunded) == ("REFUND", 800)
    with pytest.raises(PlazaApiError) as beyond:
        await plaza.refund(out_trade_no="sdk-order-1", out_refund_no="sdk-refund-2", amount=2001)
    assert (beyond.value.code, beyond.value.status) == ("payments.refund_exceeds_paid", 422)


async def test_order_problems_are_api_errors(
    client: httpx.AsyncClient, plaza: PlazaClient, coffee: App, payer: Person
) -> None:
    openid = await openid_of(client, plaza, coffee, payer)

    async def create(total: int) -> str:
        return await plaza.create_order(
            out_trade_no="sdk-order-2",
            description="Latte",
            total=total,
            payer_openid=openid,
            notify_url="http://127.0.0.1/n",
        )

    await create(3000)
    with pytest.raises(PlazaApiError) as reused:
        await create(1)
    assert (reused.value.code, reused.value.status) == ("payments.out_trade_no_reused", 409)
    await plaza.close_order("sdk-order-2")
    assert (await plaza.query_order("sdk-order-2")).trade_state == "CLOSED"
    with pytest.raises(PlazaApiError) as missing:
        await plaza.query_order("no-such-order")
    assert missing.value.status == 404
    with pytest.raises(PlazaApiError):  # one path segment, never a way to another route
        await plaza.query_order("../../token")


async def test_a_subscribe_message_needs_the_persons_yes(
    client: httpx.AsyncClient,
    plaza: PlazaClient,
    coffee: App,
    developer: Person,
    user: Person,
) -> None:
    created = await client.post(
        f"/v1/miniapps/{coffee.app_id}/templates",
        headers=developer.auth,
        json={"title": "Order ready", "fields": ["Order", "Status"]},
    )
    assert created.status_code == 201, created.text
    template_id = created.json()["template_id"]
    openid = await openid_of(client, plaza, coffee, user)
    message = {"touser": openid, "template_id": template_id, "page": "/order.html?id=1"}
    with pytest.raises(PlazaApiError) as refused:
        await plaza.send_subscribe_message(data={"Order": "#1", "Status": "Ready"}, **message)
    assert (refused.value.code, refused.value.status) == ("notices.no_subscription", 403)
    answered = await client.post(
        f"/v1/miniapps/{coffee.app_id}/subscriptions",
        headers=user.auth,
        json={"accepted": [template_id], "rejected": []},
    )
    assert answered.status_code == 200, answered.text
    with pytest.raises(PlazaApiError) as invalid:
        await plaza.send_subscribe_message(data={"Order": "#1"}, **message)
    assert (invalid.value.code, invalid.value.status) == ("notices.data_invalid", 422)
    msgid = await plaza.send_subscribe_message(
        data={"Order": "#1", "Status": "Ready"}, idempotency_key="ready-1", **message
    )
    again = await plaza.send_subscribe_message(
        data={"Order": "#1", "Status": "Ready"}, idempotency_key="ready-1", **message
    )
    assert msgid
    assert again == msgid
    with pytest.raises(PlazaApiError) as used_up:
        await plaza.send_subscribe_message(data={"Order": "#2", "Status": "Ready"}, **message)
    assert used_up.value.code == "notices.no_subscription"
