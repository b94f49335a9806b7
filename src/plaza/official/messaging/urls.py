"""Which URLs an account may put in its menu and its webhook setting."""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_web_url(url: str, *, http_to_loopback: bool = False) -> bool:
    """An absolute https URL with a host and no user name or password (they would show to
    everyone); with ``http_to_loopback`` also http to this machine (a developer's server)."""
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    schemes = (
        {"https", "http"} if parts.hostname in LOOPBACK_HOSTS and http_to_loopback else {"https"}
    )
    return (
        parts.scheme in schemes
        and bool(parts.hostname)
        and port_ok
        and parts.username is None
        and parts.password is None
        and url.isprintable()
        and " " not in url
    )
