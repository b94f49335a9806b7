"""plaza.js, the bridge's mini-program side, on every mini-program origin at
``/__plaza__/plaza.js``: the repository's sdk/js/plaza.js, under the bundle policy, readable
from the sandboxed frame's opaque origin (module scripts are fetched with CORS)."""

from __future__ import annotations

import httpx

from plaza.config import REPO_ROOT
from plaza.miniapps.runtime.serving import SDK_FILE
from tests.conftest import Person
from tests.miniapps.test_runtime import app_host, assert_not_found, directives, released

SDK = REPO_ROOT / "sdk" / "js" / "plaza.js"


def test_the_package_ships_the_repository_sdk() -> None:
    assert SDK_FILE.read_bytes() == SDK.read_bytes()


async def test_every_app_origin_serves_plaza_js(
    client: httpx.AsyncClient, alice: Person, root: Person
) -> None:
    app_id = await released(client, alice, root)
    for host in [app_host(app_id), app_host("pxnobodyhasthisapp")]:
        answer = await client.get("/__plaza__/plaza.js", headers=host)
        assert answer.status_code == 200, answer.text
        assert answer.content == SDK.read_bytes()
        assert answer.headers["content-type"].startswith("text/javascript")
        assert answer.headers["access-control-allow-origin"] == "*"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert directives(answer)["connect-src"] == "'none'"
        assert directives(answer)["frame-ancestors"] == "http://localhost http://127.0.0.1"
        assert "set-cookie" not in answer.headers
    head = await client.head("/__plaza__/plaza.js", headers=app_host(app_id))
    assert (head.status_code, head.content) == (200, b"")


async def test_bundle_files_are_readable_by_module_scripts(
    client: httpx.AsyncClient, alice: Person, root: Person
) -> None:
    app_id = await released(client, alice, root)
    script = await client.get("/app.js", headers=app_host(app_id))
    assert script.status_code == 200
    assert script.headers["access-control-allow-origin"] == "*"


async def test_only_reads_and_only_on_app_origins(
    client: httpx.AsyncClient, alice: Person, root: Person
) -> None:
    app_id = await released(client, alice, root)
    posted = await client.post("/__plaza__/plaza.js", headers=app_host(app_id))
    assert posted.status_code == 405
    on_host = await client.get("/__plaza__/plaza.js")  # the host's origin: its own pages
    assert on_host.content != SDK.read_bytes()
    assert_not_found(await client.get("/__plaza__/other.js", headers=app_host(app_id)))
