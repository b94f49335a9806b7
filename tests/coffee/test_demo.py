"""`plaza demo` releases the coffee sample through the console's own code paths and leaves
its server's credentials where `plaza serve` finds them; running it again reuses all of it."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from plaza import demo
from plaza.config import Settings
from plaza.media.storage import LocalMediaStorage
from tests.conftest import create_person_in


async def seed(app: FastAPI, settings: Settings) -> demo.CoffeeSample:
    sample = await demo.seed_coffee(
        app.state.database, LocalMediaStorage(settings.media_dir), settings
    )
    assert sample is not None
    return sample


@pytest.fixture
async def demo_people(app: FastAPI, settings: Settings) -> None:
    await demo.seed(
        app.state.database,
        LocalMediaStorage(settings.media_dir),
        settings,
        on_progress=lambda _person, _new: None,
    )


def saved(sample: demo.CoffeeSample) -> dict[str, object]:
    config: dict[str, object] = json.loads(sample.config_path.read_text())
    return config


async def token_answer(client: httpx.AsyncClient, config: dict[str, object]) -> int:
    body = {"app_id": config["app_id"], "app_secret": config["app_secret"]}
    return (await client.post("/open/v1/token", json=body)).status_code


async def test_the_sample_is_released_once_and_its_credentials_kept_private(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_people: None
) -> None:
    first = await seed(app, settings)
    config = saved(first)
    assert stat.S_IMODE(first.config_path.stat().st_mode) == 0o600
    assert first.config_path == settings.media_dir.parent / "coffee.json"
    assert (config["app_id"], config["port"], config["host"]) == (first.app_id, 8010, "127.0.0.1")
    assert str(config["template_id"]).startswith("tpl_")
    assert await token_answer(client, config) == 200

    reader = await create_person_in(app.state.database, "Reader")
    entry = await client.get(f"/v1/miniapps/directory/{first.app_id}", headers=reader.auth)
    assert entry.status_code == 200, entry.text
    assert (entry.json()["name"], entry.json()["live_version"]) == ("Coffee", first.version)
    page = await client.get("/", headers={"Host": f"{first.app_id}.apps.localhost"})
    assert page.status_code == 200
    assert "connect-src http://127.0.0.1:8010;" in page.headers["content-security-policy"]
    assert b"menu.js" in page.content

    again = await seed(app, settings)
    assert again == first
    assert saved(again) == config  # the same app, secret and template


async def test_a_lost_credentials_file_gets_a_new_secret(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_people: None
) -> None:
    old = saved(await seed(app, settings))
    demo.coffee_config_path(settings).unlink()
    new = saved(await seed(app, settings))
    assert (new["app_id"], new["template_id"]) == (old["app_id"], old["template_id"])
    assert new["app_secret"] != old["app_secret"]
    assert await token_answer(client, old) == 401
    assert await token_answer(client, new) == 200


async def test_a_new_bundle_version_is_released_on_the_next_run(
    app: FastAPI,
    client: httpx.AsyncClient,
    settings: Settings,
    demo_people: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = await seed(app, settings)
    copy = tmp_path / "coffee"
    shutil.copytree(demo.COFFEE_DIR / "bundle", copy / "bundle")
    manifest = json.loads((copy / "bundle" / "manifest.json").read_text())
    (copy / "bundle" / "manifest.json").write_text(json.dumps(manifest | {"version": "9.9.9"}))
    monkeypatch.setattr(demo, "COFFEE_DIR", copy)
    second = await seed(app, settings)
    assert (second.app_id, second.version) == (first.app_id, "9.9.9")
    reader = await create_person_in(app.state.database, "Reader")
    entry = await client.get(f"/v1/miniapps/directory/{first.app_id}", headers=reader.auth)
    assert entry.json()["live_version"] == "9.9.9"


async def test_without_the_demo_people_there_is_no_sample(app: FastAPI, settings: Settings) -> None:
    assert (
        await demo.seed_coffee(app.state.database, LocalMediaStorage(settings.media_dir), settings)
        is None
    )
    assert not demo.coffee_config_path(settings).exists()
