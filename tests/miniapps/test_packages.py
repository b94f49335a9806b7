"""Uploading versions: a package is checked whole, and a refused one leaves nothing behind."""

from __future__ import annotations

import os
import stat
import zipfile
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from plaza.miniapps.packages import MB, PACKAGE_MAX
from tests.conftest import Person
from tests.identity.test_sign_in import assert_problem
from tests.miniapps.helpers import (
    DOMAIN,
    ICON,
    INDEX,
    bundle_dir,
    create_app,
    manifest_for,
    package,
    stored_files,
    upload,
    upload_ok,
    version_rows,
)


@pytest.fixture
async def app_id(client: httpx.AsyncClient, alice: Person) -> str:
    app_id: str = (await create_app(client, alice))["app_id"]
    return app_id


async def test_an_accepted_package_is_unpacked_and_recorded(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    data = package(
        manifest_for(
            app_id, pages=[INDEX, "pages/menu.html"], server_domains=["API.coffee.example"]
        ),
        files={"pages/menu.html": b"<p>menu</p>", "css/app.css": b"body{}"},
    )
    response = await upload(client, alice, app_id, data)
    assert response.status_code == 201, response.text
    version = response.json()
    assert version | {"created_at": None} == {
        "version": "1.0.0",
        "status": "development",
        "live": False,
        "size": len(data),
        "name": "Coffee",
        "icon": ICON,
        "pages": [INDEX, "pages/menu.html"],
        "permissions": ["profile", "payment"],
        "server_domains": ["API.coffee.example"],
        "reject_reason": None,
        "created_at": None,
        "submitted_at": None,
        "reviewed_at": None,
    }
    assert stored_files(app, app_id) == [
        "1.0.0",
        "1.0.0/css",
        "1.0.0/css/app.css",
        "1.0.0/images",
        f"1.0.0/{ICON}",
        "1.0.0/manifest.json",
        "1.0.0/pages",
        "1.0.0/pages/index",
        f"1.0.0/{INDEX}",
        "1.0.0/pages/menu.html",
    ]
    root = bundle_dir(app, app_id)
    assert (root / "1.0.0" / "pages" / "menu.html").read_bytes() == b"<p>menu</p>"
    listed = await client.get(f"/v1/miniapps/{app_id}/versions", headers=alice.auth)
    assert [v["version"] for v in listed.json()] == ["1.0.0"]


async def assert_refused(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    app_id: str,
    data: bytes,
    *,
    status: int,
    code: str,
    field: str | None,
) -> dict[str, Any]:
    """The upload is refused with this problem, and nothing was stored."""
    response = await upload(client, alice, app_id, data)
    assert_problem(response, status, code, field)
    assert stored_files(app, app_id) == []
    assert await version_rows(app) == 0
    listed = await client.get(f"/v1/miniapps/{app_id}/versions", headers=alice.auth)
    assert listed.json() == []
    body: dict[str, Any] = response.json()
    return body


def entry(name: str, *, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


async def test_an_oversize_package_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    noise = os.urandom(PACKAGE_MAX)  # incompressible: the zip is over 2 MB
    data = package(manifest_for(app_id), files={"big.bin": noise})
    assert len(data) > PACKAGE_MAX
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        data,
        status=413,
        code="miniapps.package_too_large",
        field="package",
    )


async def test_a_zip_bomb_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    data = package(manifest_for(app_id), files={"zeros.bin": bytes(11 * MB)})
    assert len(data) < 100_000
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        data,
        status=413,
        code="miniapps.package_too_large",
        field="package",
    )


async def test_all_packages_fit_in_20_mb(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    def big(version: str) -> bytes:
        noise = os.urandom(PACKAGE_MAX - 8 * 1024)
        return package(manifest_for(app_id, version=version), files={"big.bin": noise})

    for minor in range(10):
        response = await upload(client, alice, app_id, big(f"1.{minor}.0"))
        assert response.status_code == 201, response.text
    before = stored_files(app, app_id)
    refused = await upload(client, alice, app_id, big("1.10.0"))
    assert_problem(refused, 413, "miniapps.quota_exceeded", "package")
    assert stored_files(app, app_id) == before
    assert await version_rows(app) == 10


@pytest.mark.parametrize("data", [b"this is not a zip file", b""])
async def test_a_file_that_is_not_a_zip_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str, data: bytes
) -> None:
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        data,
        status=422,
        code="miniapps.package_invalid",
        field="package",
    )


async def test_a_damaged_zip_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    stored = package(
        manifest_for(app_id), files={"a.txt": b"A" * 1000}, compression=zipfile.ZIP_STORED
    )
    damaged = stored.replace(b"A" * 1000, b"B" + b"A" * 999)  # the CRC now lies
    body = await assert_refused(
        app,
        client,
        alice,
        app_id,
        damaged,
        status=422,
        code="miniapps.package_invalid",
        field="package",
    )
    assert "a.txt" in body["detail"]


