"""The ASGI application: wires settings, database, adapters and routes together."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plaza import __version__, api, flows
from plaza.chat.typing import typing_handler
from plaza.config import Environment, Settings, SmsGatewayKind
from plaza.identity.sms import sms_gateway_for
from plaza.kit import background, ids
from plaza.kit.db import Database
from plaza.kit.errors import install_error_handlers
from plaza.kit.logging import RequestContextMiddleware, configure_logging
from plaza.kit.openapi import install_openapi
from plaza.kit.problems import problem_response
from plaza.kit.ratelimit import rate_limiter_for
from plaza.media import jobs as media_jobs
from plaza.media.endpoints import UPLOAD_PATH
from plaza.media.service import MAX_BYTES
from plaza.media.storage import LocalMediaStorage
from plaza.miniapps.runtime.serving import MiniAppOrigins
from plaza.moments import jobs as moments_jobs
from plaza.official.messaging import jobs as official_jobs
from plaza.realtime.broker import broker_for
from plaza.realtime.gateway import Gateway
from plaza.wallet import jobs as wallet_jobs
from plaza.wallet import security, sending
from plaza.webhooks import delivery as webhook_delivery

MAX_REQUEST_BYTES = 8 * 1024 * 1024  # any route but uploads: a 5 MB avatar and its form
MAX_UPLOAD_BYTES = max(MAX_BYTES.values()) + 1024 * 1024  # uploads answer their own limits


class BodySizeLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` (or a path's own limit) with 413,
    declared or streamed."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, per_path: dict[str, int]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = per_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.per_path.get(scope["path"], self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        limit = f"Request bodies are limited to {max_bytes} bytes."
        if declared.isdigit() and int(declared) > max_bytes:
            response = problem_response(
                status=413, code="request.too_large", title="Request too large", detail=limit
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > max_bytes:
                raise HTTPException(413, limit)  # inside the app: the error handlers answer
            return message

        await self.app(scope, counting_receive, send)


async def walk_routes(app: FastAPI) -> int:
    """Walk one request past every route, and return the status it got: 405 when it reached
    the web client's catch-all, the last route, which answers GET only.

    FastAPI builds an included route's handler the first time a request walks past it, about
    0.2 s for all of Plaza's routes, which the first people to reach a new process (a new
    worker, a rolling restart) would otherwise wait for. Sent to the router, not the app,
    the request skips the middleware: it is neither logged nor counted.
    """
    answer: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        answer.append(message)

    scope: Scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "TRACE",  # no route answers it
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "server": None,
        "client": None,
    }
    await app.router(scope, receive, send)
    return int(answer[0]["status"])


def start_background_work(
    app: FastAPI, settings: Settings, stop: background.Stop
) -> list[asyncio.Task[None]]:
    """The scheduled work every process runs unless ``PLAZA_BACKGROUND_JOBS`` is off, until
    ``stop``: the sweeps, broadcast delivery and webhook delivery."""
    if not settings.background_jobs:
        return []
    database, broker, media = app.state.database, app.state.broker, app.state.media
    sweeps = [
        *wallet_jobs.jobs_for(settings, broker),
        official_jobs.delivery_job(broker),
        moments_jobs.lapsed_statuses_job(media),
        media_jobs.unused_uploads_job(media),
    ]
    return [
        *background.start_jobs(database, sweeps, stop),
        *webhook_delivery.start(database, settings, stop),
    ]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    problems = settings.problems()
    if settings.env is Environment.PROD and problems:
        raise RuntimeError("refusing to start: " + "; ".join(problems))
    configure_logging(level=settings.log_level, reveal_secrets=settings.env is Environment.DEV)
    ids.configure(settings.node_id)
    security.configure_pin_threads(settings.pin_threads)
    dev_outbox_enabled = (
        settings.env is Environment.DEV and settings.sms_gateway is SmsGatewayKind.DEV
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await walk_routes(app)
        await app.state.gateway.start()
        stop = background.Stop()
        background_tasks = start_background_work(app, settings, stop)
        yield
        await background.stop_all(stop, background_tasks)
        await app.state.broker.close()
        await app.state.rate_limiter.close()
        await app.state.database.dispose()

    app = FastAPI(
        title="Plaza",
        version=__version__,
        summary="An open, self-hostable super app.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = Database(settings.database_url)
    app.state.rate_limiter = rate_limiter_for(settings.redis_url)
    app.state.sms = sms_gateway_for(settings)
    app.state.media = LocalMediaStorage(settings.media_dir)
    app.state.broker = broker_for(settings.broker_url)
    app.state.gateway = Gateway(app.state.broker)
    app.state.envelope_openers = flows.envelope_openers(app.state.database, app.state.broker)
    app.state.transfer_senders = sending.transfer_senders(
        app.state.database, app.state.broker, settings
    )
    app.state.gateway.handle_frames("typing", typing_handler(app.state.database, app.state.broker))
    app.state.dev_outbox_enabled = dev_outbox_enabled
    install_error_handlers(app)
    api.include_routes(app, dev_outbox_enabled=dev_outbox_enabled)
    install_openapi(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=MAX_REQUEST_BYTES,
        per_path={UPLOAD_PATH: MAX_UPLOAD_BYTES},
    )
    # before the routes: a mini-program's origin never reaches the host's API or pages
    app.add_middleware(MiniAppOrigins, database=app.state.database, settings=settings)
    app.add_middleware(RequestContextMiddleware)
    return app
