"""lesson.md front matter (docs/lesson-format.md, "lesson.md"): every key, its type and range,
unknown keys, the line of each finding, and id uniqueness."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import (
    findings_of,
    fixture,
    lesson_at,
    lint_lines,
    make_lesson,
    no_id,
    only_lesson,
    write,
)

from dxlearn.content.loader import load_library
from dxlearn.content.model import DEFAULT_PASS_SCORE, Lesson

PATH = "01-ch/01-lesson/lesson.md"


def _load_one(tmp_path: Path, front: str, body: str = "本文です。\n") -> tuple[Lesson, list[str]]:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-lesson", front=front, body=body)
    return only_lesson(load_library(root)), findings_of(root)


def test_every_key_is_read(tmp_path: Path) -> None:
    lesson, found = _load_one(tmp_path, (
        "title: 自治体DXとは\n"
        "id: what-is-dx\n"
        "roles: [leader, staff]\n"
        "required: false\n"
        "minutes: 15\n"
        "version: 3\n"
        "objectives:\n"
        "  - DXの意味を説明できる\n"
        "  - 二つの側面を区別できる\n"
        "pass_score: 70\n"
    ), body="## 見出し\n\n本文です。\n")

    assert found == []
    assert lesson.title == "自治体DXとは"
    assert lesson.id == "what-is-dx"
    assert lesson.roles == ("leader", "staff")
    assert lesson.required is False
    assert lesson.minutes == 15
    assert lesson.version == 3
    assert lesson.objectives == ("DXの意味を説明できる", "二つの側面を区別できる")
    assert lesson.pass_score == 70
    assert lesson.body == "## 見出し\n\n本文です。\n"
    assert '<h2 id="' in lesson.body_html and "本文です。" in lesson.body_html
    assert not lesson.broken


def test_defaults_with_only_a_title(tmp_path: Path) -> None:
    lesson, found = _load_one(tmp_path, "title: 最小\n")

    assert found == []
    assert lesson.id == "lesson"  # folder name, order prefix removed
    assert lesson.roles == ("executive", "leader", "staff")
    assert lesson.required is True
    assert lesson.minutes is None
    assert lesson.version == 1
    assert lesson.objectives == ()
    assert lesson.pass_score == DEFAULT_PASS_SCORE == 80


def test_derived_id_is_lower_cased(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-What-Is-DX")

    assert only_lesson(load_library(root)).id == "what-is-dx"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("id: what-is-dx", ("id", "what-is-dx")),
        ("id: a0_b.c-d", ("id", "a0_b.c-d")),
        ("id: 123", ("id", "123")),
        ("roles: staff", ("roles", ("staff",))),  # one role as plain text
        ("roles: [staff, executive]", ("roles", ("staff", "executive"))),
        ("roles:\n  - leader", ("roles", ("leader",))),
        ("required: true", ("required", True)),
        ("required: false", ("required", False)),
        ("minutes: 1", ("minutes", 1)),
        ("version: 1", ("version", 1)),
        ("version: 12", ("version", 12)),
        ("objectives: 一つだけ", ("objectives", ("一つだけ",))),
        ("objectives: []", ("objectives", ())),
        ("pass_score: 0", ("pass_score", 0)),
        ("pass_score: 100", ("pass_score", 100)),
    ],
)
def test_valid_values(tmp_path: Path, line: str, value: tuple[str, object]) -> None:
    lesson, found = _load_one(tmp_path, f"title: 教材\n{line}\n")

    assert found == []
    attribute, expected = value
    assert getattr(lesson, attribute) == expected


ID_HELP = ("is not a valid id: use lower-case letters a-z, digits and - _ . (starting with a "
           "letter or digit), e.g. what-is-dx")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("id: What-Is-DX", f"id: 'What-Is-DX' {ID_HELP}"),
        ("id: -leading-dash", f"id: '-leading-dash' {ID_HELP}"),
        ("id: _underscore", f"id: '_underscore' {ID_HELP}"),
        ("id: with space", f"id: 'with space' {ID_HELP}"),
        ("id: 日本語", f"id: '日本語' {ID_HELP}"),
        ("id: ''", "id: must not be empty"),
        ("id: [a]", "id: must be text"),
        ("roles: [exective]", "roles: unknown role 'exective' (known: executive, leader, staff)"),
        ("roles: [staff, boss, chief]",
         "roles: unknown role 'boss', 'chief' (known: executive, leader, staff)"),
        ("roles: {staff: 1}",
         "roles: must be a list, e.g. ['executive', 'staff'] or '- item' lines"),
        ("roles: [[staff]]", "roles: every item must be text"),
        ("required: 'yes'", "required: must be true or false, not 'yes'"),
        ("required: 1", "required: must be true or false, not '1'"),
        ("minutes: 0", "minutes: must be >= 1, not 0"),
        ("minutes: -5", "minutes: must be >= 1, not -5"),
        ("minutes: 1.5", "minutes: must be a whole number, not '1.5'"),
        ("minutes: '10'", "minutes: must be a whole number, not '10'"),
        ("minutes: true", "minutes: must be a whole number, not 'True'"),
        ("version: 0", "version: must be >= 1, not 0"),
        ("version: 1.1", "version: must be a whole number, not '1.1'"),
        ("objectives: {a: b}",
         "objectives: must be a list, e.g. ['executive', 'staff'] or '- item' lines"),
        ("objectives: [ok, '']", "objectives: every item must not be empty"),
        ("pass_score: 101", "pass_score: must be from 0 to 100, not 101"),
        ("pass_score: -1", "pass_score: must be from 0 to 100, not -1"),
        ("pass_score: high", "pass_score: must be a whole number, not 'high'"),
        ("title: ''", "title: must not be empty"),
    ],
)
def test_wrong_type_or_value_is_an_error_at_the_key_line(tmp_path: Path, line: str,
                                                         message: str) -> None:
    # the key sits on line 3 unless it is the title (line 2)
    front = f"{line}\n" if line.startswith("title:") else f"title: 教材\n{line}\n"
    number = 2 if line.startswith("title:") else 3

    lesson, found = _load_one(tmp_path, front)

    assert found == [f"{PATH}:{number}: error: {message}"]
    assert lesson.broken


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("minute", "did you mean `minutes`?"),
        ("objective", "did you mean `objectives`?"),
        ("passscore", "did you mean `pass_score`?"),
        ("xyzzy", "known keys: title, id, roles, required, minutes, version, objectives, "
                  "pass_score"),
    ],
)
def test_unknown_key_is_a_warning_suggesting_the_nearest(tmp_path: Path, key: str,
                                                         hint: str) -> None:
    lesson, found = _load_one(tmp_path, f"title: 教材\n{key}: staff\n")

    assert found == [f"{PATH}:3: warning: {key}: unknown key, ignored; {hint}"]
    assert not lesson.broken  # warnings never grey a lesson out


def test_finding_line_is_the_line_of_the_key_in_the_file(tmp_path: Path) -> None:
    front = (
        "# コメント行\n"                     # line 2
        "title: 行番号\n"                    # line 3
        "\n"                                 # line 4
        "objectives:\n"                      # line 5
        "  - 一つ目\n"                       # line 6
        "  - 二つ目\n"                       # line 7
        "objective: 目標\n"                  # line 8
        "minutes: >-\n"                      # line 9
        "  abc\n"                            # line 10
        "pass_score: 200\n"                  # line 11
    )

    _, found = _load_one(tmp_path, front)

    assert found == sorted([
        f"{PATH}:8: warning: objective: unknown key, ignored; did you mean `objectives`?",
        f"{PATH}:9: error: minutes: must be a whole number, not 'abc'",
        f"{PATH}:11: error: pass_score: must be from 0 to 100, not 200",
    ])


def test_title_is_required(tmp_path: Path) -> None:
    lesson, found = _load_one(tmp_path, "id: no-title\n")

    assert found == [f"{PATH}:1: error: title: missing; add 'title: ...' to the front matter"]
    assert lesson.broken
    assert lesson.title == "lesson"  # shown greyed under its folder name


def test_a_file_without_front_matter_has_no_title(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", "# 見出しだけ\n\n本文\n")

    library = load_library(root)

    assert findings_of(root) == [
        "01-x/lesson.md:1: error: title: missing; add 'title: ...' to the front matter"]
    assert "見出しだけ" in only_lesson(library).body_html


def test_japanese_folder_name_requires_an_id(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-はじめに/01-デジタルとは", front="title: デジタル\n")
    make_lesson(root, "01-はじめに/02-データとは", front="title: データ\nid: what-is-data\n")

    library = load_library(root)

    assert findings_of(root) == [
        "01-はじめに/01-デジタルとは/lesson.md:1: error: id: the folder name '01-デジタルとは' "
        "gives no usable id; add 'id: ...' to the front matter (lower-case letters a-z, "
        "digits, - _ .)",
    ]
    assert lesson_at(library, "01-はじめに/01-デジタルとは").broken
    good = lesson_at(library, "01-はじめに/02-データとは")
    assert good.id == "what-is-data" and not good.broken


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: 閉じない\n本文\n",
         "1: error: front matter is not closed: add a line '---' after it"),
        ("---\ntitle: [閉じない\n---\n本文\n",
         "2: error: a bracket ([ ] or { }) is not closed, e.g. roles: [leader, staff]"),
        ("---\ntitle: a\n  bad: indent\n---\n",
         "3: error: the indentation is wrong; lines at the same level must start in the same "
         "column"),
        ("---\n- title\n- id\n---\n", "2: error: must be 'key: value' lines"),
    ],
    ids=["not-closed", "flow", "indent", "list"],
)
def test_front_matter_syntax_errors(tmp_path: Path, text: str, expected: str) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", text)

    lesson = only_lesson(load_library(root))

    # one finding: a syntax error does not also claim the title is missing
    assert findings_of(root) == [f"01-x/lesson.md:{expected}"]
    assert lesson.broken


def test_ids_must_be_unique_the_second_errors_and_the_first_still_works() -> None:
    root = fixture("duplicate_ids")
    library = load_library(root)

    assert lint_lines(root) == [
        "01-ch/02-second/lesson.md:4: error: id: 'shared-id' is already used by "
        "01-ch/01-first/lesson.md; lesson ids must be unique in the library (set 'id:' to a "
        "new one)",
        "03-ch/01-intro/lesson.md:1: error: id: 'intro' is already used by "
        "02-ch/01-intro/lesson.md; lesson ids must be unique in the library (set 'id:' to a "
        "new one)",
    ]
    first = lesson_at(library, "01-ch/01-first")
    assert no_id(first.findings) == () and not first.broken
    assert "最初の本文" in first.body_html
    assert library.lesson("shared-id") is first
    assert lesson_at(library, "01-ch/02-second").broken
    assert library.lesson("intro") is lesson_at(library, "02-ch/01-intro")


def test_duplicate_of_a_loose_lesson_is_reported_on_the_chapter_lesson(tmp_path: Path) -> None:
    # display order is loose lessons first, so the loose lesson keeps the id
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a", front="title: 章の中\nid: same\n")
    make_lesson(root, "02-loose", front="title: 章の外\nid: same\n")

    library = load_library(root)

    assert findings_of(root) == [
        "01-ch/01-a/lesson.md:3: error: id: 'same' is already used by 02-loose/lesson.md; "
        "lesson ids must be unique in the library (set 'id:' to a new one)",
    ]
    assert not lesson_at(library, "02-loose").broken
