"""Web addresses that people give Plaza to call or to show (a notify URL, a webhook, a menu
link): absolute, with a host and a valid port, no user name or password (they would show
to everyone who sees the address), nothing unprintable and no spaces."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import SplitResult, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def parse_web_url(url: str, schemes: Collection[str] = WEB_SCHEMES) -> SplitResult | None:
    """The parts of a well-formed URL in one of ``schemes``; None for anything else."""
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return None
    well_formed = (
        parts.scheme in schemes
        and bool(parts.hostname)
        and port_ok
        and parts.username is None
        and parts.password is None
        and url.isprintable()
        and " " not in url
    )
    return parts if well_formed else None
