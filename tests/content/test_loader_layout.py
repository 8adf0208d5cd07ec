"""Layout rules (docs/lesson-format.md, "Layout"): chapters, loose lessons, nesting, order,
order prefixes, ignored names, _assets/, Japanese names and misnamed files."""

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
)

from dxlearn.content.loader import LibraryError, load_library


def test_layout_fixture_is_clean() -> None:
    library = load_library(fixture("layout"))

    assert no_id(library.all_findings()) == ()
    assert not library.has_errors


def test_chapters_in_natural_order_with_prefix_free_titles() -> None:
    library = load_library(fixture("layout"))

    # "10-最後の章" sorts after "2-応用編" (natural sort, not string sort)
    assert [c.rel_path for c in library.chapters] == ["01-basics", "2-応用編", "10-最後の章"]
    # chapter.yaml title wins; otherwise the folder name without its order prefix
    assert [c.title for c in library.chapters] == ["基礎編", "応用編", "最後の章"]


def test_lessons_in_natural_order_with_every_prefix_separator_removed_from_ids() -> None:
    basics = load_library(fixture("layout")).chapters[0]

    assert [lesson.rel_path for lesson in basics.lessons] == [
        "01-basics/1_first", "01-basics/2-second", "01-basics/3.third", "01-basics/10-tenth",
    ]
    assert [lesson.id for lesson in basics.lessons] == ["first", "second", "third", "tenth"]
    assert all(lesson.chapter == "01-basics" for lesson in basics.lessons)


def test_lessons_directly_in_the_library_are_loose_lessons_shown_first() -> None:
    library = load_library(fixture("layout"))

    assert [lesson.rel_path for lesson in library.loose_lessons] == ["5-loose", "20-loose-two"]
    assert [lesson.id for lesson in library.loose_lessons] == ["loose", "loose-two"]
    assert all(lesson.chapter is None for lesson in library.loose_lessons)
    ordered = [lesson.id for lesson in library.lessons()]
    assert ordered == ["loose", "loose-two", "first", "second", "third", "tenth",
                       "shared-image", "last"]


def test_names_starting_with_dot_or_underscore_are_ignored() -> None:
    library = load_library(fixture("layout"))

    paths = {lesson.rel_path for lesson in library.lessons()}
    titles = {lesson.title for lesson in library.lessons()}
    assert not any(part.startswith(("_", ".")) for path in paths for part in path.split("/"))
    assert not any("無視される" in title for title in titles)
    # _assets/ is not a chapter either
    assert "_assets" not in {chapter.rel_path for chapter in library.chapters}


def test_assets_folder_is_reachable_from_a_chapter_lesson_and_a_loose_lesson() -> None:
    root = fixture("layout")
    library = load_library(root)
    shared_uri = (root / "_assets" / "shared.png").absolute().as_uri()

    from_chapter = lesson_at(library, "2-応用編/01-shared-image")
    loose = lesson_at(library, "5-loose")

    assert f'src="{shared_uri}"' in from_chapter.body_html  # ../../_assets/shared.png
    assert f'src="{shared_uri}"' in loose.body_html  # ../_assets/shared.png
    assert no_id(from_chapter.findings) == () and loose.findings == ()


def test_nesting_deeper_than_one_level_is_an_error_and_the_valid_lesson_still_loads() -> None:
    root = fixture("too_deep")
    library = load_library(root)

    assert findings_of(root) == [
        "01-ch/02-part/:1: error: chapters may nest one level only (library -> chapter -> "
        "lesson); move these lesson folders up one level",
        "02-only-deep/01-part/:1: error: chapters may nest one level only (library -> chapter "
        "-> lesson); move these lesson folders up one level",
    ]
    assert [lesson.rel_path for lesson in library.lessons()] == ["01-ch/01-ok"]
    assert no_id(only_lesson(library).findings) == ()


def test_japanese_folder_names_load_and_appear_in_finding_paths() -> None:
    root = fixture("japanese")
    library = load_library(root)

    named = lesson_at(library, "01-はじめに/01-デジタルとは")
    assert named.id == "what-is-digital"
    assert no_id(named.findings) == ()
    assert library.chapters[0].title == "はじめに"
    assert lint_lines(root) == [
        "01-はじめに/02-日本語だけ/lesson.md:1: error: id: the folder name '02-日本語だけ' gives "
        "no usable id; add 'id: ...' to the front matter (lower-case letters a-z, digits, - _ .)",
    ]
    assert lesson_at(library, "01-はじめに/02-日本語だけ").broken


