from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from plaza.kit.schemas import Id, Schema


class UploadKind(StrEnum):
    IMAGE = "image"
    FILE = "file"
    VOICE = "voice"


class UploadOut(Schema):
    id: Id = Field(description="Pass as upload_id when sending the message.")
    kind: UploadKind
    url: str
    thumbnail_url: str | None = Field(description="Images only: a preview at most 360 px.")
    name: str
    size: int = Field(description="Bytes, as stored.")
    content_type: str
    width: int | None
    height: int | None
    duration_ms: int | None = Field(description="Voice only.")
    created_at: datetime
