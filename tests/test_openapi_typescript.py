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
        ({"$ref": "#/components/schemas/PostLink-Input"}, "PostLink_Input"),
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


def test_a_model_with_input_and_output_shapes_declares_both_under_typescript_names() -> None:
    shape = {"type": "object", "properties": {"url": {"type": "string"}}}
    document = {"components": {"schemas": {"Link-Input": shape, "Link-Output": shape}}}
    declared = typescript_for(document)
    assert "export interface Link_Input {" in declared
    assert "export interface Link_Output {" in declared
    assert "Link-" not in declared
