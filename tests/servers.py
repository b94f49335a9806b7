"""Real `plaza serve` processes and throwaway PostgreSQL databases, for tests and
benchmarks that cross process boundaries."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

STARTUP_SECONDS = 30


@dataclass(frozen=True)
class LiveServer:
    url: str
    log: Path
    pid: int
    database_url: str = ""
    """The server's database, for tests that set up state behind its back."""

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def plaza_serve(
    workdir: Path, settings: dict[str, str], *, options: Sequence[str] = ()
) -> Iterator[LiveServer]:
    """Run `plaza serve` with these PLAZA_* settings (and none from our own environment)
    and command-line ``options``."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLAZA_")}
    env |= settings
    log = workdir / f"server-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [sys.executable, "-m", "plaza", "serve", "--port", str(port), *options],
            env=env,
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"plaza serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield LiveServer(
            url=url, log=log, pid=process.pid, database_url=settings.get("PLAZA_DATABASE_URL", "")
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


def scaled_settings(workdir: Path, *, database_url: str, redis_url: str) -> dict[str, str]:
    """A test server's settings on PostgreSQL and Redis (broker and rate limits)."""
    return {
        "PLAZA_ENV": "test",
        "PLAZA_DATABASE_URL": database_url,
        "PLAZA_BROKER_URL": redis_url,
        "PLAZA_REDIS_URL": redis_url,
        "PLAZA_MEDIA_DIR": str(workdir / "media"),
    }


@contextmanager
def two_plaza_nodes(
    workdir: Path, *, database_url: str, redis_url: str, extra: dict[str, str] | None = None
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two `plaza serve` processes sharing one database and one Redis (broker and rate
    limits), with distinct node ids: the scaled mode on one machine."""
    settings = scaled_settings(workdir, database_url=database_url, redis_url=redis_url)
    settings |= extra or {}
    with (
        plaza_serve(workdir, settings | {"PLAZA_NODE_ID": "1"}) as node_a,
        plaza_serve(workdir, settings | {"PLAZA_NODE_ID": "2"}) as node_b,
    ):
        yield node_a, node_b


@asynccontextmanager
async def postgres_database(
    base_url: str, *, template: str | None = None, name: str | None = None
) -> AsyncIterator[str]:
    """A new database on the server of ``base_url`` (empty, or a copy of ``template``),
    dropped afterwards; yields its URL. Named ``name`` (a benchmark's, dropped first if a
    killed run left it behind) or at random."""
    base = make_url(base_url)
    admin = await asyncpg.connect(
        host=base.host,
        port=base.port,
        user=base.username,
        password=base.password,
        database=base.database,
    )
    try:
        if name is None:
            name = f"plaza_test_{secrets.token_hex(6)}"
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        await admin.execute(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        await admin.close()
