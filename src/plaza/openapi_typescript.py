"""TypeScript declarations for every schema in Plaza's OpenAPI document.

The web client imports these (``web/src/api/schema.gen.ts``) instead of
restating the API by hand, so ``tsc`` fails when the client and the server
disagree. ``make openapi`` regenerates the file; a test fails when it is stale.
"""

from __future__ import annotations

import json
import re
from typing import Any

HEADER = (
    "// Generated from Plaza's OpenAPI document by `make openapi`. Do not edit.\n"
    "/* eslint-disable */\n"
)


_NOT_IN_IDENTIFIERS = re.compile(r"[^A-Za-z0-9_$]")


def identifier(schema_name: str) -> str:
    """A schema's name as a TypeScript identifier: pydantic names a model used both in
    requests and answers, whose two shapes differ, ``PostLink-Input`` and
    ``PostLink-Output``; they become ``PostLink_Input`` and ``PostLink_Output``."""
    return _NOT_IN_IDENTIFIERS.sub("_", schema_name)


def _reference_name(ref: str) -> str:
    return identifier(ref.rsplit("/", 1)[-1])


def _union(options: list[str]) -> str:
    unique = list(dict.fromkeys(options))
    return " | ".join(unique)


def type_of(schema: dict[str, Any]) -> str:
    """The TypeScript type for one JSON Schema (as pydantic and FastAPI write them)."""
    if "$ref" in schema:
        return _reference_name(schema["$ref"])
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return _union([type_of(option) for option in schema[combinator]])
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    if "enum" in schema:
        return _union([json.dumps(value, ensure_ascii=False) for value in schema["enum"]])
    kind = schema.get("type")
    if kind == "string":
        is_file = schema.get("format") == "binary" or "contentMediaType" in schema
        return "Blob" if is_file else "string"
    if kind in ("integer", "number"):
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "null":
        return "null"
    if kind == "array":
        item = type_of(schema.get("items", {}))
        return f"({item})[]" if " | " in item else f"{item}[]"
    if kind == "object" or "properties" in schema:
        if "properties" in schema:
            return "{ " + " ".join(_members(schema, indent="")) + " }"
        extra = schema.get("additionalProperties")
        value = type_of(extra) if isinstance(extra, dict) else "unknown"
        return f"Record<string, {value}>"
    return "unknown"


def _members(schema: dict[str, Any], *, indent: str) -> list[str]:
    required = set(schema.get("required", []))
    members = []
    for name, prop in schema.get("properties", {}).items():
        optional = "" if name in required else "?"
        members.append(f"{indent}{name}{optional}: {type_of(prop)};")
    return members


def _comment(text: str | None, indent: str = "") -> list[str]:
    if not text:
        return []
    return [f"{indent}/** {' '.join(text.split())} */"]


def _declaration(name: str, schema: dict[str, Any]) -> list[str]:
    lines = _comment(schema.get("description"))
    if schema.get("type") != "object" and "properties" not in schema:
        return [*lines, f"export type {name} = {type_of(schema)};"]
    lines.append(f"export interface {name} {{")
    required = set(schema.get("required", []))
    for prop_name, prop in schema.get("properties", {}).items():
        lines += _comment(prop.get("description"), "  ")
        optional = "" if prop_name in required else "?"
        lines.append(f"  {prop_name}{optional}: {type_of(prop)};")
    lines.append("}")
    return lines


def typescript_for(document: dict[str, Any]) -> str:
    blocks = [HEADER]
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        blocks.append("\n".join(_declaration(identifier(name), schema)) + "\n")
    return "\n".join(blocks)
