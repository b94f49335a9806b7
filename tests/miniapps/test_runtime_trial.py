"""Trial versions for testers: the directory entry gives a tester the newest version on
trial at an origin of its own (``<app_id>-<tag>``), which serves that version's files under
its CSP only while it is on trial; nobody else gets it, a wrong tag is not found, and the
app's own origin keeps serving the released version."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.config import Environment, Settings
from plaza.miniapps.runtime import trial
from plaza.miniapps.runtime.origins import LABEL_MAX, Origins, Site
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import DOMAIN, INDEX, create_app, step
from tests.miniapps.test_runtime import (
    CDN,
    SCRIPT,
    app_host,
    assert_not_found,
    directives,
    released,
    uploaded,
)
from tests.miniapps.test_versions import ok

TRIAL_PAGE = b"<h1>Coffee, the trial build</h1>"
TRIAL_SCRIPT = b"document.title = 'Coffee trial';"
TRIAL_FILES = {INDEX: TRIAL_PAGE, "app.js": TRIAL_SCRIPT}


def key_of(app: FastAPI) -> str:
    key: str = app.state.settings.secret_key.get_secret_value()
    return key


def trial_host(app_id: str, tag: str) -> dict[str, str]:
    return {"Host": f"{app_id}-{tag}.apps.localhost"}


async def set_testers(
    client: httpx.AsyncClient, developer: Person, app_id: str, *testers: Person
) -> None:
    body = {"plaza_ids": [tester.plaza_id for tester in testers]}
    await ok(client.put(f"/v1/miniapps/{app_id}/testers", headers=developer.auth, json=body))


async def on_trial(
    client: httpx.AsyncClient,
    developer: Person,
    app_id: str,
    version: str,
    files: dict[str, bytes] | None = None,
    **manifest: Any,
) -> None:
    """Upload ``version`` and put it on trial."""
    await uploaded(client, developer, app_id, version, files=files or TRIAL_FILES, **manifest)
    await ok(step(client, developer, app_id, version, "trial"))


async def entry_for(client: httpx.AsyncClient, person: Person, app_id: str) -> dict[str, Any]:
    found: dict[str, Any] = await ok(
        client.get(f"/v1/miniapps/directory/{app_id}", headers=person.auth)
    )
    return found


@pytest.fixture
async def carol(app: FastAPI) -> Person:
    """A tester."""
    return await create_person(app, "Carol", plaza_id="carol_tester")


@pytest.fixture
async def app_id(client: httpx.AsyncClient, alice: Person, root: Person, carol: Person) -> str:
    """Coffee with 1.0.0 released, 2.0.0 on trial (declaring only ``DOMAIN``), and Carol
    as its tester."""
    app_id = await released(client, alice, root)
    await on_trial(client, alice, app_id, "2.0.0", server_domains=[DOMAIN])
    await set_testers(client, alice, app_id, carol)
    return app_id


async def test_a_tester_gets_the_trial_version_at_its_own_origin(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person, app_id: str
) -> None:
    tag = trial.tag_for(key_of(app), app_id, "2.0.0")
    origin = f"http://{app_id}-{tag}.apps.localhost"
    assert await entry_for(client, carol, app_id) == {
        "app_id": app_id,
        "name": "Coffee",
        "category": "food",
        "description": "",
        "developer": "Coffee Co",
        "live_version": "2.0.0",
        "origin": origin,
        "url": f"{origin}/",
        "icon_url": f"{origin}/images/icon.png",
        "trial": True,
    }
    released_origin = f"http://{app_id}.apps.localhost"
    for someone in (bob, alice):  # the developer too, until they list themselves
        entry = await entry_for(client, someone, app_id)
        assert (entry["live_version"], entry["origin"], entry["trial"]) == (
            "1.0.0",
            released_origin,
            False,
        )
    assert re.fullmatch("[0-9a-f]{16}", tag)
    assert tag != trial.tag_for(key_of(app), app_id, "1.0.0")
    assert tag != trial.tag_for("another key", app_id, "2.0.0")


async def test_the_trial_origin_serves_the_trial_files_under_the_apps_policy(
    app: FastAPI, client: httpx.AsyncClient, app_id: str
) -> None:
    host = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    page = await client.get("/", headers=host)
    assert (page.status_code, page.content) == (200, TRIAL_PAGE)
    assert directives(page) == {
        "default-src": "'self'",
        "connect-src": f"https://{DOMAIN}",  # what the trial's manifest declares
        "img-src": "'self' data: blob: http://localhost http://127.0.0.1",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "http://localhost http://127.0.0.1",
    }
    assert page.headers["referrer-policy"] == "no-referrer"  # the URL is the capability
    assert "set-cookie" not in page.headers
    script = await client.get("/app.js", headers=host)
    assert (script.status_code, script.content) == (200, TRIAL_SCRIPT)
    assert (await client.get("/images/icon.png", headers=host)).status_code == 200
    sdk = await client.get("/__plaza__/plaza.js", headers=host)
    assert (sdk.status_code, sdk.headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    at_port = await client.get("/", headers={"Host": f"{host['Host']}:8123"})
    assert directives(at_port)["frame-ancestors"] == "http://localhost:8123 http://127.0.0.1:8123"
    # The released version stays where it was.
    assert (await client.get("/app.js", headers=app_host(app_id))).content == SCRIPT
    assert directives(await client.get("/", headers=app_host(app_id)))["connect-src"] == (
        f"https://{DOMAIN} https://{CDN}"
    )


async def test_removing_a_domain_from_the_app_narrows_the_trials_policy(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    await ok(
        client.patch(f"/v1/miniapps/{app_id}", headers=alice.auth, json={"server_domains": [CDN]})
    )
    host = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    assert directives(await client.get("/", headers=host))["connect-src"] == "'none'"


async def test_a_wrong_tag_is_not_found(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    key = key_of(app)
    other = await released(client, alice, root, name="Tea")
    await on_trial(client, alice, other, "2.0.0")
    good = trial.tag_for(key, app_id, "2.0.0")
    for label in [
        f"{app_id}-{'0' * 16}",
        f"{app_id}-{good[:15]}",
        f"{app_id}-{good}0",
        f"{app_id}-",
        f"{app_id}-{trial.tag_for(key, app_id, '1.0.0')}",  # released, not on trial
        f"{app_id}-{trial.tag_for(key, app_id, '3.0.0')}",  # never uploaded
        f"{app_id}-{trial.tag_for(key, other, '2.0.0')}",  # the other app's trial
        f"{other}-{good}",
        f"px0000000000000000-{good}",
        f"-{good}",
    ]:
        for path in ["/", "/app.js", f"/{INDEX}"]:
            assert_not_found(await client.get(path, headers={"Host": f"{label}.apps.localhost"}))
    # Host names are case-insensitive: the right tag in capitals is the same origin.
    upper = {"Host": f"{app_id}-{good}.APPS.localhost".upper()}
    assert (await client.get("/app.js", headers=upper)).content == TRIAL_SCRIPT


@pytest.mark.parametrize(
    "path", ["/%2e%2e/1.0.0/app.js", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/missing.js"]
)
async def test_paths_outside_the_trial_version_are_not_found(
    app: FastAPI, client: httpx.AsyncClient, app_id: str, path: str
) -> None:
    host = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    assert_not_found(await client.get(path, headers=host))


async def test_the_trial_origin_refuses_writes(
    app: FastAPI, client: httpx.AsyncClient, carol: Person, app_id: str
) -> None:
    host = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    refused = await client.post("/v1/miniapps/developer", headers=carol.auth | host, json={})
    assert refused.status_code == 405
    assert_not_found(await client.get("/v1/me", headers=carol.auth | host))


@pytest.mark.parametrize("outcome", ["submitted", "approved", "rejected"])
async def test_once_the_version_leaves_trial_its_origin_is_not_found(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    root: Person,
    carol: Person,
    app_id: str,
    outcome: str,
) -> None:
    host = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    assert (await client.get("/", headers=host)).content == TRIAL_PAGE
    await ok(step(client, alice, app_id, "2.0.0", "submit"))
    if outcome == "approved":
        await ok(step(client, root, app_id, "2.0.0", "approve"))
    if outcome == "rejected":
        await ok(step(client, root, app_id, "2.0.0", "reject", reason="Broken"))
    for path in ["/", "/app.js", "/images/icon.png"]:
        assert_not_found(await client.get(path, headers=host))
    entry = await entry_for(client, carol, app_id)
    live = "2.0.0" if outcome == "approved" else "1.0.0"
    assert (entry["live_version"], entry["trial"]) == (live, False)
    assert entry["origin"] == f"http://{app_id}.apps.localhost"
    served = (await client.get("/app.js", headers=app_host(app_id))).content
    assert served == (TRIAL_SCRIPT if outcome == "approved" else SCRIPT)


async def test_a_tester_gets_the_newest_trial_and_each_trial_has_its_own_origin(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, carol: Person, app_id: str
) -> None:
    await on_trial(client, alice, app_id, "2.1.0", files={INDEX: b"<h1>2.1</h1>"})
    entry = await entry_for(client, carol, app_id)
    newest = trial.tag_for(key_of(app), app_id, "2.1.0")
    assert (entry["live_version"], entry["origin"]) == (
        "2.1.0",
        f"http://{app_id}-{newest}.apps.localhost",
    )
    older = trial_host(app_id, trial.tag_for(key_of(app), app_id, "2.0.0"))
    assert (await client.get("/", headers=older)).content == TRIAL_PAGE
    assert (await client.get("/", headers=trial_host(app_id, newest))).content == b"<h1>2.1</h1>"


async def test_a_tester_no_longer_listed_gets_the_release(
    client: httpx.AsyncClient, alice: Person, carol: Person, app_id: str
) -> None:
    await set_testers(client, alice, app_id)
    entry = await entry_for(client, carol, app_id)
    assert (entry["live_version"], entry["trial"]) == ("1.0.0", False)


async def test_an_app_only_on_trial_opens_for_its_testers_alone(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, bob: Person, carol: Person
) -> None:
    app_id: str = (await create_app(client, alice, "Beta"))["app_id"]
    await on_trial(client, alice, app_id, "0.1.0")
    await set_testers(client, alice, app_id, carol)

    entry = await entry_for(client, carol, app_id)
    assert (entry["live_version"], entry["trial"]) == ("0.1.0", True)
    tag = trial.tag_for(key_of(app), app_id, "0.1.0")
    assert entry["origin"] == f"http://{app_id}-{tag}.apps.localhost"
    assert (await client.get("/", headers=trial_host(app_id, tag))).content == TRIAL_PAGE
    assert_not_found(await client.get("/", headers=app_host(app_id)))
    assert_problem(
        await client.get(f"/v1/miniapps/directory/{app_id}", headers=bob.auth),
        404,
        "miniapps.not_found",
        None,
    )

    # What the host does around it goes through openable_app, which lets testers in.
    base = f"/v1/miniapps/{app_id}"
    for person, expected in [(carol, (204, 201, 204, 200)), (bob, (404, 404, 404, 404))]:
        opened = await client.post(f"{base}/opens", headers=person.auth)
        code = await client.post(f"{base}/login-code", headers=person.auth)
        stored = await client.put(
            f"{base}/storage/greeting", headers=person.auth, json={"value": "hi"}
        )
        read = await client.get(f"{base}/storage/greeting", headers=person.auth)
        assert (
            opened.status_code,
            code.status_code,
            stored.status_code,
            read.status_code,
        ) == expected, (opened.text, code.text, stored.text, read.text)


def test_trial_hosts_parse_under_any_pattern() -> None:
    origins = Origins.from_settings(
        Settings(
            env=Environment.TEST,
            miniapp_origin="https://{app_id}.apps.example.org:8443",
            _env_file=None,
        )
    )
    app_id, tag = "px3f9a0c4e5d6b7a81", trial.tag_for("key", "px3f9a0c4e5d6b7a81", "1.0.0")
    origin = origins.origin_of(app_id, request_port=8000, trial_tag=tag)
    assert origin == f"https://{app_id}-{tag}.apps.example.org:8443"
    label = origin.removeprefix("https://").split(".")[0]
    assert len(label) == 35 <= LABEL_MAX
    assert origins.site_in(f"{app_id}-{tag}.apps.example.org:8443") == Site(app_id, tag)
    assert origins.site_in(f"{app_id}.apps.example.org") == Site(app_id, None)
    assert origins.app_id_in(f"{app_id}-{tag}.apps.example.org") == app_id
    assert origins.site_in(f"{app_id}-{tag}.apps.example.org.attacker.test") is None
    with pytest.raises(ValueError, match="DNS label"):
        origins.origin_of(app_id, request_port=None, trial_tag="f" * 45)
