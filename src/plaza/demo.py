"""Demo data for a first start: a few people to sign in as, who are friends, with a
1:1 chat and a group to look around in, and wallets ready to try every feature with."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import conversations as chat
from plaza.chat import messages
from plaza.chat.schemas import MessageSend
from plaza.config import REPO_ROOT, Settings
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.identity.schemas import ProfileUpdate
from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.kit.ratelimit import MemoryRateLimiter
from plaza.media.storage import MediaStorage
from plaza.miniapps import service as miniapps
from plaza.miniapps import versions
from plaza.miniapps.errors import NameTaken, VersionNotFound
from plaza.miniapps.models import MiniApp, VersionStatus
from plaza.miniapps.notices import service as notices
from plaza.miniapps.notices.schemas import TemplateCreate
from plaza.miniapps.packages import MANIFEST
from plaza.miniapps.schemas import MiniAppCreate
from plaza.moments.demo import seed_moments
from plaza.official import demo as official_demo
from plaza.realtime.broker import MemoryBroker
from plaza.wallet import security
from plaza.wallet import service as wallet
from plaza.wallet.bank import banks, cards, sandbox
from plaza.wallet.merchants import service as merchants
from plaza.wallet.merchants import settlements


@dataclass(frozen=True, slots=True)
class DemoPerson:
    phone: str
    display_name: str
    plaza_id: str
    bio: str
    region: str


DEMO_PEOPLE = (
    DemoPerson("+12025550101", "Alice Chen", "alice_chen", "Coffee, code and climbing.", "US"),
    DemoPerson("+12025550102", "Bob Okafor", "bob_okafor", "Jollof is a way of life.", "NG"),
    DemoPerson("+8613800138000", "李雷", "li_lei", "周末去爬山。", "CN"),
    DemoPerson("+8613800138001", "韩梅梅", "han_meimei", "读书、旅行、摄影。", "CN"),
    DemoPerson("+4915123456789", "Sofia Müller", "sofia_m", "Bakes bread, rides bikes.", "DE"),
)


async def seed(
    database: Database,
    storage: MediaStorage,
    settings: Settings,
    *,
    on_progress: Callable[[DemoPerson, bool], None],
) -> int:
    """Create the demo people that do not exist yet; returns how many were created.

    Safe to run on every start: a person whose phone is taken is left alone.
    """
    created = 0
    for person in DEMO_PEOPLE:
        async with database.unit_of_work() as session:
            account = await identity.get_account_by_phone_or_none(session, person.phone)
            is_new = account is None
            if account is None:
                account = await identity.create_account(
                    session,
                    phone=person.phone,
                    display_name=person.display_name,
                    plaza_id=person.plaza_id,
                )
                await identity.update_profile(
                    session, account, ProfileUpdate(bio=person.bio, region=person.region)
                )
                created += 1
        on_progress(person, is_new)
    if created == len(DEMO_PEOPLE):  # a fresh database: give them a social life too
        await _seed_conversations(database, storage)
        await _seed_wallets(database, settings)
        await seed_moments(database, storage)
        await official_demo.seed(
            database,
            storage,
            operator_plaza_id=COFFEE_ADMIN,
            admin_plaza_id=COFFEE_ADMIN,
            follower_plaza_ids=[person.plaza_id for person in DEMO_PEOPLE],
        )
    return created


async def _demo_accounts(session: AsyncSession) -> dict[str, Account]:
    """The demo people's accounts by Plaza ID."""
    accounts = {}
    for person in DEMO_PEOPLE:
        account = await identity.get_account_by_phone_or_none(session, person.phone)
        assert account is not None
        accounts[person.plaza_id] = account
    return accounts


DEMO_CHAT = (
    ("alice_chen", "Lunch tomorrow? The new noodle place opened."),
    ("bob_okafor", "Yes! 12:30 works for me."),
    ("alice_chen", "Perfect, see you there."),
)
DEMO_GROUP = (
    "Weekend hike 周末徒步",
    "li_lei",
    "Saturday 8:00 at the north gate. 周六早上八点北门集合！",
)


