"""Versions' states: development -> trial -> under review -> released or rejected, the
platform's review by admins only, and rollback to an earlier release."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import create_app, step, upload_ok


@pytest.fixture
async def app_id(client: httpx.AsyncClient, alice: Person) -> str:
    app_id: str = (await create_app(client, alice))["app_id"]
    return app_id


async def status_of(client: httpx.AsyncClient, alice: Person, app_id: str, version: str) -> str:
    response = await client.get(f"/v1/miniapps/{app_id}/versions/{version}", headers=alice.auth)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


async def live_version(client: httpx.AsyncClient, alice: Person, app_id: str) -> str | None:
    response = await client.get(f"/v1/miniapps/{app_id}", headers=alice.auth)
    live: str | None = response.json()["live_version"]
    return live


async def ok(response: Awaitable[httpx.Response]) -> Any:
    """The JSON of a 200 answer."""
    answered = await response
    assert answered.status_code == 200, answered.text
    return answered.json()


async def release(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str, version: str
) -> None:
    await upload_ok(client, alice, app_id, version)
    await ok(step(client, alice, app_id, version, "submit"))
    await ok(step(client, root, app_id, version, "approve"))


async def test_from_development_through_trial_and_review_to_release(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    trial = await ok(step(client, alice, app_id, "1.0.0", "trial"))
    assert trial["status"] == "trial"
    submitted = await ok(step(client, alice, app_id, "1.0.0", "submit"))
    assert submitted["status"] == "under_review"
    assert submitted["submitted_at"] is not None
    queue = await ok(client.get("/v1/miniapps/review-queue", headers=root.auth))
    assert [(item["app"]["app_id"], item["version"]["version"]) for item in queue] == [
        (app_id, "1.0.0")
    ]
    assert queue[0]["developer"] == "Coffee Co"
    released = await ok(step(client, root, app_id, "1.0.0", "approve"))
    assert (released["status"], released["live"]) == ("released", True)
    assert await live_version(client, alice, app_id) == "1.0.0"
    assert await ok(client.get("/v1/miniapps/review-queue", headers=root.auth)) == []


async def test_a_version_can_be_submitted_without_a_trial(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await release(client, alice, root, app_id, "1.0.0")
    assert await status_of(client, alice, app_id, "1.0.0") == "released"


async def test_rejection_keeps_the_live_version_and_gives_the_reason(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await release(client, alice, root, app_id, "1.0.0")
    await upload_ok(client, alice, app_id, "1.1.0")
    await ok(step(client, alice, app_id, "1.1.0", "submit"))
    rejected = await ok(
        step(client, root, app_id, "1.1.0", "reject", reason="The menu page is empty.")
    )
    assert (rejected["status"], rejected["reject_reason"]) == (
        "rejected",
        "The menu page is empty.",
    )
    assert await live_version(client, alice, app_id) == "1.0.0"
    again = await step(client, alice, app_id, "1.1.0", "submit")
    assert_problem(again, 409, "miniapps.transition_not_allowed", None)


@pytest.mark.parametrize(
    ("reached", "action", "by_admin"),
    [
        ("development", "approve", True),
        ("development", "reject", True),
        ("trial", "trial", False),
        ("trial", "approve", True),
        ("under_review", "trial", False),
        ("under_review", "submit", False),
        ("released", "trial", False),
        ("released", "submit", False),
        ("released", "approve", True),
        ("released", "reject", True),
        ("rejected", "trial", False),
        ("rejected", "approve", True),
    ],
)
async def test_illegal_transitions_are_refused(
    client: httpx.AsyncClient,
    alice: Person,
    root: Person,
    app_id: str,
    reached: str,
    action: str,
    by_admin: bool,
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    paths: dict[str, list[tuple[Person, str, dict[str, str]]]] = {
        "development": [],
        "trial": [(alice, "trial", {})],
        "under_review": [(alice, "submit", {})],
        "released": [(alice, "submit", {}), (root, "approve", {})],
        "rejected": [(alice, "submit", {}), (root, "reject", {"reason": "No."})],
    }
    for who, taken, body in paths[reached]:
        await ok(step(client, who, app_id, "1.0.0", taken, **body))
    body = {"reason": "No."} if action == "reject" else {}
    refused = await step(client, root if by_admin else alice, app_id, "1.0.0", action, **body)
    assert_problem(refused, 409, "miniapps.transition_not_allowed", None)
    assert await status_of(client, alice, app_id, "1.0.0") == reached


async def test_one_version_is_under_review_at_a_time(
    client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    await upload_ok(client, alice, app_id, "1.0.1")
    await ok(step(client, alice, app_id, "1.0.0", "submit"))
    refused = await step(client, alice, app_id, "1.0.1", "submit")
    assert_problem(refused, 409, "miniapps.review_pending", None)
    assert await status_of(client, alice, app_id, "1.0.1") == "development"


async def test_only_admins_review(
    client: httpx.AsyncClient, alice: Person, bob: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    await ok(step(client, alice, app_id, "1.0.0", "submit"))
    for who in (alice, bob):
        queue = await client.get("/v1/miniapps/review-queue", headers=who.auth)
        assert_problem(queue, 403, "miniapps.not_admin", None)
        approved = await step(client, who, app_id, "1.0.0", "approve")
        assert_problem(approved, 403, "miniapps.not_admin", None)
        rejected = await step(client, who, app_id, "1.0.0", "reject", reason="Mine now")
        assert_problem(rejected, 403, "miniapps.not_admin", None)
    assert await status_of(client, alice, app_id, "1.0.0") == "under_review"
    assert await live_version(client, alice, app_id) is None


async def test_admins_review_but_do_not_manage_others_apps(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    submitted = await step(client, root, app_id, "1.0.0", "submit")
    assert_problem(submitted, 404, "miniapps.not_found", None)
    missing = await step(client, root, app_id, "9.9.9", "approve")
    assert_problem(missing, 404, "miniapps.version_not_found", None)
    unknown = await step(client, root, "px0000000000000000", "1.0.0", "approve")
    assert_problem(unknown, 404, "miniapps.not_found", None)


async def test_a_reason_is_needed_to_reject(
    client: httpx.AsyncClient, alice: Person, root: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    await ok(step(client, alice, app_id, "1.0.0", "submit"))
    refused = await step(client, root, app_id, "1.0.0", "reject", reason="   ")
    assert_problem(refused, 422, "request.invalid", "reason")
    assert await status_of(client, alice, app_id, "1.0.0") == "under_review"


async def rollback(
    client: httpx.AsyncClient, person: Person, app_id: str, version: str
) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{app_id}/rollback", headers=person.auth, json={"version": version}
    )


async def test_rollback_to_an_earlier_release(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person, app_id: str
) -> None:
    await release(client, alice, root, app_id, "1.0.0")
    await release(client, alice, root, app_id, "1.1.0")
    assert await live_version(client, alice, app_id) == "1.1.0"
    await upload_ok(client, alice, app_id, "1.2.0")
    assert_problem(
        await rollback(client, alice, app_id, "1.2.0"), 409, "miniapps.not_released", "version"
    )
    assert_problem(
        await rollback(client, alice, app_id, "1.1.0"), 409, "miniapps.already_live", "version"
    )
    assert_problem(
        await rollback(client, alice, app_id, "0.9.0"), 404, "miniapps.version_not_found", None
    )
    assert_problem(await rollback(client, bob, app_id, "1.0.0"), 404, "miniapps.not_found", None)
    assert await live_version(client, alice, app_id) == "1.1.0"
    rolled = await rollback(client, alice, app_id, "1.0.0")
    assert rolled.status_code == 200, rolled.text
    assert (rolled.json()["version"], rolled.json()["live"]) == ("1.0.0", True)
    assert await live_version(client, alice, app_id) == "1.0.0"
    listed = await ok(client.get(f"/v1/miniapps/{app_id}/versions", headers=alice.auth))
    assert [(v["version"], v["status"], v["live"]) for v in listed] == [
        ("1.2.0", "development", False),
        ("1.1.0", "released", False),
        ("1.0.0", "released", True),
    ]


async def test_the_version_in_the_path_is_bounded(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    response = await step(client, alice, app_id, "1" * 33, "submit")
    assert_problem(response, 422, "request.invalid", "version")
    malformed = await client.get("/v1/miniapps/not-an-app-id", headers=alice.auth)
    assert_problem(malformed, 422, "request.invalid", "appid")
