"""``plaza.storage``: each mini-program's key-value storage for each person, kept on the
server so it follows the person to every device and never touches the host's origin.

Up to 1,024 keys of up to 4,096 bytes per mini-program and person (the issue's bounds,
WeChat's 10 MB per app being more than a host should keep for every app anyone opens).
A write of a new key locks the person's usage row, so concurrent writes cannot overshoot.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.errors import RequestInvalid
from plaza.miniapps import service
from plaza.miniapps.runtime import repository
from plaza.miniapps.runtime.errors import (
    StorageKeyNotFound,
    StorageQuotaExceeded,
    StorageValueTooLarge,
)
from plaza.miniapps.runtime.models import StorageItem
from plaza.miniapps.runtime.schemas import STORAGE_KEYS_MAX, STORAGE_VALUE_MAX_BYTES


def check_value(value: str) -> None:
    if "\x00" in value:
        # PostgreSQL text cannot hold NUL; JSON.stringify never makes one raw.
        raise RequestInvalid("A stored value cannot contain the NUL character.", field="value")
    size = len(value.encode())
    if size > STORAGE_VALUE_MAX_BYTES:
        raise StorageValueTooLarge(
            f"The value takes {size} bytes in UTF-8; at most {STORAGE_VALUE_MAX_BYTES}.",
            field="value",
        )


async def get_value(session: AsyncSession, account: Account, app_id: str, key: str) -> str:
    app = await service.openable_app(session, account.id, app_id)
    item = await repository.get_storage_item_or_none(session, app.id, account.id, key)
    if item is None:
        raise StorageKeyNotFound(field="key")
    return item.value


async def set_value(
    session: AsyncSession, account: Account, app_id: str, key: str, value: str
) -> None:
    """Store the value under the key, replacing what was there; a new key needs room
    under the quota, a replaced one does not."""
    check_value(value)
    app = await service.openable_app(session, account.id, app_id)
    usage = await repository.lock_storage_usage(session, app.id, account.id)
    item = await repository.get_storage_item_or_none(session, app.id, account.id, key)
    now = clock.now()
    if item is not None:
        item.value = value
        item.updated_at = now
    else:
        if usage.key_count >= STORAGE_KEYS_MAX:
            raise StorageQuotaExceeded(
                f"This mini-program already stores {STORAGE_KEYS_MAX} keys for you; "
                "remove one first.",
                field="key",
            )
        session.add(
            StorageItem(
                miniapp_id=app.id, account_id=account.id, key=key, value=value, updated_at=now
            )
        )
        usage.key_count += 1
    await session.flush()


async def remove_value(session: AsyncSession, account: Account, app_id: str, key: str) -> None:
    """Remove the key; removing one that is not there is fine."""
    app = await service.openable_app(session, account.id, app_id)
    usage = await repository.lock_storage_usage(session, app.id, account.id)
    if await repository.delete_storage_item(session, app.id, account.id, key):
        usage.key_count -= 1
        await session.flush()


async def list_keys(session: AsyncSession, account: Account, app_id: str) -> list[str]:
    app = await service.openable_app(session, account.id, app_id)
    return sorted(await repository.storage_keys(session, app.id, account.id))