async def _seed_conversations(database: Database, storage: MediaStorage) -> None:
    """Everyone befriends everyone, Alice and Bob chat, and Li Lei starts a group."""
    broker, limiter = MemoryBroker(), MemoryRateLimiter()

    async def say(
        session: AsyncSession, sender: int, conversation: int, key: str, text: str
    ) -> None:
        body = MessageSend(client_msg_id=key, kind="text", text=text)
        await messages.send(
            session,
            broker,
            limiter,
            storage,
            sender=sender,
            conversation_id=conversation,
            body=body,
            messages_per_window=len(DEMO_CHAT) + 1,
        )

    async with database.unit_of_work() as session:
        ids = {
            plaza_id: account.id for plaza_id, account in (await _demo_accounts(session)).items()
        }
        people = list(ids.values())
        for index, a in enumerate(people):
            for b in people[index + 1 :]:
                await contacts.make_friends(session, a, b)
        direct = await chat.open_direct(session, ids["alice_chen"], ids["bob_okafor"])
        for number, (sender, text) in enumerate(DEMO_CHAT):
            await say(session, ids[sender], direct.id, f"demo-{number}", text)
        name, owner, text = DEMO_GROUP
        others = [account for plaza_id, account in ids.items() if plaza_id != owner]
        group = await chat.create_group(session, broker, ids[owner], name=name, member_ids=others)
        await say(session, ids[owner], group.id, "demo-group", text)


DEMO_MONEY = Money.parse("500.00", "CNY")
DEMO_ID_NUMBER = "11010519491231002X"
"""The example in China's resident-ID standard (GB 11643): it passes every check, so each
demo person verifies their real name with it."""
DEMO_PIN = "135790"
DEMO_SHOP = "Corner Café"
DEMO_SHOP_OWNER = "sofia_m"
DEMO_SETTLEMENT_ACCOUNT = "6212 2611 0200 1234 569"  # passes the Luhn check


async def _seed_wallets(database: Database, settings: Settings) -> None:
    """Every wallet feature works at once: everyone gets 500.00 of demo money, a verified
    real name, the payment PIN ``DEMO_PIN`` and (with the sandbox bank) its test card that
    always succeeds, for top-ups and withdrawals; Sofia runs a café to pay at."""
    secret = settings.secret_key.get_secret_value()
    async with database.unit_of_work() as session:
        bank = banks.connector_for(session, settings)
        card = next((c for c in bank.sample_cards if c.behaviour == "succeeds"), None)
        for plaza_id, account in (await _demo_accounts(session)).items():
            await wallet.deposit(session, owner_id=account.id, amount=DEMO_MONEY, memo="Demo money")
            real_name = account.display_name
            await security.verify_real_name(
                session,
                account,
                name=real_name,
                country="CN",
                id_number=DEMO_ID_NUMBER,
                secret=secret,
            )
            await security.set_pin(session, account, pin=DEMO_PIN, current_pin=None, secret=secret)
            if card is not None:
                await cards.link(
                    session,
                    bank,
                    account,
                    holder_name=real_name,
                    card_number=card.number,
                    bank_name=None,
                )
            if plaza_id == DEMO_SHOP_OWNER:
                shop = await merchants.register(
                    session,
                    account,
                    business_name=DEMO_SHOP,
                    registration_number="91110000MA01CAFE0X",
                    category="food",
                    settlement_bank_name=sandbox.BANK_NAME,
                    settlement_account_number=DEMO_SETTLEMENT_ACCOUNT,
                )
                await settlements.link_account(
                    session,
                    bank,
                    shop,
                    bank_name=sandbox.BANK_NAME,
                    account_number=DEMO_SETTLEMENT_ACCOUNT,
                )


# The coffee sample (miniapps/coffee): a mini-program to try at once


COFFEE_DIR = REPO_ROOT / "miniapps" / "coffee"
COFFEE_NAME = "Coffee"
COFFEE_DEVELOPER = DEMO_SHOP_OWNER
COFFEE_DEVELOPER_NAME = "Sofia's Coffee"
COFFEE_ADMIN = "alice_chen"
"""Made a platform admin to release the sample; she can review mini-programs in the console."""
COFFEE_SERVER = "127.0.0.1:8010"
"""The shop's server, declared as the mini-program's server domain (http on loopback)."""
COFFEE_TEMPLATE = TemplateCreate(title="Order ready", fields=["Order", "Items", "Status"])
"""As ``coffee_server.app.TEMPLATE_FIELDS`` expects."""
COFFEE_DESCRIPTION = "Order a flat white and a croissant, pay with Plaza, hear when it is ready."


@dataclass(frozen=True, slots=True)
class CoffeeSample:
    app_id: str
    version: str
    config_path: Path
    server_url: str


def coffee_config_path(settings: Settings) -> Path:
    """Where the shop's server finds its app id, secret and template (0600): beside the
    database and media, under ``var/`` by default."""
    return settings.media_dir.parent / "coffee.json"


def coffee_package(bundle: Path, app_id: str) -> tuple[bytes, str]:
    """The bundle zipped for upload with ``app_id`` in its manifest, and its version."""
    manifest = json.loads((bundle / MANIFEST).read_text())
    manifest["id"] = app_id
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        for path in sorted(bundle.rglob("*")):
            if path.is_file() and path.name != MANIFEST and not path.name.startswith("."):
                archive.write(path, path.relative_to(bundle).as_posix())
    return out.getvalue(), str(manifest["version"])


