"""Demo data for a first start: a few people to sign in as and look around."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plaza.identity import service as identity
from plaza.identity.schemas import ProfileUpdate
from plaza.kit.db import Database


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


async def seed(database: Database, *, on_progress: Callable[[DemoPerson, bool], None]) -> int:
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
    return created
