from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, status
from fastapi.responses import FileResponse

from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.errors import NotFound
from plaza.kit.routing import Router
from plaza.media import service
from plaza.media.models import Upload
from plaza.media.schemas import UploadKind, UploadOut
from plaza.media.service import NAME_MAX
from plaza.media.storage import Media, MediaStorage

router = Router(tags=["media"])
uploads_router = Router(
    prefix="/v1/media",
    tags=["media"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
UPLOAD_PATH = "/v1/media/uploads"


def to_upload(upload: Upload, storage: MediaStorage) -> UploadOut:
    return UploadOut(
        id=upload.id,
        kind=UploadKind(upload.kind),
        url=storage.url(upload.key),
        thumbnail_url=storage.url(upload.thumbnail_key) if upload.thumbnail_key else None,
        name=upload.name,
        size=upload.size,
        content_type=upload.content_type,
        width=upload.width,
        height=upload.height,
        duration_ms=upload.duration_ms,
        created_at=upload.created_at,
    )


@uploads_router.post(
    "/uploads",
    status_code=status.HTTP_201_CREATED,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The raw file (not a form); its type in Content-Type.",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload(
    request: Request,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    kind: Annotated[UploadKind, Query(description="image (20 MB), file (100 MB) or voice (60 s).")],
    name: Annotated[str, Query(max_length=NAME_MAX, description="The file's name.")] = "",
) -> UploadOut:
    """Upload a file to send in a message; the body is streamed to storage, never held whole."""
    spooled = await service.spool(request.stream(), storage, limit=service.MAX_BYTES[kind])
    stored = await service.store_upload(
        session,
        storage,
        owner=caller.account.id,
        kind=kind,
        name=name,
        content_type=request.headers.get("content-type", ""),
        spooled=spooled,
    )
    return to_upload(stored, storage)


CACHE_FOREVER = "public, max-age=31536000, immutable"  # keys are never reused


@router.get("/media/{key:path}", include_in_schema=False)
async def get_media(key: str, storage: Media) -> FileResponse:
    """Serve a stored media file."""
    path = storage.local_path(key)
    if path is None:
        raise NotFound("No such media file.")
    return FileResponse(path, headers={"Cache-Control": CACHE_FOREVER})
