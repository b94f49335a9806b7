"""Mini-programs served from origins of their own: the live released version's files with a
per-app CSP, nothing else on those origins, and no bundle files on the host's."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from plaza.config import Environment, Settings
from plaza.miniapps.runtime.origins import Origins
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import (
    DOMAIN,
    INDEX,
    bundle_dir,
    create_app,
    manifest_for,
    package,
    step,
)
from tests.miniapps.helpers import upload as upload_package
from tests.miniapps.test_versions import ok

CDN = "cdn.coffee.example"
SCRIPT = b"document.title = 'Coffee';"
STYLE = b"body { color: brown; }"
FILES = {"app.js": SCRIPT, "styles/app.css": STYLE}
SPA = b"<!doctype html><title>Plaza host</title>"
NOT_FOUND_POLICY = "default-src 'none'; frame-ancestors 'none'"


def app_host(app_id: str) -> dict[str, str]:
    return {"Host": f"{app_id}.apps.localhost"}


def directives(response: httpx.Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    pairs = (directive.strip().split(" ", 1) for directive in policy.split(";"))
    return {name: value for name, value in pairs}


async def uploaded(
    client: httpx.AsyncClient,
    developer: Person,
    app_id: str,
    version: str = "1.0.0",
    files: dict[str, bytes] | None = None,
    **manifest: Any,
) -> None:
    data = package(manifest_for(app_id, version=version, **manifest), files=files or FILES)
    response = await upload_package(client, developer, app_id, data)
    assert response.status_code == 201, response.text


async def released(
    client: httpx.AsyncClient,
    developer: Person,
    admin: Person,
    *,
    name: str = "Coffee",
    files: dict[str, bytes] | None = None,
) -> str:
    """A new app declaring ``DOMAIN`` and ``CDN``, with version 1.0.0 released."""
    app_id: str = (await create_app(client, developer, name, server_domains=[DOMAIN, CDN]))[
        "app_id"
    ]
    await uploaded(client, developer, app_id, files=files, server_domains=[DOMAIN, CDN])
    await ok(step(client, developer, app_id, "1.0.0", "submit"))
    await ok(step(client, admin, app_id, "1.0.0", "approve"))
    return app_id


def assert_not_found(response: httpx.Response) -> None:
    assert response.status_code == 404, response.text
    assert response.headers["content-security-policy"] == NOT_FOUND_POLICY
    assert "set-cookie" not in response.headers


@pytest.fixture
async def app_id(client: httpx.AsyncClient, alice: Person, root: Person) -> str:
    return await released(client, alice, root)


@pytest.fixture
def built_web_client(settings: Settings) -> None:
    settings.web_dir.mkdir(parents=True)
    (settings.web_dir / "index.html").write_bytes(SPA)


async def test_the_app_origin_serves_its_first_page_and_assets_under_its_policy(
    client: httpx.AsyncClient, app_id: str
) -> None:
    page = await client.get("/", headers=app_host(app_id))
    assert page.status_code == 200, page.text
    assert page.content == b"<h1>Coffee</h1>"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert directives(page) == {
        "default-src": "'self'",
        "connect-src": f"https://{DOMAIN} https://{CDN}",
        "img-src": "'self' data: blob: http://localhost http://127.0.0.1",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "http://localhost http://127.0.0.1",
    }
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-cache"
    assert "set-cookie" not in page.headers
    for path, body, content_type in [
        (f"/{INDEX}", b"<h1>Coffee</h1>", "text/html; charset=utf-8"),
        ("/app.js", SCRIPT, "text/javascript; charset=utf-8"),
        ("/styles/app.css", STYLE, "text/css; charset=utf-8"),
        ("/images/icon.png", b"\x89PNG icon", "image/png"),
    ]:
        asset = await client.get(path, headers=app_host(app_id))
        assert (asset.status_code, asset.content) == (200, body), path
        assert asset.headers["content-type"] == content_type, path
        assert asset.headers["content-security-policy"] == page.headers["content-security-policy"]
        assert "set-cookie" not in asset.headers
    head = await client.head("/app.js", headers=app_host(app_id))
    assert (head.status_code, head.content) == (200, b"")


async def test_the_port_the_host_is_reached_at_is_the_one_allowed_to_frame(
    client: httpx.AsyncClient, app_id: str
) -> None:
    page = await client.get("/", headers={"Host": f"{app_id}.apps.localhost:8123"})
    assert directives(page)["frame-ancestors"] == "http://localhost:8123 http://127.0.0.1:8123"


async def test_connect_src_keeps_only_reviewed_domains_the_app_still_declares(
    client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    changed = await client.patch(
        f"/v1/miniapps/{app_id}",
        headers=alice.auth,
        json={"server_domains": [CDN, "new.coffee.example"]},
    )
    assert changed.status_code == 200, changed.text
    page = await client.get("/", headers=app_host(app_id))
    assert directives(page)["connect-src"] == f"https://{CDN}"
    emptied = await client.patch(
        f"/v1/miniapps/{app_id}", headers=alice.auth, json={"server_domains": []}
    )
    assert emptied.status_code == 200, emptied.text
    page = await client.get("/", headers=app_host(app_id))
    assert directives(page)["connect-src"] == "'none'"


async def test_a_rollback_serves_the_earlier_release(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await uploaded(
        client, alice, app_id, "2.0.0", files={"app.js": b"// two"}, server_domains=[DOMAIN]
    )
    await ok(step(client, alice, app_id, "2.0.0", "submit"))
    await ok(step(client, root, app_id, "2.0.0", "approve"))
    assert (await client.get("/app.js", headers=app_host(app_id))).content == b"// two"
    await ok(
        client.post(
            f"/v1/miniapps/{app_id}/rollback", headers=alice.auth, json={"version": "1.0.0"}
        )
    )
    assert (await client.get("/app.js", headers=app_host(app_id))).content == SCRIPT


@pytest.mark.parametrize(
    "path",
    [
        "/%2e%2e/2.0.0/app.js",
        "/styles/%2e%2e/%2e%2e/2.0.0/app.js",
        "/styles/..%2f..%2f2.0.0%2fapp.js",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/styles%5c..%5capp.js",
        "/app.js%00.png",
        "/missing.js",
        "/styles",
    ],
)
async def test_paths_outside_the_live_version_are_not_found(
    client: httpx.AsyncClient, alice: Person, app_id: str, path: str
) -> None:
    await uploaded(client, alice, app_id, "2.0.0", files={"app.js": b"// unreleased"})
    assert_not_found(await client.get(path, headers=app_host(app_id)))


async def first_message(
    app: FastAPI, app_id: str, path: str, kind: str = "http"
) -> MutableMapping[str, Any]:
    """What the app sends first for a request as it arrives on the wire, uncleaned by a
    client: an HTTP GET or a WebSocket handshake on the app's origin."""
    sent: list[MutableMapping[str, Any]] = []
    arriving = [
        {"type": "websocket.connect"}
        if kind == "websocket"
        else {"type": "http.request", "body": b"", "more_body": False}
    ]

    async def receive() -> dict[str, Any]:
        """The request, then the client leaving."""
        return arriving.pop() if arriving else {"type": f"{kind}.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": kind,
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http" if kind == "http" else "ws",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", app_host(app_id)["Host"].encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "subprotocols": [],
    }
    await app(scope, receive, send)
    return sent[0]


