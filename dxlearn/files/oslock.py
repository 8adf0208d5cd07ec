"""An exclusive, non-blocking OS lock on an open file: ``fcntl.flock`` on Linux/macOS,
``msvcrt.locking`` (first byte) on Windows. The operating system releases it when the process
dies (power cut, task manager), so a lock is never stale and never needs cleaning by hand.

Used by the store's instance lock (``store.lock``) and by lesson pack imports
(``content.pack_staging``), which tell "someone is using this" from "someone left this behind".
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


class FileLock:
    """The lock on ``path`` (created when missing). ``acquire`` returns False at once when
    another process (or another open of the file in this one) holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def fd(self) -> int | None:
        return self._fd

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not try_lock(fd):
                os.close(fd)
                return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            unlock(fd)
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
