"""A broken lesson never stops the others (docs/lesson-format.md, "Errors and warnings"):
the app loads a library with errors; every other lesson works, unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from content_builders import copy_fixture, fixture, lesson_at, lint_lines, no_id, write

from dxlearn.content.loader import load_library
from dxlearn.content.model import Lesson

GOOD = ["01-ch/01-good", "01-ch/04-good", "02-ch/03-good", "03-good-loose"]
BROKEN = ["01-ch/02-bad-yaml", "01-ch/03-bad-quiz", "02-ch/01-no-title",
          "02-ch/02-missing-image", "02-ch/04-bad-roles"]


def _content(lesson: Lesson) -> tuple[object, ...]:
    """Everything a learner sees of a lesson (the folder differs between two copies)."""
    return (lesson.id, lesson.title, lesson.rel_path, lesson.roles, lesson.required,
            lesson.minutes, lesson.version, lesson.objectives, lesson.pass_score, lesson.body,
            lesson.quiz and (lesson.quiz.questions, lesson.quiz.pass_score), lesson.findings)


def _good_only(tmp_path: Path) -> Path:
    """The same library without its broken lessons."""
    root = copy_fixture("mixed", tmp_path / "good-only")
    for rel in BROKEN:
        shutil.rmtree(root / rel)
    return root


def test_broken_lessons_are_listed_with_their_findings() -> None:
    library = load_library(fixture("mixed"))

    assert [lesson.rel_path for lesson in library.lessons()] == [
        "03-good-loose", "01-ch/01-good", "01-ch/02-bad-yaml", "01-ch/03-bad-quiz",
        "01-ch/04-good", "02-ch/01-no-title", "02-ch/02-missing-image", "02-ch/03-good",
        "02-ch/04-bad-roles",
    ]
    assert {lesson.rel_path for lesson in library.lessons() if lesson.broken} == set(BROKEN)
    assert len(lint_lines(fixture("mixed"))) == len(BROKEN)


@pytest.mark.parametrize("rel_path", GOOD)
def test_good_lessons_have_no_findings_and_full_content(tmp_path: Path, rel_path: str) -> None:
    mixed = lesson_at(load_library(fixture("mixed")), rel_path)
    alone = lesson_at(load_library(_good_only(tmp_path)), rel_path)

    assert no_id(mixed.findings) == ()
    assert not mixed.broken
    assert mixed.body_html != ""
    assert _content(mixed) == _content(alone)


def test_good_lesson_details_survive_next_to_broken_ones() -> None:
    root = fixture("mixed")
    lesson = lesson_at(load_library(root), "01-ch/01-good")

    assert (lesson.id, lesson.title, lesson.roles, lesson.minutes) == (
        "good-one", "良い教材1", ("staff",), 5)
    assert lesson.objectives == ("目的を説明できる",)
    assert (root / "01-ch" / "01-good" / "images" / "pic.png").as_uri() in lesson.body_html
    assert "<table>" in lesson.body_html
    assert lesson.quiz is not None
    assert [len(q.choices) for q in lesson.quiz.questions] == [2, 3]
    assert lesson.quiz.questions[0].explanation == "解説"


def test_unreadable_bytes_and_broken_yaml_files_do_not_stop_the_good_lessons(
        tmp_path: Path) -> None:
    root = copy_fixture("mixed", tmp_path)
    write(root / "01-ch" / "05-bytes" / "lesson.md", b"\x81\x20\xff" * 10)
    write(root / "02-ch" / "chapter.yaml", b"title: [broken\n")

    library = load_library(root)

    for rel in GOOD:
        assert no_id(lesson_at(library, rel).findings) == (), rel
    assert lesson_at(library, "01-ch/05-bytes").broken
    assert {f.path for f in library.findings} == {"02-ch/chapter.yaml"}
    assert library.chapters[1].title == "ch"  # the folder name when chapter.yaml is unusable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: " + "[" * 20000 + "\n---\n",
         "2: error: nested too deeply"),
        ("---\ntitle: x\n---\n" + "".join("  " * i + "- a\n" for i in range(600)),
         "4: error: this text cannot be converted for display (lists or quotes nested too "
         "deeply?); simplify it"),
        ("---\ntitle: x\nobjectives: &a [*a]\n---\n", "3: error: YAML anchors and aliases ('&', "
         "'*') are not allowed; quote the value if it is text"),
        ("---\ntitle: x\nnull: 1\n---\n", "3: warning: None: unknown key, ignored; known keys: "
         "title, id, roles, required, minutes, version, objectives, pass_score"),
        ("---\ntitle: x\x00\n---\n", "2: error: an invisible control character (U+0000) is in "
         "this line; retype the line"),
    ],
    ids=["deep-yaml", "deep-markdown", "recursive-alias", "null-key", "nul-byte"],
)
def test_pathological_lessons_become_findings(tmp_path: Path, text: str, expected: str) -> None:
    root = copy_fixture("mixed", tmp_path)
    write(root / "01-ch" / "05-odd" / "lesson.md", text)

    library = load_library(root)

    assert [str(f) for f in no_id(lesson_at(library, "01-ch/05-odd").findings)] == [
        f"01-ch/05-odd/lesson.md:{expected}"]
    for rel in GOOD:
        assert no_id(lesson_at(library, rel).findings) == (), rel
