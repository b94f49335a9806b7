"""Mini-program benchmark: the Open API's code2session, a payment from order to signed
notification, and a cold launch in Chromium. Figures are printed, never asserted.

    .venv/bin/python bench/miniapps.py                         # everything
    .venv/bin/python bench/miniapps.py --seconds 20 --concurrency 8,32 --workers 2  # Redis too
    .venv/bin/python bench/miniapps.py --skip-launch --payments 500

code2session  C clients exchange one-time login codes (issued beforehand, one per call)
              for openid, unionid and a session key with POST /open/v1/code2session on
              real `plaza serve` processes on PostgreSQL. Target: >= 1,000 a second.
payments      one after another: the developer's server creates an order
              (POST /open/v1/pay/orders), the person pays it in the host with the PIN
              (POST /v1/miniapps/{appid}/orders/{prepay_id}/pay), and the timer stops when
              the signed payment.succeeded notification reaches a local receiver.
              Reported: order -> paid and order -> notified, p50 and p99.
launch        a released mini-program of 200 KB (page, script, stylesheet), opened in a
              fresh Chromium context each time (nothing cached) from a running host page
              at /discover: the time from the tap on its entry (its click event) to the
              first paint inside its frame. Target: p50 <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

import httpx
from playwright.async_api import Browser, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE_VIEWPORT, TOKEN_KEY, WEB_DIST
from tests.miniapps.helpers import manifest_for, package
from tests.servers import LiveServer, plaza_serve, postgres_database
from tests.webhooks.conftest import Receiver, handler_for

from bench.harness import (
    DEFAULT_POSTGRES,
    Account,
    cpu_seconds,
    describe,
    make_accounts,
    percentile,
    serve_options,
    server_settings,
)
from bench.loadgen import Pool
from bench.wallet import PIN, describe_machine, make_ready_to_pay
from plaza import migrate
from plaza.config import DEV_SECRET_KEY
from plaza.identity.models import Account as AccountRow
from plaza.kit.db import Database
from plaza.miniapps import service as miniapps
from plaza.open_api import sessions
from plaza.open_api.models import CodeKind

BUNDLE_BYTES = 200 * 1024
ORDER_CENTS = 1250
DOMAIN = "bench.example"


@dataclass
class Released:
    app_id: str
    secret: str


@dataclass
class Timed:
    """When each payment's notification arrived, by out_trade_no."""

    receiver: Receiver
    arrived: dict[str, float] = field(default_factory=dict)
    signal: threading.Condition = field(default_factory=threading.Condition)


def auth(account: Account) -> dict[str, str]:
    return {"Authorization": f"Bearer {account.token}"}


def bundle(app_id: str) -> bytes:
    """A package of about BUNDLE_BYTES: a page, a stylesheet and a script that paints a
    list and tells the host it is ready."""
    rows = "".join(f"<li>Item {n}: flat white, oat, extra shot</li>" for n in range(400))
    script_padding = json.dumps(["x" * 96 for _ in range(1500)])
    script = (
        f"const menu = {script_padding};\n"
        'import("/__plaza__/plaza.js").then(({ default: plaza }) => plaza.ready())'
        ".catch(() => {});\n"
        "document.title = `Menu (${menu.length})`;\n"
    ).encode()
    style = ("li { padding: 4px 12px; border-bottom: 1px solid #eee; }\n" * 600).encode()
    page = (
        '<!doctype html><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width"><link rel="stylesheet" href="/app.css">'
        f'<h1>Bench coffee</h1><ul>{rows}</ul><script type="module" src="/app.js"></script>'
    ).encode()
    files = {"pages/index/index.html": page, "app.js": script, "app.css": style}
    manifest = manifest_for(app_id, pages=["pages/index/index.html"], server_domains=[DOMAIN])
    return package(manifest, files=files)


async def release_app(
    http: httpx.AsyncClient, database: Database, developer: Account, admin: Account
) -> Released:
    """A mini-program through the console API: created, uploaded, reviewed, released."""
    became = await http.post(
        "/v1/miniapps/developer", headers=auth(developer), json={"display_name": "Bench"}
    )
    became.raise_for_status()
    created = await http.post(
        "/v1/miniapps",
        headers=auth(developer),
        json={"name": "Bench Coffee", "category": "food", "server_domains": [DOMAIN]},
    )
    created.raise_for_status()
    app_id, secret = created.json()["app_id"], created.json()["app_secret"]
    uploaded = await http.post(
        f"/v1/miniapps/{app_id}/versions",
        headers=auth(developer) | {"Content-Type": "application/zip"},
        content=bundle(app_id),
    )
    uploaded.raise_for_status()
    async with database.unit_of_work() as session:
        row = await session.get_one(AccountRow, admin.id)
        assert row.plaza_id is not None, "bench accounts have a Plaza ID"
        await miniapps.set_admin(session, row.plaza_id, is_admin=True)
    for who, action in ((developer, "submit"), (admin, "approve")):
        answer = await http.post(
            f"/v1/miniapps/{app_id}/versions/1.0.0/{action}", headers=auth(who)
        )
        answer.raise_for_status()
    return Released(app_id, secret)


