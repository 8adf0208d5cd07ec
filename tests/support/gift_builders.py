"""Helpers for the GIFT import tests: a converted quiz.md loaded by the real loader."""

from __future__ import annotations

import shutil
from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.content.model import Quiz, Severity

from support.trainer import write


def load_quiz(tmp_path: Path, markdown: str, *, errors_only: bool = False) -> Quiz:
    """``markdown`` as the quiz.md of a one-lesson library under ``tmp_path``, loaded with the
    real loader: it must be clean (or, with ``errors_only``, free of errors)."""
    root = tmp_path / "lib"
    if root.exists():
        shutil.rmtree(root)
    lesson = root / "01-gift"
    write(lesson / "lesson.md", "---\ntitle: GIFT\nid: gift\n---\n本文\n")
    write(lesson / "quiz.md", markdown)
    library = load_library(root)
    findings = library.all_findings()
    if errors_only:
        findings = [f for f in findings if f.severity is Severity.ERROR]
    assert findings == []
    quiz = next(library.lessons()).quiz
    assert quiz is not None
    return quiz
