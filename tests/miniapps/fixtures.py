"""Fixtures for tests of the Open API and what builds on it (the SDK, the coffee sample):
a developer, a platform admin, a person, and the developer's released "Coffee". Registered
for every test by ``pytest_plugins`` in tests/conftest.py; a package may override one."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Person, create_person
from tests.miniapps.helpers import become_developer, make_admin
from tests.open_api.conftest import App, released_app


@pytest.fixture
async def developer(app: FastAPI, client: httpx.AsyncClient) -> Person:
    person = await create_person(app, "Dev", plaza_id="coffee_dev")
    await become_developer(client, person)
    return person


@pytest.fixture
async def admin(app: FastAPI) -> Person:
    person = await create_person(app, "Root", plaza_id="root_admin")
    await make_admin(app, person)
    return person


@pytest.fixture
async def user(app: FastAPI) -> Person:
    return await create_person(app, "Uma", plaza_id="uma_user")


@pytest.fixture
async def coffee(client: httpx.AsyncClient, developer: Person, admin: Person) -> App:
    return await released_app(client, developer, admin, "Coffee")
