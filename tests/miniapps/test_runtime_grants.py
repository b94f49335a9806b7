"""Me -> Settings -> Mini Program permissions: each mini-program's grants, revocable."""

from __future__ import annotations

import httpx

from tests.conftest import Person
from tests.miniapps.helpers import create_app, step, upload_ok
from tests.miniapps.test_runtime_directory import release
from tests.miniapps.test_versions import ok


async def grant(client: httpx.AsyncClient, person: Person, app_id: str, scope: str) -> None:
    response = await client.post(
        f"/v1/miniapps/{app_id}/consents", headers=person.auth, json={"scope": scope}
    )
    assert response.status_code == 200, response.text


async def grants(client: httpx.AsyncClient, person: Person) -> list[dict[str, object]]:
    found: list[dict[str, object]] = await ok(
        client.get("/v1/me/miniapp-grants", headers=person.auth)
    )
    return found


async def test_grants_by_app_and_revoking_one(
    client: httpx.AsyncClient, alice: Person, bob: Person, root: Person
) -> None:
    assert await grants(client, bob) == []
    taxi = await release(client, alice, root, "taxi")
    coffee = await release(client, alice, root, "Coffee")
    await release(client, alice, root, "Clinic")  # granted nothing
    trial = (await create_app(client, alice, "Beta"))["app_id"]
    await upload_ok(client, alice, trial)
    await ok(step(client, alice, trial, "1.0.0", "trial"))
    testers = await client.put(
        f"/v1/miniapps/{trial}/testers", headers=alice.auth, json={"plaza_ids": [bob.plaza_id]}
    )
    assert testers.status_code == 200

    for app_id, scope in ((coffee, "profile"), (taxi, "location"), (coffee, "phone")):
        await grant(client, bob, app_id, scope)
    await grant(client, bob, trial, "camera")
    await grant(client, alice, coffee, "location")

    entry = await ok(client.get(f"/v1/miniapps/directory/{coffee}", headers=bob.auth))
    taxi_entry = await ok(client.get(f"/v1/miniapps/directory/{taxi}", headers=bob.auth))
    assert await grants(client, bob) == [
        {"app_id": trial, "name": "Beta", "icon_url": None, "scopes": ["camera"]},
        {
            "app_id": coffee,
            "name": "Coffee",
            "icon_url": entry["icon_url"],
            "scopes": ["phone", "profile"],
        },
        {
            "app_id": taxi,
            "name": "taxi",
            "icon_url": taxi_entry["icon_url"],
            "scopes": ["location"],
        },
    ]
    assert [g["scopes"] for g in await grants(client, alice)] == [["location"]]

    revoked = await client.delete(f"/v1/miniapps/{coffee}/consents/phone", headers=bob.auth)
    assert revoked.status_code == 204
    revoked = await client.delete(f"/v1/miniapps/{taxi}/consents/location", headers=bob.auth)
    assert revoked.status_code == 204
    assert [(g["name"], g["scopes"]) for g in await grants(client, bob)] == [
        ("Beta", ["camera"]),
        ("Coffee", ["profile"]),
    ]
    assert (await client.get("/v1/me/miniapp-grants")).status_code == 401
