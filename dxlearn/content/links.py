"""Which local files a lesson may link to, shared by lint (render) and the GUI.

A lesson is a document: it may link to other lessons and to handouts that open in a viewer.
It must never make a click run a program or follow a shortcut (``.bat``, ``.exe``, ``.hta``,
``.lnk``, ``.url``, macro-enabled Office files, ...), so the list is an allowlist.
"""

from __future__ import annotations

from pathlib import Path

OPENABLE_SUFFIXES = frozenset({
    ".pdf", ".txt", ".csv",
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp",  # no .svg: it can carry script
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp",
    ".mp4", ".mp3", ".wav",
})


def is_lesson_target(path: Path) -> bool:
    """A lesson folder, or a lesson's ``.md`` file (navigated inside the app)."""
    return path.is_dir() or path.suffix.lower() == ".md"


def is_openable_document(path: Path) -> bool:
    return path.suffix.lower() in OPENABLE_SUFFIXES
