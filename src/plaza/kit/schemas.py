"""Pydantic building blocks shared by every domain's schemas and endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from plaza.kit.ids import MAX_ID


def _parse_id(value: object) -> object:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


Id = Annotated[
    int,
    Field(ge=1, le=MAX_ID),
    BeforeValidator(_parse_id),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]+$", "examples": ["123456789012345678"]}),
]
"""A 64-bit id; a string in JSON, since JavaScript numbers stop at 2**53. Out of range is a
422 ``request.invalid`` on the field, as the database could not look it up."""

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
"""An id in a URL path (``/transfers/{transfer_id}``), bounded like ``Id``. Every ``*_id``
path parameter uses it; tests/kit/test_ids_in_requests.py checks that none forgets."""


class Schema(BaseModel):
    model_config = ConfigDict(
        from_attributes=True, extra="forbid", json_schema_serialization_defaults_required=True
    )