async def test_literal_dot_segments_and_an_absolute_path_are_not_found(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    """``..`` and ``.`` as sent on the wire (httpx would normalize them away), and the
    bundle's own absolute path on disk."""
    await uploaded(client, alice, app_id, "2.0.0", files={"app.js": b"// unreleased"})
    absolute = bundle_dir(app, app_id) / "1.0.0" / "app.js"
    for path in ["/../2.0.0/app.js", "/styles/../../2.0.0/app.js", "/./app.js", str(absolute)]:
        assert (await first_message(app, app_id, path))["status"] == 404, path
    assert (await first_message(app, app_id, "/app.js"))["status"] == 200


async def test_an_app_origin_refuses_the_host_websocket(app: FastAPI, app_id: str) -> None:
    closed = await first_message(app, app_id, "/ws", kind="websocket")
    assert closed == {"type": "websocket.close", "code": 1008, "reason": ""}


async def test_a_link_out_of_the_bundle_is_not_followed(
    app: FastAPI, client: httpx.AsyncClient, app_id: str, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("host secret")
    (bundle_dir(app, app_id) / "1.0.0" / "secret.txt").symlink_to(secret)
    assert_not_found(await client.get("/secret.txt", headers=app_host(app_id)))


async def test_unreleased_and_rejected_apps_are_not_served(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    app_id: str = (await create_app(client, alice))["app_id"]
    await uploaded(client, alice, app_id, files={})
    for action in ["trial", "submit"]:
        await ok(step(client, alice, app_id, "1.0.0", action))
        assert_not_found(await client.get("/", headers=app_host(app_id)))
        assert_not_found(await client.get(f"/{INDEX}", headers=app_host(app_id)))
    await ok(step(client, root, app_id, "1.0.0", "reject", reason="Broken"))
    assert_not_found(await client.get("/", headers=app_host(app_id)))
    entry = await client.get(f"/v1/miniapps/directory/{app_id}", headers=bob.auth)
    assert_problem(entry, 404, "miniapps.not_found", None)


@pytest.mark.usefixtures("built_web_client")
async def test_an_app_origin_never_reaches_the_host_api_or_pages(
    client: httpx.AsyncClient, bob: Person, app_id: str
) -> None:
    assert (await client.get("/v1/me", headers=bob.auth)).status_code == 200
    assert (await client.get("/discover")).content == SPA
    for host in [app_id, "px0000000000000000", "www"]:
        headers = bob.auth | {"Host": f"{host}.apps.localhost"}
        for path in ["/v1/me", f"/v1/miniapps/directory/{app_id}", "/discover", "/index.html"]:
            assert_not_found(await client.get(path, headers=headers))
        refused = await client.post("/v1/miniapps/developer", headers=headers, json={})
        assert refused.status_code == 405
        assert refused.headers["allow"] == "GET, HEAD"


@pytest.mark.usefixtures("built_web_client")
async def test_the_host_origin_serves_no_bundle_files(
    client: httpx.AsyncClient, app_id: str
) -> None:
    for path in ["/", f"/{INDEX}", "/app.js", f"/{app_id}/1.0.0/app.js", "/miniapps/app.js"]:
        answer = await client.get(path)
        assert answer.content == SPA, path
    assert (await client.get("/app.js", headers=app_host(app_id))).content == SCRIPT


async def test_another_apps_origin_does_not_serve_this_apps_files(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    other = await released(client, alice, root, name="Tea", files={"tea.js": b"// tea"})
    assert (await client.get("/tea.js", headers=app_host(other))).content == b"// tea"
    assert_not_found(await client.get("/app.js", headers=app_host(other)))
    assert_not_found(await client.get("/tea.js", headers=app_host(app_id)))
    assert_not_found(
        await client.get(f"/%2e%2e/%2e%2e/{app_id}/1.0.0/app.js", headers=app_host(other))
    )


async def test_the_directory_gives_the_host_what_it_frames(
    client: httpx.AsyncClient, bob: Person, app_id: str
) -> None:
    entry = await ok(client.get(f"/v1/miniapps/directory/{app_id}", headers=bob.auth))
    origin = f"http://{app_id}.apps.localhost"
    assert entry == {
        "app_id": app_id,
        "name": "Coffee",
        "category": "food",
        "description": "",
        "developer": "Coffee Co",
        "live_version": "1.0.0",
        "origin": origin,
        "url": f"{origin}/",
        "icon_url": f"{origin}/images/icon.png",
        "trial": False,
    }
    signed_out = await client.get(f"/v1/miniapps/directory/{app_id}")
    assert signed_out.status_code == 401
    unknown = await client.get("/v1/miniapps/directory/px0000000000000000", headers=bob.auth)
    assert_problem(unknown, 404, "miniapps.not_found", None)


def test_a_production_pattern_gives_each_app_its_own_https_origin() -> None:
    origins = Origins.from_settings(
        Settings(
            env=Environment.TEST,
            miniapp_origin="https://{app_id}.apps.example.org",
            public_origin="https://plaza.example.org",
            _env_file=None,
        )
    )
    assert origins.origin_of("px3f9a0c4e5d6b7a81", request_port=None) == (
        "https://px3f9a0c4e5d6b7a81.apps.example.org"
    )
    assert origins.app_id_in("PX3F9A0C4E5D6B7A81.apps.example.org:443") == "px3f9a0c4e5d6b7a81"
    assert origins.app_id_in("plaza.example.org") is None
    assert origins.app_id_in("apps.example.org") is None
    assert origins.app_id_in("evil.apps.example.org.attacker.test") is None
    assert origins.frame_ancestors(8000) == ["https://plaza.example.org"]


@pytest.mark.parametrize(
    "pattern",
    [
        "https://apps.example.org",
        "https://apps.{app_id}.example.org",
        "https://{app_id}.apps.example.org/path",
        "ftp://{app_id}.apps.example.org",
        "https://{app_id}",
    ],
)
def test_a_pattern_without_app_id_as_first_label_is_refused(pattern: str) -> None:
    with pytest.raises(ValidationError):
        Settings(miniapp_origin=pattern, _env_file=None)
