from __future__ import annotations

from typing import Any

import pytest

from plaza.openapi_typescript import type_of, typescript_for


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "string"),
        ({"type": "integer"}, "number"),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "string | null"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Device"}}, "Device[]"),
        (
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
            "(string | null)[]",
        ),
        ({"enum": ["dev", "prod"], "type": "string"}, '"dev" | "prod"'),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "Record<string, number>"),
        ({"type": "string", "format": "binary"}, "Blob"),
        ({}, "unknown"),
    ],
)
def test_type_of(schema: dict[str, Any], expected: str) -> None:
    assert type_of(schema) == expected


def test_interfaces_mark_optional_members_and_carry_descriptions() -> None:
    document = {
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "description": "A thing.",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string", "description": "Its id."},
                        "note": {"type": "string"},
                    },
                }
            }
        }
    }
    expected = [
        "/** A thing. */",
        "export interface Thing {",
        "  /** Its id. */",
        "  id: string;",
        "  note?: string;",
        "}",
    ]
    assert typescript_for(document).endswith("\n".join(expected) + "\n")
