"""library.yaml and chapter.yaml (docs/lesson-format.md, "library.yaml")."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import findings_of, make_lesson, no_id, only_lesson, write

from dxlearn.content.loader import LibraryError, load_library
from dxlearn.content.model import DEFAULT_ROLES


def _library(tmp_path: Path, library_yaml: str | None, lesson_front: str = "title: 教材\n") -> Path:
    root = tmp_path / "研修ライブラリ"
    make_lesson(root, "01-ch/01-lesson", front=lesson_front)
    if library_yaml is not None:
        write(root / "library.yaml", library_yaml)
    return root


def test_defaults_without_library_yaml(tmp_path: Path) -> None:
    root = _library(tmp_path, None)

    library = load_library(root)

    assert library.id == "研修ライブラリ"  # the library folder name
    assert library.title == "研修ライブラリ"
    assert library.version == ""
    assert library.roles == DEFAULT_ROLES
    assert list(library.roles) == ["executive", "leader", "staff"]
    assert only_lesson(library).roles == ("executive", "leader", "staff")
    assert no_id(library.findings) == ()


def test_every_key_is_read(tmp_path: Path) -> None:
    root = _library(tmp_path, (
        "id: lg-dx-literacy\n"
        "title: 自治体DXリテラシー研修\n"
        'version: "2026.1"\n'
        "roles:\n"
        "  mayor: 首長\n"
        "  staff: 一般職員\n"
    ))

    library = load_library(root)

    assert (library.id, library.title, library.version) == (
        "lg-dx-literacy", "自治体DXリテラシー研修", "2026.1")
    assert library.roles == {"mayor": "首長", "staff": "一般職員"}
    # a lesson without roles: is for every role of this library
    assert only_lesson(library).roles == ("mayor", "staff")
    assert no_id(library.all_findings()) == ()


def test_custom_roles_decide_which_role_names_a_lesson_may_use(tmp_path: Path) -> None:
    root = _library(tmp_path, "roles:\n  mayor: 首長\n  staff: 一般職員\n",
                    lesson_front="title: 教材\nroles: [mayor, executive]\n")

    library = load_library(root)

    assert findings_of(root) == [
        "01-ch/01-lesson/lesson.md:3: error: roles: unknown role 'executive' (known: mayor, staff)",
    ]
    assert library.curriculum("mayor") == [only_lesson(library)]
    assert library.curriculum("executive") == []


def test_unquoted_numeric_version_is_text(tmp_path: Path) -> None:
    root = _library(tmp_path, "version: 2026.1\n")

    assert load_library(root).version == "2026.1"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: 研修\nid: Bad ID\n",
         "library.yaml:2: error: id: 'Bad ID' is not a valid id: use lower-case letters a-z, "
         "digits and - _ . (starting with a letter or digit), e.g. what-is-dx"),
        ('title: ""\n', "library.yaml:1: error: title: must not be empty"),
        ("title: [a, b]\n", "library.yaml:1: error: title: must be text"),
        ("version: [1]\n", "library.yaml:1: error: version: must be text"),
        ("title: 研修\nroles: [executive, staff]\n",
         "library.yaml:2: error: roles: must be 'key: label' lines, e.g. 'staff: 一般職員'"),
        ("roles:\n  Bad Key: 幹部\n",
         "library.yaml:1: error: roles: Bad Key: 'Bad Key' is not a valid id: use lower-case "
         "letters a-z, digits and - _ . (starting with a letter or digit), e.g. what-is-dx"),
        ('roles:\n  staff: ""\n', "library.yaml:1: error: roles: staff: must not be empty"),
        ("title: 研修\nrolez:\n  staff: 職員\n",
         "library.yaml:2: error: rolez: unknown key; did you mean `roles`? As written, the "
         "default roles are used"),
        ("title: [unclosed\n",
         "library.yaml:1: error: a bracket ([ ] or { }) is not closed, e.g. roles: [leader, "
         "staff]"),
        ("- id\n- title\n", "library.yaml:1: error: must be 'key: value' lines"),
        ("id：lg-dx\n", "library.yaml:1: error: 'id' is followed by a full-width colon '：'; "
         "write a half-width ': ' instead"),
    ],
    ids=["id", "empty-title", "list-title", "list-version", "roles-list", "role-key",
         "role-label", "roles-typo", "yaml-syntax", "not-a-mapping", "full-width-colon"],
)
def test_an_error_in_library_yaml_stops_the_library_with_its_line(
        tmp_path: Path, content: str, expected: str) -> None:
    """T8: a library whose library.yaml cannot be read is not loaded; it never falls back to
    the folder name as its id (progress would be recorded under another library)."""
    root = _library(tmp_path, content)

    with pytest.raises(LibraryError) as caught:
        load_library(root)

    assert [str(f) for f in caught.value.findings] == [expected]
    assert "library.yaml" in caught.value.message("ja")
    assert "読み込みません" in caught.value.message("ja")


def test_library_yaml_error_is_reported_in_japanese_at_its_line(tmp_path: Path) -> None:
    root = _library(tmp_path, "id: lg-dx\ntitle：自治体DX研修\n")

    with pytest.raises(LibraryError) as caught:
        load_library(root)

    (finding,) = caught.value.findings
    assert finding.line_text("ja") == (
        "エラー: library.yaml 2行目: 全角の「：」を半角の「: 」に直してください（title: …）。")
    assert caught.value.message("ja").startswith(f"{root} の library.yaml に誤りがあるため、")


def test_library_yaml_warnings_do_not_stop_the_library(tmp_path: Path) -> None:
    root = _library(tmp_path, "title: 研修\nauthor: 人事課\n")

    library = load_library(root)

    assert findings_of(root) == [
        "library.yaml:2: warning: author: unknown key, ignored; known keys: id, title, version, "
        "roles"]
    assert library.title == "研修"


def test_library_yaml_alone_makes_a_folder_a_library(tmp_path: Path) -> None:
    root = tmp_path / "empty-library"
    write(root / "library.yaml", "title: 空\n")

    library = load_library(root)

    assert library.title == "空"
    assert list(library.lessons()) == []


def test_chapter_yaml_title_and_its_findings(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a")
    make_lesson(root, "02-ch/01-b")
    make_lesson(root, "03-ch/01-c")
    write(root / "01-ch" / "chapter.yaml", "title: 第1章 はじめに\n")
    write(root / "02-ch" / "chapter.yaml", "# comment\ntitel: 第2章\n")
    write(root / "03-ch" / "chapter.yaml", 'title: ""\n')

    library = load_library(root)

    assert [c.title for c in library.chapters] == ["第1章 はじめに", "ch", "ch"]
    assert findings_of(root) == [
        "02-ch/chapter.yaml:2: warning: titel: unknown key, ignored; did you mean `title`?",
        "03-ch/chapter.yaml:1: error: title: must not be empty",
    ]