@pytest.mark.parametrize(
    "name",
    [
        "../evil.html",
        "pages/../../evil.html",
        "/etc/evil.html",
        "pages\\..\\evil.html",
        "C:/evil.html",
        "pages//evil.html",
        "./evil.html",
    ],
)
async def test_unsafe_paths_are_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str, name: str
) -> None:
    data = package(manifest_for(app_id), entries=[(entry(name), b"<script>evil()</script>")])
    body = await assert_refused(
        app, client, alice, app_id, data, status=422, code="miniapps.unsafe_path", field="package"
    )
    assert repr(name) in body["detail"]
    assert not (bundle_dir(app, app_id).parent / "evil.html").exists()


async def test_symbolic_links_are_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    link = entry("pages/secrets", mode=stat.S_IFLNK | 0o777)
    data = package(manifest_for(app_id), entries=[(link, b"/etc/passwd")])
    await assert_refused(
        app, client, alice, app_id, data, status=422, code="miniapps.unsafe_path", field="package"
    )


@pytest.mark.parametrize(
    "entries",
    [
        [(entry("pages/a.html"), b"1"), (entry("pages/a.html"), b"2")],
        [(entry("pages/a"), b"file"), (entry("pages/a/b.html"), b"in a folder of that name")],
    ],
)
async def test_clashing_names_are_refused(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    app_id: str,
    entries: list[tuple[zipfile.ZipInfo, bytes]],
) -> None:
    data = package(manifest_for(app_id), entries=entries)
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        data,
        status=422,
        code="miniapps.package_invalid",
        field="package",
    )


async def test_a_package_without_a_manifest_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    nested = package(None, files={"app/manifest.json": b"{}"})
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        nested,
        status=422,
        code="miniapps.manifest_missing",
        field="manifest",
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"id": None}, "manifest.id"),
        ({"name": None}, "manifest.name"),
        ({"version": None}, "manifest.version"),
        ({"icon": None}, "manifest.icon"),
        ({"pages": None}, "manifest.pages"),
        ({"permissions": None}, "manifest.permissions"),
        ({"server_domains": None}, "manifest.server_domains"),
        ({"version": "1.0"}, "manifest.version"),
        ({"version": "v1.0.0"}, "manifest.version"),
        ({"version": 1}, "manifest.version"),
        ({"pages": []}, "manifest.pages"),
        ({"pages": "index.html"}, "manifest.pages"),
        ({"permissions": ["profile", "contacts"]}, "manifest.permissions.1"),
        ({"name": ""}, "manifest.name"),
    ],
)
async def test_a_manifest_field_missing_or_wrong_is_refused(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    app_id: str,
    fields: dict[str, Any],
    field: str,
) -> None:
    data = package(manifest_for(app_id, **fields))
    await assert_refused(
        app, client, alice, app_id, data, status=422, code="miniapps.manifest_invalid", field=field
    )


@pytest.mark.parametrize("manifest", [b"{not json", b"[1, 2]", b"\xff\xfe"])
async def test_a_manifest_that_is_not_a_json_object_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str, manifest: bytes
) -> None:
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        package(manifest),
        status=422,
        code="miniapps.manifest_invalid",
        field="manifest",
    )


async def test_a_manifest_for_another_app_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    other = (await create_app(client, alice, "Tea"))["app_id"]
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        package(manifest_for(other)),
        status=422,
        code="miniapps.manifest_id_mismatch",
        field="manifest.id",
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"icon": "images/missing.png"}, "manifest.icon"),
        ({"pages": [INDEX, "pages/missing.html"]}, "manifest.pages.1"),
        ({"pages": ["pages/index"]}, "manifest.pages.0"),  # a folder is not a page
    ],
)
async def test_a_manifest_naming_missing_files_is_refused(
    app: FastAPI,
    client: httpx.AsyncClient,
    alice: Person,
    app_id: str,
    fields: dict[str, Any],
    field: str,
) -> None:
    data = package(manifest_for(app_id, **fields))
    await assert_refused(
        app, client, alice, app_id, data, status=422, code="miniapps.file_missing", field=field
    )


async def test_an_undeclared_server_domain_is_refused(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    data = package(manifest_for(app_id, server_domains=[DOMAIN, "tracker.example.net"]))
    await assert_refused(
        app,
        client,
        alice,
        app_id,
        data,
        status=422,
        code="miniapps.domain_not_declared",
        field="manifest.server_domains.1",
    )


async def test_a_version_is_uploaded_once(
    app: FastAPI, client: httpx.AsyncClient, alice: Person, app_id: str
) -> None:
    await upload_ok(client, alice, app_id, "1.0.0")
    before = stored_files(app, app_id)
    again = package(manifest_for(app_id), files={INDEX: b"<h1>changed</h1>"})
    response = await upload(client, alice, app_id, again)
    assert_problem(response, 409, "miniapps.version_exists", "manifest.version")
    assert stored_files(app, app_id) == before
    assert await version_rows(app) == 1
    root = bundle_dir(app, app_id)
    assert (root / "1.0.0" / INDEX).read_bytes() == b"<h1>Coffee</h1>"


async def test_only_the_owner_uploads(
    app: FastAPI, client: httpx.AsyncClient, bob: Person, app_id: str
) -> None:
    response = await upload(client, bob, app_id, package(manifest_for(app_id)))
    assert_problem(response, 404, "miniapps.not_found", None)
    assert stored_files(app, app_id) == []
