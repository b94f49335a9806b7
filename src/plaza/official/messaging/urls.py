"""Which URLs an account may put in its menu and its webhook setting."""

from __future__ import annotations

from plaza.kit.urls import WEB_SCHEMES, parse_web_url

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_web_url(url: str, *, http_to_loopback: bool = False) -> bool:
    """A well-formed https URL (``kit.urls``); with ``http_to_loopback`` also http to this
    machine (a developer's server)."""
    parts = parse_web_url(url, WEB_SCHEMES)
    if parts is None:
        return False
    return parts.scheme == "https" or (http_to_loopback and parts.hostname in LOOPBACK_HOSTS)
