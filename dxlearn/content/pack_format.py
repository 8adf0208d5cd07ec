"""The lesson pack format: names, limits, manifest and problem types, and the entry-name
rules that build, verify and import apply alike. Split from :mod:`dxlearn.content.pack`
(build, import), which re-exports these names. Pure Python.

Every problem is a :class:`PackProblem`: a message code of ``dxlearn/messages/pack.py``, the
entry it is about and the parameters, so that the CLI and the GUI show it in the reader's
language (Japanese by default).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from dxlearn.messages import Message, text

from .model import Finding

FORMAT_ID = "dxlearn-lesson-pack/1"
MANIFEST = "manifest.json"
LIBRARY_FILE = "library.yaml"
LESSON_FILE = "lesson.md"
PREFIX = "library/"
SUFFIX = ".dxpack"
MAX_ENTRIES = 20_000
MAX_BYTES = 2 * 1024**3  # 2 GiB unpacked
MAX_MANIFEST_BYTES = 16 * 1024**2
MAX_LIBRARY_FILE_BYTES = 1024**2  # library.yaml is a few lines
# Compression ratio (unpacked / packed). Lessons are text and images: Markdown deflates about
# 3-5x, PNG and JPEG not at all; even a blank uncompressed BMP stays well under 100x. Deflate
# itself cannot exceed about 1030x, which is what a zip bomb uses (1.5 MB -> 1.6 GB).
MAX_RATIO_ENTRY = 200  # one file, counted when it unpacks to more than RATIO_FLOOR_ENTRY
RATIO_FLOOR_ENTRY = 1024**2
MAX_RATIO_TOTAL = 100  # the whole pack, counted when it unpacks to more than RATIO_FLOOR_TOTAL
RATIO_FLOOR_TOTAL = 16 * 1024**2
# Names: what Windows (the learners' PCs) can create under the per-user libraries folder
# (C:\Users\<name>\AppData\Local\dxlearn\libraries\<id>\, plus the temporary import folder)
# without long-path support, whose limit is 260 characters for the whole path.
MAX_PATH_CHARS = 150  # a path inside the library, e.g. 01-basics/01-what-is-dx/images/flow.png
MAX_DEPTH = 12  # folders and file name
MAX_NAME_BYTES = 255  # one folder or file name, in UTF-8 (Linux) and UTF-16 units (Windows)
MAX_ID_CHARS = 64  # a library id names its folder
MAX_TEXT_CHARS = 200  # title, version, dates in the manifest
MAX_PROBLEMS = 100  # more are summarised in one line
CHUNK = 1024 * 1024
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".webp", ".tif",
                            ".tiff", ".ico"})
JUNK_FILES = frozenset({"thumbs.db", "desktop.ini"})
_WINDOWS_RESERVED = frozenset({
    "con", "prn", "aux", "nul", "conin$", "conout$", "clock$",
    *(f"com{i}" for i in (*range(10), "¹", "²", "³")),
    *(f"lpt{i}" for i in (*range(10), "¹", "²", "³")),
})
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
_DRIVE = re.compile(r"^[A-Za-z]:")
_SHA256 = re.compile(r"[0-9a-f]{64}")

Progress = Callable[[int, int], object]  # done bytes, total bytes; may raise PackCancelled


@dataclass(frozen=True, slots=True)
class Limits:
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES
    max_ratio_entry: int = MAX_RATIO_ENTRY
    max_ratio_total: int = MAX_RATIO_TOTAL


@dataclass(frozen=True, slots=True)
class PackProblem:
    """One reason a pack is refused: a ``pack.*`` message code, the zip entry (or file) it is
    about ("" for the whole pack) and the message's parameters."""

    code: str
    entry: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def text(self, lang: str = "ja") -> str:
        message = text(self.code, lang, **self.params)
        if not self.entry:
            return message
        return f"{self.entry}: {message}" if lang == "en" else f"{self.entry}：{message}"

    def __str__(self) -> str:
        return self.text("en")


def shown(name: str, limit: int = 120) -> str:
    """A name as it can be shown in a message: a hostile pack's 60,000-character path is cut."""
    return name if len(name) <= limit else f"{name[:limit]}…"


