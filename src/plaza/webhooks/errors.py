from __future__ import annotations

from plaza.kit.errors import PlazaError


class WebhookNotFound(PlazaError):
    """Unknown, or another owner's: answered alike so that nobody learns which."""

    status = 404
    code = "webhooks.not_found"
    title = "No such webhook"
