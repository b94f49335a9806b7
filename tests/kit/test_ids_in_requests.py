"""Ids a BIGINT column cannot hold are a 422 on their field, in paths, bodies and cursors.

Without the bound such an id reaches the database, which fails the query: a 500 on
PostgreSQL. The tests walk the app's OpenAPI document, so a new endpoint cannot forget.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.kit.ids import MAX_ID
from plaza.kit.pagination import encode_cursor
from tests.conftest import Person, create_person
from tests.identity.test_sign_in import assert_problem
from tests.wallet.test_transfers import PIN, balance, books_balance, ready_to_pay

OVERSIZED = [MAX_ID + 1, 10**23]
PATH_PARAMETER = re.compile(r"\{(\w+)\}")
NOT_SNOWFLAKES = {"plaza_id", "template_id", "prepay_id"}  # a handle; "tpl_" or "pp_" + hex

Operation = tuple[str, str, dict[str, Any]]
"""(method, path template, OpenAPI operation)."""


def operations(app: FastAPI) -> list[Operation]:
    return [
        (method, path, operation)
        for path, methods in app.openapi()["paths"].items()
        for method, operation in methods.items()
    ]


def parameters(operation: dict[str, Any], where: str) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p["in"] == where]


def path_ids(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path template, parameter) for every ``*_id`` path parameter."""
    return [
        (method, path, parameter)
        for method, path, operation in operations(app)
        for parameter in parameters(operation, "path")
        if parameter["name"].endswith("_id") and parameter["name"] not in NOT_SNOWFLAKES
    ]


WELL_FORMED: dict[str, object] = {"appid": "px" + "0" * 16}
"""Path parameters that are not ids, as their pattern wants them."""


def fill(path: str, **values: object) -> str:
    """The path with the given parameters, every other one 1 (a well-formed id)."""
    return PATH_PARAMETER.sub(
        lambda m: str(values.get(m.group(1), WELL_FORMED.get(m.group(1), 1))), path
    )


async def call(client: httpx.AsyncClient, method: str, url: str, who: Person) -> httpx.Response:
    body: dict[str, Any] | None = {} if method in ("post", "put", "patch") else None
    return await client.request(method, url, headers=who.auth, json=body)


async def test_every_path_id_has_the_64_bit_bound(app: FastAPI) -> None:
    ids = path_ids(app)
    assert len(ids) > 30  # the walk sees the whole API
    unbounded = [
        f"{method.upper()} {path} {parameter['name']}"
        for method, path, parameter in ids
        if (parameter["schema"]["type"], parameter["schema"].get("minimum")) != ("integer", 1)
        or parameter["schema"].get("maximum") != MAX_ID
    ]
    assert unbounded == [], "annotate these with plaza.kit.schemas.PathId"


async def test_an_oversized_path_id_is_a_422_on_every_route(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await create_person(app, "Alice")
    for method, path, parameter in path_ids(app):
        for oversized in OVERSIZED:
            url = fill(path, **{parameter["name"]: oversized})
            response = await call(client, method, url, alice)
            assert response.status_code == 422, f"{method.upper()} {url}: {response.text}"
            assert_problem(response, 422, "request.invalid", parameter["name"])


@pytest.mark.parametrize("field", ["to", "conversation_id"])
@pytest.mark.parametrize("oversized", OVERSIZED)
async def test_an_oversized_id_in_a_body_is_a_422(
    app: FastAPI, client: httpx.AsyncClient, field: str, oversized: int
) -> None:
    alice = await ready_to_pay(app, client, "Alice")
    bob = await create_person(app, "Bob")
    body = {"to": bob.id, "amount": "1.00", "pin": PIN} | {field: str(oversized)}
    response = await client.post(
        "/v1/wallet/transfers", headers=alice.auth | {"Idempotency-Key": "k1"}, json=body
    )
    assert_problem(response, 422, "request.invalid", field)
    assert await balance(client, alice) == 10000
    await books_balance(app)


async def test_an_out_of_range_cursor_is_a_422_on_every_paged_route(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    alice = await create_person(app, "Alice")
    paged = [
        (method, path)
        for method, path, operation in operations(app)
        if any(
            p["name"] == "cursor" and p["schema"].get("anyOf", [{}])[0].get("type") == "string"
            for p in parameters(operation, "query")
        )
    ]
    assert len(paged) >= 4  # the walk finds the routes that use kit.pagination
    for method, path in paged:
        for last_id in [*OVERSIZED, 0]:
            url = f"{fill(path)}?cursor={encode_cursor(last_id)}"
            response = await call(client, method, url, alice)
            assert response.status_code == 422, f"{method.upper()} {url}: {response.text}"
            assert_problem(response, 422, "pagination.cursor_invalid", "cursor")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/v1/sync?cursor={}", "cursor"),
        ("/v1/conversations/1/messages?before_seq={}", "before_seq"),
    ],
)
@pytest.mark.parametrize("oversized", OVERSIZED)
async def test_an_oversized_sequence_number_is_a_422(
    app: FastAPI, client: httpx.AsyncClient, url: str, field: str, oversized: int
) -> None:
    """Sequence numbers are BIGINT columns too (the realtime and chat-history cursors)."""
    alice = await create_person(app, "Alice")
    response = await client.get(url.format(oversized), headers=alice.auth)
    assert_problem(response, 422, "request.invalid", field)
