"""Olivia operates official accounts, Root is a platform admin, Fred and Gina follow."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.conftest import Person, create_person
from tests.miniapps.helpers import make_admin


@pytest.fixture
async def olivia(app: FastAPI) -> Person:
    return await create_person(app, "Olivia", plaza_id="olivia_ops")


@pytest.fixture
async def root(app: FastAPI) -> Person:
    person = await create_person(app, "Root", plaza_id="root_admin")
    await make_admin(app, person)
    return person


@pytest.fixture
async def fred(app: FastAPI) -> Person:
    return await create_person(app, "Fred", plaza_id="fred_reader")


@pytest.fixture
async def gina(app: FastAPI) -> Person:
    return await create_person(app, "Gina", plaza_id="gina_reader")
