"""Serving mini-programs' files on their own origins, in front of the host app.

``MiniAppOrigins`` is an ASGI middleware in front of the routes: a request whose ``Host``
is a mini-program's is answered here and never reaches the host's API, WebSocket or pages;
every other request passes through untouched. The host app in turn has no route to bundle files:
they live outside the media and web directories.

An app's origin serves only its live released version, so nothing that has not passed
review reaches people. A version on trial is served from an origin of its own whose name
the host gives only to the app's testers (``runtime.trial``), and only while it is on trial.

Every such origin also serves the host bridge's mini-program side at ``/__plaza__/plaza.js``
(sdk/js/plaza.js; the package keeps it as ``static/plaza.js``), so bundles import it from
their own origin, which their CSP allows, and always get the one that matches the host.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import Headers
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from plaza.config import Settings
from plaza.kit.db import Database
from plaza.miniapps import repository, versions
from plaza.miniapps.models import MiniApp, MiniAppVersion, VersionStatus
from plaza.miniapps.runtime import trial
from plaza.miniapps.runtime.csp import NOT_FOUND_HEADERS, bundle_headers
from plaza.miniapps.runtime.origins import Origins, Site, split_host

READ_METHODS = ("GET", "HEAD")
POLICY_VIOLATION = 1008
SDK_PATH = "/__plaza__/plaza.js"
SDK_FILE = Path(__file__).parent / "static" / "plaza.js"
CROSS_ORIGIN_READ = {"Access-Control-Allow-Origin": "*"}
"""On every file: a sandboxed frame's origin is opaque, so the browser fetches its module
scripts (plaza.js among them) as cross-origin requests. Nothing served here is private."""


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
        self.key = settings.secret_key.get_secret_value()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host")
        site = self.origins.site_in(host)
        if site is None:
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
            if scope["path"] == SDK_PATH:
                response = self.sdk_file(port)
            else:
                response = await self.bundle_file(site, scope["path"], port)
        await response(scope, receive, send)

    def sdk_file(self, port: int | None) -> Response:
        """plaza.js, the same on every mini-program origin (with or without an app)."""
        headers = bundle_headers([], self.origins.frame_ancestors(port)) | CROSS_ORIGIN_READ
        return FileResponse(SDK_FILE, media_type="text/javascript", headers=headers)

    async def bundle_file(self, site: Site, path: str, port: int | None) -> Response:
        """The file at ``path`` of the version the site serves, with its headers; else 404."""
        relative = relative_path(path)
        if relative is None:
            return not_found()
        async with self.database.sessionmaker() as session:
            app = await repository.get_app_or_none(session, site.app_id)
            if app is None:
                return not_found()
            served = await self.version_of(session, app, site)
        if served is None:
            return not_found()
        found = file_in(
            versions.bundle_dir(self.root, app, served.version),
            relative or served.manifest["pages"][0],
        )
        if found is None:
            return not_found()
        # What its manifest declares (what was reviewed, or what testers try) and the app
        # still declares: removing a domain takes effect at once; adding one needs a new
        # version.
        declared = {domain.lower() for domain in served.manifest["server_domains"]}
        domains = [domain for domain in app.server_domains if domain in declared]
        headers = bundle_headers(domains, self.origins.frame_ancestors(port))
        return FileResponse(found, headers=headers | CROSS_ORIGIN_READ)

    async def version_of(
        self, session: AsyncSession, app: MiniApp, site: Site
    ) -> MiniAppVersion | None:
        """The app's origin: its live released version. A trial origin: the version on
        trial its tag belongs to, while it is on trial."""
        if site.trial_tag is not None:
            return await trial.version_for_tag(session, self.key, app, site.trial_tag)
        if app.live_version is None:
            return None
        live = await repository.get_version_or_none(session, app.id, app.live_version)
        return live if live is not None and live.status == VersionStatus.RELEASED else None
