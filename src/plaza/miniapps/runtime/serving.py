"""Serving mini-programs' files on their own origins, in front of the host app.

``MiniAppOrigins`` is an ASGI middleware in front of the routes: a request whose ``Host``
is a mini-program's is answered here and never reaches the host's API, WebSocket or pages;
every other request passes through untouched. The host app in turn has no route to bundle files:
they live outside the media and web directories.

Only the live released version is served, so nothing that has not passed review reaches
people. Trial versions for testers need proof of who is looking, which a cookie-less
sandboxed frame cannot give yet; they are not served.
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from plaza.config import Settings
from plaza.kit.db import Database
from plaza.miniapps import repository, versions
from plaza.miniapps.models import VersionStatus
from plaza.miniapps.runtime.csp import NOT_FOUND_HEADERS, bundle_headers
from plaza.miniapps.runtime.origins import Origins, split_host

READ_METHODS = ("GET", "HEAD")
POLICY_VIOLATION = 1008


def not_found() -> Response:
    return PlainTextResponse("Not found", status_code=404, headers=NOT_FOUND_HEADERS)


def relative_path(path: str) -> str | None:
    """The file a request path names inside a bundle ("" for the first page), or None when
    it is not a plain relative path: ``..`` (also once percent-decoded, as the server hands
    it over), ``.``, empty segments, backslashes or control characters."""
    relative = path.removeprefix("/")
    if not relative:
        return ""
    parts = relative.split("/")
    unsafe = any(ord(character) < 0x20 or character in "\\:\x7f" for character in relative)
    if unsafe or any(part in ("", ".", "..") for part in parts):
        return None
    return relative


def file_in(root: Path, relative: str) -> Path | None:
    """``root/relative`` if, all links resolved, it is a file inside ``root``."""
    try:
        candidate = (root / relative).resolve()
    except (OSError, RuntimeError):
        return None
    return candidate if candidate.is_relative_to(root.resolve()) and candidate.is_file() else None


class MiniAppOrigins:
    """Answers every request on a mini-program's origin; passes the rest to the host app."""

    def __init__(self, app: ASGIApp, *, database: Database, settings: Settings) -> None:
        self.app = app
        self.database = database
        self.root = versions.bundle_root(settings)
        self.origins = Origins.from_settings(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host")
        app_id = self.origins.app_id_in(host)
        if app_id is None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await WebSocketClose(code=POLICY_VIOLATION)(scope, receive, send)
            return
        if scope["method"] not in READ_METHODS:
            response: Response = PlainTextResponse(
                "Method not allowed",
                status_code=405,
                headers=NOT_FOUND_HEADERS | {"Allow": ", ".join(READ_METHODS)},
            )
        else:
            _, port = split_host(host or "")
            response = await self.bundle_file(app_id, scope["path"], port)
        await response(scope, receive, send)

    async def bundle_file(self, app_id: str, path: str, port: int | None) -> Response:
        """The live released version's file at ``path``, with its headers; else 404."""
        relative = relative_path(path)
        if relative is None:
            return not_found()
        async with self.database.sessionmaker() as session:
            app = await repository.get_app_or_none(session, app_id)
            if app is None or app.live_version is None:
                return not_found()
            live = await repository.get_version_or_none(session, app.id, app.live_version)
        if live is None or live.status != VersionStatus.RELEASED:
            return not_found()
        found = file_in(
            versions.bundle_dir(self.root, app, live.version),
            relative or live.manifest["pages"][0],
        )
        if found is None:
            return not_found()
        # What it declared in review, and still declares: removing a domain takes effect at
        # once; adding one needs a new reviewed version.
        reviewed = {domain.lower() for domain in live.manifest["server_domains"]}
        domains = [domain for domain in app.server_domains if domain in reviewed]
        return FileResponse(
            found, headers=bundle_headers(domains, self.origins.frame_ancestors(port))
        )
