"""Attacks from inside a mini-program, in Chromium, against the real host at /mp/<appid>.

The mini-program under test (tests/e2e/miniapps/attack_app) tries, on real taps inside its
sandboxed frame, what it must never manage: to pay without the person's PIN in the host's
sheet, to pay by calling the host's API itself, to show another amount or payee, and to
read the host's token, cookies or storage. Windows other than the frame try to talk to the
host, and windows other than the host try to answer the frame. Every attempt is refused,
and the server is asked afterwards that nothing changed: the order is still NOTPAY, the
balance the same, no login code issued. Finally openids and unionids, from logins made in
Chromium and exchanged through each app's Open API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Frame,
    FrameLocator,
    Page,
    Request,
    expect,
)
from sqlalchemy import func, select

from plaza.kit.db import Database
from plaza.miniapps import service
from plaza.open_api.models import OneTimeCode
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import PIN, TOKEN_KEY, ready_to_pay, signed_in
from tests.e2e.test_miniapp_host import FRAME, call, icon_png, release, result
from tests.e2e.test_miniapp_sandbox import answer_pong
from tests.miniapps.helpers import DOMAIN, ICON, become_developer
from tests.servers import LiveServer

BUNDLE = Path(__file__).parent / "miniapps" / "attack_app"
PAGES = ["pages/index/index.html"]
SHOTS = "attacks"
WRONG_PIN = "000000"
HOST_COOKIE = "host-cookie-value"
PRICE = 1234  # minor units: ¥12.34
FORGED_ANSWERS = 64  # plaza.js numbers its calls from 1: every id a pending call could have
LAUNCH_TIMEOUT_MS = 15_000  # a cold start on a busy 2-core CI machine


@dataclass(frozen=True)
class Released:
    name: str
    app_id: str
    secret: str


@dataclass(frozen=True)
class Lab:
    vic: Person
    """Real name, PIN, 100.00: the person the mini-programs would rob."""
    lab: Released
    twin: Released
    """Another app of the same developer as ``lab``."""
    other: Released
    """An app of another developer."""


def bundle_files() -> dict[str, bytes]:
    files = {
        str(path.relative_to(BUNDLE)): path.read_bytes()
        for path in BUNDLE.rglob("*")
        if path.is_file()
    }
    return files | {ICON: icon_png("#b03a2e")}


@pytest.fixture(scope="session")
async def lab(live_server: LiveServer) -> Lab:
    database = Database(live_server.database_url)
    try:
        mallory = await create_person_in(database, "Dev Attacks", plaza_id="atk_dev")
        trent = await create_person_in(database, "Dev Attacks Two", plaza_id="atk_dev_two")
        admin = await create_person_in(database, "Root Attacks", plaza_id="atk_root")
        vic = await create_person_in(database, "Vic Attacks", plaza_id="atk_vic")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
            await ready_to_pay(session, vic, real_name="Vic Attacks", top_up="100.00")
    finally:
        await database.dispose()
    released = []
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await become_developer(client, mallory)
        await become_developer(client, trent)
        for developer, name in [
            (mallory, "Attack Lab"),
            (mallory, "Attack Twin"),
            (trent, "Attack Other"),
        ]:
            app = await release(client, developer, admin, name, bundle_files(), PAGES)
            released.append(Released(name, app["app_id"], app["app_secret"]))
    return Lab(vic, *released)


@pytest.fixture
async def context(browser: Browser, lab: Lab) -> AsyncIterator[BrowserContext]:
    opened = await signed_in(browser, lab.vic)
    yield opened
    await opened.close()


async def launch(page: Page, live_server: LiveServer, app_id: str) -> FrameLocator:
    """/mp/<app_id>, once the mini-program has signalled ready."""
    await page.goto(f"{live_server.url}/mp/{app_id}")
    await expect(page.get_by_test_id("miniapp-page")).to_have_attribute(
        "data-phase", "running", timeout=LAUNCH_TIMEOUT_MS
    )
    return page.frame_locator(FRAME)


async def token_for(client: httpx.AsyncClient, app: Released) -> dict[str, str]:
    answer = await client.post(
        "/open/v1/token", json={"app_id": app.app_id, "app_secret": app.secret}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def login_in_chromium(frame: FrameLocator) -> str:
    """plaza.login() on a tap in the frame; the code it got."""
    login = await call(frame, "login")
    assert login["ok"], login
    code: str = login["value"]["code"]
    return code


async def code2session(client: httpx.AsyncClient, app: Released, code: str) -> dict[str, str]:
    answer = await client.post(
        "/open/v1/code2session", headers=await token_for(client, app), json={"code": code}
    )
    assert answer.status_code == 200, answer.text
    found: dict[str, str] = answer.json()
    return found


@dataclass(frozen=True)
class Order:
    out_trade_no: str
    prepay_id: str
    token: dict[str, str]


async def create_order(
    live_server: LiveServer, app: Released, openid: str, out_trade_no: str
) -> Order:
    """A ¥12.34 order the app's server makes for ``openid``."""
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        token = await token_for(client, app)
        made = await client.post(
            "/open/v1/pay/orders",
            headers=token,
            json={
                "out_trade_no": out_trade_no,
                "description": "Flat white",
                "amount": {"total": PRICE, "currency": "CNY"},
                "payer": {"openid": openid},
                "notify_url": "http://127.0.0.1:9/notify",
            },
        )
    assert made.status_code == 201, made.text
    return Order(out_trade_no, made.json()["prepay_id"], token)


