"""Encodings and line endings (docs/lesson-format.md, "Layout"): UTF-8 with or without BOM,
LF or CRLF, CP932 with a warning naming the file, undecodable bytes as an error.

Built under tmp_path because the bytes matter (git may rewrite line endings of committed files).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import lesson_at, lesson_text, lint_lines, make_lesson, no_id, write

from dxlearn.content.loader import LibraryError, load_library

CP932_WARNING = "warning: file is Shift_JIS (CP932), not UTF-8; it was read, but save it as UTF-8"
UNDECODABLE = "error: file is neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8"

FRONT = "title: 文字コード\nobjective: 目標\nminutes: 5\n"  # unknown key on line 3
BODY = "# 見出し\n\n本文です。①②③\n\n![図](missing.png)\n"  # image on line 10 after FRONT
QUIZ = "## 質問です。\n\n- [x] 正しい\n- [ ] 誤り\n\n> 解説です。\n"


@pytest.mark.parametrize(
    ("newline", "bom"),
    [("\n", False), ("\n", True), ("\r\n", False), ("\r\n", True), ("\r", False)],
    ids=["utf8-lf", "utf8-bom-lf", "utf8-crlf", "utf8-bom-crlf", "utf8-cr"],
)
def test_utf8_variants_read_the_same(tmp_path: Path, newline: str, bom: bool) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", lesson_text(FRONT, BODY), newline=newline, bom=bom)
    write(root / "01-x" / "quiz.md", QUIZ, newline=newline, bom=bom)

    library = load_library(root)
    lesson = lesson_at(library, "01-x")

    # same findings, same lines, whatever the BOM and line endings
    assert lint_lines(root) == [
        "01-x/lesson.md:3: warning: objective: unknown key, ignored; did you mean `objectives`?",
        "01-x/lesson.md:10: error: file not found: 'missing.png' (check the name and the folder)",
    ]
    assert lesson.title == "文字コード" and lesson.minutes == 5
    assert "\r" not in lesson.body and "\ufeff" not in lesson.body
    assert lesson.body == BODY
    assert lesson.quiz is not None
    question = lesson.quiz.questions[0]
    assert question.line == 1
    assert question.prompt == "質問です。"
    assert question.explanation == "解説です。"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_cp932_lesson_is_read_with_a_warning(tmp_path: Path, newline: str) -> None:
    root = tmp_path / "lib"
    write(root / "01-ch" / "01-sjis" / "lesson.md", lesson_text("title: 全角の題名\n", BODY),
          encoding="cp932", newline=newline)
    make_lesson(root, "01-ch/02-utf8")

    library = load_library(root)
    lesson = lesson_at(library, "01-ch/01-sjis")

    assert lint_lines(root) == [
        f"01-ch/01-sjis/lesson.md:1: {CP932_WARNING}",
        "01-ch/01-sjis/lesson.md:8: error: file not found: 'missing.png' (check the name and "
        "the folder)",
    ]
    assert lesson.title == "全角の題名"
    assert "本文です。①②③" in lesson.body_html  # CP932 (not plain Shift_JIS): ① decodes
    assert no_id(lesson_at(library, "01-ch/02-utf8").findings) == ()


def test_cp932_warning_line_is_exact(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-basics" / "02-x" / "lesson.md",
          lesson_text("title: 研修\n", "本文\n"), encoding="cp932", newline="\r\n")

    assert lint_lines(root) == [
        "01-basics/02-x/lesson.md:1: warning: file is Shift_JIS (CP932), not UTF-8; it was "
        "read, but save it as UTF-8",
    ]


def test_cp932_quiz_and_yaml_files_are_read_with_a_warning_each(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-章/01-x")
    write(root / "01-章" / "01-x" / "quiz.md", QUIZ, encoding="cp932")
    write(root / "01-章" / "chapter.yaml", "title: 第一章\n", encoding="cp932")
    write(root / "library.yaml", "title: 研修ライブラリ\n", encoding="cp932")

    library = load_library(root)

    assert lint_lines(root) == [
        f"01-章/01-x/quiz.md:1: {CP932_WARNING}",
        f"01-章/chapter.yaml:1: {CP932_WARNING}",
        f"library.yaml:1: {CP932_WARNING}",
    ]
    assert library.title == "研修ライブラリ"
    assert library.chapters[0].title == "第一章"
    quiz = lesson_at(library, "01-章/01-x").quiz
    assert quiz is not None and quiz.questions[0].prompt == "質問です。"


MIXED = "error: file mixes UTF-8 and Shift_JIS (CP932); save it as UTF-8"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"---\ntitle: \x81\x20\n---\n", UNDECODABLE), (b"\x82", UNDECODABLE),
     # a BOM says UTF-8, the bytes after it are not: decoding them as CP932 would be a guess
     (b"\xef\xbb\xbf---\ntitle: \xff\xfe\x81\n---\n", MIXED)],
    ids=["bad-trail-byte", "truncated", "bom-then-garbage"],
)
def test_undecodable_lesson_is_an_error_and_the_others_load(tmp_path: Path, data: bytes,
                                                            message: str) -> None:
    root = tmp_path / "lib"
    write(root / "01-ch" / "01-bad" / "lesson.md", data)
    make_lesson(root, "01-ch/02-good", quiz=QUIZ)

    library = load_library(root)

    assert lint_lines(root) == [f"01-ch/01-bad/lesson.md:1: {message}"]
    assert lesson_at(library, "01-ch/01-bad").broken
    good = lesson_at(library, "01-ch/02-good")
    assert no_id(good.findings) == () and good.quiz is not None and len(good.quiz.questions) == 1


def test_undecodable_library_yaml_stops_the_library(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-x")
    write(root / "library.yaml", b"\x81\x20\x81\x20")

    with pytest.raises(LibraryError) as caught:
        load_library(root)

    assert [str(f) for f in caught.value.findings] == [f"library.yaml:1: {UNDECODABLE}"]


@pytest.mark.parametrize("name", ["quiz.md", "chapter.yaml"])
def test_undecodable_quiz_and_yaml_files_are_errors(tmp_path: Path, name: str) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-x")
    target = {"quiz.md": root / "01-ch" / "01-x" / "quiz.md",
              "chapter.yaml": root / "01-ch" / "chapter.yaml"}[name]
    write(target, b"\x81\x20\x81\x20")

    library = load_library(root)

    rel = target.relative_to(root).as_posix()
    assert lint_lines(root) == [f"{rel}:1: {UNDECODABLE}"]
    lesson = lesson_at(library, "01-ch/01-x")
    assert lesson.title == "テスト教材"
    assert lesson.quiz is None
