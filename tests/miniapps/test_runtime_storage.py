"""``plaza.storage`` on the server: per mini-program and person, 1,024 keys of up to 4,096
bytes, a refused write changing nothing."""

from __future__ import annotations

from urllib.parse import quote

import anyio
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from plaza.kit import clock
from plaza.miniapps import repository as miniapps
from plaza.miniapps.runtime.models import StorageItem, StorageUsage
from plaza.miniapps.runtime.schemas import STORAGE_KEYS_MAX
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import create_app, step, upload_ok
from tests.miniapps.test_runtime_directory import release
from tests.miniapps.test_versions import ok


def item(app_id: str, key: str) -> str:
    return f"/v1/miniapps/{app_id}/storage/{quote(key, safe='')}"


async def put(
    client: httpx.AsyncClient, person: Person, app_id: str, key: str, value: str
) -> httpx.Response:
    return await client.put(item(app_id, key), headers=person.auth, json={"value": value})


async def put_ok(
    client: httpx.AsyncClient, person: Person, app_id: str, key: str, value: str
) -> None:
    response = await put(client, person, app_id, key, value)
    assert response.status_code == 204, response.text


async def value_of(client: httpx.AsyncClient, person: Person, app_id: str, key: str) -> str:
    found = await ok(client.get(item(app_id, key), headers=person.auth))
    assert found["key"] == key
    value: str = found["value"]
    return value


async def keys_of(client: httpx.AsyncClient, person: Person, app_id: str) -> list[str]:
    keys: list[str] = (await ok(client.get(f"/v1/miniapps/{app_id}/storage", headers=person.auth)))[
        "keys"
    ]
    return keys


@pytest.fixture
async def coffee(client: httpx.AsyncClient, alice: Person, root: Person) -> str:
    return await release(client, alice, root, "Coffee")


async def test_set_get_replace_remove(client: httpx.AsyncClient, bob: Person, coffee: str) -> None:
    assert await keys_of(client, bob, coffee) == []
    assert_problem(
        await client.get(item(coffee, "cart"), headers=bob.auth),
        404,
        "storage.key_not_found",
        "key",
    )
    await put_ok(client, bob, coffee, "cart", '{"latte": 2}')
    await put_ok(client, bob, coffee, "user/settings ☕", "dark")
    assert await value_of(client, bob, coffee, "cart") == '{"latte": 2}'
    assert await value_of(client, bob, coffee, "user/settings ☕") == "dark"
    await put_ok(client, bob, coffee, "cart", "")
    assert await value_of(client, bob, coffee, "cart") == ""
    assert await keys_of(client, bob, coffee) == ["cart", "user/settings ☕"]

    for _ in range(2):  # removing what is not there is fine too
        removed = await client.delete(item(coffee, "cart"), headers=bob.auth)
        assert removed.status_code == 204, removed.text
    assert await keys_of(client, bob, coffee) == ["user/settings ☕"]


async def test_values_are_4096_bytes_at_most(
    client: httpx.AsyncClient, bob: Person, coffee: str
) -> None:
    await put_ok(client, bob, coffee, "ascii", "a" * 4096)
    await put_ok(client, bob, coffee, "chinese", "咖" * 1365)  # 4,095 bytes
    for value in ("a" * 4097, "咖" * 1366):
        response = await put(client, bob, coffee, "ascii", value)
        assert_problem(response, 422, "storage.value_too_large", "value")
    assert await value_of(client, bob, coffee, "ascii") == "a" * 4096, "nothing changed"
    response = await put(client, bob, coffee, "nul", "a\u0000b")
    assert_problem(response, 422, "request.invalid", "value")
    assert await keys_of(client, bob, coffee) == ["ascii", "chinese"]


async def test_keys_are_1_to_128_characters(
    client: httpx.AsyncClient, bob: Person, coffee: str
) -> None:
    await put_ok(client, bob, coffee, "k" * 128, "v")
    for key in ("k" * 129, "tab\there"):
        assert_problem(await put(client, bob, coffee, key, "v"), 422, "request.invalid", "key")
    response = await client.put(
        f"/v1/miniapps/{coffee}/storage/", headers=bob.auth, json={"value": "v"}
    )
    assert_problem(response, 422, "request.invalid", "key")
    assert await keys_of(client, bob, coffee) == ["k" * 128]


