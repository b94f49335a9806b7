"""Settings, from the command line, then ``COFFEE_*`` variables, then a JSON file (the one
``plaza demo`` writes), then defaults."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8010
DEFAULT_PLAZA = "http://127.0.0.1:8000"


@dataclass(frozen=True, slots=True)
class Config:
    plaza_url: str
    app_id: str
    app_secret: str
    template_id: str = ""
    """The "Order ready" subscribe-message template; without one no notice is sent."""
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    public_url: str = ""
    """Where Plaza reaches this server (for ``notify_url``); default http://host:port."""
    database: str = ":memory:"
    """A SQLite file, or ``:memory:`` to forget everything on restart."""
    ready_after_seconds: float = 5.0
    """How long the barista takes once an order is paid."""
    currency: str = "CNY"
    shop_name: str = "Plaza Coffee"
    allowed_origins: tuple[str, ...] = field(default=("*",))
    """CORS. The sandboxed frame's origin is opaque (``null``) and the API takes a bearer
    token, never cookies, so any origin is fine; narrow it if you add cookies."""

    @property
    def notify_url(self) -> str:
        base = self.public_url or f"http://{self.host}:{self.port}"
        return base.rstrip("/") + "/notify"


_FIELDS: dict[str, tuple[str, type]] = {
    "plaza_url": ("COFFEE_PLAZA_URL", str),
    "app_id": ("COFFEE_APP_ID", str),
    "app_secret": ("COFFEE_APP_SECRET", str),
    "template_id": ("COFFEE_TEMPLATE_ID", str),
    "host": ("COFFEE_HOST", str),
    "port": ("COFFEE_PORT", int),
    "public_url": ("COFFEE_PUBLIC_URL", str),
    "database": ("COFFEE_DATABASE", str),
    "ready_after_seconds": ("COFFEE_READY_AFTER", float),
    "currency": ("COFFEE_CURRENCY", str),
    "shop_name": ("COFFEE_SHOP_NAME", str),
}


def parse(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Config:
    """The configuration for ``python -m coffee_server``; exits with usage on a gap."""
    env = os.environ if env is None else env
    parser = argparse.ArgumentParser(
        prog="python -m coffee_server", description="The coffee shop's server for Plaza."
    )
    parser.add_argument("--config", type=Path, help="JSON file, such as var/coffee.json.")
    parser.add_argument("--plaza", dest="plaza_url", help=f"Plaza's URL ({DEFAULT_PLAZA}).")
    parser.add_argument("--app-id")
    parser.add_argument("--app-secret")
    parser.add_argument("--template-id", help='The "Order ready" template.')
    parser.add_argument("--host")
    parser.add_argument("--port", type=int, help=f"Default {DEFAULT_PORT}.")
    parser.add_argument("--public-url", help="Where Plaza reaches this server.")
    parser.add_argument("--database", help="SQLite file; default in memory.")
    parser.add_argument("--ready-after", dest="ready_after_seconds", type=float)
    parser.add_argument("--currency")
    args = parser.parse_args(argv)
    config_file = args.config or (Path(env["COFFEE_CONFIG"]) if env.get("COFFEE_CONFIG") else None)
    from_file: dict[str, Any] = json.loads(config_file.read_text()) if config_file else {}
    values: dict[str, Any] = {"plaza_url": DEFAULT_PLAZA}
    for name, (variable, kind) in _FIELDS.items():
        if name in from_file:
            values[name] = kind(from_file[name])
        if variable in env:
            values[name] = kind(env[variable])
        if getattr(args, name, None) is not None:
            values[name] = getattr(args, name)
    missing = [name for name in ("app_id", "app_secret") if not values.get(name)]
    if missing:
        parser.error(f"missing {', '.join(missing)}: pass --app-id/--app-secret or --config")
    return Config(**values)
