"""Work that must wait until the transaction that caused it has committed.

Domain code calls ``after_commit(session, hook)`` while it flushes; the unit of
work runs the hooks in order once the commit succeeded and drops them on
rollback, so an event about a change that never happened is never sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

Hook = Callable[[], Awaitable[None]]
_KEY = "plaza.after_commit"
log = structlog.get_logger(__name__)


def after_commit(session: AsyncSession, hook: Hook) -> None:
    session.info.setdefault(_KEY, []).append(hook)


async def run_after_commit_hooks(session: AsyncSession) -> None:
    """Run and forget the hooks; one failing hook does not stop the others."""
    hooks: list[Hook] = session.info.pop(_KEY, [])
    for hook in hooks:
        try:
            await hook()
        except Exception:
            log.exception("after_commit.hook_failed", hook=getattr(hook, "__qualname__", "?"))
