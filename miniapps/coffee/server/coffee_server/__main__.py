"""``python -m coffee_server --config var/coffee.json`` (or ``--app-id .. --app-secret ..``)."""

from __future__ import annotations

import logging

import uvicorn

from coffee_server.app import create_app
from coffee_server.config import parse


def main() -> None:
    config = parse()
    logging.basicConfig(level=logging.INFO, format="coffee: %(message)s")
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning")


if __name__ == "__main__":
    main()
