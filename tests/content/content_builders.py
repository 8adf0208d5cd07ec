"""Helpers for the content tests: fixture paths and small libraries built byte-exactly.

Static fixture libraries live in ``tests/data/<name>/`` (one folder per rule, valid and broken
variants). Tests that need exact bytes (CP932, CRLF, BOM, undecodable files) or many small
variants build the library under ``tmp_path`` with :func:`write`.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library
from dxlearn.content.model import Finding, Lesson, Library

DATA = Path(__file__).resolve().parent.parent / "data"


def fixture(name: str) -> Path:
    """A static fixture library under tests/data."""
    path = DATA / name
    assert path.is_dir(), f"missing fixture library {path}"
    return path


def copy_fixture(name: str, destination: Path) -> Path:
    """A writable copy of a static fixture (for tests that add or break files)."""
    target = destination / name
    shutil.copytree(fixture(name), target)
    return target


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def write(path: Path, content: str | bytes, *, encoding: str = "utf-8",
          newline: str = "\n", bom: bool = False) -> Path:
    """Write ``content`` exactly: ``newline`` replaces every "\\n", ``bom`` adds a UTF-8 BOM."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        data = content.replace("\n", newline).encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
    else:
        data = content
    path.write_bytes(data)
    return path


def lesson_text(front: str = "title: テスト教材\n", body: str = "本文です。\n") -> str:
    """lesson.md text: ``---``, the front-matter lines as given, ``---``, then the body.

    The first front-matter line is line 2 of the file.
    """
    return f"---\n{front}---\n{body}"


def make_lesson(root: Path, rel: str, front: str = "title: テスト教材\n",
                body: str = "本文です。\n", quiz: str | None = None) -> Path:
    folder = root / rel
    write(folder / "lesson.md", lesson_text(front, body))
    if quiz is not None:
        write(folder / "quiz.md", quiz)
    return folder


def only_lesson(library: Library) -> Lesson:
    lessons = list(library.lessons())
    assert len(lessons) == 1, [lesson.rel_path for lesson in lessons]
    return lessons[0]


def lesson_at(library: Library, rel_path: str) -> Lesson:
    for lesson in library.lessons():
        if lesson.rel_path == rel_path:
            return lesson
    raise AssertionError(f"no lesson at {rel_path}: {[x.rel_path for x in library.lessons()]}")


# The builders write lessons without 'id:' for brevity; the warning that asks for one is
# tested on its own (test_lesson_ids.py), so these helpers leave it out unless asked.
ID_MISSING = "content.id_missing"


def no_id(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """``findings`` without the missing-id warning (for lessons the builders wrote)."""
    return tuple(f for f in findings if f.code != ID_MISSING)


def lint_lines(path: Path, *, ids: bool = False) -> list[str]:
    """``dxlearn lint`` text lines (English) for a library, through the public lint API."""
    return [str(finding) for finding in lint_path(str(path)).findings
            if ids or finding.code != ID_MISSING]


def findings_of(root: Path, *, ids: bool = False) -> list[str]:
    """Every finding of the library at ``root`` as compiler-style lines (English), sorted."""
    return sorted(str(f) for f in load_library(root).all_findings()
                  if ids or f.code != ID_MISSING)
