"""The bundled DX-literacy library (2026.2): lints clean and meets the curriculum's own rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dxlearn import paths
from dxlearn.content.loader import load_library
from dxlearn.content.model import Lesson, Library

ROLES = {"executive": "幹部職層", "leader": "DX推進リーダー", "staff": "一般職員"}
# The nine lessons new in 2026.2: folder -> (id, roles).
NEW_LESSONS = {
    "01-common/08-incident-response": ("incident-response", {"executive", "leader", "staff"}),
    "01-common/09-law-and-rules": ("law-and-rules", {"executive", "leader", "staff"}),
    "02-executive/04-regional-dx": ("regional-dx", {"executive", "leader"}),
    "02-executive/05-after-standardisation": ("after-standardisation", {"executive"}),
    "03-leader/04-engaging-workplace": ("engaging-workplace", {"leader", "executive"}),
    "04-staff/05-mynumber-counter": ("mynumber-counter", {"staff", "leader"}),
    "04-staff/06-genai-practice": ("genai-practice", {"staff", "leader"}),
    "04-staff/07-handling-data": ("handling-data", {"staff"}),
    "04-staff/08-accessible-communication": ("accessible-communication", {"staff"}),
}
# Ids of the lessons of 2026.1: they must never change (progress is keyed on them).
KEPT_IDS = {
    "what-is-dx", "why-now", "everyone", "data-and-digital", "cautions", "mindset",
    "direction", "organisation", "decisions", "bpr", "rollout", "across",
    "tools", "online", "chatbot-data", "jibungoto",
}
ID_LINE = re.compile(r"^id:\s*([a-z0-9][a-z0-9\-_.]*)\s*$", re.MULTILINE)
HEADING = re.compile(r"^## (.*)$", re.MULTILINE)
QUESTION_ID = re.compile(r"^\[([a-z0-9][a-z0-9\-_.]*)(?:,\s*(multiple))?\]\s+\S")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.lessons_dir())


def _front_matter(lesson: Lesson) -> str:
    text = (lesson.folder / "lesson.md").read_text(encoding="utf-8")
    return text.split("---", 2)[1]


def _quiz_text(lesson: Lesson) -> str:
    return (lesson.folder / "quiz.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# The library as a whole
# --------------------------------------------------------------------------------------


def test_library_metadata(library: Library) -> None:
    assert library.id == "lg-dx-literacy"
    assert library.title
    assert library.version == "2026.2"
    assert library.roles == ROLES


def test_lints_clean_without_warnings(library: Library) -> None:
    assert [str(f) for f in library.all_findings()] == []


def test_lessons_sit_in_the_four_chapters(library: Library) -> None:
    assert not library.loose_lessons
    assert [chapter.title for chapter in library.chapters] == [
        "共通（全職員）", "幹部職層向け", "DX推進リーダー向け", "一般職員向け"
    ]


def test_ids_of_the_2026_1_lessons_are_kept(library: Library) -> None:
    ids = {lesson.id for lesson in library.lessons()}
    assert ids >= KEPT_IDS, KEPT_IDS - ids
    assert "privacy-ai" in ids


def test_at_least_twenty_four_lessons(library: Library) -> None:
    assert len(list(library.lessons())) >= 24


def test_the_nine_new_lessons_are_there_with_their_ids_and_roles(library: Library) -> None:
    by_path = {lesson.rel_path: lesson for lesson in library.lessons()}
    for rel_path, (lesson_id, roles) in NEW_LESSONS.items():
        lesson = by_path.get(rel_path)
        assert lesson is not None, rel_path
        assert lesson.id == lesson_id, rel_path
        assert set(lesson.roles) == roles, rel_path


def test_the_regional_dx_lesson_shows_its_partners_diagram(library: Library) -> None:
    lesson = library.lesson("regional-dx")
    assert lesson is not None
    assert "_assets/regional-dx-partners.png" in lesson.body


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_has_at_least_ten_required_lessons(library: Library, role: str) -> None:
    required = [lesson for lesson in library.curriculum(role) if lesson.required]
    assert len(required) >= 10, f"{role}: {[lesson.id for lesson in required]}"


@pytest.mark.parametrize(
    "role",
    ["executive", "leader", "staff"],
)
def test_each_role_has_at_least_three_lessons_of_its_own(library: Library, role: str) -> None:
    own = [lesson.id for lesson in library.lessons() if set(lesson.roles) == {role}]
    assert len(own) >= 3, f"{role}: {own}"


def test_every_chapter_has_a_diagram(library: Library) -> None:
    for chapter in library.chapters:
        images = [m for lesson in chapter.lessons for m in IMAGE.findall(lesson.body)]
        assert images, f"{chapter.title} has no diagram"


def test_every_shared_image_is_referenced_and_exists(library: Library) -> None:
    assets = library.root / "_assets"
    images = {p.name for p in assets.iterdir() if p.suffix.lower() in (".png", ".jpg", ".svg")}
    referenced: set[str] = set()
    for lesson in library.lessons():
        for name in re.findall(r"_assets/([^)\s\"]+)", lesson.body):
            assert (assets / name).is_file(), f"{lesson.id} refers to missing {name}"
            referenced.add(name)
    assert images == referenced, f"unreferenced: {images - referenced}"
    assert len(referenced) >= 9


def test_diagrams_are_drawn_by_the_script() -> None:
    """Every shared image has a drawing function in tools/make_diagrams.py."""
    root = Path(__file__).resolve().parent.parent
    script = (root / "tools" / "make_diagrams.py").read_text(encoding="utf-8")
    for image in (root / "lessons" / "_assets").glob("*.png"):
        assert f'"{image.name}"' in script, image.name


# --------------------------------------------------------------------------------------
# Every lesson
# --------------------------------------------------------------------------------------


def test_every_lesson_has_an_explicit_id_line(library: Library) -> None:
    for lesson in library.lessons():
        match = ID_LINE.search(_front_matter(lesson))
        assert match, f"{lesson.rel_path}: no id: line in the front matter"
        assert match.group(1) == lesson.id


def test_every_lesson_has_measurable_objectives_and_sane_minutes(library: Library) -> None:
    for lesson in library.lessons():
        assert lesson.objectives, lesson.id
        for objective in lesson.objectives:
            assert not re.search(r"理解する|身につける|身に付ける", objective), (
                f"{lesson.id}: objective not measurable: {objective}"
            )
        assert lesson.minutes is not None and 5 <= lesson.minutes <= 20, lesson.id
        assert lesson.quiz is not None, lesson.id


def test_body_length_and_structure(library: Library) -> None:
    for lesson in library.lessons():
        body = lesson.body
        japanese = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", body))
        assert 1000 <= japanese <= 3500, f"{lesson.id}: {japanese} Japanese characters"
        has_table = "<table" in lesson.body_html
        has_list = "<ul>" in lesson.body_html or "<ol>" in lesson.body_html
        assert has_table and has_list, lesson.id
        assert "## 参考資料" in body, f"{lesson.id} names no sources"


def test_fifteen_minute_lessons_have_an_exercise(library: Library) -> None:
    for lesson in library.lessons():
        if lesson.minutes is not None and lesson.minutes >= 15:
            assert re.search(r"やってみましょう|ワークシート|演習", lesson.body), lesson.id


def test_every_image_has_a_full_alt_text(library: Library) -> None:
    for lesson in library.lessons():
        for alt, target in IMAGE.findall(lesson.body):
            assert len(alt) >= 40, f"{lesson.id}: short alt text for {target}: {alt!r}"


def test_consistent_terms(library: Library) -> None:
    """修了 / 理解度チェック as in the app; 公用文 spellings; one name for the DX section."""
    forbidden = ("テストに合格", "クイズ", "気づ", "位置づけ", "所属団体", "情報部門",
                 "DX担当課", "自分事", "ぐっと", "目や耳が不自由")
    for lesson in library.lessons():
        texts = [lesson.body, lesson.title, *lesson.objectives]
        if lesson.quiz is not None:
            texts.append(_quiz_text(lesson))
        for text in texts:
            for word in forbidden:
                assert word not in text, f"{lesson.id}: {word}"
            assert not re.search(r"問い合わせ(?![てるたま])", text), f"{lesson.id}: 問い合わせ"
            assert not re.search(r"すべて(?!選んで)", text), f"{lesson.id}: すべて -> 全て"
            assert not re.search(r"(?<!「)自分ゴト", text), f"{lesson.id}: 自分ゴト without 「」"


def test_no_link_leaves_the_library(library: Library) -> None:
    for lesson in library.lessons():
        for _, target in re.findall(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)", lesson.body):
            if target.startswith(("http://", "https://")):
                continue
            resolved = (lesson.folder / target).resolve()
            assert resolved.is_relative_to(library.root.resolve()), f"{lesson.id}: {target}"


# --------------------------------------------------------------------------------------
# Every quiz
# --------------------------------------------------------------------------------------


def test_every_quiz_has_five_to_eight_questions_and_shuffles(library: Library) -> None:
    for lesson in library.lessons():
        assert lesson.quiz is not None
        assert 5 <= len(lesson.quiz.questions) <= 8, lesson.id
        assert lesson.quiz.shuffle, f"{lesson.id}: set shuffle: true"


def test_every_question_heading_has_an_explicit_unique_id(library: Library) -> None:
    for lesson in library.lessons():
        headings = HEADING.findall(_quiz_text(lesson))
        assert lesson.quiz is not None and len(headings) == len(lesson.quiz.questions)
        ids = []
        for heading in headings:
            match = QUESTION_ID.match(heading)
            assert match, f"{lesson.id}: no [id] in {heading!r}"
            assert match.group(1).startswith(f"q-{lesson.id}-"), (lesson.id, match.group(1))
            ids.append(match.group(1))
        assert len(ids) == len(set(ids)), f"{lesson.id}: duplicate question ids"


def test_select_all_questions_say_so_and_single_ones_do_not(library: Library) -> None:
    for lesson in library.lessons():
        assert lesson.quiz is not None
        headings = HEADING.findall(_quiz_text(lesson))
        kinds = set()
        for question, heading in zip(lesson.quiz.questions, headings, strict=False):
            flagged = (match := QUESTION_ID.match(heading)) is not None and bool(match.group(2))
            correct = len(question.correct_indexes)
            select_all = flagged or correct > 1
            kinds.add(select_all)
            where = f"{lesson.id} q{question.index + 1}"
            assert question.explanation.strip(), where
            assert len(question.choices) >= 4, where
            if select_all:
                assert "すべて選んでください" in heading, where
            else:
                assert "すべて" not in heading, f"{where}: one answer, but says すべて"
        assert kinds == {True, False}, f"{lesson.id}: needs single and select-all questions"


def test_explanations_do_more_than_restate(library: Library) -> None:
    """An explanation is at least two sentences: why the answer, and why not the others."""
    for lesson in library.lessons():
        assert lesson.quiz is not None
        for question in lesson.quiz.questions:
            sentences = [s for s in re.split(r"[。！？]", question.explanation) if s.strip()]
            assert len(sentences) >= 2, f"{lesson.id} q{question.index + 1}"
