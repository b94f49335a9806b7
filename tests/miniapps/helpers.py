"""Building packages and setting up developers, mini-programs and admins through the API."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from plaza.miniapps import service, versions
from plaza.miniapps.models import MiniAppVersion
from tests.conftest import Person

INDEX = "pages/index/index.html"
ICON = "images/icon.png"
DOMAIN = "api.coffee.example"


def manifest_for(app_id: str, **fields: Any) -> dict[str, Any]:
    """A valid manifest; ``fields`` override its fields (None removes one)."""
    manifest = {
        "id": app_id,
        "name": "Coffee",
        "version": "1.0.0",
        "icon": ICON,
        "pages": [INDEX],
        "permissions": ["profile", "payment"],
        "server_domains": [DOMAIN],
    } | fields
    return {key: value for key, value in manifest.items() if value is not None}


def package(
    manifest: dict[str, Any] | bytes | None,
    *,
    files: dict[str, bytes] | None = None,
    entries: list[tuple[zipfile.ZipInfo, bytes]] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A zip with the manifest (None: without one), the pages and icon it names, ``files``,
    and raw ``entries`` for names a plain write would not allow."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        if manifest is not None:
            data = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
            archive.writestr("manifest.json", data)
        default_files = {INDEX: b"<h1>Coffee</h1>", ICON: b"\x89PNG icon"}
        for name, data in (default_files | (files or {})).items():
            archive.writestr(name, data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a name twice is what some tests want
            for entry, data in entries or []:
                archive.writestr(entry, data)
    return out.getvalue()


async def become_developer(client: httpx.AsyncClient, person: Person) -> None:
    response = await client.post(
        "/v1/miniapps/developer", headers=person.auth, json={"display_name": "Coffee Co"}
    )
    assert response.status_code == 200, response.text


async def create_app(
    client: httpx.AsyncClient, person: Person, name: str = "Coffee", **fields: Any
) -> dict[str, Any]:
    body = {"name": name, "category": "food", "server_domains": [DOMAIN]} | fields
    response = await client.post("/v1/miniapps", headers=person.auth, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def upload(
    client: httpx.AsyncClient, person: Person, app_id: str, data: bytes
) -> httpx.Response:
    return await client.post(
        f"/v1/miniapps/{app_id}/versions",
        headers=person.auth | {"Content-Type": "application/zip"},
        content=data,
    )


async def upload_ok(
    client: httpx.AsyncClient, person: Person, app_id: str, version: str = "1.0.0"
) -> dict[str, Any]:
    response = await upload(client, person, app_id, package(manifest_for(app_id, version=version)))
    assert response.status_code == 201, response.text
    uploaded: dict[str, Any] = response.json()
    return uploaded


async def step(
    client: httpx.AsyncClient, person: Person, app_id: str, version: str, action: str, **body: Any
) -> httpx.Response:
    """POST .../versions/{version}/{action}: trial, submit, approve or reject."""
    return await client.post(
        f"/v1/miniapps/{app_id}/versions/{version}/{action}", headers=person.auth, json=body
    )


async def make_admin(app: FastAPI, person: Person) -> None:
    async with app.state.database.unit_of_work() as session:
        assert await service.set_admin(session, person.plaza_id, is_admin=True) is not None


def bundle_dir(app: FastAPI, app_id: str) -> Path:
    return versions.bundle_root(app.state.settings) / app_id


def stored_files(app: FastAPI, app_id: str) -> list[str]:
    """Every file stored for the app, relative to its directory, and any left in scratch."""
    root = bundle_dir(app, app_id)
    scratch = app.state.settings.media_dir / "scratch"
    found = [str(path.relative_to(root)) for path in root.rglob("*")] if root.exists() else []
    leftovers = [path.name for path in scratch.iterdir()] if scratch.exists() else []
    return sorted(found + leftovers)


async def version_rows(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(MiniAppVersion)) or 0)
