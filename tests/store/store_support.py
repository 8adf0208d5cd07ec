"""Shared test helpers for the store tests (a module with a unique name: ``conftest`` is
ambiguous on sys.path when several test folders are collected in one run)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dxlearn.store import open_store

T0 = datetime(2026, 11, 27, 5, 0, 0, tzinfo=UTC)


class ManualClock:
    """Returns ``now``; tests move it with ``advance`` so timestamps are exact."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def learners_in(db: Path) -> list[str]:
    """The staff ids in a database file (or a backup), read with the standard library."""
    connection = sqlite3.connect(db)
    try:
        return [r[0] for r in connection.execute("SELECT staff_id FROM learners ORDER BY 1")]
    finally:
        connection.close()


def make_db(db: Path, *staff_ids: str, keep: int = 7, clock: ManualClock | None = None) -> None:
    """One session: open, register ``staff_ids``, close (a clean exit writes a backup)."""
    with open_store(db, backup_keep=keep, clock=clock or ManualClock()) as opened:
        for staff_id in staff_ids:
            opened.store.register_learner(staff_id, "n", "", "staff")


def set_revision(db: Path, revision: str) -> None:
    """Pretend ``db`` was made by another version of dxlearn (alembic_version only)."""
    connection = sqlite3.connect(db)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    finally:
        connection.close()


def integrity(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()
