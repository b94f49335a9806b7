"""A released mini-program in Chromium, framed by the host page as the host will frame it:
from its own origin in ``<iframe sandbox="allow-scripts allow-forms">``. Its own script
tries to reach the host's storage, cookies and API and an undeclared server; all of it
fails, while its declared server is reachable."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Frame, Page, Route

from plaza.kit.db import Database
from plaza.miniapps import service
from tests.conftest import Person, create_person_in
from tests.e2e.conftest import TOKEN_KEY, signed_in
from tests.miniapps.helpers import (
    DOMAIN,
    INDEX,
    become_developer,
    create_app,
    manifest_for,
    package,
    step,
    upload,
)
from tests.servers import LiveServer

UNDECLARED = "https://evil.example/steal"
DECLARED = f"https://{DOMAIN}/ping"
HOST_COOKIE = "host-cookie-value"
PROBE_POLLS = 100  # 10 seconds
PAGE = b'<!doctype html><meta charset="utf-8"><title>Probe</title><script src="/probe.js"></script>'
PROBE = f"""
(async () => {{
  const violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {{
    violations.push(event.blockedURI);
  }});
  const attempt = (action) => {{
    try {{ return {{ ok: true, value: String(action()) }}; }}
    catch (error) {{ return {{ ok: false, error: error.name }}; }}
  }};
  const attemptFetch = async (url) => {{
    try {{ return {{ ok: true, value: await (await fetch(url)).text() }}; }}
    catch (error) {{ return {{ ok: false, error: error.name }}; }}
  }};
  const host = new URLSearchParams(location.search).get("host");
  const probe = {{
    origin: self.origin,
    parentStorage: attempt(() => parent.localStorage.getItem({json.dumps(TOKEN_KEY)})),
    parentCookie: attempt(() => parent.document.cookie),
    ownStorage: attempt(() => localStorage.length),
    ownCookie: attempt(() => document.cookie),
    hostApi: await attemptFetch(host + "/v1/me"),
    undeclared: await attemptFetch({json.dumps(UNDECLARED)}),
    declared: await attemptFetch({json.dumps(DECLARED)}),
  }};
  await new Promise((resolve) => setTimeout(resolve, 200));  // violation events come later
  window.probe = {{ ...probe, violations }};
}})();
""".encode()


@pytest.fixture(scope="session")
async def probe_app(live_server: LiveServer) -> AsyncIterator[tuple[Person, str]]:
    """Bob, who opens mini-programs, and the URL of a released one that probes its sandbox."""
    database = Database(live_server.database_url)
    try:
        developer = await create_person_in(database, "Dev Sandbox", plaza_id="dev_sandbox")
        admin = await create_person_in(database, "Root Sandbox", plaza_id="root_sandbox")
        bob = await create_person_in(database, "Bob Sandbox", plaza_id="bob_sandbox")
        async with database.unit_of_work() as session:
            await service.set_admin(session, admin.plaza_id, is_admin=True)
    finally:
        await database.dispose()
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        await become_developer(client, developer)
        app_id: str = (await create_app(client, developer, "Sandbox Probe"))["app_id"]
        data = package(manifest_for(app_id), files={INDEX: PAGE, "probe.js": PROBE})
        assert (await upload(client, developer, app_id, data)).status_code == 201
        assert (await step(client, developer, app_id, "1.0.0", "submit")).status_code == 200
        assert (await step(client, admin, app_id, "1.0.0", "approve")).status_code == 200
        entry = await client.get(f"/v1/miniapps/directory/{app_id}", headers=bob.auth)
        assert entry.status_code == 200, entry.text
        yield bob, entry.json()["url"]


async def answer_pong(route: Route) -> None:
    """Any server that is asked answers, and lets every origin read it: what fails below
    fails because the browser refused to ask."""
    await route.fulfill(status=200, body="pong", headers={"Access-Control-Allow-Origin": "*"})


async def framed(page: Page, url: str) -> Frame:
    """``url`` in the host page, sandboxed as the host frames mini-programs."""
    await page.evaluate(
        """(src) => {
            const frame = document.createElement("iframe");
            frame.sandbox = "allow-scripts allow-forms";
            frame.src = src;
            frame.dataset.testid = "miniapp-frame";
            document.body.append(frame);
        }""",
        url,
    )
    handle = await page.locator("[data-testid=miniapp-frame]").element_handle()
    frame = await handle.content_frame()
    assert frame is not None
    return frame


async def probe_result(frame: Frame) -> dict[str, Any]:
    """What the probe found, once it is done. Polled from here: ``wait_for_function``
    evaluates its predicate with ``eval``, which the mini-program's CSP refuses."""
    for _ in range(PROBE_POLLS):
        found: dict[str, Any] | None = await frame.evaluate("window.probe")
        if found is not None:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError("the probe did not finish")


async def test_a_framed_mini_program_reaches_only_its_declared_server(
    browser: Browser, live_server: LiveServer, probe_app: tuple[Person, str]
) -> None:
    bob, url = probe_app
    context = await signed_in(browser, bob)
    await context.add_cookies(
        [{"name": "plaza_host", "value": HOST_COOKIE, "url": live_server.url}]
    )
    await context.route(f"https://{DOMAIN}/**", answer_pong)
    await context.route("https://evil.example/**", answer_pong)
    page = await context.new_page()
    await page.goto(live_server.url)
    assert await page.evaluate(f"localStorage.getItem({json.dumps(TOKEN_KEY)})") == bob.token

    frame = await framed(page, f"{url}?host={live_server.url}")
    probe = await probe_result(frame)

    assert probe["origin"] == "null"  # sandboxed: an opaque origin, not even its own
    for reach in ["parentStorage", "parentCookie", "ownStorage", "ownCookie"]:
        assert probe[reach] == {"ok": False, "error": "SecurityError"}, reach
    assert probe["hostApi"] == {"ok": False, "error": "TypeError"}
    assert probe["undeclared"] == {"ok": False, "error": "TypeError"}
    assert probe["declared"] == {"ok": True, "value": "pong"}
    assert sorted(probe["violations"]) == sorted([f"{live_server.url}/v1/me", UNDECLARED])
    assert bob.token not in json.dumps(probe)
    assert HOST_COOKIE not in json.dumps(probe)
    await context.close()


async def test_the_policy_names_the_declared_server_and_the_host_only(
    live_server: LiveServer, probe_app: tuple[Person, str]
) -> None:
    _, url = probe_app
    async with httpx.AsyncClient() as client:  # the system resolver may not know *.localhost
        answer = await client.get(live_server.url, headers={"Host": httpx.URL(url).netloc.decode()})
    assert answer.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in answer.headers["content-security-policy"].split(";")
    )
    assert policy["connect-src"] == f"https://{DOMAIN}"
    assert policy["default-src"] == "'self'"
    assert live_server.url in policy["frame-ancestors"].split(" ")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in answer.headers


async def test_no_other_page_may_frame_it(browser: Browser, probe_app: tuple[Person, str]) -> None:
    """frame-ancestors: a page at any other origin gets no mini-program in its frame."""
    _, url = probe_app
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(f"{url.rstrip('/')}/probe.js")  # another origin than the host's
    frame = await framed(page, url)
    await page.wait_for_timeout(1000)
    assert await frame.evaluate("typeof window.probe") == "undefined"
    await context.close()
