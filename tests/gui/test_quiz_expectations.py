"""What learners expect from a quiz (Moodle is the anchor), and 必須 for the learner's role."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget

from .conftest import find, settle
from .test_journey import correct_positions, tree_item

QUIZ = (
    "---\npass_score: 100\nmax_attempts: 3\n---\n"
    "## DXの目的はどれですか。\n\n- [x] 住民の暮らしを良くする\n- [ ] 機器の更新\n\n"
    "> 目的は暮らしを良くすることです。\n\n"
    "## 自治体DXの二つの側面をすべて選んでください。\n\n- [x] 行政DX、庁内の仕事\n"
    "- [x] 地域DX\n- [ ] 情報システム更新\n\n> 行政DXと地域DXです。\n")


@pytest.fixture
def limited(library_dir: Path) -> Path:
    """The test library with a three-attempt quiz whose choices contain 「、」, and an
    optional lesson."""
    (library_dir / "01-basics" / "01-intro" / "quiz.md").write_text(QUIZ, encoding="utf-8")
    optional = library_dir / "01-basics" / "05-extra" / "lesson.md"
    optional.parent.mkdir()
    optional.write_text("---\ntitle: 発展のレッスン\nrequired: false\n---\n本文", encoding="utf-8")
    return library_dir


def answer(window, positions: list[int]) -> None:  # type: ignore[no-untyped-def]
    page = window.quiz_page
    for position in positions:
        page.choice_buttons()[position].click()
    page.submit.click()


def wrong_for(window, index: int) -> list[int]:  # type: ignore[no-untyped-def]
    right = correct_positions(window, index)
    return [next(p for p in range(3) if p not in right)]


def test_the_lesson_page_says_what_the_quiz_is_before_it_starts(  # type: ignore[no-untyped-def]
    qtbot, start_app, limited
) -> None:
    window = start_app().window
    window.open_lesson("intro")
    settle(qtbot, window)
    info = find(window, QLabel, "quiz-info").text()
    assert "全 2 問" in info and "100 点以上で合格" in info and "残り 3 回（全 3 回）" in info
    start = find(window, QPushButton, "lesson-start-quiz")
    assert info and start.isVisible()
    start.click()
    settle(qtbot, window)
    answer(window, wrong_for(window, 0))
    window.quiz_page.next.click()
    answer(window, wrong_for(window, 1))
    window.quiz_page.next.click()
    settle(qtbot, window)
    window.quiz_page.result_panel.to_lesson.click()
    settle(qtbot, window)
    info = find(window, QLabel, "quiz-info").text()
    assert "残り 2 回（全 3 回）" in info and "これまで 1 回受験、最高 0 点" in info


def test_a_wrong_answer_marks_the_correct_choice_itself(qtbot, start_app, limited) -> None:  # type: ignore[no-untyped-def]
    window = start_app().window
    window.open_lesson("intro")
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    wrong = wrong_for(window, 0)
    answer(window, wrong)
    settle(qtbot, window)
    page = window.quiz_page
    right = correct_positions(window, 0)
    assert "「住民の暮らしを良くする」" in page.feedback.text()
    assert [r.property("verdict") for r in page._rows] == [
        "correct" if p in right else "wrong" if p in wrong else None for p in range(2)]
    marks = [r.verdict_label.text() for r in page._rows if r.verdict_label.isVisibleTo(page)]
    assert sorted(marks) == ["✓ 正解", "✗ あなたの回答（不正解）"]
    assert page.choice_buttons()[right[0]].accessibleDescription() == "正解の選択肢"


def test_the_review_shows_every_answer_and_the_correct_choices_one_per_line(  # type: ignore[no-untyped-def]
    qtbot, start_app, limited
) -> None:
    window = start_app().window
    window.open_lesson("intro")
    window.lesson_page.mark_read.click()
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    first_wrong = wrong_for(window, 0)
    answer(window, first_wrong)
    window.quiz_page.next.click()
    answer(window, correct_positions(window, 1))
    window.quiz_page.next.click()
    settle(qtbot, window)
    review = window.quiz_page.result_details
    lines = [line.strip() for line in review.toPlainText().splitlines() if line.strip()]
    # question 1: the learner's own (wrong) answer, then the correct choice
    start = lines.index("DXの目的はどれですか。")
    assert lines[start + 1:start + 5] == ["あなたの回答：", "機器の更新", "正解：",
                                          "住民の暮らしを良くする"]
    # question 2: two correct choices, one per line, although one contains 「、」
    start = lines.index("自治体DXの二つの側面をすべて選んでください。")
    assert lines[start + 4:start + 7] == ["正解：", "行政DX、庁内の仕事", "地域DX"]
    assert "問 1 × 不正解" in lines and "問 2 ○ 正解" in lines  # the 　 reads as a space
    assert review.focusPolicy().name == "StrongFocus"  # scrolled by the keyboard


def test_attempt_number_history_and_next_lesson_after_a_pass(  # type: ignore[no-untyped-def]
    qtbot, start_app, limited
) -> None:
    window = start_app().window
    window.open_lesson("intro")
    window.lesson_page.mark_read.click()
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    assert "（1 回目）" in window.quiz_page.heading.text()
    answer(window, wrong_for(window, 0))
    window.quiz_page.next.click()
    answer(window, correct_positions(window, 1))
    window.quiz_page.next.click()
    settle(qtbot, window)
    panel = window.quiz_page.result_panel
    assert not panel.next_lesson.isVisibleTo(panel)  # failed: no 次のレッスンへ
    assert panel.retry.isVisibleTo(panel) and panel.focus_target() is panel.retry
    panel.retry.click()
    settle(qtbot, window)
    assert "（2 回目）" in window.quiz_page.heading.text()
    for index in range(2):
        answer(window, correct_positions(window, index))
        window.quiz_page.next.click()
    settle(qtbot, window)
    assert panel.score_label.text().startswith("2 回目")
    assert panel.history.text().splitlines() == [
        "これまでの結果", "1 回目：50 点（不合格）", "2 回目：100 点（合格）"]
    assert panel.next_lesson.isVisibleTo(panel) and panel.focus_target() is panel.next_lesson
    assert "次のレッスンは「読むだけのレッスン」です。" in panel.verdict.text()
    panel.next_lesson.click()
    settle(qtbot, window)
    assert window.lesson_page.lesson.id == "reading"


def test_home_offers_the_certificate_when_every_required_lesson_is_done(  # type: ignore[no-untyped-def]
    qtbot, start_app, library_dir: Path, monkeypatch
) -> None:
    import shutil

    from dxlearn.gui import export_dialog

    shutil.rmtree(library_dir / "01-basics" / "04-broken")
    window = start_app().window
    home = window.home
    assert not home.certificate.isVisibleTo(home)
    for lesson_id in ("reading", "intro"):
        window.open_lesson(lesson_id)
        window.lesson_page.mark_read.click()
    window.lesson_page.start_quiz.click()
    for index in range(2):
        answer(window, correct_positions(window, index))
        window.quiz_page.next.click()
    settle(qtbot, window)
    assert "ホームで修了証を発行できます" in window.quiz_page.verdict.text()
    window.quiz_page.result_back.click()
    settle(qtbot, window)
    assert home.certificate.isVisibleTo(home) and "修了証" in home.summary.text()
    assert window.focusWidget() is home.certificate
    asked: list[bool] = []
    monkeypatch.setattr(export_dialog, "certificate_from_menu",
                        lambda *args, **kwargs: asked.append(True))
    home.certificate.click()
    assert asked == [True]


def test_required_is_for_the_learners_role(qtbot, start_app, limited) -> None:  # type: ignore[no-untyped-def]
    window = start_app().window
    tree = find(window, QTreeWidget, "curriculum-tree")
    assert tree_item(tree, "extra").text(0) == "発展のレッスン（任意）"
    window.show_all.setChecked(True)
    settle(qtbot, window)
    # a staff member sees the executive-only lesson as not for them, never as 必須
    assert tree_item(tree, "exec").text(0) == "幹部のレッスン（対象外）"
    spoken = tree_item(tree, "exec").data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert "対象外" in spoken and "必須" not in spoken
    # the chapter counts what the header counts: the role's required lessons
    chapter = tree.topLevelItem(0)
    assert chapter.text(1) == "0 / 3"
    assert window.header.overall_text.text() == "必須レッスン 0 / 3 修了"
    window.open_lesson("exec")
    settle(qtbot, window)
    assert window.lesson_page.meta.text().startswith("対象外")
    window.open_lesson("extra")
    settle(qtbot, window)
    assert window.lesson_page.meta.text().startswith("任意")


def test_opening_a_lesson_never_reads_it(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    """The previous lesson's scroll position, clamped to a shorter document, used to count as
    read to the end: a lesson without a quiz was 修了 the moment it was opened."""
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    bar = window.lesson_page.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read to the end
    window.open_lesson("reading")  # a shorter lesson without a quiz
    settle(qtbot, window)
    qtbot.wait(100)
    record = launched.ctx.store.lesson_progress("012345", "test-lib", "reading")
    assert record.read_at is None and record.status.value == "in_progress"


def test_titles_from_lesson_files_are_shown_as_text(qtbot, start_app, library_dir) -> None:  # type: ignore[no-untyped-def]
    lesson = library_dir / "01-basics" / "02-reading" / "lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "title: 読むだけのレッスン", "title: '<img src=x.png> <b>太字</b>'"), encoding="utf-8")
    window = start_app().window
    window.open_lesson("reading")
    settle(qtbot, window)
    title = window.lesson_page.title
    assert title.text() == "<img src=x.png> <b>太字</b>"
    assert title.textFormat().name == "PlainText"
    window.go_home()
    settle(qtbot, window)
    assert window.home.next_title.textFormat().name == "PlainText"