async def access_token(http: httpx.AsyncClient, app: Released) -> dict[str, str]:
    answer = await http.post(
        "/open/v1/token", json={"app_id": app.app_id, "app_secret": app.secret}
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def login_codes(
    database: Database, people: Sequence[Account], app: Released, count: int
) -> list[str]:
    """``count`` login codes, round the people, issued straight in the database."""
    codes = []
    async with database.unit_of_work() as session:
        rows = [await session.get_one(AccountRow, person.id) for person in people]
        for row in itertools.islice(itertools.cycle(rows), count):
            issued = await sessions.issue_code(
                session, row, app.app_id, CodeKind.LOGIN, key=DEV_SECRET_KEY
            )
            codes.append(issued.code)
    return codes


async def code2session_part(
    database: Database,
    server: LiveServer,
    workers: int,
    app: Released,
    people: Sequence[Account],
    clients: int,
    seconds: float,
) -> float:
    """Exchanges a second by ``clients`` clients over ``seconds``; prints the figures."""
    budget = int(seconds * 1500) + clients  # a run that uses them all up ends early
    codes = await login_codes(database, people, app, budget)
    remaining = iter(codes)
    errors: Counter[str] = Counter()
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=server.url) as http:
        token = await access_token(http, app)
    pool = Pool([server.url], clients)
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        for code in remaining:
            if time.perf_counter() >= deadline:
                return
            began = time.perf_counter()
            answer = await pool.request(
                "POST", "/open/v1/code2session", headers=token, json_body={"code": code}
            )
            latencies.append(time.perf_counter() - began)
            if answer.status != 200:
                errors[f"{answer.status} {answer.code() or '?'}"] += 1

    began, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
    client_cpu_before = time.process_time()
    try:
        await asyncio.gather(*(client() for _ in range(clients)))
    finally:
        await pool.close()
    elapsed = time.perf_counter() - began
    server_cpu = cpu_seconds(server.pid) - cpu_before
    client_cpu = time.process_time() - client_cpu_before
    rate = len(latencies) / elapsed
    listed = ", ".join(f"{n} × {name}" for name, n in errors.most_common()) or "none"
    print(
        f"code2session, {clients} clients, {workers} worker(s): {rate:,.0f}/s "
        f"(target ≥ 1,000)\n  {describe('exchange', latencies)}\n  errors: {listed}\n"
        f"  server CPU: {server_cpu / max(len(latencies), 1) * 1000:.1f} ms an exchange, "
        f"{server_cpu / elapsed:.0%} of a core in all; the clients' own: "
        f"{client_cpu / max(len(latencies), 1) * 1000:.1f} ms, {client_cpu / elapsed:.0%}",
        flush=True,
    )
    return rate


def start_receiver() -> tuple[Timed, ThreadingHTTPServer]:
    timed = Timed(Receiver())

    class Stamping(Receiver):
        def take(self, headers: dict[str, str], body: bytes) -> int:
            out_trade_no = json.loads(body)["data"]["out_trade_no"]
            with timed.signal:
                timed.arrived[out_trade_no] = time.perf_counter()
                timed.signal.notify_all()
            return 200

    timed.receiver = Stamping()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(timed.receiver))
    timed.receiver.url = f"http://127.0.0.1:{server.server_address[1]}/notify"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return timed, server


async def openid_of(
    http: httpx.AsyncClient,
    database: Database,
    token: dict[str, str],
    app: Released,
    payer: Account,
) -> str:
    [code] = await login_codes(database, [payer], app, 1)
    answer = await http.post("/open/v1/code2session", headers=token, json={"code": code})
    answer.raise_for_status()
    openid: str = answer.json()["openid"]
    return openid


async def payments_part(
    database: Database, server: LiveServer, app: Released, payer: Account, count: int
) -> None:
    timed, receiver = start_receiver()
    paid: list[float] = []
    notified: list[float] = []
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            token = await access_token(http, app)
            openid = await openid_of(http, database, token, app, payer)
            for n in range(count):
                out_trade_no = f"bench-{n:06d}"
                began = time.perf_counter()
                created = await http.post(
                    "/open/v1/pay/orders",
                    headers=token,
                    json={
                        "out_trade_no": out_trade_no,
                        "description": "Flat white",
                        "amount": {"total": ORDER_CENTS, "currency": "CNY"},
                        "payer": {"openid": openid},
                        "notify_url": timed.receiver.url,
                    },
                )
                created.raise_for_status()
                prepay_id = created.json()["prepay_id"]
                answer = await http.post(
                    f"/v1/miniapps/{app.app_id}/orders/{prepay_id}/pay",
                    headers=auth(payer),
                    json={"pin": PIN},
                )
                answer.raise_for_status()
                paid.append(time.perf_counter() - began)
                arrived = await asyncio.to_thread(wait_for_notice, timed, out_trade_no)
                notified.append(arrived - began)
    finally:
        receiver.shutdown()
        receiver.server_close()
    print(
        f"payments, one after another ({count}):\n  {describe('order -> paid', paid)}\n"
        f"  {describe('order -> notified', notified)}",
        flush=True,
    )


