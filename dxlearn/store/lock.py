"""Detecting a second running instance on the same database.

An exclusive, non-blocking OS lock on ``progress.db.lock`` beside the database (``fcntl.flock``
on Linux/macOS, ``msvcrt.locking`` on Windows) is held for as long as the store is open.

Why a lock file and not SQLite itself: SQLite already keeps two writers from corrupting the
file, but it cannot tell the learner that a second window is open. Holding a SQLite-level
exclusive lock (``locking_mode=EXCLUSIVE``) would make the second instance hang on
``busy_timeout`` and then fail on its first *read*, and in WAL mode it gives up the shared
memory index. The OS lock answers "is someone else using this database?" instantly, and it is
released by the operating system when the process dies (power cut, task manager), so there is
never a stale lock to clean up by hand, unlike a "pid file exists" check.

What the second instance does is decided by ``open_store``: it opens the database read-only,
so the learner can look at their progress but every write raises ``StoreError("second_instance")``
and the GUI says clearly that dxlearn is already running. Two windows writing the same learner
would interleave study time and leave two unfinished quiz attempts, which is not what a learner
who double-clicked the icon twice expects.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from pathlib import Path

from dxlearn.files.oslock import FileLock

logger = logging.getLogger(__name__)


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    """The exclusive lock of the running instance. ``acquire`` returns False when another
    process holds it; OSError (e.g. a read-only folder) propagates to the caller."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path_for(database)
        self._lock = FileLock(self.path)

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self) -> bool:
        if not self._lock.acquire():
            logger.warning("database lock %s is held by another instance", self.path)
            return False
        fd = self._lock.fd
        # the holder, for the log; on Windows the locked byte cannot be read by others
        if fd is not None and sys.platform != "win32":
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        return True

    def holder(self) -> str | None:
        """ "pid host" of the holder as it wrote it, for the log; None when unknown."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def release(self) -> None:
        self._lock.release()
