"""The headers every file of a mini-program is served with.

The sandboxed iframe keeps it from the host's storage and windows; these headers keep its
network to the server domains it declared: ``connect-src`` lists them over https and
nothing else, so it can call neither the host's API nor any other server. Its own assets
come from its own origin (``'self'``), and only the host may frame it.
"""

from __future__ import annotations

from collections.abc import Sequence


def content_security_policy(server_domains: Sequence[str], frame_ancestors: Sequence[str]) -> str:
    connect = " ".join(f"https://{domain}" for domain in server_domains) or "'none'"
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src {connect}",
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
