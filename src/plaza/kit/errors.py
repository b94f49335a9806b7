"""Errors as ``application/problem+json`` (RFC 9457) with a stable ``code``.

Exception tree::

    PlazaError                      a client-visible problem; subclasses set code/status
    ├── RequestInvalid              422 request.invalid (and pydantic errors)
    ├── NotFound                    404 not_found
    ├── RateLimited                 429 rate_limited, with Retry-After
    └── <domain errors>             identity.*, media.*, ... in each domain's errors.py

A write that a concurrent request beat to a unique constraint answers 409
``request.conflict``. Every 4xx a client can cause is one of these or a validation error; anything
else is a bug, answered with 500 ``internal`` and logged with its request id
(``kit.logging.RequestContextMiddleware``).
"""

from __future__ import annotations

import math
from typing import ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from plaza.kit.problems import FieldProblem, problem_response


class PlazaError(Exception):
    """A problem the client caused or can act on."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"
    keeps_changes: ClassVar[bool] = False
    """True when the work flushed before raising is itself the record of the failure
    (a counted wrong attempt), so the request boundary commits instead of rolling back."""

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.detail = detail or self.title
        self.field = field
        self.headers = headers or {}
        super().__init__(self.detail)


class RequestInvalid(PlazaError):
    status = 422
    code = "request.invalid"
    title = "The request is not valid"


class NotFound(PlazaError):
    status = 404
    code = "not_found"
    title = "Not found"


class RateLimited(PlazaError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, retry_after_seconds: float, detail: str | None = None) -> None:
        self.retry_after = max(1, math.ceil(retry_after_seconds))
        super().__init__(
            detail or f"Too many requests; try again in {self.retry_after} s.",
            headers={"Retry-After": str(self.retry_after)},
        )


async def _plaza_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PlazaError)
    return problem_response(
        status=exc.status,
        code=exc.code,
        title=exc.title,
        detail=exc.detail,
        field=exc.field,
        headers=exc.headers,
    )


def _field_of(location: tuple[int | str, ...]) -> str | None:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or None


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"type": "", "loc": (), "msg": "Invalid request"}
    error_type = str(first.get("type", ""))
    # Domain validators raise PydanticCustomError with the Plaza code as its type.
    code = error_type if "." in error_type else RequestInvalid.code
    return problem_response(
        status=422,
        code=code,
        title=RequestInvalid.title,
        detail=str(first.get("msg", "Invalid request")),
        field=_field_of(tuple(first.get("loc", ()))),
        errors=[
            FieldProblem(field=_field_of(tuple(e.get("loc", ()))), message=str(e.get("msg", "")))
            for e in errors
        ],
    )


_HTTP_CODES = {
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("request.too_large", "Request too large"),
}


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, title = _HTTP_CODES.get(exc.status_code, (f"http.{exc.status_code}", "HTTP error"))
    return problem_response(
        status=exc.status_code,
        code=code,
        title=title,
        detail=str(exc.detail),
        headers=dict(exc.headers or {}),
    )


async def _integrity_error(_: Request, exc: Exception) -> JSONResponse:
    """A unique or foreign-key constraint refused a write: a concurrent request got there
    first (two taps on the same button). The unit of work has rolled back; retrying is safe."""
    return problem_response(
        status=409,
        code="request.conflict",
        title="Conflict",
        detail="Another request changed the same thing at the same time; please try again.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PlazaError, _plaza_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