async def seed_coffee(
    database: Database, storage: MediaStorage, settings: Settings
) -> CoffeeSample | None:
    """Sofia's "Coffee" mini-program, released, with its "Order ready" template, and the
    shop server's credentials in ``coffee_config_path``. Safe on every start: an existing
    app is reused (a new secret only when the file lost it) and a changed bundle version is
    uploaded and released. None without the sample's files or the demo people."""
    bundle = COFFEE_DIR / "bundle"
    if not (bundle / MANIFEST).is_file():
        return None
    key = settings.secret_key.get_secret_value()
    config_path = coffee_config_path(settings)
    saved = json.loads(config_path.read_text()) if config_path.is_file() else {}
    async with database.unit_of_work() as session:
        owner = await identity.get_account_by_plaza_id_or_none(session, COFFEE_DEVELOPER)
        admin = await miniapps.set_admin(session, COFFEE_ADMIN, is_admin=True)
        if owner is None or admin is None:
            return None
        await miniapps.become_developer(session, owner, COFFEE_DEVELOPER_NAME)
        app = next(
            (a for a in await miniapps.list_apps(session, owner) if a.name == COFFEE_NAME), None
        )
        secret: str | None = None
        if app is None:
            body = MiniAppCreate(
                name=COFFEE_NAME,
                category="food",
                description=COFFEE_DESCRIPTION,
                server_domains=[COFFEE_SERVER],
            )
            try:
                # The demo shop's server runs beside Plaza, on loopback.
                app, secret = await miniapps.create_app(session, owner, key, body, loopback=True)
            except NameTaken:  # someone else's "Coffee": leave it alone
                return None
        elif saved.get("app_id") != app.app_id or not saved.get("app_secret"):
            app, secret = await miniapps.rotate_secret(session, owner, key, app.app_id)
        app_id, secret = app.app_id, secret or str(saved["app_secret"])
    data, version = coffee_package(bundle, app_id)
    async with database.unit_of_work() as session:
        await _release(session, storage, settings, app, data, version)
    async with database.unit_of_work() as session:
        owner = await identity.get_account_by_plaza_id_or_none(session, COFFEE_DEVELOPER)
        assert owner is not None
        templates = await notices.list_templates(session, owner, app_id)
        template = next(
            (
                t
                for t in templates
                if (t.title, t.fields) == (COFFEE_TEMPLATE.title, COFFEE_TEMPLATE.fields)
            ),
            None,
        ) or await notices.create_template(session, owner, app_id, COFFEE_TEMPLATE)
        template_id = template.template_id
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host  # noqa: S104
    server_host, port = COFFEE_SERVER.split(":")
    config = {
        "plaza_url": f"http://{host}:{settings.port}",
        "app_id": app_id,
        "app_secret": secret,
        "template_id": template_id,
        "host": server_host,
        "port": int(port),
        "database": str((settings.media_dir.parent / "coffee.db").resolve()),
        "currency": settings.wallet_currency,
    }
    config_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(config_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump(config, out, indent=2)
    config_path.chmod(0o600)
    return CoffeeSample(app_id, version, config_path, f"http://{COFFEE_SERVER}")


async def _release(
    session: AsyncSession,
    storage: MediaStorage,
    settings: Settings,
    app: MiniApp,
    data: bytes,
    version: str,
) -> None:
    """Upload ``version`` unless it is there, then take it through review to live, as a
    developer and an admin would in the console."""
    owner = await identity.get_account_by_plaza_id_or_none(session, COFFEE_DEVELOPER)
    admin = await identity.get_account_by_plaza_id_or_none(session, COFFEE_ADMIN)
    assert owner is not None
    assert admin is not None
    app = await miniapps.owned_app(session, owner.id, app.app_id)
    if app.live_version == version:
        return

    async def body() -> AsyncIterator[bytes]:
        yield data

    try:
        found = (await versions.get_version(session, owner, app.app_id, version)).version
    except VersionNotFound:
        root = versions.bundle_root(settings)
        found = (await versions.upload(session, storage, root, owner, app.app_id, body())).version
    status = found.status
    if status in (VersionStatus.DEVELOPMENT, VersionStatus.TRIAL):
        status = (await versions.submit(session, owner, app.app_id, version)).version.status
    if status == VersionStatus.UNDER_REVIEW:
        await versions.approve(session, admin, app.app_id, version)
    elif status == VersionStatus.RELEASED:  # an earlier release, rolled back to
        await versions.rollback(session, owner, app.app_id, version)
