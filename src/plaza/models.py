"""Imports every domain's models so that ``Base.metadata`` knows all tables."""

from __future__ import annotations


def import_all_models() -> None:
    import plaza.chat.models
    import plaza.contacts.models
    import plaza.identity.models
    import plaza.kit.idempotency
    import plaza.media.models
    import plaza.miniapps.models
    import plaza.miniapps.notices.models
    import plaza.miniapps.runtime.models
    import plaza.moments.models
    import plaza.official.messaging.models
    import plaza.official.models
    import plaza.open_api.models
    import plaza.realtime.models
    import plaza.wallet.bank.models
    import plaza.wallet.envelopes.models
    import plaza.wallet.merchants.models
    import plaza.wallet.models
    import plaza.wallet.orders.models
    import plaza.webhooks.models  # noqa: F401
