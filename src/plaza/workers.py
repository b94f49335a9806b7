"""Several worker processes on one port: ``plaza serve --workers N``.

Each worker is a process with a listening socket of its own on the port
(``SO_REUSEPORT``), so the kernel spreads new connections evenly over the workers. With
one socket shared by all, the worker that wakes first accepts a whole burst of
connections, and keep-alive connections and WebSockets then stay on it: after a restart
every phone reconnecting at once would land on one worker.

Each worker has a node id of its own (``PLAZA_NODE_ID`` plus its index, see ``kit/ids``)
so that no two of them make the same id. Workers share nothing in memory, so everything
that must hold across them goes through PostgreSQL and Redis: :func:`problems` refuses a
configuration that would break a promise with more than one worker.

The :class:`Supervisor` (the ``plaza serve`` process) starts the workers, replaces one
that exits, stops them all on SIGINT or SIGTERM (each finishes the requests it has), and
on SIGHUP replaces them one at a time, a rolling restart after an upgrade: it stops a
worker, starts its replacement under the same node id and waits until it serves before
it goes on to the next, while the others carry the traffic.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import signal
import socket
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import structlog
import uvicorn

from plaza.config import Environment, Settings, SmsGatewayKind
from plaza.kit.ids import MAX_NODE_ID

log = structlog.get_logger(__name__)

SERVER_OPTIONS: dict[str, Any] = {
    "factory": True,
    "access_log": False,  # plaza.http logs every request itself
    "log_config": None,  # and configures logging in create_app
    "proxy_headers": True,
}
"""uvicorn's options for serving Plaza, with one worker or several."""
APP = "plaza.app:create_app"
BACKLOG = 2048
STARTUP_SECONDS = 60.0
"""How long a worker may take to serve before it counts as failed."""
STOP_SECONDS = 30.0
"""How long a stopping worker may take over the requests it has before it is killed."""
WATCH_SECONDS = 0.5

_spawn = multiprocessing.get_context("spawn")


def problems(settings: Settings, workers: int) -> list[str]:
    """Why this configuration cannot run ``workers`` processes; empty when it can."""
    if workers < 2:
        return []
    found = []
    if not settings.database_url.startswith("postgresql"):
        found.append("several workers need PostgreSQL (PLAZA_DATABASE_URL): SQLite is one writer")
    if settings.broker_url.startswith("memory:"):
        found.append(
            "several workers need a shared broker (PLAZA_BROKER_URL=redis://...) so that "
            "a message reaches sockets held by another worker"
        )
    if settings.redis_url is None:
        found.append(
            "several workers need shared rate limits (PLAZA_REDIS_URL=redis://...), "
            "or each would allow the full limit"
        )
    first = settings.node_id or 0
    if first + workers - 1 > MAX_NODE_ID:
        found.append(
            f"PLAZA_NODE_ID {first} leaves no room for {workers} workers: their node ids "
            f"run from it to {first + workers - 1} (at most {MAX_NODE_ID})"
        )
    return found


def warnings(settings: Settings, workers: int) -> list[str]:
    """What works differently with several workers, without breaking a promise."""
    dev_outbox = settings.env is Environment.DEV and settings.sms_gateway is SmsGatewayKind.DEV
    if workers < 2 or not dev_outbox:
        return []
    return [
        "each worker keeps its own dev outbox: /dev/outbox shows the codes of the worker "
        "that answers it; the log below shows every code"
    ]


def node_ids(settings: Settings, workers: int) -> range:
    """The workers' node ids: from PLAZA_NODE_ID, or from a random one."""
    first = settings.node_id
    if first is None:
        first = secrets.randbelow(MAX_NODE_ID + 2 - workers)
    return range(first, first + workers)


