"""The ``application/problem+json`` body (RFC 9457) every error answers with."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"


def current_request_id() -> str | None:
    value = structlog.contextvars.get_contextvars().get("request_id")
    return str(value) if value is not None else None


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:plaza:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "field": field,
        "request_id": current_request_id(),
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)
