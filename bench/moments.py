"""Moments benchmark: a timeline page and a post to 500 friends, in a generated network.

    .venv/bin/python bench/moments.py              # SQLite
    .venv/bin/python bench/moments.py --postgres   # PostgreSQL (PLAZA_BENCH_POSTGRES_URL)

The network (targets from issue 6): 10,000 people; the measured person has 500 friends
with 200 posts each; everyone else has ``--extra-friends`` random friends and
``--other-posts`` posts. Posts are fanned out into the timelines of the author's
friends as the API does it, and the measured person's friends' posts carry likes and
comments from their friends. Rows are made with bulk INSERTs straight into the
database; the measured requests go through the real ASGI app over httpx, in this
process. Figures are printed, never asserted.

  timeline  GET /v1/moments/timeline?limit=20, first pages and 5 pages deep
            target p99 <= 50 ms and a constant number of statements a page
  post      POST /v1/moments/posts to all 500 friends, target p99 <= 100 ms
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers import postgres_database

from bench.harness import DEFAULT_POSTGRES, describe
from plaza import migrate
from plaza.app import create_app
from plaza.config import Environment, Settings
from plaza.contacts.models import Friendship
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.db import Database
from plaza.kit.ids import new_id
from plaza.moments.models import Comment, Like, Post, TimelineEntry

CHUNK = 5_000  # rows per INSERT batch
PAGE = 20


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--friends", type=int, default=500, help="the measured person's")
    parser.add_argument("--posts-per-friend", type=int, default=200)
    parser.add_argument("--extra-friends", type=int, default=10, help="random friends each")
    parser.add_argument("--other-posts", type=int, default=5, help="posts of everyone else")
    parser.add_argument("--likes", type=int, default=3, help="likes on each friend's post")
    parser.add_argument("--comments", type=int, default=2, help="comments on each")
    parser.add_argument("--walks", type=int, default=60, help="timeline walks, 5 pages each")
    parser.add_argument("--posts", type=int, default=200, help="timed posts to 500 friends")
    return parser.parse_args()


async def insert_rows(session: AsyncSession, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(model), rows[start : start + CHUNK])


def person_rows(count: int) -> list[dict[str, Any]]:
    now = clock.now()
    rows = []
    for n in range(count):
        plaza_id = f"bench{n:06d}"
        rows.append(
            {
                "id": new_id(),
                "phone": f"+4916{n:08d}",
                "plaza_id": plaza_id,
                "plaza_id_key": plaza_id,
                "display_name": f"Person {n}",
                "bio": "",
                "region": "",
                "is_admin": False,
                "created_at": now,
            }
        )
    return rows


def friend_pairs(
    ids: list[int], args: argparse.Namespace, rng: random.Random
) -> set[tuple[int, int]]:
    """Measured person (ids[0]) with ``--friends``; everyone else with random friends."""
    me, others = ids[0], ids[1:]
    pairs = {(me, friend) for friend in others[: args.friends]}
    for person in others:
        for friend in rng.sample(others, args.extra_friends):
            if friend != person:
                pairs.add((min(person, friend), max(person, friend)))
    return pairs


async def generate(database: Database, args: argparse.Namespace) -> tuple[int, str]:
    """The network; returns the measured person's id and bearer token."""
    rng = random.Random(6)
    started = time.perf_counter()
    people = person_rows(args.people)
    ids = [row["id"] for row in people]
    pairs = friend_pairs(ids, args, rng)
    friends_of: dict[int, list[int]] = {i: [] for i in ids}
    for a, b in pairs:
        friends_of[a].append(b)
        friends_of[b].append(a)
    friends = set(ids[1 : args.friends + 1])
    now = clock.now()
    posts: list[dict[str, Any]] = []
    for author in ids[1:]:
        count = args.posts_per_friend if author in friends else args.other_posts
        posts.extend({"author_id": author, "text": f"Post {n} by {author}"} for n in range(count))
    rng.shuffle(posts)  # interleave authors, as time would
    for n, row in enumerate(posts):
        row |= {
            "id": new_id(),
            "client_id": f"bench-{n}",
            "photos": [],
            "location": None,
            "link": None,
            "audience_kind": "friends",
            "audience_tags": [],
            "audience_people": [],
            "created_at": now - timedelta(seconds=len(posts) - n),
        }
    likes, comments = [], []
    for row in posts:
        if row["author_id"] not in friends:
            continue
        circle = friends_of[row["author_id"]]
        for liker in rng.sample(circle, min(args.likes, len(circle))):
            likes.append({"post_id": row["id"], "account_id": liker, "created_at": now})
        for commenter in rng.sample(circle, min(args.comments, len(circle))):
            comments.append(
                {
                    "id": new_id(),
                    "post_id": row["id"],
                    "author_id": commenter,
                    "client_id": f"c{new_id()}",
                    "reply_to_author_id": None,
                    "text": "Nice!",
                    "created_at": now,
                }
            )
    async with database.unit_of_work() as session:
        await insert_rows(session, Account, people)
        await insert_rows(
            session,
            Friendship,
            [
                {"owner_id": a, "friend_id": b, "remark": "", "tags": [], "created_at": now}
                for pair in pairs
                for a, b in (pair, pair[::-1])
            ],
        )
        await insert_rows(session, Post, posts)
        # Fan-out as posting does it: the author and each of their friends.
        await session.execute(
            insert(TimelineEntry).from_select(
                ["viewer_id", "post_id"], select(Post.author_id, Post.id)
            )
        )
        await session.execute(
            insert(TimelineEntry).from_select(
                ["viewer_id", "post_id"],
                select(Friendship.friend_id, Post.id).join(
                    Friendship, Friendship.owner_id == Post.author_id
                ),
            )
        )
        await insert_rows(session, Like, likes)
        await insert_rows(session, Comment, comments)
        me = await identity.get_account(session, ids[0])
        _, token = await identity.open_device_session(session, me, "bench")
    timeline_rows = len(posts) + sum(len(friends_of[row["author_id"]]) for row in posts)
    print(
        f"# generated in {time.perf_counter() - started:.0f} s: {len(people):,} people, "
        f"{2 * len(pairs):,} friendship rows, {len(posts):,} posts, {timeline_rows:,} timeline "
        f"entries, {len(likes):,} likes, {len(comments):,} comments",
        flush=True,
    )
    return ids[0], token


