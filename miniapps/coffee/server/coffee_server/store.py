"""The shop's own records in SQLite: sign-ins and orders.

Plaza keeps the money; this keeps what the shop needs to run: who ordered what, and where
each order is (unpaid -> paid -> ready). The calls are tiny and made from the event loop;
a busy shop would use an async driver or a database server.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Literal

OrderStatus = Literal["unpaid", "paid", "ready"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    out_trade_no TEXT NOT NULL UNIQUE,
    openid TEXT NOT NULL,
    lines TEXT NOT NULL,
    total INTEGER NOT NULL,
    currency TEXT NOT NULL,
    prepay_id TEXT,
    status TEXT NOT NULL,
    transaction_id TEXT,
    notice TEXT,
    created_at TEXT NOT NULL,
    paid_at TEXT,
    ready_at TEXT
);
"""
FIRST_ORDER_NUMBER = 1001


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Line:
    item_id: str
    name: str
    quantity: int
    price: int


@dataclass(frozen=True, slots=True)
class Order:
    number: int
    out_trade_no: str
    openid: str
    lines: list[Line]
    total: int
    currency: str
    prepay_id: str | None
    status: OrderStatus
    transaction_id: str | None
    notice: str | None
    """What became of the "ready" notice: sent, or why not."""
    created_at: str
    paid_at: str | None
    ready_at: str | None

    def summary(self, limit: int = 40) -> str:
        """The lines as one short text ("2 x Flat white, ..." with a multiplication sign),
        cut to ``limit`` characters."""
        text = ", ".join(f"{line.quantity} × {line.name}" for line in self.lines)
        return text if len(text) <= limit else text[: limit - 1] + "…"


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        with self._lock:
            self._db.executescript(SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO sqlite_sequence (name, seq) "
                "SELECT 'orders', ? WHERE NOT EXISTS "
                "(SELECT 1 FROM sqlite_sequence WHERE name = 'orders')",
                (FIRST_ORDER_NUMBER - 1,),
            )

    def close(self) -> None:
        self._db.close()

    def _one(self, sql: str, *params: Any) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, params).fetchone()
            return row

    def _run(self, sql: str, *params: Any) -> int:
        with self._lock:
            return self._db.execute(sql, params).rowcount

    # Sessions

    def open_session(self, openid: str) -> str:
        """A new session token for the person; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self._run("INSERT INTO sessions VALUES (?, ?, ?)", _hash(token), openid, _now())
        return token

    def openid_for(self, token: str) -> str | None:
        row = self._one("SELECT openid FROM sessions WHERE token_hash = ?", _hash(token))
        return None if row is None else str(row["openid"])

    # Orders

    def add_order(self, openid: str, lines: list[Line], currency: str) -> Order:
        out_trade_no = "cf" + secrets.token_hex(12)
        total = sum(line.quantity * line.price for line in lines)
        encoded = json.dumps([asdict(line) for line in lines], ensure_ascii=False)
        self._run(
            "INSERT INTO orders (out_trade_no, openid, lines, total, currency, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, 'unpaid', ?)",
            out_trade_no,
            openid,
            encoded,
            total,
            currency,
            _now(),
        )
        found = self.order(out_trade_no)
        assert found is not None
        return found

    def order(self, out_trade_no: str) -> Order | None:
        row = self._one("SELECT * FROM orders WHERE out_trade_no = ?", out_trade_no)
        if row is None:
            return None
        fields = dict(row)
        fields["lines"] = [Line(**line) for line in json.loads(fields["lines"])]
        return Order(**fields)

    def set_prepay_id(self, out_trade_no: str, prepay_id: str) -> None:
        self._run("UPDATE orders SET prepay_id = ? WHERE out_trade_no = ?", prepay_id, out_trade_no)

    def mark_paid(self, out_trade_no: str, transaction_id: str) -> bool:
        """True the first time: the caller then starts the order, exactly once."""
        changed = self._run(
            "UPDATE orders SET status = 'paid', transaction_id = ?, paid_at = ? "
            "WHERE out_trade_no = ? AND status = 'unpaid'",
            transaction_id,
            _now(),
            out_trade_no,
        )
        return changed == 1

    def mark_ready(self, out_trade_no: str, notice: str) -> None:
        self._run(
            "UPDATE orders SET status = 'ready', ready_at = ?, notice = ? "
            "WHERE out_trade_no = ? AND status = 'paid'",
            _now(),
            notice,
            out_trade_no,
        )

    def paid_not_ready(self) -> list[str]:
        """Orders a restart interrupted in the kitchen."""
        with self._lock:
            rows = self._db.execute(
                "SELECT out_trade_no FROM orders WHERE status = 'paid'"
            ).fetchall()
        return [str(row["out_trade_no"]) for row in rows]
