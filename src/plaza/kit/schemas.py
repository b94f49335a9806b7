"""Pydantic building blocks shared by every domain's schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema


def _parse_id(value: object) -> object:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


Id = Annotated[
    int,
    BeforeValidator(_parse_id),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]+$", "examples": ["123456789012345678"]}),
]
"""A 64-bit id; a string in JSON, since JavaScript numbers stop at 2**53."""


class Schema(BaseModel):
    model_config = ConfigDict(
        from_attributes=True, extra="forbid", json_schema_serialization_defaults_required=True
    )
