"""Mini-program packages: a zip with ``manifest.json`` at its root and static files.

A package is checked whole before anything is written: its size, every entry's path (no
``..``, absolute paths, backslashes or symbolic links, which could write outside the
package's directory when unpacked or served), the manifest, and that the manifest's files
are in it. Then it is unpacked beside its final directory and moved into place, so a
half-written package is never seen. These functions block; call them in a worker thread.
"""

from __future__ import annotations

import re
import secrets
import shutil
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from plaza.miniapps.errors import (
    DomainNotDeclared,
    FileMissing,
    ManifestIdMismatch,
    ManifestInvalid,
    ManifestMissing,
    PackageInvalid,
    PackageTooLarge,
    UnsafePath,
)
from plaza.miniapps.schemas import NAME_MAX, VERSION_MAX

MB = 1024 * 1024
PACKAGE_MAX = 2 * MB  # WeChat's limit for a main package
QUOTA = 20 * MB  # WeChat's limit for all of a mini-program's packages
UNPACKED_MAX = 10 * MB  # a zip bomb stays a small one
FILES_MAX = 1000
PAGES_MAX = 200
MANIFEST = "manifest.json"
MANIFEST_MAX = 64 * 1024
SEMVER = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"
)
_UNSAFE_CHARACTERS = re.compile(r"[\\:\x00-\x1f\x7f]")  # backslashes, drive letters, controls

Permission = Literal["profile", "phone", "location", "camera", "album", "payment"]
"""The scopes a mini-program may ask people to grant."""

PackagePath = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class Manifest(BaseModel):
    """``manifest.json``, after the W3C MiniApp manifest; unknown fields are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    id: str
    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
    version: Annotated[str, StringConstraints(max_length=VERSION_MAX, pattern=SEMVER)]
    icon: PackagePath
    pages: Annotated[list[PackagePath], Field(min_length=1, max_length=PAGES_MAX)]
    permissions: list[Permission]
    server_domains: list[str]


@dataclass(frozen=True, slots=True)
class Package:
    manifest: Manifest
    size: int
    """Bytes of the zip as uploaded."""


def inspect(path: Path, *, app_id: str, declared_domains: Sequence[str]) -> Package:
    """The package at ``path`` (spooled with the ``PACKAGE_MAX`` limit), checked; raises the
    first problem found."""
    try:
        with zipfile.ZipFile(path) as archive:
            files = _checked_files(archive.infolist())
            manifest = _read_manifest(archive, files)
            broken = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise PackageInvalid(field="package") from exc
    if broken is not None:
        raise PackageInvalid(f"{broken!r} is damaged.", field="package")
    _check_manifest(manifest, files, app_id=app_id, declared_domains=declared_domains)
    return Package(manifest=manifest, size=path.stat().st_size)


def _checked_files(entries: Sequence[zipfile.ZipInfo]) -> set[str]:
    """The names of the package's files, once every entry passed the checks."""
    if len(entries) > FILES_MAX:
        raise PackageInvalid(f"A package holds {FILES_MAX} files at most.", field="package")
    if sum(entry.file_size for entry in entries) > UNPACKED_MAX:
        raise PackageTooLarge(
            f"Unpacked, a package is {UNPACKED_MAX // MB} MB at most.", field="package"
        )
    files: set[str] = set()
    folders: set[str] = set()
    for entry in entries:
        _check_path(entry)
        if entry.flag_bits & 0x1:
            raise PackageInvalid(f"{entry.filename!r} is encrypted.", field="package")
        if entry.is_dir():
            continue
        if entry.filename in files:
            raise PackageInvalid(f"{entry.filename!r} is in the package twice.", field="package")
        files.add(entry.filename)
        parts = entry.filename.split("/")
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
    if clashes := sorted(files & folders):
        raise PackageInvalid(f"{clashes[0]!r} is both a file and a folder.", field="package")
    return files


def _check_path(entry: zipfile.ZipInfo) -> None:
    name = entry.orig_filename
    parts = name.removesuffix("/").split("/") if entry.is_dir() else name.split("/")
    if (
        _UNSAFE_CHARACTERS.search(name)
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or stat.S_ISLNK(entry.external_attr >> 16)
    ):
        raise UnsafePath(f"{name!r} is not a plain relative path.", field="package")


def _read_manifest(archive: zipfile.ZipFile, files: set[str]) -> Manifest:
    if MANIFEST not in files:
        raise ManifestMissing(field="manifest")
    if archive.getinfo(MANIFEST).file_size > MANIFEST_MAX:
        raise ManifestInvalid(f"At most {MANIFEST_MAX // 1024} KB.", field="manifest")
    try:
        return Manifest.model_validate_json(archive.read(MANIFEST))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ManifestInvalid(
            f"{where or 'manifest'}: {first['msg']}",
            field=f"manifest.{where}" if where else "manifest",
        ) from exc


def _check_manifest(
    manifest: Manifest, files: set[str], *, app_id: str, declared_domains: Sequence[str]
) -> None:
    if manifest.id != app_id:
        raise ManifestIdMismatch(f"The manifest's id must be {app_id}.", field="manifest.id")
    named = [("icon", manifest.icon)] + [
        (f"pages.{index}", page) for index, page in enumerate(manifest.pages)
    ]
    for field, name in named:
        if name not in files:
            raise FileMissing(f"{name!r} is not in the package.", field=f"manifest.{field}")
    for index, domain in enumerate(manifest.server_domains):
        if domain.lower() not in declared_domains:
            raise DomainNotDeclared(
                f"Declare {domain!r} in the mini-program's settings first.",
                field=f"manifest.server_domains.{index}",
            )


def unpack(path: Path, target: Path) -> None:
    """Write the checked package at ``path`` to the directory ``target``.

    Files go to a fresh sibling directory that then takes ``target``'s place: a leftover
    from an upload whose transaction failed is replaced, and nobody sees half a package.
    """
    staging = target.with_name(f".{target.name}.{secrets.token_hex(8)}")
    try:
        staging.mkdir(parents=True)
        with zipfile.ZipFile(path) as archive:
            for entry in archive.infolist():
                if entry.is_dir():
                    continue
                destination = staging.joinpath(*entry.filename.split("/"))
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(entry) as source, destination.open("xb") as out:
                    shutil.copyfileobj(source, out)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
