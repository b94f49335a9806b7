"""Structured JSON logs with a request id, and no secrets outside dev.

Every log line is one JSON object. ``RequestContextMiddleware`` gives each
request an id (the client's ``X-Request-ID`` when it is sane, a new one
otherwise), binds it to every line logged while serving the request, echoes it
in the response and logs one ``request.completed`` line. An exception no
handler took is logged with its traceback and answered with a bare 500 problem.
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
import time
from collections.abc import MutableMapping
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plaza.kit.problems import problem_response

SENSITIVE_KEYS = frozenset({"phone", "code", "token", "authorization", "text", "secret"})
_REDACTED = "[redacted]"
_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _redactor(reveal: bool) -> structlog.types.Processor:
    def redact(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        if not reveal:
            for key in SENSITIVE_KEYS.intersection(event):
                event[key] = _REDACTED
        return event

    return redact


def configure_logging(*, level: str, reveal_secrets: bool) -> None:
    """JSON lines on stderr, from structlog and from the standard library alike
    (uvicorn, SQLAlchemy); ``reveal_secrets`` only in the dev environment."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redactor(reveal_secrets),
    ]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []  # let them reach the root handler
    logging.getLogger("uvicorn.access").disabled = True  # RequestContextMiddleware logs requests
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )


class RequestContextMiddleware:
    """Binds a request id to the logs of one HTTP request and logs its outcome."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = structlog.get_logger("plaza.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID_PATTERN.match(given) else secrets.token_hex(8)
        status = 500
        started_response = False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message.setdefault("headers", [])
                message["headers"].append((b"x-request-id", request_id.encode()))
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            except Exception:
                self.log.exception("request.failed")
                if started_response:
                    raise
                response = problem_response(
                    status=500,
                    code="internal",
                    title="Internal error",
                    detail="Something went wrong on our side; it has been logged.",
                )
                await response(scope, receive, send_with_id)
            finally:
                self.log.info(
                    "request.completed",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
