"""quiz.md (docs/lesson-format.md, "quiz.md"), through load_library on tests/data/quiz."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import fixture, lesson_at, lint_lines, make_lesson, no_id, only_lesson

from dxlearn.content.loader import load_library
from dxlearn.content.model import Library, Quiz


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(fixture("quiz"))


def _quiz(library: Library, rel_path: str) -> Quiz:
    quiz = lesson_at(library, rel_path).quiz
    assert quiz is not None, rel_path
    return quiz


def test_select_all_question_with_lower_and_upper_case_marks(library: Library) -> None:
    question = _quiz(library, "01-kinds").questions[0]

    assert question.line == 5
    assert question.prompt == "自治体DXの2つの側面をすべて選んでください。"
    assert [c.text for c in question.choices] == ["行政DX", "地域DX", "情報システム更新"]
    assert [c.correct for c in question.choices] == [True, True, False]  # [x] and [X]
    assert question.multiple
    assert question.correct_indexes == frozenset({0, 1})
    assert question.explanation == (
        "自治体DXには、庁内業務と住民サービスの「行政DX」と、地域全体の「地域DX」があります。")
    assert question.explanation_html.startswith("<p>自治体DXには")


def test_single_choice_question_with_paragraphs_and_a_table_in_the_prompt(
        library: Library) -> None:
    question = _quiz(library, "01-kinds").questions[1]

    assert question.line == 13
    assert not question.multiple
    assert question.correct_indexes == frozenset({1})
    assert question.prompt.startswith("次の表を見て答えてください。\n\n窓口の待ち時間（分）です。")
    assert question.prompt.endswith("待ち時間は何分短くなりましたか。")
    assert "<table>" in question.prompt_html and "<td>2024</td>" in question.prompt_html
    assert "待ち時間は何分短くなりましたか。" in question.prompt_html
    # choices are rendered inline: no wrapping paragraph
    assert question.choices[1].text == "**20分**"
    assert question.choices[1].html == "<strong>20分</strong>"
    # a multi-line block quote is one explanation
    assert question.explanation == (
        "30分から10分になったので、20分短くなりました。\n2行目の説明です。")


def test_heading_inside_fenced_code_is_not_a_question(library: Library) -> None:
    quiz = _quiz(library, "01-kinds")

    assert len(quiz.questions) == 3
    question = quiz.questions[2]
    assert question.line == 31
    assert "## これは設問ではありません" in question.prompt
    assert "- [x] これも選択肢ではありません" in question.prompt  # not a choice either
    assert [c.text for c in question.choices] == ["正しい", "誤り"]
    assert "<pre><code" in question.prompt_html


def test_quiz_front_matter_settings(library: Library) -> None:
    quiz = _quiz(library, "01-kinds")

    assert quiz.shuffle is True
    assert quiz.max_attempts == 3
    assert quiz.pass_score == 80  # the lesson's default
    assert quiz.path == "01-kinds/quiz.md"
    assert [q.index for q in quiz.questions] == [0, 1, 2]


def test_quiz_defaults(library: Library) -> None:
    quiz = _quiz(library, "04-inherit")

    assert (quiz.shuffle, quiz.max_attempts) == (False, 0)


def test_quiz_pass_score_overrides_the_lesson(library: Library) -> None:
    lesson = lesson_at(library, "03-override")  # lesson.md says 90, quiz.md says 60

    assert lesson.quiz is not None and lesson.quiz.pass_score == 60
    assert lesson.pass_score == 60


def test_quiz_without_pass_score_inherits_the_lesson(library: Library) -> None:
    lesson = lesson_at(library, "04-inherit")  # lesson.md says 70

    assert lesson.quiz is not None and lesson.quiz.pass_score == 70
    assert lesson.pass_score == 70


def test_lesson_without_quiz(library: Library) -> None:
    lesson = lesson_at(library, "05-no-quiz")

    assert lesson.quiz is None
    assert lesson.pass_score == 70


def test_invalid_questions_and_settings_are_errors_at_their_lines(library: Library) -> None:
    lines = [line for line in lint_lines(fixture("quiz")) if line.startswith("02-errors/")]

    assert lines == [
        "02-errors/quiz.md:2: error: pass_score: must be from 0 to 100, not 150",
        "02-errors/quiz.md:3: error: shuffle: must be true or false, not 'maybe'",
        "02-errors/quiz.md:4: error: max_attempts: must be >= 0, not -1",
        "02-errors/quiz.md:6: error: question has no correct choice (mark one with [x])",
        "02-errors/quiz.md:11: error: question needs at least two choices, written as "
        "'- [ ] choice' lines",
    ]
    quiz = _quiz(library, "02-errors")
    # only the valid question is kept; invalid settings fall back to the defaults
    assert [q.prompt for q in quiz.questions] == ["有効な設問"]
    assert (quiz.pass_score, quiz.shuffle, quiz.max_attempts) == (80, False, 0)
    assert lesson_at(library, "02-errors").broken


def test_stray_text_non_choice_items_and_missing_images(library: Library) -> None:
    lines = [line for line in lint_lines(fixture("quiz")) if line.startswith("06-misc/")]

    assert lines == [
        "06-misc/quiz.md:1: warning: text before the first question ('## ') is not shown",
        "06-misc/quiz.md:5: error: file not found: 'images/nothere.png' (check the name and "
        "the folder)",
        "06-misc/quiz.md:8: error: file not found: 'missing-choice.png' (check the name and "
        "the folder)",
        "06-misc/quiz.md:9: error: list item is not a choice: start it with '- [ ] ' (or "
        "'- [x] ' if correct)",
        "06-misc/quiz.md:11: warning: text after the choices that is not a '> ' block quote is "
        "not shown; write the explanation as '> ...'",
    ]


def test_quiz_without_questions_and_question_without_text(library: Library) -> None:
    lines = [line for line in lint_lines(fixture("quiz"))
             if line.startswith(("07-empty/", "08-no-text/"))]

    assert lines == [
        "07-empty/quiz.md:1: error: quiz has no questions: start each question with '## '",
        "08-no-text/quiz.md:6: error: question has no text after '## '",
    ]
    assert len(_quiz(library, "08-no-text").questions) == 1


def test_no_correct_choice_error_is_at_the_heading_line(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    quiz = "\n".join([
        "---",            # 1
        "shuffle: false",  # 2
        "---",            # 3
        "## 一問目",       # 4
        "",               # 5
        "- [x] A",        # 6
        "- [ ] B",        # 7
        "",               # 8
        "> 解説",          # 9
        "",               # 10
        "## 二問目",       # 11
        "",               # 12
        "- [ ] A",        # 13
        "- [ ] B",        # 14
    ]) + "\n"
    make_lesson(root, "01-basics/02-x", quiz=quiz)

    assert lint_lines(root) == [
        "01-basics/02-x/quiz.md:11: error: question has no correct choice (mark one with [x])",
    ]


@pytest.mark.parametrize(
    ("choices", "correct"),
    [
        ("- [x] A\n- [ ] B\n", [True, False]),
        ("* [X] A\n* [ ] B\n", [True, False]),
        ("+ [ ] A\n+ [x] B\n", [False, True]),
        ("- ［ｘ］ A\n- ［　］ B\n", [True, False]),  # full-width, as an IME may type them
        ("- [x]A\n- []B\n", [True, False]),
    ],
    ids=["dash", "star-upper", "plus", "full-width", "tight"],
)
def test_choice_markers(tmp_path: Path, choices: str, correct: list[bool]) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz=f"## 問\n\n{choices}")

    lesson = only_lesson(load_library(root))

    assert no_id(lesson.findings) == ()
    assert lesson.quiz is not None
    question = lesson.quiz.questions[0]
    assert [c.correct for c in question.choices] == correct
    assert [c.text for c in question.choices] == ["A", "B"]


def test_choice_continuation_lines_join_the_choice(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz="## 問\n\n- [x] 長い選択肢の\n  続きの行\n- [ ] 短い\n")

    lesson = only_lesson(load_library(root))

    assert lesson.quiz is not None
    assert [c.text for c in lesson.quiz.questions[0].choices] == ["長い選択肢の 続きの行", "短い"]


@pytest.mark.parametrize(
    ("heading", "prompt"),
    [("## 質問 ##", "質問"), ("## C# とは", "C# とは"), ("## C#", "C#"), ("##質問", "質問")],
)
def test_heading_text(tmp_path: Path, heading: str, prompt: str) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz=f"{heading}\n\n- [x] A\n- [ ] B\n")

    lesson = only_lesson(load_library(root))

    assert lesson.quiz is not None and lesson.quiz.questions[0].prompt == prompt


def test_a_level_three_heading_stays_in_the_prompt(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz="## 問\n\n### 補足\n\n- [x] A\n- [ ] B\n")

    lesson = only_lesson(load_library(root))

    assert lesson.quiz is not None
    assert len(lesson.quiz.questions) == 1
    assert lesson.quiz.questions[0].prompt == "問\n\n### 補足"


@pytest.mark.parametrize(
    "fenced",
    ["~~~\n## 偽の設問\n~~~", "````\n```\n## 偽の設問\n```\n````", "```text\n## 偽の設問\n```"],
    ids=["tilde", "longer-fence", "info-string"],
)
def test_fences_hide_headings(tmp_path: Path, fenced: str) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz=f"## 本当の設問\n\n{fenced}\n\n- [x] A\n- [ ] B\n")

    lesson = only_lesson(load_library(root))

    assert no_id(lesson.findings) == ()
    assert lesson.quiz is not None
    assert [q.line for q in lesson.quiz.questions] == [1]


def test_image_problem_in_an_explanation_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz="## 問\n\n- [x] A\n- [ ] B\n\n> ![](https://example.com/a.png)\n")

    assert lint_lines(root) == [
        "01-x/quiz.md:6: error: image 'https://example.com/a.png' is on the internet; the PCs "
        "are offline, so copy the image into the lesson folder",
    ]