async def order_for(
    live_server: LiveServer, app: Released, frame: FrameLocator, out_trade_no: str
) -> Order:
    """The person signs in inside the frame; the app's server makes them an order, whose
    prepay id the test types into the frame."""
    code = await login_in_chromium(frame)
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        openid = (await code2session(client, app, code))["openid"]
    order = await create_order(live_server, app, openid, out_trade_no)
    await frame.locator("#prepay").fill(order.prepay_id)
    return order


async def order_state(live_server: LiveServer, order: Order) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        answer = await client.get(f"/open/v1/pay/orders/{order.out_trade_no}", headers=order.token)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def balance(live_server: LiveServer, person: Person) -> int:
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        answer = await client.get("/v1/wallet", headers=person.auth)
    assert answer.status_code == 200, answer.text
    amount: int = answer.json()["balance"]["amount"]
    return amount


async def login_codes(live_server: LiveServer, person: Person) -> int:
    """How many one-time codes the host has ever issued for ``person``."""
    database = Database(live_server.database_url)
    try:
        async with database.unit_of_work() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(OneTimeCode)
                .where(OneTimeCode.account_id == person.account_id)
            )
    finally:
        await database.dispose()
    return int(count or 0)


async def launch_session(page: Page) -> str:
    """The launch session the host put in the frame's hash (what a forger would need)."""
    session: str = await page.evaluate(
        """(selector) => new URLSearchParams(
            document.querySelector(selector).src.split("#")[1]).get("plaza-session")""",
        FRAME,
    )
    assert session
    return session


async def test_closing_the_sheet_or_a_wrong_pin_pays_nothing(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, lab.lab.app_id)
    order = await order_for(live_server, lab.lab, frame, "atk-cancel-0001")
    before = await balance(live_server, lab.vic)

    # The mini-program asks; only the host's sheet can say yes, and the person closes it.
    await frame.locator("button[data-call=pay]").click()
    await expect(page.get_by_test_id("pin-sheet")).to_be_visible()
    await page.get_by_test_id("pin-sheet-close").click()
    assert await result(frame, "pay") == {"ok": False, "code": "payments.cancelled"}
    assert (await order_state(live_server, order))["trade_state"] == "NOTPAY"

    # A wrong PIN: refused in the sheet, which stays open; the call is still unanswered.
    await frame.locator("button[data-call=pay]").click()
    await page.get_by_test_id("pin-input").fill(WRONG_PIN)
    sheet = page.get_by_test_id("pin-sheet")
    await expect(sheet.get_by_test_id("field-error")).to_contain_text("Wrong PIN")
    await expect(frame.locator('[data-result="pay"]')).to_have_count(0)
    state = await order_state(live_server, order)
    assert (state["trade_state"], state["transaction_id"]) == ("NOTPAY", None)
    await page.get_by_test_id("pin-sheet-close").click()
    assert await result(frame, "pay") == {"ok": False, "code": "payments.cancelled"}

    state = await order_state(live_server, order)
    assert (state["trade_state"], state["transaction_id"]) == ("NOTPAY", None)
    assert await balance(live_server, lab.vic) == before


