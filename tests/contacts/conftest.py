"""Alice, Bob and Carol: three people with display names, signed in."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.conftest import Person, create_person


@pytest.fixture
async def alice(app: FastAPI) -> Person:
    return await create_person(app, "Alice", plaza_id="alice_chen", phone="+12025550101")


@pytest.fixture
async def bob(app: FastAPI) -> Person:
    return await create_person(app, "Bob", plaza_id="bob_okafor", phone="+12025550102")


@pytest.fixture
async def carol(app: FastAPI) -> Person:
    return await create_person(app, "Carol", plaza_id="carol_s", phone="+8613800138000")