def capped(problems: Iterable[PackProblem]) -> tuple[PackProblem, ...]:
    """At most MAX_PROBLEMS problems and one line saying how many more there were."""
    listed = tuple(problems)
    if len(listed) <= MAX_PROBLEMS:
        return listed
    return (*listed[:MAX_PROBLEMS],
            PackProblem("pack.more_problems", "", {"count": len(listed) - MAX_PROBLEMS}))


@dataclass(frozen=True, slots=True)
class PackFile:
    path: str  # relative to the library root, POSIX style
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    library_id: str
    title: str
    version: str
    created_at: str
    app_version: str
    files: tuple[PackFile, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_ID,
            "library": {"id": self.library_id, "title": self.title, "version": self.version},
            "created_at": self.created_at,
            "app_version": self.app_version,
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
        }


@dataclass(frozen=True, slots=True)
class ProtectedLibrary:
    """A library a pack must not replace: the bundled one (``origin`` "bundled") or one of
    the policy's ``libraries`` ("policy"); see :mod:`dxlearn.content.libraries`."""

    library_id: str
    version: str
    origin: str


@dataclass(frozen=True, slots=True)
class ImportRules:
    """What an import may replace. ``allow_updates`` is the policy's ``allow_library_updates``:
    a pack with a protected id is then accepted when its version is newer."""

    protected: tuple[ProtectedLibrary, ...] = ()
    allow_updates: bool = False


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    manifest: Manifest


@dataclass(frozen=True, slots=True)
class VerifyReport:
    manifest: Manifest | None
    problems: tuple[PackProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class ImportResult:
    library_id: str
    target: Path  # the imported library folder
    replaced: bool  # an earlier version was replaced
    manifest: Manifest


class PackError(Exception):
    """The pack was refused (or could not be built/imported); nothing was written."""

    def __init__(self, problems: Iterable[PackProblem]) -> None:
        self.problems = capped(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def lines(self, lang: str = "ja") -> list[str]:
        return [p.text(lang) for p in self.problems]


class PackLintError(PackError):
    """``pack build`` refuses a library with lint errors."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        errors = sum(1 for f in self.findings if f.is_error)
        super().__init__([PackProblem("pack.lint_errors", "", {"errors": errors})])


class PackCancelled(Exception):
    """Raised by a progress callback to stop an import; nothing is kept."""


# -- names ------------------------------------------------------------------------------------


def unsafe_name_reason(name: str) -> Message | None:
    """Why a path (inside the library, POSIX separators) could land outside the target, be
    changed by Windows, collide with a device, or not be written at all; None when it is safe.
    """
    if not name:
        return Message("pack.reason_empty")
    if "\\" in name:
        return Message("pack.reason_backslash")
    if name.startswith("/"):
        return Message("pack.reason_absolute")
    if _DRIVE.match(name):
        return Message("pack.reason_drive")
    if any(ord(c) < 32 for c in name):
        return Message("pack.reason_control")
    forbidden = sorted(_WINDOWS_FORBIDDEN.intersection(name))
    if forbidden:
        return Message("pack.reason_forbidden", {"chars": " ".join(forbidden)})
    parts = name.rstrip("/").split("/")
    if len(parts) > MAX_DEPTH:
        return Message("pack.reason_too_deep", {"depth": len(parts), "limit": MAX_DEPTH})
    if len(name) > MAX_PATH_CHARS:
        return Message("pack.reason_too_long", {"length": len(name), "limit": MAX_PATH_CHARS})
    for part in parts:
        if part in ("", ".", ".."):
            return Message("pack.reason_dots")
        if part.endswith((".", " ")):
            return Message("pack.reason_trailing", {"part": part})
        if part.split(".")[0].rstrip(" ").lower() in _WINDOWS_RESERVED:
            return Message("pack.reason_reserved", {"part": part})
        if (len(part.encode("utf-8")) > MAX_NAME_BYTES
                or len(part.encode("utf-16-le")) // 2 > MAX_NAME_BYTES):
            return Message("pack.reason_name_too_long", {"part": shown(part, 40),
                                                         "limit": MAX_NAME_BYTES})
    return None


def collision_key(name: str) -> str:
    """Names that are the same file on Windows (case) or macOS (Unicode normalisation)."""
    return unicodedata.normalize("NFC", name.rstrip("/")).casefold()



def is_image(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in IMAGE_SUFFIXES


def is_lesson_file(path: str) -> bool:
    return collision_key(path.rpartition("/")[2]) == LESSON_FILE
