"""Every error a client can cause is problem+json with a stable code."""

from __future__ import annotations

import httpx

from tests.identity.test_sign_in import assert_problem


async def test_unknown_api_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/no-such-thing"), 404, "not_found", None)


async def test_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.put("/v1/auth/codes", json={}), 405, "method_not_allowed", None)


async def test_malformed_json_is_a_422_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/auth/codes", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "request.invalid"


async def test_missing_field_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth/sessions", json={"phone": "+8613800138000"})
    assert_problem(response, 422, "request.invalid", "code")
    assert response.json()["errors"] == [{"field": "code", "message": "Field required"}]


async def test_declared_oversize_body_is_refused_before_reading(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/auth/codes",
        content=b"x",
        headers={"content-type": "application/json", "content-length": str(100 * 1024 * 1024)},
    )
    assert_problem(response, 413, "request.too_large", None)


async def test_request_id_is_echoed_or_made(client: httpx.AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "client-chosen-id-1"})
    assert given.headers["x-request-id"] == "client-chosen-id-1"
    made = await client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert made.headers["x-request-id"] != "bad id\nwith newline"
    assert len(made.headers["x-request-id"]) == 16
    problem = await client.get("/v1/me", headers={"X-Request-ID": "client-chosen-id-2"})
    assert problem.json()["request_id"] == "client-chosen-id-2"
