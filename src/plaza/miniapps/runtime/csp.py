"""The headers every file of a mini-program is served with.

The sandboxed iframe keeps it from the host's storage and windows; these headers keep its
network to the server domains it declared: ``connect-src`` lists them and nothing else, so
it can call neither the host's API nor any other server. They are reached over https, except
a loopback domain (``127.0.0.1:8010``, ``localhost``, ``*.localhost``, ``[::1]``), which is
reached over http: a developer's own backend, running beside Plaza on their machine, that a
browser never sends to the network. Its own assets come from its own origin (``'self'``);
images may also be ``data:`` and ``blob:`` URLs (a picture from ``plaza.chooseImage``) or
come from the host (the avatar ``plaza.getUserProfile`` names), which tells the host
nothing it could not see anyway. Only the host may frame it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LOOPBACK_DOMAIN = re.compile(
    r"^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+localhost|127\.0\.0\.1|\[::1\])"
    r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"
)
"""A loopback host, lower-case, with an optional port (1-65535): browsers resolve
``localhost`` and every ``*.localhost`` name to this machine, so none leaves it."""


def is_loopback_domain(domain: str) -> bool:
    return LOOPBACK_DOMAIN.match(domain) is not None


def connect_source(domain: str) -> str:
    """A declared domain as a CSP source: ``https://`` it, or ``http://`` on loopback."""
    return f"{'http' if is_loopback_domain(domain) else 'https'}://{domain}"


def content_security_policy(server_domains: Sequence[str], frame_ancestors: Sequence[str]) -> str:
    connect = " ".join(connect_source(domain) for domain in server_domains) or "'none'"
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src {connect}",
            f"img-src 'self' data: blob: {' '.join(frame_ancestors)}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {' '.join(frame_ancestors)}",
        ]
    )


def bundle_headers(server_domains: Sequence[str], frame_ancestors: Sequence[str]) -> dict[str, str]:
    """Headers for a mini-program's file. ``no-cache``: a rollback serves other bytes at the
    same URL."""
    return {
        "Content-Security-Policy": content_security_policy(server_domains, frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


NOT_FOUND_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
"""For anything a mini-program's origin does not serve: nothing runs, nothing frames it."""
