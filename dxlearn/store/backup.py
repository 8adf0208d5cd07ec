"""Backups of the SQLite progress file in ``backups/`` beside it: written, named, rotated.

Backups use SQLite's online backup API (never a file copy: copying a live database, or a WAL
database without its -wal file, can produce a torn copy). Each backup is written to a
``.partial`` name and renamed into place, so a power cut during a backup never leaves a
half-written file that looks like a good backup; such leftovers (``*.partial`` with its
``-journal``/``-wal``/``-shm``) are removed before the next backup.

Names are ``<stem>-<sequence>-<local date>-<local time>.db``, e.g.
``progress-000042-20261201-163740.db``. The **sequence** (one more than the highest present)
is what orders and rotates backups; the local date and time (the PC's clock and time zone when
the backup was written) are only there for a person choosing a backup by date. A clock set
backwards therefore never makes the newest backup look old and delete it. Backups named by the
earlier scheme (``<stem>-<UTC stamp>Z.db``, ``...-<n>Z.db`` for the same second) are renamed
into the sequence, oldest first, before the next backup is written.

Rotation keeps the newest ``keep`` and never deletes the newest good backup that holds
learners unless a newer good one with learners is kept: a backup of an empty database (a
learner who cancelled the sign-in, a restore that found nothing) never pushes out the only
backup with data.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dxlearn.store.checks import Kind, examine, fsync_folder
from dxlearn.store.engine import connect_sqlite

logger = logging.getLogger(__name__)

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SEQUENCE_DIGITS = 6
LOCAL_STAMP = "%Y%m%d-%H%M%S"
LEGACY_STAMP = "%Y%m%dT%H%M%S%f"


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


@dataclass(frozen=True, slots=True, order=True)
class Backup:
    sequence: int  # first: backups order by their sequence
    path: Path


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-(\d{{{SEQUENCE_DIGITS},}})-\d{{8}}-\d{{6}}\.db")


def _legacy_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-(\d{{8}}T\d{{12}})(?:-(\d+))?Z\.db")


def backup_name(database: Path, sequence: int, now: datetime) -> str:
    local = now.astimezone()  # the PC's time zone: what a person choosing by date expects
    return f"{database.stem}-{sequence:0{SEQUENCE_DIGITS}d}-{local.strftime(LOCAL_STAMP)}.db"


def _named(database: Path, pattern: re.Pattern[str]) -> list[tuple[re.Match[str], Path]]:
    """The files in ``backups/`` whose whole name matches ``pattern``."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            found.append((match, path))
    return found


def sequenced_backups(database: Path) -> list[Backup]:
    """The backups of ``database`` named by sequence, oldest (lowest sequence) first."""
    return sorted(Backup(int(m.group(1)), path) for m, path in _named(database, _pattern(database)))


def legacy_backups(database: Path) -> list[Path]:
    """Backups named by the earlier UTC-stamp scheme, oldest first (``-1Z`` after its second,
    not before it as plain name order would put it)."""
    found = [
        (m.group(1), int(m.group(2) or 0), path)
        for m, path in _named(database, _legacy_pattern(database))
    ]
    return [path for _stamp, _counter, path in sorted(found)]


def list_backups(database: Path) -> list[Path]:
    """Every backup of ``database``, oldest first: earlier-scheme names (older than any
    sequenced one: they were written before this version) and then by sequence."""
    return legacy_backups(database) + [b.path for b in sequenced_backups(database)]


def adopt_legacy(database: Path) -> list[Path]:
    """Rename earlier-scheme backups into the sequence (keeping their order and, as local
    time, their date). Returns the new paths. Safe to interrupt: what is left is adopted next
    time, after the ones already renamed."""
    renamed = []
    for old in legacy_backups(database):
        match = _legacy_pattern(database).fullmatch(old.name)
        assert match is not None
        written = datetime.strptime(match.group(1), LEGACY_STAMP).replace(tzinfo=UTC)
        existing = sequenced_backups(database)
        sequence = existing[-1].sequence + 1 if existing else 1
        new = old.with_name(backup_name(database, sequence, written))
        old.replace(new)
        renamed.append(new)
        logger.info("backup renamed into the sequence: %s -> %s", old.name, new.name)
    if renamed:
        fsync_folder(backups_dir(database))
    return renamed