async def fill(
    client: httpx.AsyncClient, app: FastAPI, person: Person, app_id: str, count: int
) -> None:
    """``count`` keys: the first through the API, the rest written in one statement with
    the count they make (a thousand requests would only make the test slow)."""
    await put_ok(client, person, app_id, "key-0000", "v")
    async with app.state.database.unit_of_work() as session:
        miniapp = await miniapps.get_app_or_none(session, app_id)
        assert miniapp is not None
        now = clock.now()
        session.add_all(
            StorageItem(
                miniapp_id=miniapp.id,
                account_id=person.account_id,
                key=f"key-{number:04d}",
                value="v",
                updated_at=now,
            )
            for number in range(1, count)
        )
        await session.execute(
            update(StorageUsage)
            .where(
                StorageUsage.miniapp_id == miniapp.id,
                StorageUsage.account_id == person.account_id,
            )
            .values(key_count=count)
        )


async def test_1024_keys_per_person_and_app(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    bob: Person,
    root: Person,
    coffee: str,
) -> None:
    taxi = await release(client, alice, root, "Taxi")
    await fill(client, app, bob, coffee, STORAGE_KEYS_MAX - 1)
    await put_ok(client, bob, coffee, "last", "v")  # the 1,024th

    response = await put(client, bob, coffee, "one-too-many", "v")
    assert_problem(response, 422, "storage.quota_exceeded", "key")
    assert_problem(
        await client.get(item(coffee, "one-too-many"), headers=bob.auth),
        404,
        "storage.key_not_found",
        "key",
    )
    await put_ok(client, bob, coffee, "key-0000", "replaced at the limit")
    assert await value_of(client, bob, coffee, "key-0000") == "replaced at the limit"
    await put_ok(client, alice, coffee, "mine", "v")  # another person has their own quota
    await put_ok(client, bob, taxi, "mine", "v")  # and so has another app

    removed = await client.delete(item(coffee, "last"), headers=bob.auth)
    assert removed.status_code == 204
    await put_ok(client, bob, coffee, "one-too-many", "now it fits")
    assert len(await keys_of(client, bob, coffee)) == STORAGE_KEYS_MAX

    async with app.state.database.sessionmaker() as session:
        counts = await session.execute(
            select(StorageUsage.key_count).order_by(StorageUsage.key_count.desc())
        )
        assert [count for (count,) in counts] == [STORAGE_KEYS_MAX, 1, 1]
        stored = await session.scalar(select(func.count()).select_from(StorageItem))
        assert stored == STORAGE_KEYS_MAX + 2


async def test_each_person_and_app_has_its_own_storage(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person, coffee: str
) -> None:
    taxi = await release(client, alice, root, "Taxi")
    await put_ok(client, bob, coffee, "name", "bob in coffee")
    await put_ok(client, alice, coffee, "name", "alice in coffee")
    await put_ok(client, bob, taxi, "name", "bob in taxi")

    assert await value_of(client, bob, coffee, "name") == "bob in coffee"
    assert await value_of(client, alice, coffee, "name") == "alice in coffee"
    assert await value_of(client, bob, taxi, "name") == "bob in taxi"
    assert await keys_of(client, alice, taxi) == []

    removed = await client.delete(item(coffee, "name"), headers=alice.auth)
    assert removed.status_code == 204
    assert await value_of(client, bob, coffee, "name") == "bob in coffee"


async def test_storage_needs_an_openable_app(
    client: httpx.AsyncClient, alice: Person, bob: Person
) -> None:
    draft = (await create_app(client, alice, "Draft"))["app_id"]
    await upload_ok(client, alice, draft)
    for response in (
        await put(client, bob, draft, "k", "v"),
        await client.get(item(draft, "k"), headers=bob.auth),
        await client.delete(item(draft, "k"), headers=bob.auth),
        await client.get(f"/v1/miniapps/{draft}/storage", headers=bob.auth),
    ):
        assert_problem(response, 404, "miniapps.not_found", None)
    assert (await client.get(f"/v1/miniapps/{draft}/storage")).status_code == 401

    await ok(step(client, alice, draft, "1.0.0", "trial"))
    testers = await client.put(
        f"/v1/miniapps/{draft}/testers", headers=alice.auth, json={"plaza_ids": [bob.plaza_id]}
    )
    assert testers.status_code == 200
    await put_ok(client, bob, draft, "k", "a tester's")
    assert await value_of(client, bob, draft, "k") == "a tester's"


async def test_concurrent_new_keys_cannot_overshoot_the_quota(
    app: FastAPI, client: httpx.AsyncClient, bob: Person, coffee: str
) -> None:
    await fill(client, app, bob, coffee, STORAGE_KEYS_MAX - 1)
    statuses: list[int] = []

    async def write(number: int) -> None:
        statuses.append((await put(client, bob, coffee, f"racer-{number}", "v")).status_code)

    async with anyio.create_task_group() as group:
        for number in range(5):
            group.start_soon(write, number)
    assert sorted(statuses) == [204, 422, 422, 422, 422]
    assert len(await keys_of(client, bob, coffee)) == STORAGE_KEYS_MAX
