"""Serves the built web client (``web/dist``) with a single-page-app fallback."""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import FileResponse, HTMLResponse, Response

from plaza.config import AppSettings
from plaza.kit.errors import NotFound
from plaza.kit.routing import Router

router = Router(include_in_schema=False)

API_PREFIXES = ("v1/", "media/", "dev/outbox", "ws")
"""Never the web client; the client's own pages under /dev (the developer console) are."""
HASHED_ASSETS = "assets/"
NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Plaza</title>
<body style="font-family:system-ui;max-width:36em;margin:4em auto">
<h1>Plaza is running</h1><p>The web client has not been built yet.
Run <code>make web</code> (or <code>make run</code>) and reload.
The API is documented at <a href="/docs">/docs</a>.</p>"""


def _file_in(root: Path, relative: str) -> Path | None:
    try:
        candidate = (root / relative).resolve()
    except (OSError, RuntimeError):
        return None
    inside = candidate.is_relative_to(root.resolve())
    return candidate if inside and candidate.is_file() else None


@router.get("/{path:path}")
async def web_client(path: str, settings: AppSettings) -> Response:
    if path.startswith(API_PREFIXES):
        raise NotFound()
    root = settings.web_dir
    found = _file_in(root, path) if path else None
    if found is not None:
        cache = (
            "public, max-age=31536000, immutable" if path.startswith(HASHED_ASSETS) else "no-cache"
        )
        return FileResponse(found, headers={"Cache-Control": cache})
    index = _file_in(root, "index.html")
    if index is None:
        return HTMLResponse(NOT_BUILT)
    return FileResponse(index, headers={"Cache-Control": "no-cache"})