async def settle(database: Database) -> None:
    """Statistics and (on PostgreSQL) the visibility map, as autovacuum would make them
    after a bulk load; without them the first reads of fresh rows also write."""
    started = time.perf_counter()
    command = "VACUUM ANALYZE" if database.engine.dialect.name == "postgresql" else "ANALYZE"
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text(command))
    print(f"# {command} in {time.perf_counter() - started:.0f} s", flush=True)


class StatementCounter:
    def __init__(self, database: Database) -> None:
        self.count = 0
        event.listen(database.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


async def measure(app: Any, token: str, args: argparse.Namespace) -> None:
    counter = StatementCounter(app.state.database)
    headers = {"Authorization": f"Bearer {token}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers
    ) as http:
        times, statements = [], set()
        for walk in range(args.walks + 1):
            cursor = None
            for _ in range(5):
                url = f"/v1/moments/timeline?limit={PAGE}" + (f"&cursor={cursor}" if cursor else "")
                before, started = counter.count, time.perf_counter()
                response = await http.get(url)
                elapsed = time.perf_counter() - started
                response.raise_for_status()
                page = response.json()
                assert len(page["items"]) == PAGE, page
                cursor = page["next_cursor"]
                if walk:  # the first walk warms caches
                    times.append(elapsed)
                    statements.add(counter.count - before)
        print(
            f"timeline page of {PAGE}, 5 pages deep (p99 target ≤ 50 ms):\n  "
            f"{describe('timeline', times)}; statements a page: {sorted(statements)}",
            flush=True,
        )

        times, statements = [], set()
        for n in range(args.posts + 1):
            body = {"client_id": f"bench-post-{n}", "text": f"Hello friends {n}"}
            before, started = counter.count, time.perf_counter()
            response = await http.post("/v1/moments/posts", json=body)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if n:
                times.append(elapsed)
                statements.add(counter.count - before)
        print(
            f"post to {args.friends} friends (p99 target ≤ 100 ms):\n  "
            f"{describe('post', times)}; statements a post: {sorted(statements)}",
            flush=True,
        )


@asynccontextmanager
async def database_url(args: argparse.Namespace, workdir: Path) -> AsyncIterator[str]:
    if not args.postgres:
        yield f"sqlite+aiosqlite:///{workdir / 'plaza.db'}"
        return
    base_url = os.environ.get("PLAZA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    async with postgres_database(base_url, name="plaza_bench_moments") as url:
        yield url


async def run(args: argparse.Namespace) -> None:
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(
        f"# {os.cpu_count()} cores, load average {load}; "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}; client in the same process",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="plaza-bench-moments-") as scratch:
        workdir = Path(scratch)
        async with database_url(args, workdir) as url:
            await asyncio.to_thread(migrate.upgrade, url)
            settings = Settings(
                env=Environment.DEV,
                database_url=url,
                media_dir=workdir / "media",
                web_dir=workdir / "web",
                background_jobs=False,
                _env_file=None,
            )
            app = create_app(settings)
            async with app.router.lifespan_context(app):
                _, token = await generate(app.state.database, args)
                await settle(app.state.database)
                await measure(app, token, args)


if __name__ == "__main__":
    asyncio.run(run(parse()))
