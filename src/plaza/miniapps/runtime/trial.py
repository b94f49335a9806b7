"""Trial versions for testers: each is served from an origin of its own, whose name is the
capability.

A tester opens a trial version in the same sandboxed, cookie-less frame as a released one,
so the frame's requests cannot say who is looking. Instead the host hands each tester an
unguessable origin per app and version, ``<app_id>-<tag>`` as the first label (``origins``),
where the tag is the first 16 hex digits (64 bits) of an HMAC of the app id and version
keyed with ``PLAZA_SECRET_KEY``: nobody can work it out without the key, and it needs no
table. It serves only while that version is on trial: once it is submitted, approved or
rejected (a version never returns to trial) the origin answers 404, so the URL dies with
the trial. A new version gets another tag, so nothing cached for one trial is ever taken
for the next. Whoever holds the URL can load the static files, as with WeChat's trial QR
codes; everything that touches a person (sign-in codes, storage, payments, consents) still
goes through the host's API, which lets only listed testers open an app on trial
(``service.openable_app``).

The origin being a name of its own, and not a path under the app's, the bundle's absolute
paths (``/pages/app.js``, ``/__plaza__/plaza.js``) work unchanged.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.miniapps import repository
from plaza.miniapps.models import MiniApp, MiniAppVersion

TAG_HEX = 16
"""Hex digits of the HMAC in the origin: 64 bits. ``px`` + 16, ``-``, and 16 make a label
of 35 characters, well within DNS's 63."""


def tag_for(key: str, app_id: str, version: str) -> str:
    """The trial origin's tag for one version of one app."""
    message = f"trial:{app_id}:{version}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:TAG_HEX]


async def version_for_tag(
    session: AsyncSession, key: str, app: MiniApp, tag: str
) -> MiniAppVersion | None:
    """The app's version on trial that ``tag`` belongs to; None when none does (a wrong
    tag, or a version no longer on trial)."""
    for version in await repository.trial_versions(session, app.id):
        if hmac.compare_digest(tag, tag_for(key, app.app_id, version.version)):
            return version
    return None


async def version_for_tester(
    session: AsyncSession, app: MiniApp, account_id: int
) -> MiniAppVersion | None:
    """The version a tester of the app gets: its newest upload on trial; None when the
    person is not a tester or nothing is on trial."""
    if not await repository.trial_open_to(session, app.id, account_id):
        return None
    on_trial = await repository.trial_versions(session, app.id)
    return on_trial[0] if on_trial else None
