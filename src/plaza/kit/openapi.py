"""The published OpenAPI document: errors described as they really are.

FastAPI documents a 422 ``HTTPValidationError`` body that Plaza never sends.
``install_openapi`` replaces it with one ``4XX`` response per operation whose
body is the ``Problem`` schema, served as ``application/problem+json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from plaza.kit.problems import PROBLEM_JSON, FieldProblem, Problem

_FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
_HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _problem_response() -> dict[str, Any]:
    return {
        "description": "A problem; see its `code` (docs/api/errors.md).",
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def build_openapi(app: FastAPI) -> dict[str, Any]:
    document = get_openapi(
        title=app.title, version=app.version, summary=app.summary, routes=app.routes
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_VALIDATION_SCHEMAS:
        schemas.pop(name, None)
    for model in (Problem, FieldProblem):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schema.pop("$defs", None)  # each referenced model is a component of its own
        schemas[model.__name__] = schema
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in _HTTP_METHODS:
                operation["responses"].pop("422", None)
                operation["responses"]["4XX"] = _problem_response()
    document["components"]["schemas"] = dict(sorted(schemas.items()))
    return document


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and /openapi.json) return ``build_openapi(app)``, cached."""
    cached: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not cached:
            cached.update(build_openapi(app))
        return cached

    app.openapi = openapi  # type: ignore[method-assign]
