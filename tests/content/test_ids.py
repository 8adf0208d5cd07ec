"""Stable identities: a lesson without 'id:' is a warning (renaming its folder would start a new
record), and questions have ids, written in the heading (``## [q-online-1] ...``) or derived from
their normalised text, with the ``multiple`` flag (docs/lesson-format.md, "Question ids")."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import make_lesson, no_id, only_lesson, write

from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library
from dxlearn.content.model import Question, Quiz
from dxlearn.content.quizlines import stem_id

QUIZ = "01-x/quiz.md"


def quiz_of(tmp_path: Path, quiz: str) -> tuple[Quiz, list[str]]:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", quiz=quiz)
    lesson = only_lesson(load_library(root))
    assert lesson.quiz is not None
    return lesson.quiz, [f.line_text("ja") for f in no_id(lint_path(str(root)).findings)]


def two_choices(correct: str = "x") -> str:
    return f"\n- [{correct}] はい\n- [ ] いいえ\n\n"


# -- lesson ids ---------------------------------------------------------------------------------

def test_a_lesson_without_an_id_gets_a_warning_naming_the_id_to_write(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-ch" / "03-online" / "lesson.md", "---\ntitle: オンライン申請\n---\n本文\n")

    result = lint_path(str(root))

    assert result.exit_status == 0  # a warning: the lesson works
    assert [f.line_text("ja") for f in result.findings] == [
        "警告: 01-ch/03-online/lesson.md 1行目: id が書かれていないため、フォルダー名から"
        "「online」としています。フォルダー名を変えると別のレッスンとして記録されてしまうので、"
        "「id: online」を書いてください。"]
    assert only_lesson(load_library(root)).id == "online"


def test_an_explicit_id_gives_no_warning(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-ch" / "03-online" / "lesson.md",
          "---\ntitle: オンライン申請\nid: online\n---\n本文\n")

    assert lint_path(str(root)).findings == ()


# -- question ids and 'multiple' ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("heading", "question_id", "select_all", "prompt"),
    [
        ("## [q-online-1] 窓口で住民から尋ねられました。", "q-online-1", False,
         "窓口で住民から尋ねられました。"),
        ("## [q-online-3, multiple] 当てはまるものを選んでください。", "q-online-3", True,
         "当てはまるものを選んでください。"),
        ("## [q-online-3、multiple] 当てはまるもの", "q-online-3", True, "当てはまるもの"),
        ("## [q-online-3 multiple] 当てはまるもの", "q-online-3", True, "当てはまるもの"),
        ("## [multiple, q.x_1] 当てはまるもの", "q.x_1", True, "当てはまるもの"),
        ("## ［q-online-4，multiple］ 全角で書いた", "q-online-4", True, "全角で書いた"),
        ("## ［ｑ－ｏｎｌｉｎｅ－５］ 全角の英数字", "q-online-5", False, "全角の英数字"),
        ("##[q-6]詰めて書いた", "q-6", False, "詰めて書いた"),
    ],
)
def test_the_bracket_gives_the_id_and_the_flag_and_never_reaches_the_prompt(
        tmp_path: Path, heading: str, question_id: str, select_all: bool, prompt: str) -> None:
    quiz, lines = quiz_of(tmp_path, heading + "\n" + two_choices())

    assert lines == []
    (question,) = quiz.questions
    assert (question.id, question.id_explicit, question.select_all) == (
        question_id, True, select_all)
    assert question.prompt == prompt
    assert "[" not in question.prompt_html and "q-online" not in question.prompt_html


def test_multiple_makes_a_one_correct_question_select_all(tmp_path: Path) -> None:
    quiz, _ = quiz_of(tmp_path, "## [multiple] 当てはまるものを全て選んでください。\n"
                                + two_choices() + "## 一つ選んでください。\n" + two_choices())

    select_all, single = quiz.questions
    assert select_all.select_all and select_all.multiple
    assert len(select_all.correct_indexes) == 1
    assert not single.select_all and not single.multiple


def test_two_correct_choices_are_select_all_without_the_flag(tmp_path: Path) -> None:
    quiz, _ = quiz_of(tmp_path, "## 二つ選んでください。\n\n- [x] A\n- [x] B\n- [ ] C\n")

    (question,) = quiz.questions
    assert question.multiple and not question.select_all


def test_a_question_without_an_id_gets_one_from_its_normalised_text(tmp_path: Path) -> None:
    quiz, lines = quiz_of(tmp_path, "## 自治体DXの **目的** は\n\nどれですか。\n" + two_choices())

    (question,) = quiz.questions
    assert lines == []
    assert not question.id_explicit
    assert question.id == stem_id(question.prompt)
    assert question.id.startswith("s-") and len(question.id) == 14
    # NFKC, whitespace and markup do not change it
    assert question.id == stem_id("自治体ＤＸの   目的 は どれですか。")
    assert question.id != stem_id("自治体DXの手段はどれですか。")


def test_derived_ids_survive_reordering_the_questions(tmp_path: Path) -> None:
    first = "## 一つ目の問題です。\n" + two_choices()
    second = "## 二つ目の問題です。\n" + two_choices()
    quiz_ab, _ = quiz_of(tmp_path / "a", first + second)
    quiz_ba, _ = quiz_of(tmp_path / "b", second + first)

    ids_ab = {q.prompt: q.id for q in quiz_ab.questions}
    ids_ba = {q.prompt: q.id for q in quiz_ba.questions}
    assert ids_ab == ids_ba and len(set(ids_ab.values())) == 2
    assert [q.index for q in quiz_ba.questions] == [0, 1]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("## [Q-1] 問題", "問題の ID「Q-1」は使えません。半角の英小文字 a-z、数字、- _ . で書いて"
                        "ください（例：q-online-1）。"),
        ("## [問1] 問題", "問題の ID「問1」は使えません。半角の英小文字 a-z、数字、- _ . で書いて"
                         "ください（例：q-online-1）。"),
        ("## [] 問題", "問題の [ ] の中が空です。問題の ID か multiple を書くか、"
                      "[ ] を消してください。"),
        ("## [q-1, q-2] 問題", "問題の ID が 2 つ書かれています（q-1, q-2）。"
                              "ID は 1 つにしてください。"),
        ("## [q-1, mutiple] 問題", "「mutiple」は「multiple」の誤りではありませんか。全て選ぶ問題に"
                                  "するときは multiple と書いてください。"),
        ("## [q-1, 複数] 問題", "「複数」は「multiple」の誤りではありませんか。全て選ぶ問題に"
                               "するときは multiple と書いてください。"),
    ],
    ids=["upper-case", "japanese", "empty", "two-ids", "typo", "japanese-flag"],
)
def test_a_bad_bracket_is_an_error_at_its_line(tmp_path: Path, heading: str,
                                               expected: str) -> None:
    quiz, lines = quiz_of(tmp_path, "## [q-0] 正しい問題\n" + two_choices() + heading + "\n"
                          + two_choices())

    assert lines == [f"エラー: {QUIZ} 6行目: {expected}"]
    assert [q.id for q in quiz.questions] == ["q-0"]  # the bad one is not asked


def test_a_link_at_the_start_of_a_heading_is_not_an_id(tmp_path: Path) -> None:
    quiz, lines = quiz_of(tmp_path, "## [手引き](#top) を読んで答えてください。\n" + two_choices())

    assert lines == []
    assert quiz.questions[0].prompt.startswith("[手引き](#top)")
    assert not quiz.questions[0].id_explicit


def test_two_questions_with_one_id_is_a_warning_naming_both_lines(tmp_path: Path) -> None:
    quiz, lines = quiz_of(tmp_path, "## [q-1] 一つ目\n" + two_choices() + "## [q-1] 二つ目\n"
                          + two_choices())

    assert lines == [f"警告: {QUIZ} 6行目: 問題の ID「q-1」は 1行目の問題でも使われています。"
                     "問題ごとに別の ID にしてください。"]
    assert [q.id for q in quiz.questions] == ["q-1", "q-1"]


def test_two_questions_with_the_same_text_is_a_warning(tmp_path: Path) -> None:
    _, lines = quiz_of(tmp_path, "## 同じ問題です。\n" + two_choices() + "##   同じ問題です。  \n"
                       + two_choices())

    assert lines == [f"警告: {QUIZ} 6行目: 1行目の問題と同じ問題文です。問題文を変えるか、"
                     "[ ] で問題ごとに別の ID を付けてください。"]


def test_questions_built_by_older_callers_keep_working() -> None:
    """learning/ and the GUI build Questions positionally; the new fields have defaults."""
    question = Question(0, 1, "q", "<p>q</p>", (), "", "")

    assert (question.id, question.id_explicit, question.select_all) == ("", False, False)