async def test_the_frame_cannot_reach_the_hosts_pay_route(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    """Even knowing the PIN, the mini-program cannot pay by posting to the host's own route:
    its CSP stops fetch, sendBeacon and images to the host's origin before they leave."""
    page = await context.new_page()
    frame = await launch(page, live_server, lab.lab.app_id)
    order = await order_for(live_server, lab.lab, frame, "atk-direct-0001")
    before = await balance(live_server, lab.vic)
    pay_url = f"{live_server.url}/v1/miniapps/{lab.lab.app_id}/orders/{order.prepay_id}/pay"
    reached = await call(frame, "payDirect")
    assert reached["ok"], reached
    assert reached["value"]["fetch"] == {"ok": False, "error": "TypeError"}
    assert reached["value"]["image"] == "refused"
    # sendBeacon only queues (and answers true); the policy refuses it when it is sent,
    # which may be after the page reported: fetch's and the image's refusals are certain.
    violations = reached["value"]["violations"]
    assert set(violations) == {pay_url}
    assert len(violations) >= 2

    state = await order_state(live_server, order)
    assert (state["trade_state"], state["transaction_id"]) == ("NOTPAY", None)
    assert await balance(live_server, lab.vic) == before
    await expect(page.get_by_test_id("pin-sheet")).to_have_count(0)


async def test_the_sheet_shows_the_platforms_order_whatever_the_mini_program_claims(
    context: BrowserContext, live_server: LiveServer, lab: Lab, artifacts: Path
) -> None:
    page = await context.new_page()
    frame = await launch(page, live_server, lab.lab.app_id)
    order = await order_for(live_server, lab.lab, frame, "atk-forged-0001")
    before = await balance(live_server, lab.vic)

    # The person's order in another mini-program (of the same developer) is not this one's
    # to show or to take.
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        issued = await client.post(
            f"/v1/miniapps/{lab.twin.app_id}/login-code", headers=lab.vic.auth
        )
        assert issued.status_code == 201, issued.text
        openid = (await code2session(client, lab.twin, issued.json()["code"]))["openid"]
    elsewhere = await create_order(live_server, lab.twin, openid, "atk-elsewhere-0001")
    await frame.locator("#prepay").fill(elsewhere.prepay_id)
    await frame.locator("button[data-call=payForged]").click()
    assert await result(frame, "payForged") == {"ok": False, "code": "payments.order_not_found"}
    await expect(page.get_by_test_id("pin-sheet")).to_have_count(0)
    assert (await order_state(live_server, elsewhere))["trade_state"] == "NOTPAY"
    await frame.locator("#prepay").fill(order.prepay_id)

    # Sent by hand: {prepayId, amount: 1, total: 1, merchant: "Evil", description: ...}.
    await frame.locator("button[data-call=payForged]").click()
    sheet = page.get_by_test_id("pin-sheet")
    await expect(page.get_by_test_id("payment-merchant")).to_have_text("Attack Lab")
    await expect(page.get_by_test_id("pin-sheet-amount")).to_have_text("¥12.34")
    await expect(sheet).to_contain_text("Flat white")
    shown = await sheet.inner_text()
    for forged in ["Evil", "Free coffee", "0.01", "$", "USD"]:
        assert forged not in shown, forged
    folder = artifacts / SHOTS
    folder.mkdir(exist_ok=True)
    await page.screenshot(path=folder / "forged-payment-phone.png")

    await page.get_by_test_id("pin-input").fill(PIN)
    assert await result(frame, "payForged") == {"ok": True, "value": {"status": "SUCCESS"}}
    state = await order_state(live_server, order)
    assert state["trade_state"] == "SUCCESS"
    assert state["amount"]["total"] == PRICE
    assert await balance(live_server, lab.vic) == before - PRICE


async def test_requests_from_any_other_window_get_no_answer(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    """Two windows post well-formed requests, with the right launch session, to the host
    page: a sandboxed frame injected beside the mini-program (origin "null", as the
    mini-program's own) and a popup at the mini-program's own origin. Only the source
    check is left to stop them; nothing they ask is done, and they hear nothing back."""
    issued: list[str] = []

    def note(request: Request) -> None:
        if "/login-code" in request.url:
            issued.append(request.url)

    page = await context.new_page()
    page.on("request", note)
    frame = await launch(page, live_server, lab.lab.app_id)
    assert (await call(frame, "setTitle"))["ok"]
    title = page.get_by_test_id("miniapp-title")
    await expect(title).to_have_text("Lab")
    session = await launch_session(page)
    codes_before = await login_codes(live_server, lab.vic)

    await page.evaluate(
        """() => {
            const intruder = document.createElement("iframe");
            intruder.sandbox = "allow-scripts";
            intruder.name = "intruder";
            document.body.append(intruder);
        }"""
    )
    intruder = page.frame(name="intruder")
    assert intruder is not None
    app_origin: str = await page.evaluate(
        "(selector) => new URL(document.querySelector(selector).src).origin", FRAME
    )
    async with page.expect_popup() as opened:
        await page.evaluate("(url) => { window.open(url); }", f"{app_origin}/pages/attack.css")
    popup = await opened.value
    await popup.wait_for_load_state()

    forge = """([session, target]) => {
        window.heard = [];
        window.addEventListener("message", (event) => window.heard.push(event.data));
        const to = target === "parent" ? parent : opener;
        const setTitle = { method: "setTitle", params: { title: "Pwned" } };
        to.postMessage({ plaza: 1, id: 1, ...setTitle, session }, "*");
        to.postMessage({ plaza: 1, id: 2, method: "login", params: {}, session }, "*");
        to.postMessage({ plaza: 1, event: "ready", session }, "*");
        return self.origin;
    }"""
    windows: list[Frame] = [intruder, popup.main_frame]
    assert await intruder.evaluate(forge, [session, "parent"]) == "null"
    assert await popup.evaluate(forge, [session, "opener"]) == app_origin

    # The frame's own call, posted after the forged ones, is answered: by then the host has
    # handled (and dropped) what came before it.
    assert (await login_in_chromium(frame)) != ""
    await expect(title).to_have_text("Lab")
    assert len(issued) == 1, issued
    assert await login_codes(live_server, lab.vic) == codes_before + 1
    for window in windows:
        assert await window.evaluate("window.heard") == []
    await popup.close()


async def test_answers_from_any_window_but_the_host_are_ignored_by_plaza_js(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    """While a call waits for the person (a modal), a frame of the host's own origin beside
    the mini-program posts it answers for every id a call could have. plaza.js reads none of
    them (their source is not its parent); the call settles with the person's own answer."""
    page = await context.new_page()
    frame = await launch(page, live_server, lab.lab.app_id)
    await frame.locator("button[data-call=ask]").click()
    dialog = page.get_by_test_id("dialog")
    await expect(dialog).to_contain_text("Really?")

    await page.evaluate(
        """() => {
            const sibling = document.createElement("iframe");
            sibling.name = "sibling";
            document.body.append(sibling);
        }"""
    )
    sibling = page.frame(name="sibling")
    assert sibling is not None
    origin = await sibling.evaluate(
        """([selector, count]) => {
            const target = parent.document.querySelector(selector).contentWindow;
            for (let id = 0; id <= count; id++) {
                target.postMessage({ plaza: 1, id, ok: true, result: { confirm: true } }, "*");
                target.postMessage(
                    { plaza: 1, id, ok: false, error: { code: "forged", message: "forged" } }, "*");
            }
            return self.origin;
        }""",
        [FRAME, FORGED_ANSWERS],
    )
    assert origin == live_server.url  # the host's origin: only the source check is left

    await expect(dialog).to_be_visible()
    await expect(frame.locator('[data-result="ask"]')).to_have_count(0)
    await page.get_by_test_id("dialog-cancel").click()
    assert await result(frame, "ask") == {"ok": True, "value": {"confirm": False}}


async def test_openids_differ_between_apps_and_unionids_between_developers(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    page = await context.new_page()
    codes: dict[str, list[str]] = {}
    for app, times in [(lab.lab, 2), (lab.twin, 1), (lab.other, 1)]:
        frame = await launch(page, live_server, app.app_id)
        codes[app.app_id] = [await login_in_chromium(frame) for _ in range(times)]

    async with httpx.AsyncClient(base_url=live_server.url) as client:
        # A code works only with the token of the app it was issued for.
        stolen = await client.post(
            "/open/v1/code2session",
            headers=await token_for(client, lab.twin),
            json={"code": codes[lab.lab.app_id][0]},
        )
        assert stolen.status_code == 400, stolen.text
        assert stolen.json()["code"] == "open.code_invalid"
        found = {
            app.app_id: [await code2session(client, app, code) for code in codes[app.app_id]]
            for app in [lab.lab, lab.twin, lab.other]
        }

    first, second = found[lab.lab.app_id]  # the same app twice: the same person
    assert (first["openid"], first["unionid"]) == (second["openid"], second["unionid"])
    assert first["session_key"] != second["session_key"]
    lab_id, twin_id, other_id = (found[app.app_id][0] for app in [lab.lab, lab.twin, lab.other])
    assert len({lab_id["openid"], twin_id["openid"], other_id["openid"]}) == 3
    assert lab_id["unionid"] == twin_id["unionid"]  # one developer
    assert other_id["unionid"] != lab_id["unionid"]  # another developer
    ids = [value for identity in (lab_id, twin_id, other_id) for value in identity.values()]
    assert str(lab.vic.account_id) not in "".join(ids)


async def test_inside_the_real_host_the_frame_reaches_nothing_of_the_hosts(
    context: BrowserContext, live_server: LiveServer, lab: Lab
) -> None:
    """test_miniapp_sandbox.py's probe, from the frame /mp/<appid> really makes."""
    await context.add_cookies(
        [{"name": "plaza_host", "value": HOST_COOKIE, "url": live_server.url}]
    )
    await context.route(f"https://{DOMAIN}/**", answer_pong)
    await context.route("https://evil.example/**", answer_pong)
    page = await context.new_page()
    frame = await launch(page, live_server, lab.lab.app_id)
    assert await page.evaluate(f"localStorage.getItem({json.dumps(TOKEN_KEY)})") == lab.vic.token

    probe = await call(frame, "probe")
    assert probe["ok"], probe
    found = probe["value"]
    assert found["origin"] == "null"
    for reach in [
        "parentStorage",
        "parentCookie",
        "parentLocation",
        "ownStorage",
        "ownSessionStorage",
        "ownCookie",
        "topNavigation",
    ]:
        assert found[reach] == {"ok": False, "error": "SecurityError"}, reach
    assert found["hostApi"] == {"ok": False, "error": "TypeError"}
    assert found["undeclared"] == {"ok": False, "error": "TypeError"}
    assert found["declared"] == {"ok": True, "value": "pong"}
    assert found["popup"] == {"ok": True, "value": "true"}  # window.open gave nothing
    assert lab.vic.token not in json.dumps(found)
    assert HOST_COOKIE not in json.dumps(found)
    assert len(context.pages) == 1
    assert page.url == f"{live_server.url}/mp/{lab.lab.app_id}"