def test_misnamed_lesson_and_quiz_files_are_reported() -> None:
    root = fixture("misnamed")
    library = load_library(root)

    assert lint_lines(root) == [
        "01-ch/02-notepad/lesson.md.txt:1: error: rename 'lesson.md.txt' to 'lesson.md' "
        "(exactly, in lower case; Notepad may have added .txt)",
        "01-ch/03-quiz-txt/quiz.md.txt:1: error: rename 'quiz.md.txt' to 'quiz.md' "
        "(exactly, in lower case; Notepad may have added .txt)",
        "02-loose-notepad/lesson.md.txt:1: error: rename 'lesson.md.txt' to 'lesson.md' "
        "(exactly, in lower case; Notepad may have added .txt)",
    ]
    assert [lesson.rel_path for lesson in library.lessons()] == [
        "01-ch/01-ok", "01-ch/03-quiz-txt",
    ]
    assert lesson_at(library, "01-ch/03-quiz-txt").quiz is None


def test_wrong_case_lesson_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-ok")
    (root / "01-ch" / "02-upper").mkdir(parents=True)
    (root / "01-ch" / "02-upper" / "Lesson.md").write_text("---\ntitle: x\n---\n", "utf-8")
    if (root / "01-ch" / "02-upper" / "lesson.md").exists():
        pytest.skip("case-insensitive file system: Lesson.md is lesson.md here")

    assert findings_of(root) == [
        "01-ch/02-upper/Lesson.md:1: error: rename 'Lesson.md' to 'lesson.md' "
        "(exactly, in lower case)",
    ]


def test_folder_without_lesson_in_a_library_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-ok")
    (root / "02-images").mkdir()
    (root / "02-images" / "note.txt").write_text("メモ", "utf-8")

    assert findings_of(root) == [
        "02-images/:1: warning: folder holds no lesson (a lesson folder needs lesson.md); "
        "it is not shown",
    ]


def test_natural_sort_compares_numbers_inside_names(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for name in ["10-x", "2-x", "1-x", "ch9", "ch10", "ch1"]:
        make_lesson(root, f"{name}/01-lesson", front=f"title: {name}\nid: id-{name}\n")

    library = load_library(root)

    assert [c.rel_path for c in library.chapters] == ["1-x", "2-x", "10-x", "ch1", "ch9", "ch10"]


def test_circled_and_full_width_digit_folder_names_do_not_break_loading(tmp_path: Path) -> None:
    # "①".isdigit() is True but int("①") fails: such a folder name used to crash the loader
    root = tmp_path / "lib"
    for name, lesson_id in [("②", "b"), ("①", "a"), ("２-全角", "c"), ("1①", "d")]:
        make_lesson(root, f"{name}/01-x", front=f"title: {name}\nid: {lesson_id}\n")

    library = load_library(root)

    assert no_id(library.all_findings()) == ()
    assert len(library.chapters) == 4
    assert {c.title for c in library.chapters} >= {"①", "②", "全角"}


def test_equal_natural_keys_give_a_stable_order(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "1-a", front="title: one\nid: one\n")
    make_lesson(root, "01-a", front="title: zero-one\nid: zero-one\n")

    library = load_library(root)

    assert [lesson.rel_path for lesson in library.loose_lessons] == ["01-a", "1-a"]


def test_a_single_lesson_folder_loads_within_its_library() -> None:
    root = fixture("layout")

    library = load_library(root / "2-応用編" / "01-shared-image")

    lesson = only_lesson(library)
    # library.yaml two levels up makes that folder the root: ../../_assets/ still resolves
    assert library.root == root and library.id == "layout-test"
    assert lesson.rel_path == "2-応用編/01-shared-image"
    assert no_id(lesson.findings) == ()
    assert (root / "_assets" / "shared.png").as_uri() in lesson.body_html


def test_a_single_lesson_folder_without_library_yaml_uses_its_parent(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a")
    make_lesson(root, "01-ch/02-b")

    library = load_library(root / "01-ch" / "02-b")

    assert library.root == root / "01-ch"
    assert only_lesson(library).id == "b"


@pytest.mark.parametrize("kind", ["missing", "file", "empty", "no lesson"])
def test_a_path_that_is_not_a_library_raises_library_error(tmp_path: Path, kind: str) -> None:
    target = {"missing": tmp_path / "nothing", "file": tmp_path / "lesson.md",
              "empty": tmp_path / "empty", "no lesson": fixture("not_a_library")}[kind]
    if kind == "file":
        target.write_text("---\ntitle: x\n---\n", "utf-8")
    if kind == "empty":
        target.mkdir()

    with pytest.raises(LibraryError):
        load_library(target)
