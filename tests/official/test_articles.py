"""Articles: drafts, Markdown rendered to sanitised HTML (unsafe bodies refused), the
reader, likes, and sharing to a chat."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.official import articles
from tests.chat.helpers import open_direct
from tests.conftest import Person, befriend
from tests.official.helpers import (
    apply,
    assert_problem,
    draft,
    get_json,
    publish,
    row_counts,
    upload,
    verified_account,
)

UNSAFE = [
    "<script>alert(1)</script>",
    "Hi <img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "[click](javascript:alert(1))",
    '<a href="&#106;avascript:alert(1)">click</a>',
    "[x](JAVASCRIPT:alert(1))",
    "![pixel](data:image/svg+xml;base64,PHN2Zz4=)",
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"></svg>',
    "<object data=x></object>",
]


@pytest.fixture
async def account(client: httpx.AsyncClient, olivia: Person, root: Person) -> dict[str, Any]:
    return await verified_account(client, olivia, root)


async def test_a_draft_renders_markdown_to_html(
    client: httpx.AsyncClient, olivia: Person, account: dict[str, Any]
) -> None:
    cover = await upload(client, olivia)
    created = await draft(
        client,
        olivia,
        account["id"],
        title="Spring fair",
        cover_id=cover,
        markdown="# Spring fair\n\nSee **you** [there](https://plaza.example/fair).\n\n"
        "| Day | Time |\n|---|---|\n| Sat | 10:00 |",
    )
    assert created["published_at"] is None
    assert created["cover_id"] == cover
    assert created["cover_url"].startswith("/media/")
    assert "<h1>Spring fair</h1>" in created["html"]
    assert "<strong>you</strong>" in created["html"]
    assert (
        '<a href="https://plaza.example/fair" rel="noopener noreferrer nofollow">'
        in (created["html"])
    )
    assert "<table>" in created["html"]
    drafts = await get_json(client, olivia, f"/accounts/{account['id']}/drafts")
    assert [d["id"] for d in drafts] == [created["id"]]


@pytest.mark.parametrize("markdown", UNSAFE)
async def test_unsafe_markdown_is_refused_and_nothing_is_saved(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person, account: dict[str, Any], markdown: str
) -> None:
    before = await row_counts(app)
    response = await client.post(
        f"/v1/official/accounts/{account['id']}/articles",
        headers=olivia.auth,
        json={"title": "Bad", "markdown": markdown},
    )
    body = assert_problem(response, 422, "official.article_unsafe")
    assert body["field"] == "markdown"
    assert await row_counts(app) == before


@pytest.mark.parametrize("markdown", UNSAFE)
def test_the_sanitiser_removes_what_the_check_refuses(markdown: str) -> None:
    html = articles.sanitise(articles.to_html(markdown))
    assert articles.find_unsafe(html) is None
    for needle in ("<script", "onerror", "onload", "<iframe", "javascript:", "data:", "<style"):
        assert needle not in html.lower()


async def test_editing_a_draft_to_unsafe_changes_nothing(
    client: httpx.AsyncClient, olivia: Person, account: dict[str, Any]
) -> None:
    created = await draft(client, olivia, account["id"])
    response = await client.patch(
        f"/v1/official/articles/{created['id']}",
        headers=olivia.auth,
        json={"title": "New", "markdown": "<script>x</script>"},
    )
    assert_problem(response, 422, "official.article_unsafe")
    drafts = await get_json(client, olivia, f"/accounts/{account['id']}/drafts")
    assert (drafts[0]["title"], drafts[0]["html"]) == (created["title"], created["html"])


async def test_edit_and_delete_a_draft(
    client: httpx.AsyncClient, olivia: Person, account: dict[str, Any]
) -> None:
    cover = await upload(client, olivia)
    created = await draft(client, olivia, account["id"], cover_id=cover)
    edited = await client.patch(
        f"/v1/official/articles/{created['id']}",
        headers=olivia.auth,
        json={"title": "Renamed", "markdown": "*new*", "cover_id": None},
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["title"] == "Renamed"
    assert body["digest"] == created["digest"]
    assert body["html"] == "<p><em>new</em></p>\n"
    assert body["cover_url"] is None
    deleted = await client.delete(f"/v1/official/articles/{created['id']}", headers=olivia.auth)
    assert deleted.status_code == 204
    assert await get_json(client, olivia, f"/accounts/{account['id']}/drafts") == []


async def test_only_the_operator_writes_articles(
    client: httpx.AsyncClient,
    app: FastAPI,
    olivia: Person,
    fred: Person,
    account: dict[str, Any],
) -> None:
    created = await draft(client, olivia, account["id"])
    before = await row_counts(app)
    written = await client.post(
        f"/v1/official/accounts/{account['id']}/articles",
        headers=fred.auth,
        json={"title": "Mine", "markdown": "x"},
    )
    assert_problem(written, 403, "official.not_operator")
    drafts = await client.get(f"/v1/official/accounts/{account['id']}/drafts", headers=fred.auth)
    assert_problem(drafts, 403, "official.not_operator")
    for response in (
        await client.patch(
            f"/v1/official/articles/{created['id']}", headers=fred.auth, json={"title": "x"}
        ),
        await client.delete(f"/v1/official/articles/{created['id']}", headers=fred.auth),
        await client.get(f"/v1/official/articles/{created['id']}", headers=fred.auth),
    ):
        assert_problem(response, 404, "official.article_not_found")
    assert await row_counts(app) == before


async def test_a_pending_account_writes_drafts_but_cannot_broadcast(
    client: httpx.AsyncClient, app: FastAPI, olivia: Person
) -> None:
    applied = await apply(client, olivia)
    created = await draft(client, olivia, applied["id"])
    before = await row_counts(app)
    response = await client.post(
        f"/v1/official/accounts/{applied['id']}/broadcasts",
        headers=olivia.auth,
        json={"article_ids": [created["id"]]},
    )
    assert_problem(response, 409, "official.not_verified")
    assert await row_counts(app) == before


async def test_the_reader_likes_and_the_profile(
    client: httpx.AsyncClient, olivia: Person, fred: Person, gina: Person, account: dict[str, Any]
) -> None:
    sent = await publish(client, olivia, account["id"], "First", "Second")
    first = sent["articles"][0]
    read = await get_json(client, fred, f"/articles/{first['id']}")
    assert read["title"] == "First"
    assert read["html"] == "<h1>Hello</h1>\n<p>World</p>\n"
    assert read["published_at"] is not None
    assert read["account"]["id"] == account["id"]
    assert (read["like_count"], read["liked_by_me"]) == (0, False)
    liked = await client.post(f"/v1/official/articles/{first['id']}/like", headers=fred.auth)
    assert liked.status_code == 200
    assert liked.json()["like_count"] == 1
    assert liked.json()["liked_by_me"] is True
    twice = await client.post(f"/v1/official/articles/{first['id']}/like", headers=fred.auth)
    assert_problem(twice, 409, "official.already_liked")
    by_gina = await get_json(client, gina, f"/articles/{first['id']}")
    assert (by_gina["like_count"], by_gina["liked_by_me"]) == (1, False)
    unliked = await client.delete(f"/v1/official/articles/{first['id']}/like", headers=fred.auth)
    assert (unliked.json()["like_count"], unliked.json()["liked_by_me"]) == (0, False)
    # Published articles are on the profile, in the broadcast's order; drafts are not.
    await draft(client, olivia, account["id"], title="Unpublished")
    page = await get_json(client, fred, f"/accounts/{account['id']}/articles")
    assert [a["title"] for a in page["items"]] == ["First", "Second"]
    assert page["items"][0]["account_name"] == account["name"]
    # A published article never changes.
    edit = await client.patch(
        f"/v1/official/articles/{first['id']}", headers=olivia.auth, json={"title": "x"}
    )
    assert_problem(edit, 409, "official.article_published")


async def test_published_articles_page_newest_broadcast_first(
    client: httpx.AsyncClient, clock: Any, olivia: Person, root: Person, fred: Person
) -> None:
    account = await verified_account(client, olivia, root, type="service")
    await publish(client, olivia, account["id"], "A1", "A2")
    await publish(client, olivia, account["id"], "B1", "B2")
    await publish(client, olivia, account["id"], "C1")
    seen: list[str] = []
    cursor = ""
    while True:
        page = await get_json(client, fred, f"/accounts/{account['id']}/articles?limit=2{cursor}")
        seen += [a["title"] for a in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == ["C1", "B1", "B2", "A1", "A2"]


async def test_share_an_article_to_a_chat(
    client: httpx.AsyncClient, olivia: Person, fred: Person, gina: Person, account: dict[str, Any]
) -> None:
    cover = await upload(client, olivia)
    created = await draft(client, olivia, account["id"], title="Fair", cover_id=cover)
    await client.post(
        f"/v1/official/accounts/{account['id']}/broadcasts",
        headers=olivia.auth,
        json={"article_ids": [created["id"]]},
    )
    await befriend(client, fred, gina)
    conversation = await open_direct(client, fred, gina)
    body = {"conversation_id": conversation, "client_msg_id": "share-1"}
    shared = await client.post(
        f"/v1/official/articles/{created['id']}/share", headers=fred.auth, json=body
    )
    assert shared.status_code == 201, shared.text
    message = shared.json()
    assert message["kind"] == "article"
    assert message["sender_id"] == fred.id
    assert message["content"] == {
        "article_id": created["id"],
        "title": "Fair",
        "digest": created["digest"],
        "cover_url": created["cover_url"],
        "account_name": account["name"],
    }
    retry = await client.post(
        f"/v1/official/articles/{created['id']}/share", headers=fred.auth, json=body
    )
    assert retry.status_code == 200
    assert retry.json()["id"] == message["id"]
    history = await client.get(f"/v1/conversations/{conversation}/messages", headers=gina.auth)
    assert [m["kind"] for m in history.json()["items"]] == ["article"]


async def test_sharing_a_draft_or_into_a_strange_chat_is_refused(
    client: httpx.AsyncClient,
    olivia: Person,
    fred: Person,
    gina: Person,
    account: dict[str, Any],
) -> None:
    created = await draft(client, olivia, account["id"])
    await befriend(client, olivia, gina)
    conversation = await open_direct(client, olivia, gina)
    body = {"conversation_id": conversation, "client_msg_id": "share-2"}
    unpublished = await client.post(
        f"/v1/official/articles/{created['id']}/share", headers=olivia.auth, json=body
    )
    problem = assert_problem(unpublished, 404, "official.article_not_found")
    assert problem["field"] == "article.article_id"
    sent = await publish(client, olivia, account["id"], "Out")
    not_mine = await client.post(
        f"/v1/official/articles/{sent['articles'][0]['id']}/share", headers=fred.auth, json=body
    )
    assert_problem(not_mine, 403, "chat.not_member")
    history = await client.get(f"/v1/conversations/{conversation}/messages", headers=gina.auth)
    assert history.json()["items"] == []


async def test_an_article_message_through_the_chat_api(
    client: httpx.AsyncClient, olivia: Person, fred: Person, gina: Person, account: dict[str, Any]
) -> None:
    sent = await publish(client, olivia, account["id"], "Forwarded")
    await befriend(client, fred, gina)
    conversation = await open_direct(client, fred, gina)
    response = await client.post(
        f"/v1/conversations/{conversation}/messages",
        headers=fred.auth,
        json={
            "client_msg_id": "a-1",
            "kind": "article",
            "article": {"article_id": sent["articles"][0]["id"]},
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["content"]["title"] == "Forwarded"
    missing = await client.post(
        f"/v1/conversations/{conversation}/messages",
        headers=fred.auth,
        json={"client_msg_id": "a-2", "kind": "article"},
    )
    assert_problem(missing, 422, "request.invalid")
