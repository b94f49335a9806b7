"""A lean HTTP/1.1 client for the benchmarks' load: one keep-alive connection per simulated
client, each request written and its answer read straight on asyncio streams.

The load runs on the same two cores as the servers it measures, so what it costs is taken
from them. httpx, measured on code2session, cost 1.4 ms of CPU a request at 8 clients and
3.9 ms at 32: as much as the server's own work, and at 32 clients the client process was
the bottleneck (91% of a core). This client costs a small fraction of that. It knows only
what Plaza's API answers: a status line, headers and a body of the stated Content-Length.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

TIMEOUT = 300
"""Seconds a request may take before the run fails, as a stuck server would make it."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def code(self) -> str:
        """The problem's ``code`` (``wallet.insufficient_funds``), or "" if it has none."""
        try:
            found = self.json()
        except ValueError:
            return ""
        return str(found.get("code", "")) if isinstance(found, dict) else ""


class Connection:
    """One keep-alive connection to ``base_url``; requests on it go one at a time."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or parts.hostname is None:
            raise ValueError(f"only http://host:port is supported, not {base_url}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.authority = parts.netloc.encode()
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> Answer:
        body = b"" if json_body is None else json.dumps(json_body).encode()
        lines = [f"{method} {path} HTTP/1.1".encode(), b"Host: " + self.authority]
        lines += [f"{name}: {value}".encode() for name, value in (headers or {}).items()]
        if json_body is not None:
            lines.append(b"Content-Type: application/json")
        lines.append(b"Content-Length: %d" % len(body))
        async with asyncio.timeout(TIMEOUT):
            return await self._exchange(b"\r\n".join(lines) + b"\r\n\r\n" + body, method, path)

    async def _exchange(self, request: bytes, method: str, path: str) -> Answer:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        fields = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" not in fields:
            raise ValueError(f"{method} {path}: an answer without Content-Length")
        answer = Answer(
            int(status_line.split(" ", 2)[1]),
            await reader.readexactly(int(fields["content-length"])),
        )
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return answer

    async def close(self) -> None:
        if self.streams is not None:
            _, writer = self.streams
            self.streams = None
            writer.close()
            await writer.wait_closed()


class Pool:
    """``size`` connections, spread over the servers in turn, for as many clients at once:
    a request takes a free one and gives it back."""

    def __init__(self, base_urls: list[str], size: int) -> None:
        self.connections = [Connection(base_urls[n % len(base_urls)]) for n in range(size)]
        self.free: asyncio.Queue[Connection] = asyncio.Queue()
        for connection in self.connections:
            self.free.put_nowait(connection)

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> Answer:
        connection = await self.free.get()
        try:
            return await connection.request(method, path, headers=headers, json_body=json_body)
        except BaseException:
            await connection.close()  # mid-answer: the next request starts a new one
            raise
        finally:
            self.free.put_nowait(connection)

    async def close(self) -> None:
        for connection in self.connections:
            await connection.close()
