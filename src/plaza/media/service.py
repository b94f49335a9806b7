"""Uploads for messages: streamed to a scratch file with a size cap, checked and
re-encoded by kind, then stored. Nothing is held whole in memory except images,
which must be decoded anyway and are capped at 20 MB.

An upload can be used again and again by its owner (in messages, posts, statuses), and a
forwarded message carries it further, so deleting one use must not delete the upload's
files. What has to take its photos with it when deleted (a Moments post) keeps copies of
its own instead (``copy_image``) and deletes those (``delete_after_commit``). An upload
that nothing takes into use (``get_own_uploads``) within a day is deleted (``jobs``)."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator, Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.kit import clock
from plaza.kit.after_commit import after_commit
from plaza.kit.ids import new_id
from plaza.media import repository
from plaza.media.audio import transcode_voice
from plaza.media.errors import FileTooLarge, MediaNotFound, VoiceTooLong
from plaza.media.images import fitted_renditions
from plaza.media.models import Upload
from plaza.media.schemas import UploadKind
from plaza.media.storage import MediaStorage

MAX_BYTES = {
    UploadKind.IMAGE: 20 * 1024 * 1024,
    UploadKind.FILE: 100 * 1024 * 1024,  # as WeChat's file messages
    UploadKind.VOICE: 10 * 1024 * 1024,
}
UNUSED_UPLOADS_LAST = timedelta(days=1)
"""How long an upload may wait to be used (sent, posted, set as a cover...) before it is
deleted."""
VOICE_MAX_MS = 60_000  # WeChat's voice messages stop at 60 s
VOICE_TOLERANCE_MS = 500  # recorders overshoot a little
THUMBNAIL_SIDE = 360
NAME_MAX = 255
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


async def spool(chunks: AsyncIterator[bytes], storage: MediaStorage, *, limit: int) -> Path:
    """Write a streamed body to a scratch file, refusing it once it passes ``limit``."""
    path = storage.scratch_dir() / secrets.token_hex(16)
    written = 0
    try:
        async with await anyio.open_file(path, "wb") as out:
            async for chunk in chunks:
                written += len(chunk)
                if written > limit:
                    raise FileTooLarge(f"At most {limit // (1024 * 1024)} MB.", field="file")
                await out.write(chunk)
    except BaseException:
        await anyio.Path(path).unlink(missing_ok=True)
        raise
    return path


def unguessable_folder(*parts: object) -> str:
    """A new storage folder under ``parts`` whose last part nobody can guess: a media URL
    is all it takes to fetch a file, so it must be impossible to work out from ids."""
    return "/".join([*map(str, parts), secrets.token_hex(8)])


@dataclass(frozen=True, slots=True)
class ImageCopy:
    key: str
    thumbnail_key: str


async def copy_image(storage: MediaStorage, image: Upload, folder: str, name: str) -> ImageCopy:
    """Copies of an image upload and its thumbnail, as ``folder/name`` and
    ``folder/name-thumbnail``, for something that deletes its files with itself."""
    assert image.thumbnail_key is not None
    suffix = PurePosixPath(image.key).suffix
    copied = ImageCopy(f"{folder}/{name}{suffix}", f"{folder}/{name}-thumbnail{suffix}")
    await storage.copy(image.key, copied.key)
    await storage.copy(image.thumbnail_key, copied.thumbnail_key)
    return copied


def delete_after_commit(
    session: AsyncSession, storage: MediaStorage, keys: Collection[str]
) -> None:
    """Delete these files once the change that lets go of them commits, and not before:
    rolled back, it still shows them."""
    stale = list(keys)

    async def delete_files() -> None:
        for key in stale:
            await storage.delete(key)

    if stale:
        after_commit(session, delete_files)


def _extension(name: str) -> str:
    found = _EXTENSION.search(name)
    return found.group(1).lower() if found else "bin"


async def store_upload(
    session: AsyncSession,
    storage: MediaStorage,
    *,
    owner: int,
    kind: UploadKind,
    name: str,
    content_type: str,
    spooled: Path,
) -> Upload:
    """Check, convert and store a spooled upload; the scratch file is consumed."""
    upload = Upload(
        id=new_id(),
        owner_id=owner,
        kind=kind.value,
        name=name[:NAME_MAX] or kind.value,
        created_at=clock.now(),
    )
    folder = unguessable_folder("uploads", owner)
    try:
        if kind is UploadKind.IMAGE:
            await _store_image(storage, upload, folder, spooled)
        elif kind is UploadKind.VOICE:
            await _store_voice(storage, upload, folder, spooled)
        else:
            upload.key = f"{folder}/file.{_extension(name)}"
            upload.content_type = content_type or "application/octet-stream"
            upload.size = (await anyio.Path(spooled).stat()).st_size
            await storage.put_file(upload.key, spooled)
    finally:
        await anyio.Path(spooled).unlink(missing_ok=True)
    session.add(upload)
    await session.flush()
    return upload


async def _store_image(storage: MediaStorage, upload: Upload, folder: str, spooled: Path) -> None:
    data = await anyio.Path(spooled).read_bytes()
    original, thumbnail = await anyio.to_thread.run_sync(
        lambda: fitted_renditions(data, thumbnail_side=THUMBNAIL_SIDE)
    )
    upload.key, upload.thumbnail_key = f"{folder}/original.webp", f"{folder}/thumbnail.webp"
    upload.content_type, upload.size = "image/webp", len(original.data)
    upload.width, upload.height = original.width, original.height
    await storage.put(upload.key, original.data)
    await storage.put(upload.thumbnail_key, thumbnail.data)


async def _store_voice(storage: MediaStorage, upload: Upload, folder: str, spooled: Path) -> None:
    target = spooled.with_suffix(".m4a")
    voice = await anyio.to_thread.run_sync(transcode_voice, spooled, target)
    if voice.duration_ms > VOICE_MAX_MS + VOICE_TOLERANCE_MS:
        await anyio.Path(target).unlink(missing_ok=True)
        raise VoiceTooLong(field="file")
    upload.key, upload.content_type = f"{folder}/voice.m4a", "audio/mp4"
    upload.size = (await anyio.Path(target).stat()).st_size
    upload.duration_ms = voice.duration_ms
    await storage.put_file(upload.key, target)


async def get_own_upload(session: AsyncSession, owner: int, upload_id: int, kind: str) -> Upload:
    """``get_own_uploads`` for one."""
    (upload,) = await get_own_uploads(session, owner, [upload_id], kind)
    return upload


async def get_own_uploads(
    session: AsyncSession, owner: int, upload_ids: Sequence[int], kind: str
) -> list[Upload]:
    """The caller's uploads of the expected kind (what uses an upload refers to its own),
    in their order (repeats once), taken into use in one query: locked until the
    transaction ends and marked used, so that the unused-upload sweep never takes them;
    anything else is ``media.not_found``."""
    wanted = list(dict.fromkeys(upload_ids))
    found = {upload.id: upload for upload in await repository.lock_uploads(session, wanted)}
    uploads = [found.get(upload_id) for upload_id in wanted]
    mine = [u for u in uploads if u is not None and u.owner_id == owner and u.kind == kind]
    if len(mine) != len(wanted):
        raise MediaNotFound(field="upload_id")
    now = clock.now()
    for upload in mine:
        if upload.used_at is None:  # written once: later uses add no UPDATE
            upload.used_at = now
    return mine


async def drop_unused_uploads(session: AsyncSession, storage: MediaStorage, *, limit: int) -> int:
    """Delete up to ``limit`` uploads that nothing took into use within ``UNUSED_UPLOADS_LAST``
    of being made, with their files; how many."""
    unused = await repository.lock_unused_uploads(session, clock.now() - UNUSED_UPLOADS_LAST, limit)
    await repository.delete_uploads(session, [upload.id for upload in unused])
    files = [upload.key for upload in unused]
    files += [upload.thumbnail_key for upload in unused if upload.thumbnail_key]
    delete_after_commit(session, storage, files)
    return len(unused)


async def uploads_by_id(session: AsyncSession, upload_ids: Collection[int]) -> dict[int, Upload]:
    """The uploads that exist among ``upload_ids``, in one query."""
    return {upload.id: upload for upload in await repository.get_uploads(session, upload_ids)}


def message_content(upload: Upload, storage: MediaStorage) -> dict[str, Any]:
    """What a message about this upload carries, by kind."""
    content: dict[str, Any] = {"upload_id": str(upload.id), "url": storage.url(upload.key)}
    if upload.kind == UploadKind.IMAGE:
        assert upload.thumbnail_key is not None
        content |= {
            "thumbnail_url": storage.url(upload.thumbnail_key),
            "width": upload.width,
            "height": upload.height,
        }
    elif upload.kind == UploadKind.VOICE:
        content |= {"duration_ms": upload.duration_ms}
    else:
        content |= {"name": upload.name, "size": upload.size, "content_type": upload.content_type}
    return content
