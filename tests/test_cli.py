"""The plaza command, run in-process against a real SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from plaza import demo
from plaza.chat.models import Conversation, Message
from plaza.cli import app
from plaza.config import Settings
from plaza.contacts.models import Friendship
from plaza.demo import DEMO_PEOPLE
from plaza.identity.models import Account
from plaza.kit.db import Database
from plaza.wallet import security
from plaza.wallet import service as wallet
from plaza.wallet.bank.models import BankCard
from plaza.wallet.merchants.models import Merchant
from plaza.wallet.models import JournalEntry, WalletProfile

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    database = tmp_path / "var" / "plaza.db"
    monkeypatch.setenv("PLAZA_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("PLAZA_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("PLAZA_WEB_DIR", str(tmp_path / "web"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_migrate_then_demo_adds_people_once(env: Path) -> None:
    assert run("migrate")[0] == 0
    code, output = run("demo")
    assert code == 0
    assert f"Demo accounts ({len(DEMO_PEOPLE)} new)" in output
    assert "+12025550101" in output
    assert f"payment PIN is {demo.DEMO_PIN}" in output
    assert demo.DEMO_SHOP in output
    code, output = run("demo")
    assert code == 0
    assert "Demo accounts (0 new)" in output
    assert asyncio.run(demo_rows(env)) == {
        "friendships": 20,
        # and each one's chats with the two official accounts, where each greets them
        "conversations": 2 + 2 * len(DEMO_PEOPLE),
        "messages": 5 + 3 * len(DEMO_PEOPLE),  # and City Services' broadcast
        "journal_entries": len(DEMO_PEOPLE),
        "wallet_profiles": len(DEMO_PEOPLE),
        "wallet_bank_cards": len(DEMO_PEOPLE),
        "merchants": 1,
    }
    asyncio.run(assert_demo_wallets_ready(env))


async def demo_rows(env: Path) -> dict[str, int]:
    """How many friendships, conversations and messages the demo made (each run counts)."""
    database = Database(f"sqlite+aiosqlite:///{env / 'var' / 'plaza.db'}")
    try:
        async with database.sessionmaker() as session:
            return {
                model.__tablename__: int(
                    await session.scalar(select(func.count()).select_from(model)) or 0
                )
                for model in (
                    Friendship,
                    Conversation,
                    Message,
                    JournalEntry,
                    WalletProfile,
                    BankCard,
                    Merchant,
                )
            }
    finally:
        await database.dispose()


async def assert_demo_wallets_ready(env: Path) -> None:
    """Each demo person can pay at once: real name verified, the printed PIN works, a card
    in their own name is linked; Sofia owns the demo shop."""
    secret = Settings().secret_key.get_secret_value()
    database = Database(f"sqlite+aiosqlite:///{env / 'var' / 'plaza.db'}")
    try:
        async with database.sessionmaker() as session:
            for account in await session.scalars(select(Account)):
                mine = await security.profile(session, account.id)
                assert mine.verified_at is not None
                assert mine.real_name == account.display_name
                await security.check_pin(session, mine, demo.DEMO_PIN, secret=secret)
                [card] = await session.scalars(
                    select(BankCard).where(BankCard.owner_id == account.id)
                )
                assert (card.holder_name, card.last4) == (account.display_name, "4242")
            [shop] = await session.scalars(select(Merchant))
            owner = await session.get(Account, shop.owner_id)
            assert owner is not None
            assert (shop.business_name, owner.plaza_id) == (demo.DEMO_SHOP, demo.DEMO_SHOP_OWNER)
    finally:
        await database.dispose()


def test_user_create(env: Path) -> None:
    run("migrate")
    code, output = run(
        "user", "create", "--phone", "+86 138 0013 8000", "--name", "Lei", "--plaza-id", "lei_li"
    )
    assert code == 0, output
    assert '"phone": "+8613800138000"' in output
    assert '"plaza_id": "lei_li"' in output
    code, output = run("user", "create", "--phone", "+8613800138000", "--name", "Again")
    assert code != 0
    assert "already has an account" in output
    code, output = run(
        "user", "create", "--phone", "+12025550102", "--name", "B", "--plaza-id", "LEI_LI"
    )
    assert code == 1
    assert "taken" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--phone", "12345", "--name", "X"], "international form"),
        (["--phone", "+12025550102", "--name", "X", "--plaza-id", "9bad"], "starts with a letter"),
    ],
)
def test_user_create_refuses_bad_input(env: Path, args: list[str], message: str) -> None:
    run("migrate")
    code, output = run("user", "create", *args)
    assert code == 2
    assert message in output


def test_check_reports_each_part(env: Path) -> None:
    code, output = run("check")
    assert code == 1  # not migrated, web client not built
    assert "no file at" in output
    assert "run `plaza migrate`" in output
    run("migrate")
    (env / "web").mkdir()
    (env / "web" / "index.html").write_text("<!doctype html>")
    code, output = run("check")
    assert code == 0, output
    assert "sqlite, schema at" in output


def test_check_reports_an_unreachable_broker(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAZA_BROKER_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    code, output = run("check")
    assert code == 1
    assert "broker" in output
    assert "ConnectionError" in output


def test_check_flags_an_unsafe_production_setup(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAZA_ENV", "prod")
    code, output = run("check")
    assert code == 1
    assert "PLAZA_SECRET_KEY" in output


def test_openapi_is_written(env: Path) -> None:
    code, _ = run("openapi", "--out", str(env / "openapi.json"))
    assert code == 0
    assert '"/v1/auth/codes"' in (env / "openapi.json").read_text()


def test_wallet_verify(env: Path) -> None:
    run("migrate")
    code, output = run("wallet", "verify")
    assert code == 0, output
    assert "The books balance" in output
    asyncio.run(tamper_with_a_balance(env))
    code, output = run("wallet", "verify")
    assert code == 1
    assert "balance 5, postings 0" in output


async def tamper_with_a_balance(env: Path) -> None:
    """An account whose stored balance has no postings behind it."""
    database = Database(f"sqlite+aiosqlite:///{env / 'var' / 'plaza.db'}")
    try:
        async with database.unit_of_work() as session:
            account = await wallet.system_account(session, wallet.Purpose.BANK_CLEARING, "CNY")
            account.balance = 5
    finally:
        await database.dispose()


def test_serve_refuses_several_workers_without_postgresql_and_redis(env: Path) -> None:
    code, output = run("serve", "--workers", "2")
    assert code == 2
    assert "need PostgreSQL" in output
    assert "PLAZA_BROKER_URL" in output
    assert "PLAZA_REDIS_URL" in output
