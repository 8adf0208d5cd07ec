"""What trainers type in Notepad, and what lint says about it (findings trainer-it.md T1-T6):
never silent, on the line of the mistake, in Japanese that says what to type instead.

Each test asserts the exact Japanese line ``dxlearn lint`` prints (``Finding.line_text("ja")``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import make_lesson, no_id, only_lesson, write

from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library

QUIZ = "01-ch/01-x/quiz.md"
LESSON = "01-ch/01-x/lesson.md"


def ja_lines(root: Path) -> list[str]:
    """The Japanese lint lines of a library, without the missing-id warning of the builders."""
    return [f.line_text("ja") for f in no_id(lint_path(str(root)).findings)]


def quiz_library(tmp_path: Path, quiz: str) -> Path:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-x", quiz=quiz)
    return root


def lesson_library(tmp_path: Path, front: str) -> Path:
    root = tmp_path / "lib"
    write(root / "01-ch" / "01-x" / "lesson.md", f"---\n{front}---\n本文\n")
    return root


# -- T1: a question heading that is not '## ' ----------------------------------------------------

GOOD_QUESTION = "## 正しい問題です。\n\n- [x] はい\n- [ ] いいえ\n\n> 解説です。\n\n"


@pytest.mark.parametrize("marks", ["#", "###", "＃＃", "＃", "####"])
def test_t1_a_question_heading_that_is_not_two_half_width_hashes_is_an_error_at_its_line(
        tmp_path: Path, marks: str) -> None:
    # the second question's heading is line 8 (the quiz has no front matter)
    second = f"{marks} 二つ目の問題です。\n\n- [x] A\n- [ ] B\n"
    root = quiz_library(tmp_path, GOOD_QUESTION + second)

    assert ja_lines(root) == [
        f"エラー: {QUIZ} 8行目: 問題は半角の `## ` で始めてください（いまは「{marks}」）。"]
    lesson = only_lesson(load_library(root))
    assert lesson.broken
    assert lesson.quiz is not None and len(lesson.quiz.questions) == 1
    # the choices of the mistyped question are not glued to the first one
    assert [c.text for c in lesson.quiz.questions[0].choices] == ["はい", "いいえ"]


def test_t1_the_first_question_mistyped_is_an_error_too(tmp_path: Path) -> None:
    root = quiz_library(tmp_path, "### 一つ目の問題です。\n\n- [x] A\n- [ ] B\n")

    assert ja_lines(root) == [
        f"エラー: {QUIZ} 1行目: 問題は半角の `## ` で始めてください（いまは「###」）。"]


def test_t1_a_sub_heading_inside_a_question_stays_part_of_it(tmp_path: Path) -> None:
    quiz = "## 表を見て答えてください。\n\n### 表1\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" \
           "- [x] A\n- [ ] B\n"
    root = quiz_library(tmp_path, quiz)

    assert ja_lines(root) == []
    question = only_lesson(load_library(root)).quiz.questions[0]  # type: ignore[union-attr]
    assert "<h3" in question.prompt_html and "<table>" in question.prompt_html


def test_t1_a_title_heading_before_the_questions_is_allowed(tmp_path: Path) -> None:
    root = quiz_library(tmp_path, "# 理解度チェック\n\n" + GOOD_QUESTION)

    assert ja_lines(root) == []


# -- T2/T3: YAML mistakes, on their own line, in plain words -------------------------------------

@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title：データ活用の基本\nid: x\n",
         "2行目: 全角の「：」を半角の「: 」に直してください（title: …）。"),
        ("id: x\ntitle：データ活用の基本\nminutes: 5\n",
         "3行目: 全角の「：」を半角の「: 」に直してください（title: …）。"),
        ("title：データ活用の基本\n",
         "2行目: 全角の「：」を半角の「: 」に直してください（title: …）。"),
        ("title:データ\nid: x\n", "2行目: : のあとに半角スペースを入れてください（title: …）。"),
        ("id: x\ntitle:データ\n", "3行目: : のあとに半角スペースを入れてください（title: …）。"),
        ("title: データ\nid: x\nobjectives:\n\t- 説明できる\n",
         "5行目: タブではなく半角スペースで字下げしてください。"),
        ("title: データ\nid: x\nobjectives:\n　- 説明できる\n",
         "5行目: 全角スペースではなく半角スペースで字下げしてください。"),
        ("title: 研修: 基本\nid: x\n",
         "2行目: 「: 」を含む題名は '…' で囲んでください（例：title: '研修: 基本'）。"),
        ("title: データ\n  id: x\n",
         "3行目: 字下げ（行頭の空白）がずれています。同じ並びの行は、行頭をそろえてください。"),
        ("title: データ\nid: x\nobjectives:\n  - 一つ目\n - 二つ目\n",
         "6行目: 字下げ（行頭の空白）がずれています。同じ並びの行は、行頭をそろえてください。"),
        ("title: 'データ\nid: x\n",
         "2行目: 引用符（' または \"）が閉じていません。値の最後にも同じ引用符を書いてください。"),
        ("title: データ\nroles: [leader, staff\nid: x\n",
         "3行目: かっこ（[ ] または { }）が閉じていません。例：roles: [leader, staff]"),
    ],
    ids=["full-width-colon-first", "full-width-colon-middle", "full-width-colon-only",
         "no-space-first", "no-space-last", "tab", "full-width-space", "colon-in-title",
         "indented-key", "ragged-list", "open-quote", "open-bracket"],
)
def test_t2_t3_yaml_mistakes_are_reported_on_their_line_in_plain_words(
        tmp_path: Path, front: str, expected: str) -> None:
    root = lesson_library(tmp_path, front)

    assert ja_lines(root) == [f"エラー: {LESSON} {expected}"]
    assert only_lesson(load_library(root)).broken


def test_t2_the_same_words_in_quiz_front_matter(tmp_path: Path) -> None:
    root = quiz_library(tmp_path, "---\nshuffle：true\n---\n" + GOOD_QUESTION)

    assert ja_lines(root) == [
        f"エラー: {QUIZ} 2行目: 全角の「：」を半角の「: 」に直してください（shuffle: …）。"]


def test_t2_english_names_the_same_line(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title：データ活用の基本\nid: x\n")

    assert [str(f) for f in lint_path(str(root)).findings] == [
        f"{LESSON}:2: error: 'title' is followed by a full-width colon '：'; write a "
        "half-width ': ' instead"]


def test_front_matter_fences_typed_in_full_width(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-ch" / "01-x" / "lesson.md", "ーーー\ntitle: データ\nーーー\n本文\n")

    assert ja_lines(root) == [
        f"エラー: {LESSON} 1行目: 先頭の「ーーー」は、半角の「---」にしてください"
        "（全角の「ー」や「－」では設定になりません）。"]


def test_a_hashtag_cut_off_as_a_comment_is_a_warning(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title: 第1回 #DX研修\nid: x  # 記録のID\n")

    assert ja_lines(root) == [
        f"警告: {LESSON} 2行目: 「 #」から後ろはコメントとみなされ、値は「第1回」になります。"
        "「#」も値に含めるときは、値全体を '…' で囲んでください。"]


def test_duplicate_keys_are_an_error_naming_the_first_line(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title: 一つ目\nid: x\nrequired: false\nrequired: true\n")

    assert ja_lines(root) == [
        f"エラー: {LESSON} 5行目: 「required」が 4行目にも書かれています。"
        "どちらか一つにしてください。"]


# -- T4: an over-indented objectives item ---------------------------------------------------------

def test_t4_an_over_indented_item_is_reported_where_it_was_merged(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title: データ\nid: x\nobjectives:\n  - 一つ目\n    - 二つ目\n")

    assert ja_lines(root) == [
        f"警告: {LESSON} 6行目: この行は字下げが深いため、新しい項目ではなく前の項目の続きとして"
        "読まれています。新しい項目にするときは、上の「- 」と行頭をそろえてください。"]


def test_an_item_holding_colon_space_is_an_error_at_the_item(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title: データ\nid: x\nobjectives:\n  - 手順: 入力できる\n")

    assert ja_lines(root) == [
        f"エラー: {LESSON} 5行目: 「: 」を含む項目は '…' で囲んでください（例：- '手順: 入力'）。"]


# -- T5: lines meant as choices -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("-[x] 地域DX", "選択肢の書き方になっていません。「-」のあとに半角スペースを入れて、"
                       "「- [ ] 」（正解は「- [x] 」）で始めてください。"),
        ("・[x] 地域DX", "選択肢の書き方になっていません。行頭の「・」を半角の「- 」にして、"
                        "「- [ ] 」（正解は「- [x] 」）で始めてください。"),
        ("－ [x] 地域DX", "選択肢の書き方になっていません。行頭の「－」を半角の「- 」にして、"
                         "「- [ ] 」（正解は「- [x] 」）で始めてください。"),
        ("ー [x] 地域DX", "選択肢の書き方になっていません。行頭の「ー」を半角の「- 」にして、"
                         "「- [ ] 」（正解は「- [x] 」）で始めてください。"),
        ("1. [x] 地域DX", "選択肢の書き方になっていません。行頭の「1.」を半角の「- 」にして、"
                         "「- [ ] 」（正解は「- [x] 」）で始めてください。"),
        ("[x] 地域DX", "選択肢の書き方になっていません。行頭に「- 」を付けて、「- [ ] 」"
                      "（正解は「- [x] 」）で始めてください。"),
        ("- [○] 地域DX", "選択肢の [ ] の中は、半角スペース（不正解）か x（正解）にしてください"
                        "（いまは「[○]」）。"),
        ("- 【x】 地域DX", "選択肢の [ ] の中は、半角スペース（不正解）か x（正解）にしてください"
                          "（いまは「【x】」）。"),
    ],
    ids=["no-space", "nakaguro", "full-width-minus", "long-vowel", "numbered", "no-bullet",
         "circle", "sumitsuki"],
)
def test_t5_a_line_meant_as_a_choice_is_an_error_at_its_line_saying_how_to_write_it(
        tmp_path: Path, line: str, expected: str) -> None:
    quiz = f"## 自治体DXの側面はどれですか。\n\n- [x] 行政DX\n{line}\n- [ ] 情報システム更新\n"
    root = quiz_library(tmp_path, quiz)

    # never "needs at least two choices": three were written
    assert ja_lines(root) == [f"エラー: {QUIZ} 4行目: {expected}"]


def test_t5_three_malformed_choices_give_three_findings_and_nothing_else(tmp_path: Path) -> None:
    quiz = "## 正しいものはどれですか。\n\n-[x] 行政DX\n・[ ] 地域DX\n－ [ ] 情報システム\n"
    root = quiz_library(tmp_path, quiz)

    assert [line.split(": ")[1] for line in ja_lines(root)] == [
        f"{QUIZ} 3行目", f"{QUIZ} 4行目", f"{QUIZ} 5行目"]


def test_t5_full_width_forms_an_ime_types_are_accepted(tmp_path: Path) -> None:
    quiz = "## 正しいものはどれですか。\n\n-　［ｘ］ 行政DX\n- ［　］ 地域DX\n- [X] 住民\n"
    root = quiz_library(tmp_path, quiz)

    assert ja_lines(root) == []
    question = only_lesson(load_library(root)).quiz.questions[0]  # type: ignore[union-attr]
    assert [c.correct for c in question.choices] == [True, False, True]


def test_t5_a_plain_list_instead_of_choices_names_each_line(tmp_path: Path) -> None:
    quiz = "## 正しいものはどれですか。\n\n- 行政DX\n- 地域DX\n"
    root = quiz_library(tmp_path, quiz)

    message = "選択肢の書き方になっていません。「- [ ] 」（正解は「- [x] 」）で始めてください。"
    assert ja_lines(root) == [f"エラー: {QUIZ} 3行目: {message}",
                              f"エラー: {QUIZ} 4行目: {message}"]


def test_a_choice_after_the_explanation_is_an_error(tmp_path: Path) -> None:
    quiz = "## 問題です。\n\n- [x] A\n- [ ] B\n\n> 解説\n\n- [ ] C\n"
    root = quiz_library(tmp_path, quiz)

    assert ja_lines(root) == [
        f"エラー: {QUIZ} 8行目: 解説（> で始まる行）のあとに選択肢があります。"
        "選択肢は解説より前に書いてください。"]


# -- T6: roles ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: 幹部向け\nid: x\nroles: []\n",
         "4行目: roles が空（[]）のため、このレッスンは誰にも表示されません。対象の役割を書くか、"
         "全員向けなら roles の行を消してください。"),
        ("title: 幹部向け\nid: x\nrole: leader\n",
         "4行目: 「role」という項目はありません。「roles」の誤りではありませんか。このままでは、"
         "このレッスンが全ての役割の職員に表示されます。"),
        ("title: 幹部向け\nid: x\nRoles: [leader]\n",
         "4行目: 「Roles」という項目はありません。「roles」の誤りではありませんか。このままでは、"
         "このレッスンが全ての役割の職員に表示されます。"),
        ("title: 幹部向け\nid: x\nrequierd: false\n",
         "4行目: 「requierd」という項目はありません。「required」の誤りではありませんか。"
         "このままでは、このレッスンが必修として扱われます。"),
        ("title: 幹部向け\nid: x\nroles: [leeder]\n",
         "4行目: roles の 'leeder' という役割はありません"
         "（使える役割：executive, leader, staff）。"),
    ],
    ids=["empty", "role", "capital", "requierd", "unknown-role"],
)
def test_t6_roles_mistakes_are_errors(tmp_path: Path, front: str, expected: str) -> None:
    root = lesson_library(tmp_path, front)

    result = lint_path(str(root))

    assert ja_lines(root) == [f"エラー: {LESSON} {expected}"]
    assert result.exit_status == 1


def test_t6_other_unknown_keys_stay_warnings(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title: データ\nid: x\nauthor: 人事課\n")

    assert lint_path(str(root)).exit_status == 0
    assert ja_lines(root) == [
        f"警告: {LESSON} 4行目: 「author」という項目はありません。この行は使われません"
        "（使える項目："
        "title, id, roles, required, minutes, version, objectives, pass_score）。"]


def test_a_refused_value_is_reported_once_and_never_as_a_missing_key(tmp_path: Path) -> None:
    root = lesson_library(tmp_path, "title:\n  - 手順: 入力\nid: x\nminutes: " + "9" * 30 + "\n")

    assert ja_lines(root) == [
        f"エラー: {LESSON} 3行目: 「: 」を含む項目は '…' で囲んでください（例：- '手順: 入力'）。",
        f"エラー: {LESSON} 5行目: 数が長すぎます（30 桁）。正しい数に直してください。",
    ]
