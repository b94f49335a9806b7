"""``Router``: FastAPI's ``APIRouter``, skipped whole by a request outside its prefix.

FastAPI matches a request against the routes of every included router in turn, a few
microseconds each, and only the first full match ends the search. With some two hundred
routes that came to about a third of a short request's CPU for a route registered late
(docs/benchmarks.md, the wallet's envelope opens). A router cannot match a path that does
not start with its prefix, so it answers "no match" for it at once.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import Match
from starlette.types import Scope


class Router(APIRouter):
    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.prefix and not _route_path(scope).startswith(self.prefix):
            return Match.NONE, {}
        return super().matches(scope)


def _route_path(scope: Scope) -> str:
    """The path the routes see: without the ``root_path`` a proxy may mount Plaza under."""
    path: str = scope["path"]
    root_path: str = scope.get("root_path", "")
    if root_path and path.startswith(root_path):
        return path[len(root_path) :]
    return path
