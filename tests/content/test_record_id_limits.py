"""Lesson and library ids longer than the progress database holds are lint errors (interop
review, PostgreSQL 7: a 129-character lesson id was stored on SQLite and refused by
PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from dxlearn.content.fields import MAX_RECORD_ID_CHARS
from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library


def _library(root: Path, *, lesson_id: str | None = None, folder: str = "01-intro",
             library_id: str | None = "lib") -> Path:
    root.mkdir(parents=True)
    (root / "library.yaml").write_text(
        "title: 研修\n" + (f"id: {library_id}\n" if library_id else ""), encoding="utf-8")
    lesson = root / folder
    lesson.mkdir()
    front = f"id: {lesson_id}\n" if lesson_id else ""
    (lesson / "lesson.md").write_text(f"---\ntitle: はじめに\n{front}---\n本文\n",
                                      encoding="utf-8")
    return root


def test_the_longest_id_the_database_holds_is_fine(tmp_path: Path) -> None:
    root = _library(tmp_path / "a", lesson_id="a" * MAX_RECORD_ID_CHARS)
    assert lint_path(str(root)).exit_status == 0


def test_a_longer_lesson_id_is_an_error_on_its_line(tmp_path: Path) -> None:
    root = _library(tmp_path / "a", lesson_id="a" * (MAX_RECORD_ID_CHARS + 1))
    result = lint_path(str(root))
    assert result.exit_status == 1
    assert any("too long" in str(f) and str(MAX_RECORD_ID_CHARS) in str(f)
               for f in result.findings)
    assert all(lesson.broken for lesson in load_library(root).lessons())


def test_a_folder_name_that_gives_a_longer_id_is_an_error(tmp_path: Path) -> None:
    root = _library(tmp_path / "a", folder="01-" + "b" * (MAX_RECORD_ID_CHARS + 1))
    result = lint_path(str(root))
    assert result.exit_status == 1
    assert any("at most 128" in str(f) for f in result.findings)


def test_a_library_folder_name_that_gives_a_longer_id_is_an_error(tmp_path: Path) -> None:
    root = _library(tmp_path / ("c" * (MAX_RECORD_ID_CHARS + 1)), library_id=None)
    result = lint_path(str(root))
    assert result.exit_status == 1
    assert any("library id" in str(f) for f in result.findings)