def pin_threads(settings: Settings, workers: int) -> int:
    """Each worker's PIN checks at once (``PLAZA_PIN_THREADS``): its share of the cores,
    since checks beyond the cores only slow each other down (``wallet/security``)."""
    return settings.pin_threads or max(1, (os.cpu_count() or 1) // workers)


def _serve(host: str, port: int, node_id: int, pin_threads: int, ready: Connection) -> None:
    """A worker's process: its own socket on the port, the app under its node id."""
    os.environ["PLAZA_NODE_ID"] = str(node_id)
    os.environ["PLAZA_PIN_THREADS"] = str(pin_threads)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server(
        (host, port),
        family=family,
        backlog=BACKLOG,
        reuse_port=True,
        dualstack_ipv6=host == "::",  # IPv4 too on every address, as uvicorn binds "::"
    )
    server = uvicorn.Server(uvicorn.Config(APP, **SERVER_OPTIONS))

    def report_ready() -> None:
        while not server.started:
            time.sleep(0.05)
        ready.send(True)

    threading.Thread(target=report_ready, daemon=True).start()
    server.run(sockets=[listener])


@dataclass
class Worker:
    process: BaseProcess
    ready: Connection

    @classmethod
    def start(cls, host: str, port: int, node_id: int, pin_threads: int) -> Worker:
        ours, theirs = _spawn.Pipe(duplex=False)
        process = _spawn.Process(
            target=_serve,
            args=(host, port, node_id, pin_threads, theirs),
            name=f"plaza-worker-{node_id}",
        )
        process.start()
        theirs.close()
        return cls(process, ours)

    def wait_until_serving(self, timeout: float = STARTUP_SECONDS) -> bool:
        """True once the worker serves; False if it exits or takes too long first."""
        try:
            return self.ready.poll(timeout) and bool(self.ready.recv())
        except EOFError:  # it exited before it served
            return False

    def ask_to_stop(self) -> None:
        """SIGTERM: it stops accepting and finishes the requests it has."""
        if self.process.is_alive():
            self.process.terminate()

    def stop(self) -> None:
        """Ask it to stop and wait until it has; killed if it takes too long."""
        self.ask_to_stop()
        self.process.join(STOP_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.ready.close()


class Supervisor:
    def __init__(self, host: str, port: int, node_ids: range, pin_threads: int) -> None:
        self.host, self.port, self.node_ids = host, port, node_ids
        self.pin_threads = pin_threads
        self.workers: dict[int, Worker] = {}
        self._stopping = threading.Event()
        self._restart_asked = threading.Event()

    def run(self) -> int:
        """Serve until SIGINT or SIGTERM; 0, or 1 when a worker could not start."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop_asked)
        signal.signal(signal.SIGHUP, self._restart)
        try:
            for node_id in self.node_ids:
                if not self._start(node_id):
                    return 1
            while not self._stopping.wait(WATCH_SECONDS):
                if self._restart_asked.is_set():
                    self._restart_asked.clear()
                    self._rolling_restart()
                self._replace_exited()
            return 0
        finally:
            for worker in self.workers.values():  # all at once, then wait for each
                worker.ask_to_stop()
            for worker in self.workers.values():
                worker.stop()

    def _stop_asked(self, signum: int, frame: FrameType | None) -> None:
        self._stopping.set()

    def _restart(self, signum: int, frame: FrameType | None) -> None:
        self._restart_asked.set()

    def _start(self, node_id: int) -> bool:
        worker = Worker.start(self.host, self.port, node_id, self.pin_threads)
        self.workers[node_id] = worker
        if worker.wait_until_serving():
            log.info("worker.serving", node_id=node_id, pid=worker.process.pid)
            return True
        log.error("worker.failed_to_start", node_id=node_id, exitcode=worker.process.exitcode)
        return False

    def _replace_exited(self) -> None:
        for node_id, worker in list(self.workers.items()):
            if worker.process.is_alive() or self._stopping.is_set():
                continue
            log.warning("worker.exited", node_id=node_id, exitcode=worker.process.exitcode)
            worker.stop()
            if not self._start(node_id):
                self._stopping.set()

    def _rolling_restart(self) -> None:
        log.info("workers.restarting", count=len(self.workers))
        for node_id, worker in list(self.workers.items()):
            if self._stopping.is_set():
                return
            worker.stop()
            if not self._start(node_id):
                self._stopping.set()
                return
