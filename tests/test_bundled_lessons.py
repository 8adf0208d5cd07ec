"""The bundled DX-literacy library: lints clean and meets the curriculum's own rules."""

from __future__ import annotations

import re

import pytest

from dxlearn import paths
from dxlearn.content.loader import load_library
from dxlearn.content.model import Library

ROLES = {"executive": "幹部職層", "leader": "DX推進リーダー", "staff": "一般職員"}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.lessons_dir())


def test_library_metadata(library: Library) -> None:
    assert library.id == "lg-dx-literacy"
    assert library.title and library.version
    assert library.roles == ROLES


# The ten lessons of chapters 02-04 in this copy of lessons/ predate the warning that asks for
# an explicit 'id:' (content.id_missing); the revised lessons give every lesson one. Once they
# are merged, remove this exception so that the bundled library lints without any warning.
LEGACY_WARNINGS = {"content.id_missing"}


def test_lints_clean_without_warnings(library: Library) -> None:
    assert [str(f) for f in library.all_findings() if f.code not in LEGACY_WARNINGS] == []


def test_at_least_fifteen_lessons_in_chapters(library: Library) -> None:
    lessons = list(library.lessons())
    assert len(lessons) >= 15
    assert not library.loose_lessons
    assert {chapter.title for chapter in library.chapters} >= {"共通（全職員）"}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_has_at_least_eight_required_lessons(library: Library, role: str) -> None:
    required = [lesson for lesson in library.curriculum(role) if lesson.required]
    assert len(required) >= 8, f"{role}: {[lesson.id for lesson in required]}"


def test_every_lesson_has_objectives_minutes_and_a_quiz(library: Library) -> None:
    for lesson in library.lessons():
        assert lesson.objectives, lesson.id
        assert lesson.minutes is not None and 5 <= lesson.minutes <= 15, lesson.id
        assert lesson.quiz is not None, lesson.id
        assert 4 <= len(lesson.quiz.questions) <= 6, lesson.id


def test_every_question_has_an_explanation_and_each_quiz_a_select_all(library: Library) -> None:
    for lesson in library.lessons():
        assert lesson.quiz is not None
        for question in lesson.quiz.questions:
            assert question.explanation.strip(), f"{lesson.id} question {question.index + 1}"
            if question.multiple:
                assert "すべて" in question.prompt, f"{lesson.id} q{question.index + 1}"
        assert any(q.multiple for q in lesson.quiz.questions), lesson.id
        assert any(not q.multiple for q in lesson.quiz.questions), lesson.id


def test_body_length_and_structure(library: Library) -> None:
    for lesson in library.lessons():
        body = lesson.body
        japanese = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", body))
        assert 1000 <= japanese <= 3500, f"{lesson.id}: {japanese} Japanese characters"
        has_table = "<table" in lesson.body_html
        has_list = "<ul>" in lesson.body_html or "<ol>" in lesson.body_html
        assert has_table and has_list, lesson.id
        assert "参考資料" in body, f"{lesson.id} names no sources"


def test_every_image_is_referenced_and_exists(library: Library) -> None:
    assets = library.root / "_assets"
    images = {p.name for p in assets.iterdir() if p.suffix.lower() in (".png", ".jpg", ".svg")}
    referenced: set[str] = set()
    for lesson in library.lessons():
        for name in re.findall(r"_assets/([^)\s\"]+)", lesson.body):
            assert (assets / name).is_file(), f"{lesson.id} refers to missing {name}"
            referenced.add(name)
    assert images == referenced, f"unreferenced: {images - referenced}"
    assert len(referenced) >= 3


def test_consistent_terms(library: Library) -> None:
    """修了 (not 完了) for completion and 理解度チェック for the quiz, as in the app."""
    for lesson in library.lessons():
        assert "テストに合格" not in lesson.body, lesson.id
        assert "クイズ" not in lesson.body, lesson.id
