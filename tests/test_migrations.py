"""Migrations run from empty to head and back on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, column, insert, inspect, table

from plaza import migrate
from plaza.kit.db import Base, Database, UTCDateTime
from plaza.media.models import Upload
from plaza.models import import_all_models
from tests.conftest import fresh_postgres_database

EXPECTED_TABLES = {
    "accounts",
    "sign_in_codes",
    "device_sessions",
    "idempotency_records",
    "friend_requests",
    "friendships",
    "blocks",
    "contact_privacy",
    "conversations",
    "conversation_members",
    "messages",
    "hidden_messages",
    "chat_settings",
    "inboxes",
    "inbox_events",
    "uploads",
    "ledger_accounts",
    "journal_entries",
    "postings",
    "wallet_profiles",
    "wallet_transfers",
    "wallet_bank_cards",
    "wallet_bank_orders",
    "wallet_bank_callbacks",
    "sandbox_bank_cards",
    "sandbox_bank_requests",
    "wallet_envelopes",
    "wallet_envelope_shares",
    "merchants",
    "wallet_payments",
    "wallet_payment_refunds",
    "payment_code_secrets",
    "payment_codes_used",
    "webhook_signing_keys",
    "webhooks",
    "webhook_attempts",
    "miniapp_developers",
    "miniapps",
    "miniapp_versions",
    "miniapp_testers",
    "open_access_tokens",
    "open_codes",
    "open_sessions",
    "miniapp_consents",
    "miniapp_templates",  # notices
    "miniapp_subscriptions",
    "miniapp_recents",  # runtime-backend
    "miniapp_daily_opens",
    "miniapp_storage_items",
    "miniapp_storage_usage",
    "miniapp_orders",
    "miniapp_refunds",
    "moment_posts",  # moments
    "moment_post_audience",
    "moment_timeline",
    "moment_likes",
    "moment_comments",
    "moment_notifications",
    "moment_settings",
    "moment_person_settings",
    "moment_statuses",
    "official_accounts",  # official
    "official_follows",
    "official_broadcasts",
    "official_articles",
    "official_article_likes",
    "official_subscriptions_read",
    "official_messaging_settings",  # official messaging
    "official_threads",
    "official_deliveries",
    "wallet_miniapp_settlement_accounts",  # mini-programs' payouts
}


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'fresh.db'}"
        return
    async with fresh_postgres_database() as url:
        yield url


async def inspect_database(url: str, look: Any) -> Any:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(look)
    finally:
        await database.dispose()


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def schema_drift(connection: Connection) -> list[Any]:
    import_all_models()
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_from_empty_matches_the_models(empty_database: str) -> None:
    await anyio.to_thread.run_sync(migrate.upgrade, empty_database)
    assert await inspect_database(empty_database, table_names) == EXPECTED_TABLES
    assert await inspect_database(empty_database, schema_drift) == []


async def test_downgrade_to_empty_and_up_again(empty_database: str) -> None:
    await anyio.to_thread.run_sync(migrate.upgrade, empty_database)
    await anyio.to_thread.run_sync(migrate.downgrade, empty_database, "base")
    assert await inspect_database(empty_database, table_names) == set()
    await anyio.to_thread.run_sync(migrate.upgrade, empty_database)
    assert await inspect_database(empty_database, table_names) == EXPECTED_TABLES


async def test_uploads_from_before_uses_were_recorded_count_as_used(empty_database: str) -> None:
    """Whether something uses an older upload cannot be told from it, so the unused-upload
    sweep must never take one: the revision marks them used when they were made."""
    await anyio.to_thread.run_sync(migrate.upgrade, empty_database, "20261130_login_code_ids")
    made = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    accounts = table(
        "accounts",
        *map(column, ("id", "display_name", "bio", "region")),
        column("created_at", UTCDateTime()),
    )
    uploads = table(
        "uploads",
        *map(column, ("id", "owner_id", "kind", "key", "name", "content_type", "size")),
        column("created_at", UTCDateTime()),
    )
    database = Database(empty_database)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(
                insert(accounts).values(id=1, display_name="A", bio="", region="", created_at=made)
            )
            await connection.execute(
                insert(uploads).values(
                    id=2,
                    owner_id=1,
                    kind="file",
                    key="uploads/1/a/file.pdf",
                    name="a.pdf",
                    content_type="application/pdf",
                    size=1,
                    created_at=made,
                )
            )
        await anyio.to_thread.run_sync(migrate.upgrade, empty_database)
        async with database.sessionmaker() as session:
            upload = await session.get(Upload, 2)
    finally:
        await database.dispose()
    assert upload is not None
    assert upload.used_at == made


def test_revision_files_are_date_prefixed() -> None:
    names = [p.name for p in (migrate.MIGRATIONS_DIR / "versions").glob("*.py")]
    assert names
    for name in names:
        assert name[:16].replace("_", "").isdigit(), name
