"""The lesson pack format: names, limits, manifest and problem types, and the entry-name
rules an import applies before anything is written. Split from :mod:`dxlearn.content.pack`
(build, verify, import), which re-exports these names. Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .model import Finding

FORMAT_ID = "dxlearn-lesson-pack/1"
MANIFEST = "manifest.json"
PREFIX = "library/"
SUFFIX = ".dxpack"
MAX_ENTRIES = 20_000
MAX_BYTES = 2 * 1024**3  # 2 GiB unpacked
MAX_MANIFEST_BYTES = 16 * 1024**2
CHUNK = 1024 * 1024
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".webp", ".tif",
                            ".tiff", ".ico"})
JUNK_FILES = frozenset({"thumbs.db", "desktop.ini"})
_WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                               *(f"lpt{i}" for i in range(10))})
_DRIVE = re.compile(r"^[A-Za-z]:")
_SHA256 = re.compile(r"[0-9a-f]{64}")

Progress = Callable[[int, int], None]  # done bytes, total bytes; may raise PackCancelled


@dataclass(frozen=True, slots=True)
class Limits:
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True, slots=True)
class PackProblem:
    """One reason a pack is refused. ``entry`` is the zip entry name ("" for the whole pack)."""

    code: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.message}" if self.entry else self.message


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
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class PackLintError(PackError):
    """``pack build`` refuses a library with lint errors."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        errors = sum(1 for f in self.findings if f.is_error)
        super().__init__([PackProblem(
            "lint", "", f"the library has {errors} lint error(s); fix them "
            "(see 'dxlearn lint') and build again")])


class PackCancelled(Exception):
    """Raised by a progress callback to stop an import; nothing is kept."""


# -- names ------------------------------------------------------------------------------------


def unsafe_name_reason(name: str) -> str | None:
    """Why a zip entry name could land outside the target (or collide on Windows), or None."""
    if not name:
        return "empty name"
    if "\\" in name:
        return "contains a backslash '\\' (Windows would read it as a folder separator)"
    if name.startswith("/"):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    if ":" in name:
        return "contains ':' (not allowed in Windows file names)"
    if any(ord(c) < 32 for c in name):
        return "contains control characters"
    parts = name.rstrip("/").split("/")
    for part in parts:
        if part in ("", ".", ".."):
            return "contains '..', '.' or an empty folder name"
        if part.endswith((".", " ")):
            return f"'{part}' ends with a dot or a space (Windows would change the name)"
        if part.split(".")[0].lower() in _WINDOWS_RESERVED:
            return f"'{part}' is a reserved name on Windows"
    return None


def _collision_key(name: str) -> str:
    """Names that are the same file on Windows (case) or macOS (Unicode normalisation)."""
    return unicodedata.normalize("NFC", name.rstrip("/")).casefold()


def _is_image(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in IMAGE_SUFFIXES


# -- building ---------------------------------------------------------------------------------
