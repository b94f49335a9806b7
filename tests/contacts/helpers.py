"""Shortcuts for contacts tests."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from plaza.contacts.models import Block, FriendRequestRecord, Friendship, PrivacySettings
from tests.conftest import Person, create_person


async def add_people(app: FastAPI, count: int, prefix: str = "Person") -> list[Person]:
    return [await create_person(app, f"{prefix} {i:02d}") for i in range(count)]


async def delete_account(client: httpx.AsyncClient, person: Person) -> None:
    response = await client.post(
        "/v1/me/deletion", headers=person.auth, json={"phone": person.phone}
    )
    assert response.status_code == 204, response.text


async def contacts_state(app: FastAPI) -> dict[str, list[tuple[Any, ...]]]:
    """Every contacts row, to check that a refused request changed nothing."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    async with app.state.database.sessionmaker() as session:
        for model in (FriendRequestRecord, Friendship, Block, PrivacySettings):
            columns = list(model.__table__.columns)
            rows = (await session.execute(select(*columns))).all()
            state[model.__tablename__] = sorted(tuple(row) for row in rows)
    return state
