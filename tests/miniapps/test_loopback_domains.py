"""A developer's own backend on this machine: loopback server domains with a port, reached
over http, for local development (the coffee sample's server is ``127.0.0.1:8010``)."""

from __future__ import annotations

import httpx
import pytest

from plaza.miniapps.runtime.csp import connect_source, is_loopback_domain
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import DOMAIN, create_app, manifest_for, package, step
from tests.miniapps.helpers import upload as upload_package
from tests.miniapps.test_runtime import app_host, directives
from tests.miniapps.test_versions import ok

LOCAL = "127.0.0.1:8010"


@pytest.mark.parametrize(
    ("domain", "source"),
    [
        ("127.0.0.1:8010", "http://127.0.0.1:8010"),
        ("127.0.0.1", "http://127.0.0.1"),
        ("localhost:3000", "http://localhost:3000"),
        ("api.localhost", "http://api.localhost"),
        ("coffee.dev.localhost:65535", "http://coffee.dev.localhost:65535"),
        ("[::1]:8010", "http://[::1]:8010"),
        ("api.coffee.example", "https://api.coffee.example"),
        ("localhost.coffee.example", "https://localhost.coffee.example"),
    ],
)
def test_loopback_domains_are_reached_over_http_and_others_over_https(
    domain: str, source: str
) -> None:
    assert connect_source(domain) == source


@pytest.mark.parametrize(
    "domain",
    ["127.0.0.2", "127.0.0.1:0", "localhost:65536", "localhost:", "10.0.0.1:8010", "[::2]"],
)
def test_only_loopback_hosts_and_real_ports_count_as_loopback(domain: str) -> None:
    assert not is_loopback_domain(domain)


async def test_loopback_domains_with_ports_are_declared_normalized(
    client: httpx.AsyncClient, alice: Person
) -> None:
    created = await create_app(
        client,
        alice,
        server_domains=[LOCAL, "http://LOCALHOST:3000", "https://api.localhost", "[::1]:8010"],
    )
    assert created["server_domains"] == [LOCAL, "localhost:3000", "api.localhost", "[::1]:8010"]


@pytest.mark.parametrize(
    "domain", ["http://api.coffee.example", "api.coffee.example:8443", "10.0.0.1:8010"]
)
async def test_ports_and_http_stay_loopback_only(
    client: httpx.AsyncClient, alice: Person, domain: str
) -> None:
    body = {"name": "Coffee", "category": "food", "server_domains": [domain]}
    response = await client.post("/v1/miniapps", headers=alice.auth, json=body)
    assert_problem(response, 422, "miniapps.domain_invalid", "server_domains.0")


async def test_a_released_app_may_call_its_loopback_backend_over_http(
    client: httpx.AsyncClient, alice: Person, root: Person
) -> None:
    app_id = (await create_app(client, alice, server_domains=[DOMAIN, LOCAL]))["app_id"]
    data = package(manifest_for(app_id, server_domains=[LOCAL, DOMAIN]))
    assert (await upload_package(client, alice, app_id, data)).status_code == 201
    await ok(step(client, alice, app_id, "1.0.0", "submit"))
    await ok(step(client, root, app_id, "1.0.0", "approve"))
    page = await client.get("/", headers=app_host(app_id))
    assert directives(page)["connect-src"] == f"https://{DOMAIN} http://{LOCAL}"


async def test_a_manifest_port_must_match_the_declared_one(
    client: httpx.AsyncClient, alice: Person
) -> None:
    app_id = (await create_app(client, alice, server_domains=[LOCAL]))["app_id"]
    data = package(manifest_for(app_id, server_domains=["127.0.0.1:8011"]))
    response = await upload_package(client, alice, app_id, data)
    assert_problem(response, 422, "miniapps.domain_not_declared", "manifest.server_domains.0")
