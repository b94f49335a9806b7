"""Links and QR codes that open a mini-program at a page with a scene."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from plaza.app import create_app as create_plaza
from plaza.config import Settings
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import create_app, upload_ok
from tests.miniapps.test_runtime_directory import release
from tests.miniapps.test_versions import ok

SCENE_CHARACTERS = "azAZ09!#$&'()*+,/:;=?@-._~"


async def link(
    client: httpx.AsyncClient, person: Person, app_id: str, **query: str
) -> httpx.Response:
    return await client.get(f"/v1/miniapps/{app_id}/link", headers=person.auth, params=query)


@pytest.fixture
async def coffee(client: httpx.AsyncClient, alice: Person, root: Person) -> str:
    return await release(client, alice, root, "Coffee")


async def test_a_link_carries_the_page_and_scene(
    client: httpx.AsyncClient, bob: Person, coffee: str
) -> None:
    made = await ok(link(client, bob, coffee, path="/pages/menu/index?size=large", scene="table12"))
    url = urlsplit(made["url"])
    assert (url.scheme, url.netloc, url.path) == ("http", "plaza.test", f"/mp/{coffee}")
    assert parse_qs(url.query) == {"path": ["/pages/menu/index?size=large"], "scene": ["table12"]}
    assert made["qr_svg"].startswith("<svg")
    assert made["qr_svg"].rstrip().endswith("</svg>")

    plain = await ok(link(client, bob, coffee))
    assert plain["url"] == f"http://plaza.test/mp/{coffee}"

    every = await ok(link(client, bob, coffee, scene=SCENE_CHARACTERS))
    assert parse_qs(urlsplit(every["url"]).query) == {"scene": [SCENE_CHARACTERS]}
    assert await ok(link(client, bob, coffee, scene="x" * 32))


async def test_scenes_are_32_safe_characters_and_pages_plain_paths(
    client: httpx.AsyncClient, bob: Person, coffee: str
) -> None:
    for scene in ("x" * 33, "table 12", "桌12", "a%20b", "tab\tle", "<script>", 'q"', "back\\"):
        response = await link(client, bob, coffee, scene=scene)
        assert_problem(response, 422, "miniapps.scene_invalid", "scene")
    for path in ("pages/menu", "//evil.example/x", "/\\evil", "/a b", "/a\nb", "/" + "a" * 512):
        response = await link(client, bob, coffee, path=path)
        assert_problem(response, 422, "miniapps.path_invalid", "path")


async def test_the_developer_may_link_before_the_release(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    draft = (await create_app(client, alice, "Draft"))["app_id"]
    await upload_ok(client, alice, draft)
    assert (await ok(link(client, alice, draft, scene="poster")))["url"].endswith("scene=poster")
    assert_problem(await link(client, bob, draft), 404, "miniapps.not_found", None)
    assert_problem(await link(client, bob, "px0000000000000000"), 404, "miniapps.not_found", None)
    assert (await client.get(f"/v1/miniapps/{draft}/link")).status_code == 401


async def test_the_public_origin_is_the_links_origin(
    settings: Settings, tmp_path: Path, alice: Person, root: Person, coffee: str, app: FastAPI
) -> None:
    public = settings.model_copy(update={"public_origin": "https://plaza.example.org"})
    application = create_plaza(public)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://internal:8000") as http:
            made = await ok(link(http, root, coffee, path="/pages/index"))
    assert made["url"] == f"https://plaza.example.org/mp/{coffee}?path=/pages/index"
