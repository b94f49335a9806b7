"""The ``application/problem+json`` body (RFC 9457) every error answers with."""

from __future__ import annotations

import structlog
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"


class FieldProblem(BaseModel):
    field: str | None
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details; clients switch on ``code``."""

    type: str = Field(description="urn:plaza:problem:<code>")
    title: str
    status: int
    detail: str = Field(description="A human explanation of this occurrence.")
    code: str = Field(description="Stable machine-readable code, such as identity.code_invalid.")
    field: str | None = Field(description="The request field at fault, if any.")
    request_id: str | None = Field(description="Quote it when reporting a problem.")
    errors: list[FieldProblem] | None = Field(
        None, description="Every validation error, on validation problems only."
    )


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
    errors: list[FieldProblem] | None = None,
) -> JSONResponse:
    problem = Problem(
        type=f"urn:plaza:problem:{code}",
        title=title,
        status=status,
        detail=detail,
        code=code,
        field=field,
        request_id=current_request_id(),
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude={"errors"} if errors is None else None),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_JSON,
    )
