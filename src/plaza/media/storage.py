"""Where media bytes live. Local files in the embedded mode; the same interface
will front S3-compatible storage when Plaza is scaled out."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Annotated, Protocol

import anyio
from fastapi import Depends, Request

_KEY_PATTERN = re.compile(r"^[a-z0-9_-]+(/[A-Za-z0-9_-]+)*\.[a-z0-9]+$")
PUBLIC_PREFIX = "/media/"


class MediaStorage(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...
    async def put_file(self, key: str, source: Path) -> None:
        """Store a local file under ``key``, taking it over (the source is moved away)."""

    def scratch_dir(self) -> Path:
        """Where uploads are spooled before they are checked and stored."""

    async def copy(self, source: str, key: str) -> None:
        """Store the file behind ``source`` under ``key`` too; either can be deleted alone."""

    async def delete(self, key: str) -> None: ...
    def url(self, key: str) -> str: ...
    def local_path(self, key: str) -> Path | None:
        """The file behind ``key`` when storage is on this machine and it exists."""


def check_key(key: str) -> str:
    """Keys are relative, slash-separated and free of dot segments."""
    if not _KEY_PATTERN.match(key):
        raise ValueError(f"bad media key {key!r}")
    return key


class LocalMediaStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        partial = path.with_name(path.name + ".part")

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, path)  # readers never see half a file

        await anyio.to_thread.run_sync(write)

    async def put_file(self, key: str, source: Path) -> None:
        path = self._path(key)

        def move() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, path)

        await anyio.to_thread.run_sync(move)

    def scratch_dir(self) -> Path:
        scratch = self.root / "scratch"
        scratch.mkdir(parents=True, exist_ok=True)
        return scratch

    async def copy(self, source: str, key: str) -> None:
        origin, path = self._path(source), self._path(key)

        def link() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(origin, path)  # stored files never change, so both names share one
            except OSError:  # a file system without hard links
                shutil.copyfile(origin, path)

        await anyio.to_thread.run_sync(link)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))

    def url(self, key: str) -> str:
        return PUBLIC_PREFIX + check_key(key)

    def local_path(self, key: str) -> Path | None:
        try:
            path = self._path(key)
        except ValueError:
            return None
        return path if path.is_file() else None


async def get_media_storage(request: Request) -> MediaStorage:
    storage: MediaStorage = request.app.state.media
    return storage


Media = Annotated[MediaStorage, Depends(get_media_storage)]
