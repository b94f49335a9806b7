"""Me -> Settings -> Mini Program permissions: every mini-program the person granted a
scope to, with those scopes; each is revoked through the consents API
(``DELETE /v1/miniapps/{appid}/consents/{scope}``)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.miniapps import service as miniapps
from plaza.miniapps.runtime import repository
from plaza.miniapps.runtime.directory import Shelf
from plaza.miniapps.runtime.schemas import MiniAppGrants
from plaza.open_api import consents
from plaza.open_api.models import Scope


async def list_grants(session: AsyncSession, shelf: Shelf, account: Account) -> list[MiniAppGrants]:
    """By mini-program name; scopes by name."""
    scopes: dict[int, list[Scope]] = defaultdict(list)
    for consent in await consents.list_all_grants(session, account):
        scopes[consent.miniapp_id].append(Scope(consent.scope))
    apps = await miniapps.apps_by_row_ids(session, scopes.keys())
    listed = await repository.listed_by_ids(session, scopes.keys())
    found = [
        MiniAppGrants(
            app_id=app.app_id,
            name=app.name,
            icon_url=shelf.icon_url(app, listed[app.id][1]) if app.id in listed else None,
            scopes=sorted(scopes[app.id]),
        )
        for app in apps
    ]
    return sorted(found, key=lambda grants: (grants.name.casefold(), grants.app_id))
