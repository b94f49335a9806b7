"""Liveness, readiness and what a client needs to know about this server."""

from __future__ import annotations

from fastapi import Request
from pydantic import Field

from plaza import __version__
from plaza.config import AppSettings, Environment
from plaza.kit import ids
from plaza.kit.db import Database
from plaza.kit.errors import PlazaError
from plaza.kit.routing import Router
from plaza.kit.schemas import Schema

router = Router(tags=["server"])


class Health(Schema):
    status: str
    node: int = Field(description="The node id of the process that answered (PLAZA_NODE_ID).")


class ServiceUnavailable(PlazaError):
    status = 503
    code = "server.not_ready"
    title = "The server cannot reach its database"


class Meta(Schema):
    name: str
    version: str
    environment: Environment
    dev_outbox: str | None = Field(
        description="Where sign-in codes are shown on a development server; null elsewhere."
    )


@router.get("/healthz")
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok", node=ids.node_id())


@router.get("/readyz")
async def readyz(request: Request) -> Health:
    """The process can serve: its database answers."""
    database: Database = request.app.state.database
    try:
        await database.ping()
    except Exception as exc:
        raise ServiceUnavailable() from exc
    return Health(status="ok", node=ids.node_id())


@router.get("/v1/meta")
async def meta(settings: AppSettings, request: Request) -> Meta:
    """This server's name, version and environment."""
    return Meta(
        name="Plaza",
        version=__version__,
        environment=settings.env,
        dev_outbox="/dev/outbox" if request.app.state.dev_outbox_enabled else None,
    )
