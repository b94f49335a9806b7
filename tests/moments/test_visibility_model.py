"""Random friend graphs, blocks, hidden posts, audiences and likes, checked against a
plain-Python model of the visibility rule: albums, timelines, single posts and likes."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaza.app import create_app
from plaza.config import Environment
from plaza.config import Settings as AppSettings
from plaza.contacts import service as contacts
from plaza.moments.visibility import STRANGER_POSTS
from tests.conftest import CLIENT_IP, Person, create_person_in
from tests.moments.helpers import block, like, patch, post

PEOPLE = 4
Pair = tuple[int, int]


@dataclass(frozen=True)
class PlannedPost:
    author: int
    kind: str
    people: frozenset[int]
    likers: frozenset[int]


@dataclass
class World:
    friends: set[frozenset[int]]
    blocks: set[Pair]
    """(owner, blocked)"""
    hide_mine: set[Pair]
    """(author, viewer): the author does not let the viewer see their posts."""
    hide_theirs: set[Pair]
    """(viewer, author)"""
    strangers_off: set[int]
    posts: list[PlannedPost] = field(default_factory=list)

    def are_friends(self, a: int, b: int) -> bool:
        return frozenset((a, b)) in self.friends

    def blocked(self, a: int, b: int) -> bool:
        return (a, b) in self.blocks or (b, a) in self.blocks

    def sees(self, viewer: int, index: int) -> bool:
        """The rule, as docs/subsystems/moments.md says it."""
        planned = self.posts[index]
        author = planned.author
        if viewer == author:
            return True
        if self.blocked(author, viewer) or (author, viewer) in self.hide_mine:
            return False
        if self.are_friends(author, viewer):
            return {
                "friends": True,
                "private": False,
                "include": viewer in planned.people,
                "exclude": viewer not in planned.people,
            }[planned.kind]
        newer_shared = [
            later
            for later in self.posts[index + 1 :]
            if later.author == author and later.kind == "friends"
        ]
        return (
            planned.kind == "friends"
            and author not in self.strangers_off
            and len(newer_shared) < STRANGER_POSTS
        )

    def in_timeline(self, viewer: int, index: int) -> bool:
        author = self.posts[index].author
        if viewer == author:
            return True
        return (
            self.are_friends(author, viewer)
            and (viewer, author) not in self.hide_theirs
            and self.sees(viewer, index)
        )

    def sees_like(self, viewer: int, index: int, liker: int) -> bool:
        author = self.posts[index].author
        return self.sees(viewer, index) and (
            viewer in (author, liker) or self.are_friends(viewer, liker)
        )


people = st.integers(min_value=0, max_value=PEOPLE - 1)
ordered_pairs = st.sets(st.tuples(people, people).filter(lambda pair: pair[0] != pair[1]))


@st.composite
def worlds(draw: st.DrawFn) -> World:
    pairs = [frozenset(p) for p in itertools.combinations(range(PEOPLE), 2)]
    world = World(
        friends=set(draw(st.lists(st.sampled_from(pairs), unique=True))),
        blocks=draw(ordered_pairs.map(lambda s: set(list(s)[:2]))),
        hide_mine=draw(ordered_pairs.map(lambda s: set(list(s)[:2]))),
        hide_theirs=draw(ordered_pairs.map(lambda s: set(list(s)[:2]))),
        strangers_off=draw(st.sets(people, max_size=2)),
    )
    many = draw(st.integers(min_value=0, max_value=STRANGER_POSTS + 2))
    plans = [(0, "friends", frozenset[int]())] * many
    plans += draw(
        st.lists(
            st.tuples(
                people,
                st.sampled_from(["friends", "private", "include", "exclude"]),
                st.frozensets(people),
            ),
            max_size=6,
        )
    )
    for author, kind, chosen in plans:
        named = frozenset(p for p in chosen if world.are_friends(author, p))
        if kind == "include" and not named:
            kind = "friends"
        if kind in ("friends", "private"):
            named = frozenset()
        likers = draw(st.frozensets(people))
        world.posts.append(PlannedPost(author, kind, named, likers))
    return world


async def check(world: World, database_path: Path) -> None:
    app = create_app(
        AppSettings(
            env=Environment.TEST,
            database_url=f"sqlite+aiosqlite:///{database_path}",
            media_dir=database_path.parent / "media",
            web_dir=database_path.parent / "web",
            node_id=1,
            background_jobs=False,
            _env_file=None,
        )
    )
    async with app.router.lifespan_context(app):
        database = app.state.database
        persons: list[Person] = [await create_person_in(database, f"P{i}") for i in range(PEOPLE)]
        async with database.unit_of_work() as session:
            for pair in world.friends:
                a, b = sorted(pair)
                await contacts.make_friends(session, persons[a].account_id, persons[b].account_id)
        transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://plaza.test") as client:
            await run_and_compare(client, world, persons)


async def run_and_compare(client: httpx.AsyncClient, world: World, persons: list[Person]) -> None:
    for author in world.strangers_off:
        await patch(client, persons[author], "/settings", {"strangers_see_ten": False})
    ids = []
    for planned in world.posts:
        audience = {"kind": planned.kind, "people": [persons[p].id for p in sorted(planned.people)]}
        ids.append((await post(client, persons[planned.author], audience=audience))["id"])
    for owner, blocked in world.blocks:
        await block(client, persons[owner], persons[blocked])
    for author, viewer in world.hide_mine:
        await patch(
            client, persons[author], f"/people/{persons[viewer].id}", {"hide_my_posts": True}
        )
    for viewer, author in world.hide_theirs:
        body = {"hide_their_posts": True}
        await patch(client, persons[viewer], f"/people/{persons[author].id}", body)
    for index, planned in enumerate(world.posts):
        for liker in sorted(planned.likers):
            response = await like(client, persons[liker], ids[index])
            assert response.status_code == (201 if world.sees(liker, index) else 404)

    for viewer, person in enumerate(persons):
        page = (await client.get("/v1/moments/timeline?limit=100", headers=person.auth)).json()
        expected = [ids[i] for i in reversed(range(len(ids))) if world.in_timeline(viewer, i)]
        assert [item["id"] for item in page["items"]] == expected, ("timeline", viewer)
        shown = {item["id"]: item for item in page["items"]}
        for author, other in enumerate(persons):
            album = await client.get(
                f"/v1/moments/accounts/{other.id}/posts?limit=100", headers=person.auth
            )
            expected = [
                ids[i]
                for i in reversed(range(len(ids)))
                if world.posts[i].author == author and world.sees(viewer, i)
            ]
            items = album.json()["items"]
            assert [item["id"] for item in items] == expected, ("album", viewer, author)
            shown |= {item["id"]: item for item in items}
        for index, planned in enumerate(world.posts):
            if ids[index] not in shown:
                continue
            likers = {like["id"] for like in shown[ids[index]]["likes"]}
            expected_likers = {
                persons[liker].id
                for liker in planned.likers
                if world.sees(liker, index) and world.sees_like(viewer, index, liker)
            }
            assert likers == expected_likers, ("likes", viewer, index)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_random_worlds_follow_the_rule(
    world: World, migrated_sqlite_template: Path, tmp_path: Path
) -> None:
    run = tmp_path / f"world-{id(world)}"
    run.mkdir()
    shutil.copyfile(migrated_sqlite_template, run / "plaza.db")
    asyncio.run(check(world, run / "plaza.db"))
