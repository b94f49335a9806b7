"""A mini-program page shared into a chat: a card naming the app, only for apps the
sender can open, and the same card again on a retry."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.chat.helpers import history, new_client_msg_id, open_direct
from tests.conftest import Person, befriend, create_person
from tests.miniapps.kit import mini_program, problem


async def share(
    client: httpx.AsyncClient,
    sender: Person,
    conversation_id: str,
    card: dict[str, str],
    client_msg_id: str | None = None,
) -> httpx.Response:
    return await client.post(
        f"/v1/conversations/{conversation_id}/messages",
        headers=sender.auth,
        json={
            "client_msg_id": client_msg_id or new_client_msg_id(),
            "kind": "miniapp",
            "miniapp": card,
        },
    )


async def test_a_shared_page_arrives_as_a_card_naming_the_app(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    coffee = await mini_program(app, client, "Coffee")
    ann, ben = await create_person(app, "Ann"), await create_person(app, "Ben")
    await befriend(client, ann, ben)
    chat = await open_direct(client, ann, ben)
    card = {"app_id": coffee.app.app_id, "path": "/pages/menu?cup=large", "title": "Flat white"}

    sent = await share(client, ann, chat, card, client_msg_id="share-1")
    again = await share(client, ann, chat, card, client_msg_id="share-1")

    assert sent.status_code == 201, sent.text
    assert again.status_code == 200, again.text
    assert again.json()["id"] == sent.json()["id"]
    [message] = await history(client, ben, chat)
    assert message["kind"] == "miniapp"
    assert message["content"] == card | {"app_name": "Coffee"}


async def test_only_pages_of_apps_the_sender_can_open_are_shared(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    ann, ben = await create_person(app, "Ann"), await create_person(app, "Ben")
    await befriend(client, ann, ben)
    chat = await open_direct(client, ann, ben)

    unknown = await share(client, ann, chat, {"app_id": "px0123456789abcdef", "title": "Hi"})
    bad_path = await share(
        client, ann, chat, {"app_id": "px0123456789abcdef", "path": "no-slash", "title": "Hi"}
    )
    no_title = await share(client, ann, chat, {"app_id": "px0123456789abcdef", "title": " "})

    problem(unknown, 404, "miniapps.not_found")
    assert bad_path.status_code == 422, bad_path.text
    assert no_title.status_code == 422, no_title.text
    assert await history(client, ben, chat) == []
