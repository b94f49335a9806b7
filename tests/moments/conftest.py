"""The live server of the realtime tests, for Moments' realtime hints."""

from __future__ import annotations

from tests.realtime.conftest import live_url

__all__ = ["live_url"]