def wait_for_notice(timed: Timed, out_trade_no: str, timeout: float = 30) -> float:
    with timed.signal:
        if not timed.signal.wait_for(lambda: out_trade_no in timed.arrived, timeout):
            raise TimeoutError(f"no notification for {out_trade_no} in {timeout} s")
        return timed.arrived[out_trade_no]


FIRST_PAINT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0]
    || performance.getEntriesByName("first-paint")[0];
  return paint ? performance.timeOrigin + paint.startTime : null;
}"""


TAP_RECORDER = """addEventListener("click", (event) => {
  window.__benchTap = performance.timeOrigin + event.timeStamp;
}, { capture: true });"""
"""Keeps when the tap's click event happened: Playwright's click first scrolls, waits for the
entry to be still for two frames and checks what is under the pointer, 50-200 ms here
that are no part of the launch."""


async def one_launch(browser: Browser, server: LiveServer, person: Account, app: Released) -> float:
    context = await browser.new_context(viewport=PHONE_VIEWPORT, locale="en-US")
    try:
        await context.add_init_script(
            f"localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(person.token)});\n"
            + TAP_RECORDER
        )
        page = await context.new_page()
        await page.goto(f"{server.url}/discover/miniapps")
        entry = page.get_by_text("Bench Coffee").first
        await entry.wait_for()
        await entry.click()
        frame_element = await page.wait_for_selector("iframe", state="attached")
        frame = None if frame_element is None else await frame_element.content_frame()
        assert frame is not None
        painted = None
        for _ in range(200):
            painted = await frame.evaluate(FIRST_PAINT) if frame.url.startswith("http") else None
            if painted is not None:
                break
            await asyncio.sleep(0.025)
        if painted is None:
            raise TimeoutError("the mini-program never painted")
        tapped = await page.evaluate("() => window.__benchTap")
        return float(painted - tapped) / 1000
    finally:
        await context.close()


async def launch_part(server: LiveServer, person: Account, app: Released, count: int) -> None:
    if not CHROMIUM.exists():
        print("launch: skipped, Chromium is not at /usr/bin/chromium", flush=True)
        return
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            await one_launch(browser, server, person, app)  # puts it in "recently used"
            times = [await one_launch(browser, server, person, app) for _ in range(count)]
        finally:
            await browser.close()
    print(
        f"launch, cold, {BUNDLE_BYTES // 1024} KB mini-program, tap -> first paint "
        f"(p50 target ≤ 300 ms):\n  {describe('launch', times)}; "
        f"p90 {percentile(times, 0.9) * 1000:.0f} ms",
        flush=True,
    )


async def run(args: argparse.Namespace) -> None:
    base_url = os.environ.get("PLAZA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    print(await describe_machine(base_url), flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="plaza-bench-"))
    async with AsyncExitStack() as stack:
        url = await stack.enter_async_context(
            postgres_database(base_url, name="plaza_bench_miniapps")
        )
        await asyncio.to_thread(migrate.upgrade, url)
        database = Database(url)
        stack.push_async_callback(database.dispose)
        settings = bench_settings(url, workdir, args.workers)
        server = stack.enter_context(
            plaza_serve(workdir, settings, options=serve_options(args.workers))
        )
        people = await make_accounts(database, args.people, "77")
        developer, admin, payer = people[:3]
        async with httpx.AsyncClient(base_url=server.url) as http:
            app = await release_app(http, database, developer, admin)
        if not args.skip_code2session:
            for clients in args.concurrency:
                await code2session_part(
                    database, server, args.workers, app, people, clients, args.seconds
                )
        if args.payments:
            await make_ready_to_pay(database, [payer])
            await payments_part(database, server, app, payer, args.payments)
        if not args.skip_launch:
            await launch_part(server, payer, app, args.launches)


def bench_settings(database_url: str, workdir: Path, workers: int) -> dict[str, str]:
    settings = server_settings(database_url, workdir, workers)
    return settings | {
        "PLAZA_ENV": "dev",
        "PLAZA_WEB_DIR": str(WEB_DIST),
        "PLAZA_MINIAPP_DIR": str(workdir / "miniapps"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=15, help="length of each timed run")
    parser.add_argument(
        "--concurrency", default="8,32", help="code2session clients, comma-separated"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="`plaza serve --workers`; Redis when more than one"
    )
    parser.add_argument("--people", type=int, default=200, help="people the codes are for")
    parser.add_argument("--payments", type=int, default=200, help="orders paid one by one; 0 skips")
    parser.add_argument("--launches", type=int, default=20, help="cold launches in Chromium")
    parser.add_argument("--skip-code2session", action="store_true")
    parser.add_argument("--skip-launch", action="store_true")
    args = parser.parse_args()
    args.concurrency = [int(n) for n in args.concurrency.split(",")]
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
