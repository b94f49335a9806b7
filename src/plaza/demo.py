"""Demo data for a first start: a few people to sign in as, who are friends, with a
1:1 chat and a group to look around in, and wallets ready to try every feature with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import conversations as chat
from plaza.chat import messages
from plaza.chat.schemas import MessageSend
from plaza.config import Settings
from plaza.contacts import service as contacts
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.identity.schemas import ProfileUpdate
from plaza.kit.db import Database
from plaza.kit.money import Money
from plaza.kit.ratelimit import MemoryRateLimiter
from plaza.media.storage import MediaStorage
from plaza.realtime.broker import MemoryBroker
from plaza.wallet import security
from plaza.wallet import service as wallet
from plaza.wallet.bank import banks, cards, sandbox
from plaza.wallet.merchants import service as merchants


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
                await merchants.register(
                    session,
                    account,
                    business_name=DEMO_SHOP,
                    registration_number="91110000MA01CAFE0X",
                    category="food",
                    settlement_bank_name=sandbox.BANK_NAME,
                    settlement_account_number=DEMO_SETTLEMENT_ACCOUNT,
                )
