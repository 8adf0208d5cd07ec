"""Moodle GIFT -> quiz.md: every supported feature, exact output, lint-clean through the real
loader, and every unsupported type reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxlearn.content.gift import convert_gift, convert_gift_bytes
from dxlearn.content.loader import load_library
from dxlearn.content.model import Quiz
from dxlearn.files.text import DecodeError

from support.trainer import write

SAMPLE = """// Moodle から書き出した問題
$CATEGORY: $course$/自治体DX

::Q1:: 自治体DXの目的はどれですか。{
=住民の暮らしを良くする#その通りです。
~機器を更新する#手段にすぎません。
####DXは目的ではなく手段です。
}

::Q2::[html]<p>当てはまるものを<b>すべて</b>選んでください。</p>{
~%50%行政DX
~%50%地域DX
~%-100%情報システム更新 \\{旧\\}#これは手段です。
}

マイナンバーカードは\\: 本人確認に使える。{T#違います。#正解です。}

50 \\# 2 \\= 25 である。{FALSE####25 ではありません。}
"""


def load_quiz(tmp_path: Path, markdown: str) -> Quiz:
    """Put the output in a lesson folder and load it with the real loader: it must be clean."""
    lesson = tmp_path / "lib" / "01-gift"
    write(lesson / "lesson.md", "---\ntitle: GIFT\nid: gift\n---\n本文\n")
    write(lesson / "quiz.md", markdown)
    library = load_library(tmp_path / "lib")
    assert library.all_findings() == []
    quiz = next(library.lessons()).quiz
    assert quiz is not None
    return quiz


def test_sample_converts_to_lint_clean_quiz(tmp_path: Path) -> None:
    result = convert_gift(SAMPLE)

    assert result.skipped == []
    assert result.converted == 4
    quiz = load_quiz(tmp_path, result.markdown)
    prompts = [q.prompt for q in quiz.questions]
    assert prompts == ["自治体DXの目的はどれですか。",
                       "当てはまるものを<b>すべて</b>選んでください。",
                       "マイナンバーカードは: 本人確認に使える。",
                       "50 \\# 2 = 25 である。"]
    assert "<b>すべて</b>" in quiz.questions[1].prompt_html
    assert "50 # 2 = 25" in quiz.questions[3].prompt_html


def test_multiple_choice_with_feedback_and_general_feedback() -> None:
    result = convert_gift(SAMPLE.split("\n\n")[1])

    assert result.markdown == (
        "## 自治体DXの目的はどれですか。\n\n"
        "- [x] 住民の暮らしを良くする\n"
        "- [ ] 機器を更新する\n\n"
        "> - 住民の暮らしを良くする：その通りです。\n"
        "> - 機器を更新する：手段にすぎません。\n"
        ">\n"
        "> DXは目的ではなく手段です。\n")


def test_multiple_answers_positive_weights_are_correct(tmp_path: Path) -> None:
    result = convert_gift("どれ？{~%50%行政DX ~%50%地域DX ~%-100%情報システム更新 ~%0%紙}")

    quiz = load_quiz(tmp_path, result.markdown)
    question = quiz.questions[0]
    assert [(c.text, c.correct) for c in question.choices] == [
        ("行政DX", True), ("地域DX", True), ("情報システム更新", False), ("紙", False)]
    assert question.multiple


def test_escapes_are_undone(tmp_path: Path) -> None:
    result = convert_gift("記号 \\~ \\= \\# \\{ \\} \\: を含む{=答え \\= 正解 ~誤り \\~ です}")

    quiz = load_quiz(tmp_path, result.markdown)
    question = quiz.questions[0]
    assert "記号 ~ = # { } : を含む" in question.prompt_html
    assert [c.text for c in question.choices] == ["答え = 正解", "誤り ~ です"]


@pytest.mark.parametrize(("answer", "true_correct"), [
    ("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)])
def test_true_false(tmp_path: Path, answer: str, true_correct: bool) -> None:
    result = convert_gift(f"住民票はオンラインで申請できる。{{{answer}}}")

    quiz = load_quiz(tmp_path, result.markdown)
    assert [(c.text, c.correct) for c in quiz.questions[0].choices] == [
        ("正しい", true_correct), ("誤り", not true_correct)]


def test_true_false_feedback_follows_moodle_order() -> None:
    """{T#feedback for a wrong answer#feedback for the right answer}."""
    result = convert_gift("空は青い。{T#残念。#正解です。####空は青く見えます。}")

    assert result.markdown.endswith(
        "- [x] 正しい\n- [ ] 誤り\n\n"
        "> - 正しい：正解です。\n> - 誤り：残念。\n>\n> 空は青く見えます。\n")


def test_title_is_dropped_or_used_when_there_is_no_text(tmp_path: Path) -> None:
    result = convert_gift("::題名だけ::{=はい ~いいえ}\n\n::Q9:: 本文あり{=はい ~いいえ}")

    quiz = load_quiz(tmp_path, result.markdown)
    assert [q.prompt for q in quiz.questions] == ["題名だけ", "本文あり"]


def test_missing_word_question_keeps_a_blank(tmp_path: Path) -> None:
    result = convert_gift("自治体DXは{=住民 ~機器}のために進める。")

    quiz = load_quiz(tmp_path, result.markdown)
    assert quiz.questions[0].prompt == "自治体DXは ＿＿＿＿ のために進める。"


def test_markdown_format_keeps_markdown_and_plain_text_is_escaped(tmp_path: Path) -> None:
    result = convert_gift("[markdown]**重要**な点は？{=*速さ* ~遅さ}\n\n"
                          "# で始まり *星* を含む{=a_b ~c}")

    quiz = load_quiz(tmp_path, result.markdown)
    assert "<strong>重要</strong>" in quiz.questions[0].prompt_html
    assert "<em>速さ</em>" in quiz.questions[0].choices[0].html
    assert "# で始まり *星* を含む" in quiz.questions[1].prompt_html
    assert [c.text for c in quiz.questions[1].choices] == ["a\\_b", "c"]


def test_comments_and_category_are_ignored_without_shifting_lines() -> None:
    text = "// a comment\n$CATEGORY: x\n\n// another\nQ1{=a ~b}\n\nMatch {=a -> 1 =b -> 2}\n"
    result = convert_gift(text)

    assert result.converted == 1
    assert [(s.line, s.kind) for s in result.skipped] == [(7, "matching")]


UNSUPPORTED = """対応する組み合わせ {
=行政DX -> 庁内
=地域DX -> 地域
}

数値 {#3:1}

短答 {=マイナンバー =個人番号}

論述 {}

説明文だけ

選択肢 {=a ~b}
"""


def test_each_unsupported_type_is_reported_with_its_line(tmp_path: Path) -> None:
    result = convert_gift(UNSUPPORTED)

    assert [(s.line, s.kind) for s in result.skipped] == [
        (1, "matching"), (6, "numerical"), (8, "short-answer"), (10, "essay"),
        (12, "description")]
    assert [s.format("q.gift") for s in result.skipped][:2] == [
        "q.gift:1: skipped: matching question (->) is not supported; rewrite it as choice "
        "questions",
        "q.gift:6: skipped: numerical question ({#...}) is not supported; rewrite it as a "
        "choice question"]
    assert result.converted == 1
    assert len(load_quiz(tmp_path, result.markdown).questions) == 1


def test_question_without_a_right_answer_is_reported() -> None:
    result = convert_gift("どれ？{~a ~b}")

    assert result.converted == 0
    assert [(s.line, s.kind) for s in result.skipped] == [(1, "invalid")]
    assert "no answer is marked right" in result.skipped[0].message


def test_utf8_bom_and_cp932_input(tmp_path: Path) -> None:
    text = "行政手続のオンライン化は必要か。{T}\r\n"
    for data, encoding in ((b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
                           (text.encode("cp932"), "cp932")):
        result = convert_gift_bytes(data)
        assert result.encoding == encoding
        assert load_quiz(tmp_path, result.markdown).questions[0].prompt == (
            "行政手続のオンライン化は必要か。")


def test_undecodable_input_raises() -> None:
    with pytest.raises(DecodeError):
        convert_gift_bytes(b"\x81\x00\xff\xfe\x80")
