"""The PC's own file beside a server database: writes waiting for the server, and this PC's
settings (``server-journal.db`` in the data folder; the standard library's ``sqlite3`` only).

**Pending writes.** While the server cannot be reached, the learner's writes (answers, the end
of a quiz, study time, reading, the reading position, preferences) are appended here, each in
its own transaction committed with ``synchronous=FULL`` before the call returns: the same
durability as the per-PC database. ``store/server.py`` sends them in order (``seq``) when the
server is back, and deletes each one in the transaction after the server committed it; every
such write is idempotent on the server (an upsert, or a client-made key), so a crash between
the server's commit and the delete sends it twice and changes nothing.

Only one window sends at a time (an OS lock beside the file); the others keep appending. A write
the server refuses for a reason other than being away (say, a learner deleted meanwhile) is moved
to ``rejected`` with the reason and logged, so one bad entry never holds back the rest.

**PC settings.** What belongs to this PC and not to the learner: the last learner signed in
here, the learners who signed in here (the sign-in list shows only them). Kept per server
(``server``: the database id), so a PC that moves to another server starts afresh.

The rollback journal (not WAL): the data folder may be on a network drive, and this file is
written rarely.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dxlearn.files.oslock import FileLock
from dxlearn.store.errors import StoreError
from dxlearn.store.location import sqlite_uri

logger = logging.getLogger(__name__)

JOURNAL_FILE = "server-journal.db"
BUSY_TIMEOUT_S = 5.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "server TEXT NOT NULL, method TEXT NOT NULL, arguments TEXT NOT NULL, "
    "at TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rejected (seq INTEGER PRIMARY KEY, server TEXT NOT NULL, "
    "method TEXT NOT NULL, arguments TEXT NOT NULL, at TEXT NOT NULL, code TEXT NOT NULL, "
    "detail TEXT NOT NULL, rejected_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pc_settings (server TEXT NOT NULL, key TEXT NOT NULL, "
    "value TEXT NOT NULL, PRIMARY KEY (server, key))",
)


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    method: str
    arguments: dict[str, Any]
    at: datetime  # when the learner did it: the server records this time, not the send time


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Journal:
    """The journal file for one server (``server`` names it: its database id)."""

    def __init__(self, path: Path, server: str) -> None:
        self.path = path
        self.server = server
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError("journal_unusable", path, str(error)) from error
        self._drain_lock = FileLock(path.with_name(path.name + ".send.lock"))
        with self._connect() as connection:
            for statement in _SCHEMA:
                connection.execute(statement)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection per use: callers come from several threads (the window's worker,
        an abandoned call); opening a local file costs less than a lock would. A failure is
        ``StoreError("journal_unusable")`` naming the file."""
        try:
            with self._transaction() as connection:
                yield connection
        except (sqlite3.Error, OSError) as error:
            logger.error("journal %s: %s", self.path, error)
            raise StoreError("journal_unusable", self.path, str(error)) from error

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(sqlite_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_S,
                                     isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    # -- pending writes -------------------------------------------------------------------------

    def append(self, method: str, arguments: dict[str, Any], at: datetime) -> int:
        """Keep one write (committed and fsynced when this returns); its sequence number."""
        text = json.dumps(arguments, ensure_ascii=False, sort_keys=True)
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO pending (server, method, arguments, at, created_at) "
                "VALUES (?, ?, ?, ?, ?)", (self.server, method, text, at.isoformat(), _now()))
            seq = int(cursor.lastrowid or 0)
        logger.info("journal: %s kept as #%d while the server is away", method, seq)
        return seq

    def pending(self) -> list[Entry]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT seq, method, arguments, at FROM pending WHERE server = ? ORDER BY seq",
                (self.server,)).fetchall()
        return [Entry(int(seq), str(method), json.loads(arguments),
                      datetime.fromisoformat(at)) for seq, method, arguments, at in rows]

    def count(self) -> int:
        with self._connect() as connection:
            row = connection.execute("SELECT count(*) FROM pending WHERE server = ?",
                                     (self.server,)).fetchone()
        return int(row[0])

    def done(self, entry: Entry) -> None:
        with self._connect() as connection:
            connection.execute("DELETE FROM pending WHERE seq = ?", (entry.seq,))

    def reject(self, entry: Entry, code: str, detail: str) -> None:
        """The server refused the write for good: kept aside with the reason, never resent."""
        with self._connect() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO rejected (seq, server, method, arguments, at, code, "
                "detail, rejected_at) SELECT seq, server, method, arguments, at, ?, ?, ? "
                "FROM pending WHERE seq = ?", (code, detail, _now(), entry.seq))
            connection.execute("DELETE FROM pending WHERE seq = ?", (entry.seq,))
        logger.error("journal: #%d %s refused by the server (%s: %s); kept in 'rejected'",
                     entry.seq, entry.method, code, detail)

    def rejected_count(self) -> int:
        with self._connect() as connection:
            row = connection.execute("SELECT count(*) FROM rejected WHERE server = ?",
                                     (self.server,)).fetchone()
        return int(row[0])

    @contextlib.contextmanager
    def sending(self) -> Iterator[bool]:
        """True when this window may send (no other window of this PC is sending)."""
        try:
            acquired = self._drain_lock.acquire()
        except OSError as error:
            logger.warning("journal: cannot take the send lock %s: %s",
                           self._drain_lock.path, error)
            acquired = False
        try:
            yield acquired
        finally:
            if acquired:
                self._drain_lock.release()

    # -- this PC's settings ---------------------------------------------------------------------

    def pc_get(self, key: str, default: Any = None) -> Any:
        with self._connect() as connection:
            row = connection.execute("SELECT value FROM pc_settings WHERE server = ? AND key = ?",
                                     (self.server, key)).fetchone()
        return default if row is None else json.loads(row[0])

    def pc_set(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._connect() as connection:
            connection.execute(
                "INSERT INTO pc_settings (server, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (server, key) DO UPDATE SET value = excluded.value",
                (self.server, key, text))
