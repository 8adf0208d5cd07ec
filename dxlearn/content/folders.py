"""The library's files as the loader may see them: bounded, and never outside the library.

- Listing a folder never raises: an unreadable folder is a finding, and at most
  :data:`MAX_ENTRIES` entries are read from one folder.
- A link (symlink, or a Windows junction) that leads outside the library folder is a finding
  and is never followed; a link inside it is followed once (a folder reached a second time is
  a loop, reported, not read again).
- A file is read only when it is a regular file (a FIFO, a device or ``/proc`` never blocks the
  loader) and at most ``limit`` bytes of it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from dxlearn.messages import Message

MAX_TEXT_BYTES = 1_000_000  # lesson.md, quiz.md
MAX_YAML_BYTES = 256_000  # library.yaml, chapter.yaml
MAX_ENTRIES = 20_000  # entries read from one folder
MAX_LESSONS = 10_000  # lessons in one library
MAX_SEARCH_DEPTH = 6  # folders below a chapter searched for misplaced lessons
MAX_SEARCHED_FOLDERS = 20_000  # folders looked into while searching
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT: a Windows junction or link


class Kind(StrEnum):
    FOLDER = "folder"
    FILE = "file"
    OTHER = "other"  # FIFO, socket, device
    OUTSIDE = "outside"  # a link that leaves the library
    BROKEN = "broken"  # a link to nothing
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    path: Path
    kind: Kind
    real: str  # the real path (links resolved); "" when unknown


class FileProblem(Exception):
    """A file that is not read: ``code`` and ``params`` of its finding."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _norm(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))


_REASONS = {
    errno.EACCES: "content.reason_permission",
    errno.EPERM: "content.reason_permission",
    errno.ENOENT: "content.reason_not_found",
    errno.ELOOP: "content.reason_loop",
    errno.ENAMETOOLONG: "content.reason_name_too_long",
    errno.EIO: "content.reason_io",
}


def os_reason(exc: BaseException) -> Message | str:
    """Why the system refused, in the reader's language for the usual cases (a Message
    parameter is translated with the message that holds it); else the system's words."""
    code = _REASONS.get(getattr(exc, "errno", None) or -1)
    if code is not None:
        return Message(code)
    return getattr(exc, "strerror", None) or type(exc).__name__


@dataclass
class Tree:
    """One library folder: what has been read, and the rule that nothing leaves it."""

    root: Path
    real_root: str = ""
    visited: set[str] = field(default_factory=set)
    searched: int = 0

    def __post_init__(self) -> None:
        self.real_root = _norm(os.path.realpath(self.root))

    def inside(self, real: str) -> bool:
        real = _norm(real)
        return real == self.real_root or real.startswith(self.real_root.rstrip(os.sep) + os.sep)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path != self.root else ""

    def entry(self, path: Path) -> Entry | None:
        """One path, classified (None when nothing is there)."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return Entry(path.name, path, Kind.UNREADABLE, "")
        return self._classify(path.name, path, info)

    def _classify(self, name: str, path: Path, info: os.stat_result) -> Entry:
        linked = stat.S_ISLNK(info.st_mode) or bool(
            getattr(info, "st_file_attributes", 0) & _REPARSE_POINT)
        if not linked and stat.S_ISREG(info.st_mode):
            return Entry(name, path, Kind.FILE, "")  # the common case: no realpath needed
        try:
            real = os.path.realpath(path)
        except (OSError, ValueError):  # pragma: no cover - realpath is lexical on failure
            return Entry(name, path, Kind.UNREADABLE, "")
        if not self.inside(real):  # a link, a junction, or a folder under one, leading out
            return Entry(name, path, Kind.OUTSIDE, real)
        try:
            target = os.stat(path) if linked else info
        except FileNotFoundError:
            return Entry(name, path, Kind.BROKEN, real)
        except (OSError, ValueError):
            return Entry(name, path, Kind.BROKEN if linked else Kind.UNREADABLE, real)
        if stat.S_ISDIR(target.st_mode):
            return Entry(name, path, Kind.FOLDER, real)
        if stat.S_ISREG(target.st_mode):
            return Entry(name, path, Kind.FILE, real)
        return Entry(name, path, Kind.OTHER, real)

    def list(self, folder: Path) -> tuple[list[Entry], Message | str | None, bool]:
        """The entries of ``folder`` (unsorted), the reason it could not be read (or None),
        and whether the listing was cut at :data:`MAX_ENTRIES`."""
        entries: list[Entry] = []
        try:
            with os.scandir(folder) as scan:
                for item in scan:
                    if len(entries) >= MAX_ENTRIES:
                        return entries, None, True
                    try:
                        info = item.stat(follow_symlinks=False)
                    except OSError:
                        entries.append(Entry(item.name, Path(item.path), Kind.UNREADABLE, ""))
                        continue
                    entries.append(self._classify(item.name, Path(item.path), info))
        except OSError as exc:
            return entries, os_reason(exc), False
        return entries, None, False

    def first_visit(self, entry: Entry) -> bool:
        """True the first time a folder is entered; False for a folder reached again."""
        key = _norm(entry.real or str(entry.path))
        if key in self.visited:
            return False
        self.visited.add(key)
        return True


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileProblem otherwise. Opened
    without blocking, and checked after opening (a FIFO swapped in meanwhile is refused)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem("content.file_unreadable", reason=os_reason(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("content.file_not_regular")
        if info.st_size > limit:
            raise FileProblem("content.file_too_large", size=info.st_size, limit=limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # /proc and growing files report a size they do not keep
            raise FileProblem("content.file_too_large", size=size, limit=limit)
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem("content.file_unreadable", reason=os_reason(exc)) from exc
    finally:
        os.close(fd)


def names(entries: Iterable[Entry]) -> set[str]:
    return {entry.name for entry in entries}
