"""What a file at the database path (or in ``backups/``) is, decided before anything is written.

``examine`` tells apart: nothing there, something that is not a regular file (a folder, a FIFO,
a device such as ``/dev/zero``), an empty file, damage (a bad header, ``quick_check`` not ok),
a SQLite database without tables, another application's database, and a dxlearn database. The
caller (``opening``) decides what each means: a folder or another application's database is a
refusal that changes nothing; an empty or table-less file is damage when a backup exists.

Only damage counts as damage: a locked file or a permission problem raises (moving a healthy
database aside because the network hiccupped would be worse than showing an error).
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from dxlearn.store.engine import connect_sqlite, error_code

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
LEARNERS_TABLE = "learners"
# Tables every dxlearn schema has had since the first revision (even before Alembic): another
# application may well have a "learners" table of its own, but not these two together.
CORE_TABLES = frozenset({LEARNERS_TABLE, "lesson_progress"})


class Kind(StrEnum):
    MISSING = "missing"
    NOT_A_FILE = "not_a_file"  # a folder, a FIFO, a device
    EMPTY = "empty"  # 0 bytes
    DAMAGED = "damaged"  # not a database, or quick_check not ok
    NO_TABLES = "no_tables"  # a SQLite database without a single table
    FOREIGN = "foreign"  # another application's tables (or its application_id)
    DXLEARN = "dxlearn"


@dataclass(frozen=True, slots=True)
class Examination:
    kind: Kind
    problem: str | None = None  # for the log and the open report
    learners: int | None = None  # DXLEARN only, when asked for

    @property
    def good_with_learners(self) -> bool:
        return self.kind is Kind.DXLEARN and bool(self.learners)


@cache
def dxlearn_columns() -> dict[str, frozenset[str]]:
    """The columns of every table of dxlearn's schema (``models.py``), and Alembic's table."""
    from dxlearn.store.models import metadata

    found = {name: frozenset(c.name for c in t.columns) for name, t in metadata.tables.items()}
    found["alembic_version"] = frozenset({"version_num"})
    return found


def dxlearn_tables() -> frozenset[str]:
    return frozenset(dxlearn_columns())


def _alien_tables(connection: sqlite3.Connection, tables: set[str]) -> list[str]:
    """Tables named like dxlearn's whose columns are mostly not dxlearn's: another
    application's "learners". Half the columns is lenient enough for older revisions."""
    alien = []
    for name in sorted(tables & dxlearn_tables()):
        quoted = name.replace('"', '""')
        present = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{quoted}")')}
        expected = dxlearn_columns()[name]
        if len(present & expected) * 2 < len(expected):
            alien.append(name)
    return alien


def file_kind(path: Path) -> Kind | None:
    """MISSING, NOT_A_FILE or EMPTY from ``stat`` alone (never opens: a FIFO would block);
    None for a regular file with content. Other OS errors (permissions) propagate."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Kind.MISSING
    except OSError as error:
        if error.errno == errno.ENOTDIR:  # a file stands where a parent folder should be
            return Kind.NOT_A_FILE
        raise
    if not stat.S_ISREG(info.st_mode):
        return Kind.NOT_A_FILE
    return Kind.EMPTY if info.st_size == 0 else None


def examine(path: Path, *, count_learners: bool = False, verify: bool = True) -> Examination:
    """What ``path`` is. SQLite opens it only after the header was read without SQLite
    (opening a non-database can make SQLite delete its -wal file, which must be kept).
    ``verify=False`` skips ``quick_check`` (reading the schema and counting learners still
    fail on damage there): for rotation, which runs at every start and exit."""
    kind = file_kind(path)
    if kind is not None:
        return Examination(kind, "the file is empty (0 bytes)" if kind is Kind.EMPTY else None)
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        return Examination(Kind.DAMAGED, "file is not a database (bad header)")
    connection = connect_sqlite(path)
    try:
        return _examine_database(connection, count_learners, verify)
    except sqlite3.DatabaseError as error:
        if error_code(error) == "damaged":
            return Examination(Kind.DAMAGED, str(error))
        raise
    finally:
        connection.close()


def _examine_database(
    connection: sqlite3.Connection, count_learners: bool, verify: bool
) -> Examination:
    if verify:
        rows = [str(r[0]) for r in connection.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            return Examination(Kind.DAMAGED, "; ".join(rows[:5]))
    tables = {
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'"
        )
    }
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    if application_id != 0:  # dxlearn never sets one: another application marked the file
        return Examination(Kind.FOREIGN, f"application_id {application_id}")
    alien = _alien_tables(connection, tables)
    if alien:
        return Examination(Kind.FOREIGN, f"tables named like dxlearn's but not its: {alien}")
    if tables >= CORE_TABLES:
        learners = None
        if count_learners:
            query = f"SELECT count(*) FROM {LEARNERS_TABLE}"
            learners = int(connection.execute(query).fetchone()[0])
        return Examination(Kind.DXLEARN, learners=learners)
    if not tables:
        return Examination(Kind.NO_TABLES, "a database without tables")
    if tables <= dxlearn_tables():
        missing = sorted(dxlearn_tables() - tables)
        return Examination(Kind.DAMAGED, f"dxlearn tables missing: {', '.join(missing[:5])}")
    return Examination(Kind.FOREIGN, f"tables of another application: {sorted(tables)[:5]}")


def wal_has_content(database: Path) -> bool:
    """True when a non-empty ``-wal`` lies beside ``database`` (it may hold every record)."""
    wal = database.with_name(database.name + "-wal")
    try:
        return wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return False


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name != "posix":  # pragma: no cover - Windows makes renames durable itself
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
