"""Backups, integrity check and recovery of the SQLite progress file.

Backups use SQLite's online backup API (never a file copy: copying a live database, or a WAL
database without its -wal file, can produce a torn copy). Each backup is written to a
``.partial`` name and renamed into place, so a power cut during a backup never leaves a
half-written file that looks like a good backup. Names are ``<stem>-YYYYmmddTHHMMSSffffffZ.db``
(UTC), so sorting by name sorts by time; the newest ``keep`` are kept.

A damaged database is never deleted: it is renamed aside with a timestamp suffix together with
its -wal/-shm files (someone may be able to rescue records from it), and the newest backup that
passes ``quick_check`` is restored.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dxlearn.store.engine import connect_sqlite, error_code

logger = logging.getLogger(__name__)

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def list_backups(database: Path) -> list[Path]:
    """Backups of ``database``, oldest first."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*Z.db"))


def check_database(path: Path) -> str | None:
    """None when ``path`` is a SQLite database whose ``quick_check`` is ok; otherwise a short
    description of the damage (for the log and the open report).

    Only damage counts (not a database, malformed, quick_check not ok). A locked file or a
    permission problem raises: moving a healthy database aside because the network hiccupped
    would be worse than showing an error.
    """
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        # Decided without SQLite: opening a non-database can make SQLite delete its -wal file,
        # which must be kept with the damaged file.
        return "file is not a database (bad header)"
    connection = connect_sqlite(path)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if error_code(error) == "damaged":
            return str(error)
        raise
    finally:
        connection.close()
    result = [str(r[0]) for r in rows]
    return None if result == ["ok"] else "; ".join(result[:5])


def backup_to(source: Path, destination: Path) -> None:
    """Copy ``source`` into ``destination`` with the online backup API, atomically."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = connect_sqlite(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)


def make_backup(database: Path, keep: int, now: datetime | None = None) -> Path | None:
    """Back up ``database`` into ``backups/`` and keep the newest ``keep``; 0 disables."""
    if keep <= 0 or not database.exists():
        return None
    folder = backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.partial"):  # left by a power cut during an earlier backup
        stale.unlink(missing_ok=True)
    target = folder / f"{database.stem}-{_stamp(now)}.db"
    counter = 1
    while target.exists():
        target = folder / f"{database.stem}-{_stamp(now)}-{counter}Z.db"
        counter += 1
    backup_to(database, target)
    logger.info("backup written: %s", target)
    for old in list_backups(database)[:-keep]:
        old.unlink(missing_ok=True)
        logger.info("old backup removed: %s", old)
    return target


@dataclass(frozen=True, slots=True)
class Recovery:
    problem: str
    moved_to: tuple[Path, ...]
    restored_from: Path | None


def move_aside(database: Path, now: datetime | None = None) -> tuple[Path, ...]:
    """Rename the database and its -wal/-shm/-journal with a ``.damaged-<stamp>`` suffix."""
    suffix = f".damaged-{_stamp(now)}"
    moved: list[Path] = []
    for side in ("", *SIDE_SUFFIXES):
        source = database.with_name(database.name + side)
        if source.exists():
            destination = database.with_name(database.name + suffix + side)
            source.replace(destination)
            moved.append(destination)
            logger.warning("damaged file moved aside: %s -> %s", source, destination)
    return tuple(moved)


def recover(database: Path, problem: str) -> Recovery:
    """Move the damaged ``database`` aside and restore the newest good backup, if any."""
    logger.error("database %s is damaged: %s", database, problem)
    moved = move_aside(database)
    for candidate in reversed(list_backups(database)):
        issue = check_database(candidate)
        if issue is not None:
            logger.warning("backup %s is not usable: %s", candidate, issue)
            continue
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + ".partial").unlink()
        backup_to(candidate, database)
        logger.warning("database %s restored from backup %s", database, candidate)
        return Recovery(problem, moved, candidate)
    logger.warning("no usable backup for %s: starting a fresh database", database)
    return Recovery(problem, moved, None)
