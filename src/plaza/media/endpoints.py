from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from plaza.kit.errors import NotFound
from plaza.media.storage import Media

router = APIRouter(tags=["media"])

CACHE_FOREVER = "public, max-age=31536000, immutable"  # keys are never reused


@router.get("/media/{key:path}", include_in_schema=False)
async def get_media(key: str, storage: Media) -> FileResponse:
    """Serve a stored media file."""
    path = storage.local_path(key)
    if path is None:
        raise NotFound("No such media file.")
    return FileResponse(path, headers={"Cache-Control": CACHE_FOREVER})
