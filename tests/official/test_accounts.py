"""Applying for an official account, admin review, the directory and following."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person
from tests.official.helpers import (
    apply,
    assert_problem,
    follow,
    get_json,
    row_counts,
    try_apply,
    upload,
    verified_account,
)


async def test_an_application_is_pending_and_its_operator_sees_it(
    client: httpx.AsyncClient, olivia: Person, fred: Person
) -> None:
    avatar = await upload(client, olivia)
    licence = await upload(client, olivia, "file")
    applied = await apply(
        client, olivia, name="Plaza Daily", avatar_id=avatar, document_ids=[licence]
    )
    assert applied["status"] == "pending"
    assert applied["type"] == "subscription"
    assert applied["document_ids"] == [licence]
    assert applied["avatar_url"].startswith("/media/")
    assert applied["follower_count"] == 0
    assert applied["menu"] == []
    assert [a["id"] for a in await get_json(client, olivia, "/mine")] == [applied["id"]]
    assert await get_json(client, fred, "/mine") == []
    # Nobody else finds or opens a pending account.
    assert await get_json(client, fred, "/accounts?query=daily") == []
    hidden = await client.get(f"/v1/official/accounts/{applied['id']}", headers=fred.auth)
    assert_problem(hidden, 404, "official.account_not_found")
    mine = await client.get(f"/v1/official/accounts/{applied['id']}", headers=olivia.auth)
    assert mine.status_code == 200
    assert mine.json()["status"] == "pending"


async def test_admin_approves_and_the_account_is_in_the_directory(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    applied = await apply(client, olivia, name="Plaza City Services", type="service")
    queue = await get_json(client, root, "/applications?status=pending")
    assert [a["id"] for a in queue] == [applied["id"]]
    approved = await client.post(
        f"/v1/official/applications/{applied['id']}/approve", headers=root.auth
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "verified"
    assert await get_json(client, root, "/applications?status=pending") == []
    found = await get_json(client, fred, "/accounts?query=city")
    assert [(a["name"], a["type"], a["following"]) for a in found] == [
        ("Plaza City Services", "service", False)
    ]
    again = await client.post(
        f"/v1/official/applications/{applied['id']}/reject",
        headers=root.auth,
        json={"reason": "late"},
    )
    assert_problem(again, 409, "official.not_pending")


async def test_rejection_gives_the_reason_and_frees_the_name(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    applied = await apply(client, olivia, name="Plaza Daily")
    assert_problem(await try_apply(client, fred, name="plaza daily"), 409, "official.name_taken")
    rejected = await client.post(
        f"/v1/official/applications/{applied['id']}/reject",
        headers=root.auth,
        json={"reason": "The licence is unreadable."},
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    mine = await get_json(client, olivia, "/mine")
    assert mine[0]["reject_reason"] == "The licence is unreadable."
    assert (await try_apply(client, fred, name="Plaza Daily")).status_code == 201


async def test_only_admins_review(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person, fred: Person
) -> None:
    applied = await apply(client, olivia)
    before = await row_counts(app)
    listed = await client.get("/v1/official/applications", headers=fred.auth)
    assert_problem(listed, 403, "miniapps.not_admin")
    approved = await client.post(
        f"/v1/official/applications/{applied['id']}/approve", headers=olivia.auth
    )
    assert_problem(approved, 403, "miniapps.not_admin")
    assert await row_counts(app) == before
    assert (await get_json(client, olivia, "/mine"))[0]["status"] == "pending"


async def test_admins_and_the_operator_open_the_application_documents(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person
) -> None:
    licence, permit = await upload(client, olivia, "file"), await upload(client, olivia, "file")
    applied = await apply(client, olivia, document_ids=[permit, licence])
    path = f"/v1/official/applications/{applied['id']}/documents"
    for reviewer in (root, olivia):
        documents = (await client.get(path, headers=reviewer.auth)).json()
        assert [d["id"] for d in documents] == [permit, licence]
        assert documents[0]["name"] == "doc.pdf"
        opened = await client.get(documents[0]["url"])
        assert opened.content == b"%PDF-1.4 licence"
    assert_problem(await client.get(path, headers=fred.auth), 403, "miniapps.not_admin")


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"name": "X"}, "request.invalid", "name"),
        ({"name": "N" * 31}, "request.invalid", "name"),
        ({"type": "enterprise"}, "request.invalid", "type"),
        ({"description": "d" * 201}, "request.invalid", "description"),
        ({"document_ids": []}, "request.invalid", "document_ids"),
        ({"document_ids": ["1"] * 6}, "request.invalid", "document_ids"),
        ({"document_ids": ["123"]}, "official.upload_invalid", "document_ids"),
        ({"avatar_id": "123"}, "official.upload_invalid", "avatar_id"),
    ],
)
async def test_a_bad_application_changes_nothing(
    client: httpx.AsyncClient,
    app: FastAPI,
    olivia: Person,
    fields: dict[str, object],
    code: str,
    field: str,
) -> None:
    before = await row_counts(app)
    response = await try_apply(client, olivia, **fields)
    body = assert_problem(response, 422, code)
    assert body["field"] == field
    assert await row_counts(app) == before


async def test_someone_elses_upload_or_a_file_avatar_is_refused(
    client: httpx.AsyncClient, olivia: Person, fred: Person
) -> None:
    freds = await upload(client, fred, "file")
    response = await try_apply(client, olivia, document_ids=[freds])
    assert_problem(response, 422, "official.upload_invalid")
    file_avatar = await upload(client, olivia, "file")
    response = await try_apply(client, olivia, avatar_id=file_avatar)
    assert_problem(response, 422, "official.upload_invalid")


async def test_follow_and_unfollow(
    client: httpx.AsyncClient, olivia: Person, root: Person, fred: Person, gina: Person
) -> None:
    account = await verified_account(client, olivia, root)
    followed = await follow(client, fred, account["id"])
    assert followed["following"] is True
    assert followed["follower_count"] == 1
    assert (await follow(client, fred, account["id"]))["follower_count"] == 1  # twice is once
    await follow(client, gina, account["id"])
    profile = await get_json(client, fred, f"/accounts/{account['id']}")
    assert profile["following"] is True
    assert profile["follower_count"] == 2
    assert [a["id"] for a in await get_json(client, fred, "/following")] == [account["id"]]
    left = await client.delete(f"/v1/official/accounts/{account['id']}/follow", headers=fred.auth)
    assert left.status_code == 200, left.text
    assert left.json()["following"] is False
    assert left.json()["follower_count"] == 1
    assert await get_json(client, fred, "/following") == []
    again = await client.delete(f"/v1/official/accounts/{account['id']}/follow", headers=fred.auth)
    assert again.json()["follower_count"] == 1


async def test_an_unverified_account_cannot_be_followed(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person, fred: Person
) -> None:
    applied = await apply(client, olivia)
    before = await row_counts(app)
    by_fred = await client.post(f"/v1/official/accounts/{applied['id']}/follow", headers=fred.auth)
    assert_problem(by_fred, 404, "official.account_not_found")
    by_operator = await client.post(
        f"/v1/official/accounts/{applied['id']}/follow", headers=olivia.auth
    )
    assert_problem(by_operator, 409, "official.not_verified")
    assert await row_counts(app) == before
