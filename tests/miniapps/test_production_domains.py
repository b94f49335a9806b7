"""In production a mini-program may not declare a loopback server domain: from its users'
browsers that would reach services on their own machines."""

from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr

from plaza.config import Environment, Settings, SmsGatewayKind
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import create_app


@pytest.fixture
def settings(settings: Settings) -> Settings:
    production = {
        "env": Environment.PROD,
        "secret_key": SecretStr("production-" * 4),
        "sms_gateway": SmsGatewayKind.WEBHOOK,
        "sms_webhook_url": "https://sms.example/send",
    }
    return settings.model_copy(update=production)


@pytest.mark.parametrize("domain", ["127.0.0.1:8010", "http://localhost:3000", "api.localhost"])
async def test_loopback_server_domains_are_refused_in_production(
    client: httpx.AsyncClient, alice: Person, domain: str
) -> None:
    body = {"name": "Coffee", "category": "food", "server_domains": [domain]}
    refused = await client.post("/v1/miniapps", headers=alice.auth, json=body)
    assert_problem(refused, 422, "miniapps.domain_invalid", "server_domains.0")
    listed = await client.get("/v1/miniapps", headers=alice.auth)
    assert listed.json() == []


async def test_a_loopback_domain_cannot_be_added_later_in_production(
    client: httpx.AsyncClient, alice: Person
) -> None:
    app_id = (await create_app(client, alice, server_domains=["api.coffee.example"]))["app_id"]
    body = {"server_domains": ["api.coffee.example", "127.0.0.1:8010"]}
    refused = await client.patch(f"/v1/miniapps/{app_id}", headers=alice.auth, json=body)
    assert_problem(refused, 422, "miniapps.domain_invalid", "server_domains.1")
    app = await client.get(f"/v1/miniapps/{app_id}", headers=alice.auth)
    assert app.json()["server_domains"] == ["api.coffee.example"]
