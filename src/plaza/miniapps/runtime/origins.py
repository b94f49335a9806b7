"""Which origin serves which mini-program.

Every mini-program gets an origin of its own (``PLAZA_MINIAPP_ORIGIN``, ``{app_id}`` its
first label), so the browser keeps it apart from the host and from other mini-programs:
it can never read the host's storage, cookies or token. The same process serves those
origins, told apart by the ``Host`` header; Chromium resolves every ``*.localhost`` name to
loopback, so the default works on a developer machine without any DNS setup.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from plaza.config import Settings

APP_ID = "{app_id}"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def split_host(host: str) -> tuple[str, int | None]:
    """A ``Host`` header's name (lower-cased) and port; IPv6 literals keep their brackets."""
    name, colon, port = host.strip().lower().rpartition(":")
    if colon and port.isdigit():
        return name, int(port)
    return host.strip().lower(), None


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

    def origin_of(self, app_id: str, *, request_port: int | None) -> str:
        """The origin serving ``app_id``, as the host page should frame it and address its
        postMessage calls."""
        port = self.port or request_port
        return f"{self.scheme}://{app_id}{self.suffix}" + (f":{port}" if port else "")

    def app_id_in(self, host: str | None) -> str | None:
        """The label in place of ``{app_id}`` when ``host`` is a mini-program's, else None.

        Every name under the pattern's suffix is a mini-program's, even one no app has, so
        such a request never reaches the host's API or pages."""
        if host is None:
            return None
        name, _ = split_host(host)
        label = name.removesuffix(self.suffix)
        return label if label != name and label else None

    def frame_ancestors(self, request_port: int | None) -> list[str]:
        """The host origin(s) allowed to frame a mini-program: ``PLAZA_PUBLIC_ORIGIN``, else
        the host on loopback at the port this request came in on."""
        if self.public_origin is not None:
            return [self.public_origin]
        port = f":{request_port}" if request_port else ""
        return [f"http://{host}{port}" for host in LOOPBACK_HOSTS]
