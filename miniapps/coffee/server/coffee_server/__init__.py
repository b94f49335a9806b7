"""Plaza's sample mini-program server: a coffee shop that talks to Plaza only through the
Open API, with the Python SDK (``plaza_sdk``). See ``miniapps/coffee/README.md``."""

from coffee_server.app import create_app
from coffee_server.config import Config

__all__ = ["Config", "create_app"]
