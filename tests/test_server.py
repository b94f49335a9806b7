"""Health, meta, the dev outbox, the web client and the API's published shape."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from plaza.app import create_app, walk_routes
from plaza.config import Environment, Settings
from plaza.openapi_typescript import typescript_for
from tests.conftest import CLIENT_IP

API_DIR = Path(__file__).parents[1] / "web" / "src" / "api"
PUBLIC_API_ROUTES = {
    ("GET", "/v1/meta"),
    ("POST", "/v1/auth/codes"),
    ("POST", "/v1/auth/sessions"),
    ("POST", "/v1/bank/callbacks/{connector}"),  # signed by the bank instead
}
OPEN_API_CREDENTIAL_ROUTES = {("POST", "/open/v1/token")}  # app id and secret in the body
# a mini-program server's access token
OPEN_API_SECURITY: list[dict[str, list[str]]] = [{"OpenAccessToken": []}]


@pytest.fixture
async def dev_client(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings.model_copy(update={"env": Environment.DEV}))
    transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://plaza.test") as client:
        yield app, client
    await app.state.database.dispose()


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok", "node": 1}
    assert (await client.get("/readyz")).json() == {"status": "ok", "node": 1}


async def test_start_up_walks_every_route_to_the_last(app: FastAPI) -> None:
    """The warm-up request reaches the web client's catch-all, registered last, so it went
    past every route (and was answered there without reaching the middleware's logs)."""
    assert await walk_routes(app) == 405


async def test_readiness_fails_when_the_database_is_gone(tmp_path: Path) -> None:
    settings = Settings(
        env=Environment.TEST,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'x.db'}",
        _env_file=None,
    )
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://plaza.test"
    ) as client:
        response = await client.get("/readyz")
    await app.state.database.dispose()
    assert response.status_code == 503
    assert response.json()["code"] == "server.not_ready"


async def test_meta_hides_the_outbox_outside_dev(client: httpx.AsyncClient) -> None:
    meta = (await client.get("/v1/meta")).json()
    assert meta["environment"] == "test"
    assert meta["dev_outbox"] is None
    assert (await client.get("/dev/outbox")).status_code == 404
    assert (await client.get("/v1/dev/outbox")).status_code == 404


async def test_dev_outbox_shows_sent_codes(
    dev_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    _, client = dev_client
    assert (await client.get("/v1/meta")).json()["dev_outbox"] == "/dev/outbox"
    empty = await client.get("/dev/outbox")
    assert "No messages yet" in empty.text
    await client.post("/v1/auth/codes", json={"phone": "+12025550101"})
    page = await client.get("/dev/outbox")
    assert page.headers["content-type"].startswith("text/html")
    assert "+12025550101" in page.text
    assert "Your Plaza code is" in page.text
    items = (await client.get("/v1/dev/outbox")).json()["items"]
    assert [item["phone"] for item in items] == ["+12025550101"]


async def test_outbox_escapes_what_it_shows(
    dev_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = dev_client
    await app.state.sms.send("+12025550101", "<script>alert(1)</script>")
    page = (await client.get("/dev/outbox")).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


async def test_web_client_is_served_with_spa_fallback(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    assert "has not been built" in (await client.get("/")).text
    settings.web_dir.mkdir(parents=True)
    (settings.web_dir / "index.html").write_text("<!doctype html><title>Plaza app</title>")
    (settings.web_dir / "assets").mkdir()
    (settings.web_dir / "assets" / "app-1234.js").write_text("console.log(1)")
    for path in ("/", "/me", "/chats/123"):
        response = await client.get(path)
        assert "Plaza app" in response.text
        assert response.headers["cache-control"] == "no-cache"
    asset = await client.get("/assets/app-1234.js")
    assert asset.text == "console.log(1)"
    assert "immutable" in asset.headers["cache-control"]
    assert (await client.get("/v1/unknown")).json()["code"] == "not_found"
    assert "Plaza app" in (await client.get("/../../etc/passwd")).text


def api_operations(app: FastAPI) -> dict[tuple[str, str], dict[str, object]]:
    return {
        (method.upper(), path): operation
        for path, item in app.openapi()["paths"].items()
        for method, operation in item.items()
    }


def test_every_api_route_is_authenticated_unless_listed(app: FastAPI) -> None:
    operations = api_operations(app)
    assert set(operations) >= PUBLIC_API_ROUTES
    for (method, path), operation in operations.items():
        if path.startswith("/v1/") and (method, path) not in PUBLIC_API_ROUTES:
            assert operation.get("security") == [{"HTTPBearer": []}], f"{method} {path} is public"
        elif path.startswith("/open/") and (method, path) not in OPEN_API_CREDENTIAL_ROUTES:
            assert operation.get("security") == OPEN_API_SECURITY, f"{method} {path} is public"
        else:
            assert "security" not in operation, f"{method} {path} asks for a token"


def test_committed_api_document_and_types_match_the_server(app: FastAPI) -> None:
    """`make openapi` refreshes both; the web client type-checks against the second."""
    committed = json.loads((API_DIR / "openapi.json").read_text())
    assert committed == json.loads(json.dumps(app.openapi())), "run `make openapi`"
    types = (API_DIR / "schema.gen.ts").read_text()
    assert types == typescript_for(app.openapi()), "run `make openapi`"


def test_problems_are_documented_as_problem_json(app: FastAPI) -> None:
    document = app.openapi()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for (method, path), operation in api_operations(app).items():
        responses = operation["responses"]
        assert isinstance(responses, dict)
        assert "422" not in responses, f"{method} {path}"
        schema = responses["4XX"]["content"]["application/problem+json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Problem"}


def test_every_endpoint_is_documented(app: FastAPI) -> None:
    for (method, path), operation in api_operations(app).items():
        assert operation.get("description"), f"{method} {path} has no docstring"
