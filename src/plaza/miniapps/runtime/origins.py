"""Which origin serves which mini-program.

Every mini-program gets an origin of its own (``PLAZA_MINIAPP_ORIGIN``, ``{app_id}`` its
first label), so the browser keeps it apart from the host and from other mini-programs:
it can never read the host's storage, cookies or token. The same process serves those
origins, told apart by the ``Host`` header; Chromium resolves every ``*.localhost`` name to
loopback, so the default works on a developer machine without any DNS setup.

A version on trial gets an origin of its own too, ``{app_id}-{tag}`` in place of
``{app_id}`` (``runtime.trial``): still one label, so the same wildcard DNS name and
certificate cover it, and app ids (``px`` and hex digits) never contain ``-``, so the two
kinds cannot be confused.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from plaza.config import Settings

APP_ID = "{app_id}"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
TRIAL_SEPARATOR = "-"
LABEL_MAX = 63  # characters in one DNS label (RFC 1035)


def split_host(host: str) -> tuple[str, int | None]:
    """A ``Host`` header's name (lower-cased) and port; IPv6 literals keep their brackets."""
    name, colon, port = host.strip().lower().rpartition(":")
    if colon and port.isdigit():
        return name, int(port)
    return host.strip().lower(), None


@dataclass(frozen=True, slots=True)
class Site:
    """What a mini-program origin's first label names: an app's released version, or, with
    ``trial_tag``, whichever of its versions on trial that tag belongs to."""

    app_id: str
    trial_tag: str | None = None


@dataclass(frozen=True, slots=True)
class Origins:
    """The mini-program origin pattern, and who may frame what it serves."""

    scheme: str
    suffix: str
    """The host name after ``{app_id}``: ``.apps.localhost``."""
    port: int | None
    """The pattern's own port; None takes the port the request came in on."""
    public_origin: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> Origins:
        parts = urlsplit(settings.miniapp_origin.replace(APP_ID, "app-id"))
        hostname = parts.hostname or ""
        return cls(
            scheme=parts.scheme,
            suffix=hostname.removeprefix("app-id"),
            port=parts.port,
            public_origin=settings.public_origin,
        )

    def origin_of(
        self, app_id: str, *, request_port: int | None, trial_tag: str | None = None
    ) -> str:
        """The origin serving ``app_id`` (its trial version with ``trial_tag``), as the host
        page should frame it and address its postMessage calls."""
        label = app_id if trial_tag is None else f"{app_id}{TRIAL_SEPARATOR}{trial_tag}"
        if len(label) > LABEL_MAX:
            raise ValueError(f"{label!r} is longer than a DNS label may be")
        port = self.port or request_port
        return f"{self.scheme}://{label}{self.suffix}" + (f":{port}" if port else "")

    def site_in(self, host: str | None) -> Site | None:
        """What ``host`` names when it is a mini-program's origin, else None.

        Every name under the pattern's suffix is a mini-program's, even one no app has, so
        such a request never reaches the host's API or pages."""
        if host is None:
            return None
        name, _ = split_host(host)
        label = name.removesuffix(self.suffix)
        if label == name or not label:
            return None
        app_id, separator, tag = label.partition(TRIAL_SEPARATOR)
        return Site(app_id, tag if separator else None)

    def app_id_in(self, host: str | None) -> str | None:
        """The app id ``host`` is an origin of (released or trial), else None."""
        site = self.site_in(host)
        return None if site is None else site.app_id

    def frame_ancestors(self, request_port: int | None) -> list[str]:
        """The host origin(s) allowed to frame a mini-program: ``PLAZA_PUBLIC_ORIGIN``, else
        the host on loopback at the port this request came in on."""
        if self.public_origin is not None:
            return [self.public_origin]
        port = f":{request_port}" if request_port else ""
        return [f"http://{host}{port}" for host in LOOPBACK_HOSTS]