def clean_leftovers(database: Path) -> list[Path]:
    """Remove what killed backups and restores left: ``*.partial`` (with its -journal, -wal,
    -shm) in ``backups/`` and ``<database>.partial*`` beside the database; settle the -wal,
    -shm or -journal a tool left beside a backup (by opening it: SQLite rolls a journal back or
    a WAL in), or remove them when their backup is gone."""
    removed: list[Path] = []
    folder = backups_dir(database)
    partials = list(database.parent.glob(f"{glob_escape(database.name)}.partial*"))
    if folder.is_dir():
        partials += folder.glob("*.partial*")
    for stale in partials:
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed.append(stale)
            logger.info("leftover of an interrupted backup removed: %s", stale)
    if folder.is_dir():
        removed += _settle_side_files(database)
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _settle_side_files(database: Path) -> list[Path]:
    removed: list[Path] = []
    folder = backups_dir(database)
    for side in sorted(p for s in SIDE_SUFFIXES for p in folder.glob(f"*.db{s}")):
        owner = side.with_name(side.name.rsplit("-", 1)[0])
        if owner.is_file():
            try:
                _settle(owner)
            except sqlite3.Error as error:
                logger.warning("could not settle %s: %s", side, error)
                continue
        if side.exists():
            side.unlink(missing_ok=True)
            removed.append(side)
            logger.info("leftover beside a backup removed: %s", side)
    return removed


def _settle(backup: Path) -> None:
    """Open ``backup`` once in rollback-journal mode: a hot journal is rolled back, a WAL is
    checkpointed into the file, and the side files are gone when it closes."""
    connection = sqlite3.connect(backup, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        connection.close()


def backup_to(source: Path, destination: Path) -> None:
    """Copy ``source`` into ``destination`` with the online backup API, atomically."""
    partial = destination.with_name(destination.name + ".partial")
    for side in ("", *SIDE_SUFFIXES):
        partial.with_name(partial.name + side).unlink(missing_ok=True)
    src = connect_sqlite(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)
    fsync_folder(destination.parent)


def make_backup(database: Path, keep: int, now: datetime | None = None) -> Path | None:
    """Back up ``database`` into ``backups/`` as the next in the sequence, then rotate to the
    newest ``keep`` (see the module docstring); 0 disables. ``now`` names it (local time)."""
    if keep <= 0 or not database.exists():
        return None
    folder = backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    clean_leftovers(database)
    adopt_legacy(database)
    existing = sequenced_backups(database)
    sequence = existing[-1].sequence + 1 if existing else 1
    stamp = now or datetime.now(UTC)
    target = folder / backup_name(database, sequence, stamp)
    while target.exists():  # never overwrite: someone put a file by that name there
        sequence += 1
        target = folder / backup_name(database, sequence, stamp)
    backup_to(database, target)
    logger.info("backup written: %s", target)
    prune(database, keep)
    return target


def prune(database: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups, except that the newest good backup holding
    learners survives while no newer good backup with learners is kept. Returns the deleted."""
    backups = list_backups(database)
    if keep <= 0 or len(backups) <= keep:
        return []
    doomed, kept = backups[:-keep], backups[-keep:]
    if not any(_holds_learners(b) for b in reversed(kept)):
        keeper = next((b for b in reversed(doomed) if _holds_learners(b)), None)
        if keeper is not None:
            doomed.remove(keeper)
            logger.warning(
                "backup %s kept beyond backup_keep=%d: it is the newest holding learners",
                keeper, keep,
            )
    for old in doomed:
        old.unlink(missing_ok=True)
        logger.info("old backup removed: %s", old)
    return doomed


def _holds_learners(backup: Path) -> bool:
    """A readable dxlearn backup with at least one learner (no ``quick_check``: rotation runs
    at every start and exit; restoring checks fully)."""
    try:
        return examine(backup, count_learners=True, verify=False).good_with_learners
    except (OSError, sqlite3.Error) as error:
        logger.warning("backup %s cannot be read: %s", backup, error)
        return False


def usable_backups(database: Path) -> list[tuple[Path, int]]:
    """Good dxlearn backups (``quick_check`` ok) with their learner count, newest first."""
    good = []
    for candidate in reversed(list_backups(database)):
        try:
            found = examine(candidate, count_learners=True)
        except (OSError, sqlite3.Error) as error:
            logger.warning("backup %s cannot be read: %s", candidate, error)
            continue
        if found.kind is Kind.DXLEARN:
            good.append((candidate, found.learners or 0))
        else:
            logger.warning("backup %s is not usable: %s %s", candidate, found.kind, found.problem)
    return good
