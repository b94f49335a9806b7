"""Alice the developer, Bob who is not one, and Root the platform admin."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, create_person
from tests.miniapps.helpers import become_developer, make_admin


@pytest.fixture
async def alice(app: FastAPI, client: httpx.AsyncClient) -> Person:
    person = await create_person(app, "Alice", plaza_id="alice_dev")
    await become_developer(client, person)
    return person


@pytest.fixture
async def bob(app: FastAPI) -> Person:
    return await create_person(app, "Bob", plaza_id="bob_user")


@pytest.fixture
async def root(app: FastAPI) -> Person:
    person = await create_person(app, "Root", plaza_id="root_admin")
    await make_admin(app, person)
    return person
