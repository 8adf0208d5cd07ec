"""Recovery of a damaged (or vanished) progress file from its backups.

A damaged database is never deleted: it is renamed aside with a ``.damaged-<stamp>`` suffix
together with its -wal/-shm/-journal files (someone may be able to rescue records from them),
and the backup to restore is chosen among those that pass ``quick_check`` and hold dxlearn's
schema: the newest one that holds learners, else the newest good one. Only when no good
backup exists does a new, empty database start, and the open report says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dxlearn.store.backup import SIDE_SUFFIXES, backup_to, usable_backups
from dxlearn.store.checks import fsync_folder

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Recovery:
    problem: str
    moved_to: tuple[Path, ...]
    restored_from: Path | None


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def move_aside(database: Path, now: datetime | None = None) -> tuple[Path, ...]:
    """Rename the database and its -wal/-shm/-journal with a ``.damaged-<stamp>`` suffix
    (never over an earlier damaged file)."""
    suffix = f".damaged-{_stamp(now)}"
    counter = 1
    while any(
        database.with_name(database.name + suffix + side).exists() for side in ("", *SIDE_SUFFIXES)
    ):
        suffix = f".damaged-{_stamp(now)}-{counter}"
        counter += 1
    moved: list[Path] = []
    for side in ("", *SIDE_SUFFIXES):
        source = database.with_name(database.name + side)
        if source.exists() or source.is_symlink():
            destination = database.with_name(database.name + suffix + side)
            source.replace(destination)
            moved.append(destination)
            logger.warning("damaged file moved aside: %s -> %s", source, destination)
    if moved:
        fsync_folder(database.parent)
    return tuple(moved)


def choose_backup(database: Path) -> Path | None:
    """The backup to restore: the newest good one holding learners, else the newest good."""
    good = usable_backups(database)
    with_learners = [path for path, learners in good if learners > 0]
    if with_learners:
        return with_learners[0]
    return good[0][0] if good else None


def recover(database: Path, problem: str, now: datetime | None = None) -> Recovery:
    """Move the damaged ``database`` aside and restore the chosen backup, if any."""
    logger.error("database %s is damaged: %s", database, problem)
    moved = move_aside(database, now)
    candidate = choose_backup(database)
    if candidate is None:
        logger.warning("no usable backup for %s: starting a new database", database)
        return Recovery(problem, moved, None)
    backup_to(candidate, database)
    logger.warning("database %s restored from backup %s", database, candidate)
    return Recovery(problem, moved, candidate)
