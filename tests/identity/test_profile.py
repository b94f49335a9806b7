"""Profile editing, Plaza IDs and avatars."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image

from plaza.kit.clock import ManualClock
from tests.conftest import bearer, sign_in
from tests.identity.test_sign_in import assert_problem

ALICE = "+12025550101"
BOB = "+12025550102"


@pytest.fixture
async def alice(client: httpx.AsyncClient, app: FastAPI) -> dict[str, str]:
    body = await sign_in(client, app, ALICE)
    return bearer(body["token"])


def image_bytes(fmt: str, size: tuple[int, int] = (800, 600), **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (7, 193, 96)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


async def test_set_up_the_profile(client: httpx.AsyncClient, alice: dict[str, str]) -> None:
    response = await client.patch(
        "/v1/me",
        headers=alice,
        json={"display_name": "  Alice  ", "bio": "Hi there", "region": "US"},
    )
    assert response.status_code == 200, response.text
    me = response.json()
    assert (me["display_name"], me["bio"], me["region"]) == ("Alice", "Hi there", "US")
    assert me["profile_complete"] is True
    assert (await client.get("/v1/me", headers=alice)).json() == me


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 33}, "display_name"),
        ({"bio": "x" * 121}, "bio"),
        ({"region": "x" * 65}, "region"),
        ({"nickname": "Al"}, "nickname"),
    ],
)
async def test_invalid_profile_fields_change_nothing(
    client: httpx.AsyncClient, alice: dict[str, str], body: dict[str, str], field: str
) -> None:
    before = (await client.get("/v1/me", headers=alice)).json()
    assert_problem(
        await client.patch("/v1/me", headers=alice, json=body), 422, "request.invalid", field
    )
    assert (await client.get("/v1/me", headers=alice)).json() == before


@pytest.mark.parametrize("plaza_id", ["abc", "1alice", "alice!", "a" * 21, "_alice", "ali ce"])
async def test_invalid_plaza_id_is_refused(
    client: httpx.AsyncClient, alice: dict[str, str], plaza_id: str
) -> None:
    before = (await client.get("/v1/me", headers=alice)).json()
    response = await client.patch("/v1/me", headers=alice, json={"plaza_id": plaza_id})
    assert_problem(response, 422, "identity.plaza_id_invalid", "plaza_id")
    assert (await client.get("/v1/me", headers=alice)).json() == before


async def test_taken_plaza_id_is_refused_whatever_its_case(
    client: httpx.AsyncClient, app: FastAPI, alice: dict[str, str]
) -> None:
    assert (await client.patch("/v1/me", headers=alice, json={"plaza_id": "alice_c"})).is_success
    bob = bearer((await sign_in(client, app, BOB))["token"])
    before = (await client.get("/v1/me", headers=bob)).json()
    response = await client.patch(
        "/v1/me", headers=bob, json={"plaza_id": "ALICE_C", "display_name": "Bob"}
    )
    assert_problem(response, 409, "identity.plaza_id_taken", "plaza_id")
    assert (await client.get("/v1/me", headers=bob)).json() == before


async def test_plaza_id_changes_once_a_year(
    client: httpx.AsyncClient, alice: dict[str, str], clock: ManualClock
) -> None:
    first = await client.patch("/v1/me", headers=alice, json={"plaza_id": "alice-1"})
    assert first.status_code == 200
    next_change = first.json()["plaza_id_changeable_at"]
    assert next_change == (clock.now() + timedelta(days=365)).isoformat().replace("+00:00", "Z")

    clock.advance(timedelta(days=364))
    too_soon = await client.patch("/v1/me", headers=alice, json={"plaza_id": "alice-2"})
    assert_problem(too_soon, 409, "identity.plaza_id_change_too_soon", "plaza_id")
    # Sending the current ID again (as a form that re-saves every field does) is fine.
    same = await client.patch("/v1/me", headers=alice, json={"plaza_id": "alice-1"})
    assert same.status_code == 200

    clock.advance(timedelta(days=1))
    later = await client.patch("/v1/me", headers=alice, json={"plaza_id": "alice-2"})
    assert later.status_code == 200
    assert later.json()["plaza_id"] == "alice-2"


async def test_avatar_is_reencoded_into_thumbnails(
    client: httpx.AsyncClient, alice: dict[str, str], settings_media: Path
) -> None:
    response = await client.put(
        "/v1/me/avatar",
        headers=alice,
        files={"file": ("me.png", image_bytes("PNG"), "image/png")},
    )
    assert response.status_code == 200, response.text
    avatar = response.json()["avatar"]
    sizes = {}
    for name in ("original", "small", "medium"):
        served = await client.get(avatar[name])
        assert served.status_code == 200
        with Image.open(io.BytesIO(served.content)) as image:
            assert image.format == "WEBP"
            sizes[name] = image.size
    assert sizes == {"original": (800, 600), "small": (132, 132), "medium": (640, 640)}


async def test_new_avatar_replaces_and_deletes_the_old_files(
    client: httpx.AsyncClient, alice: dict[str, str], settings_media: Path
) -> None:
    upload = {"file": ("a.jpg", image_bytes("JPEG"), "image/jpeg")}
    first = (await client.put("/v1/me/avatar", headers=alice, files=upload)).json()["avatar"]
    second = (await client.put("/v1/me/avatar", headers=alice, files=upload)).json()["avatar"]
    assert first["small"] != second["small"]
    assert (await client.get(first["small"])).status_code == 404
    assert (await client.get(second["small"])).status_code == 200

    removed = await client.delete("/v1/me/avatar", headers=alice)
    assert removed.json()["avatar"] is None
    assert (await client.get(second["small"])).status_code == 404
    assert not any(p.is_file() for p in settings_media.rglob("*"))


async def test_oversize_avatar_is_refused(
    client: httpx.AsyncClient, alice: dict[str, str], settings_media: Path
) -> None:
    big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    response = await client.put(
        "/v1/me/avatar", headers=alice, files={"file": ("big.png", big, "image/png")}
    )
    assert_problem(response, 413, "media.image_too_large", "file")
    assert (await client.get("/v1/me", headers=alice)).json()["avatar"] is None
    assert not settings_media.exists() or not any(settings_media.rglob("*.webp"))


async def test_body_far_over_any_limit_is_refused_before_reading(
    client: httpx.AsyncClient, alice: dict[str, str]
) -> None:
    huge = b"\0" * (9 * 1024 * 1024)
    response = await client.put(
        "/v1/me/avatar", headers=alice, files={"file": ("huge.png", huge, "image/png")}
    )
    assert_problem(response, 413, "request.too_large", None)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt", b"hello, not an image"),
        ("anim.gif", None),
        ("empty.png", b""),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
    ],
)
async def test_non_images_are_refused(
    client: httpx.AsyncClient, alice: dict[str, str], name: str, data: bytes | None
) -> None:
    if data is None:
        data = image_bytes("GIF")
    response = await client.put(
        "/v1/me/avatar", headers=alice, files={"file": (name, data, "image/png")}
    )
    assert_problem(response, 415, "media.image_unsupported", "file")
    assert (await client.get("/v1/me", headers=alice)).json()["avatar"] is None


async def test_decompression_bomb_is_refused(
    client: httpx.AsyncClient, alice: dict[str, str]
) -> None:
    bomb = image_bytes("PNG", size=(10_000, 10_000), optimize=True)
    assert len(bomb) < 5 * 1024 * 1024
    response = await client.put(
        "/v1/me/avatar", headers=alice, files={"file": ("bomb.png", bomb, "image/png")}
    )
    assert_problem(response, 422, "media.image_too_many_pixels", "file")


async def test_public_profile_shows_what_others_may_see(
    client: httpx.AsyncClient, app: FastAPI, alice: dict[str, str]
) -> None:
    await client.patch("/v1/me", headers=alice, json={"display_name": "Alice", "bio": "hi"})
    alice_id = (await client.get("/v1/me", headers=alice)).json()["id"]
    bob = bearer((await sign_in(client, app, BOB))["token"])
    seen = (await client.get(f"/v1/accounts/{alice_id}", headers=bob)).json()
    assert seen["display_name"] == "Alice"
    assert seen["bio"] == "hi"
    assert seen["deleted"] is False
    assert "phone" not in seen

    await client.post("/v1/me/deletion", headers=alice, json={"phone": ALICE})
    gone = (await client.get(f"/v1/accounts/{alice_id}", headers=bob)).json()
    assert (gone["deleted"], gone["display_name"], gone["plaza_id"]) == (True, "", "")

    missing = await client.get("/v1/accounts/12345", headers=bob)
    assert_problem(missing, 404, "identity.account_not_found", "account_id")
