"""復習 through the real window: a learner fails a question, sees it in 今日の復習 on the day
fsrs schedules it, answers it, and it moves further out; the policy can turn review off."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from dxlearn.gui.app import Launched, LaunchOptions, launch
from dxlearn.learning.review import Rating, lesson_shapes, new_card, schedule, stamp_day
from dxlearn.learning.status import Status
from dxlearn.policy import load_policy

from .conftest import fill_profile_dialog, find, settle, when_modal
from .test_journey import answer, click_lesson, correct_positions

JST = timezone(timedelta(hours=9))
T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def launch_with(qtbot, library_dir: Path, data_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """Start the app with a policy (``review`` on or off) and a set clock and day zone."""
    started: list[Launched] = []

    def start(review: bool = True, clock: Clock | None = None) -> tuple[Launched, Clock]:
        when_modal(fill_profile_dialog("012345", "山田 花子", "市民課", "staff"))
        policy = dataclasses.replace(load_policy(), review=review)
        hook = sys.excepthook
        result = launch(LaunchOptions(policy=policy, libraries=(library_dir,),
                                      data_dir=data_dir))
        sys.excepthook = hook
        started.append(result)
        assert result.window is not None and result.ctx.store is not None
        qtbot.addWidget(result.window)
        clock = clock or Clock(T0)
        result.ctx.store._clock = clock  # the store takes the clock: every date follows it
        result.ctx.store.zone = JST
        result.window.refresh()
        settle(qtbot, result.window)
        return result, clock

    yield start
    for item in started:
        if item.window is not None:
            item.window.close()
        item.ctx.store.close()


def fail_the_quiz(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Question 1 wrong, question 2 right: 50 < 100, failed."""
    click_lesson(qtbot, window, "intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    wrong = next(p for p in range(2) if p not in correct_positions(window, 0))
    answer(qtbot, window, [wrong])
    answer(qtbot, window, correct_positions(window, 1))
    assert "50" in find(window, QLabel, "quiz-score").text()
    window.go_home()
    settle(qtbot, window)


def test_a_failed_question_comes_back_on_its_day_and_moves_further_out(  # type: ignore[no-untyped-def]
        qtbot, launch_with) -> None:
    launched, clock = launch_with()
    window, store, ctx = launched.window, launched.ctx.store, launched.ctx
    button = find(window, QPushButton, "review-start")
    assert button.isVisible() and "0問" in button.text() and not button.isEnabled()

    fail_the_quiz(qtbot, window)
    shapes = lesson_shapes(ctx.library)
    cards = store.review_cards("012345", "test-lib", shapes)
    assert [(c.lesson_id, c.question_index) for c in cards] == [("intro", 0)]
    card = cards[0]
    failed_at = T0  # the store's clock: the answers were given now
    assert card.schedule == schedule(new_card(failed_at, JST), Rating.AGAIN, failed_at, zone=JST)
    due_day = stamp_day(card.due)
    assert due_day == (T0 + timedelta(days=1)).astimezone(JST).date()  # fsrs: again tomorrow
    assert "0問" in button.text()  # not today
    note = window.home.review_note
    assert f"{due_day.month}月{due_day.day}日" in note.text()

    clock.now = datetime.combine(due_day, datetime.min.time(), tzinfo=JST) + timedelta(hours=8)
    window.go_home()
    settle(qtbot, window)
    assert "1問" in button.text() and button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    page = find(window, QWidget, "review-view")
    assert window.pages.currentWidget() is page
    item = window.review.items[0]
    order = window.review.order
    right = [order.index(i) for i in item.question.correct_indexes]
    for position in right:
        qtbot.mouseClick(find(window, QWidget, f"review-choice-{position}"),
                         Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, QPushButton, "review-submit"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    moved = store.review_cards("012345", "test-lib", shapes)[0]
    assert moved.schedule == schedule(card.schedule, Rating.GOOD, clock.now, zone=JST)
    first_interval = card.due - card.schedule.last_review
    assert moved.due - moved.schedule.last_review > first_interval  # further out
    feedback = window.review.page.feedback.text()
    moved_day = stamp_day(moved.due)
    assert "正解" in feedback and f"{moved_day.month}月{moved_day.day}日" in feedback
    next_button = find(window, QPushButton, "review-next")
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert "1問中 1問" in find(window, QLabel, "review-summary").text()
    window.go_home()
    settle(qtbot, window)
    assert "0問" in button.text()
    # review never changes the lesson's status
    assert store.lesson_progress("012345", "test-lib", "intro").status is Status.IN_PROGRESS


def test_the_keyboard_alone_answers_a_review(qtbot, launch_with) -> None:  # type: ignore[no-untyped-def]
    launched, clock = launch_with()
    window, store = launched.window, launched.ctx.store
    fail_the_quiz(qtbot, window)
    clock.now += timedelta(days=2)
    window.review.start()
    settle(qtbot, window)
    page = window.review.page
    wrong = next(p for p in range(len(window.review.order))
                 if window.review.order[p] not in window.review.items[0].question.correct_indexes)
    qtbot.keyClick(page, Qt.Key(Qt.Key.Key_1 + wrong))
    qtbot.keyClick(page, Qt.Key.Key_Return)  # answers
    settle(qtbot, window)
    assert "不正解" in page.feedback.text()
    cards = store.review_cards("012345", "test-lib", lesson_shapes(launched.ctx.library))
    assert stamp_day(cards[0].schedule.last_review) == clock.now.astimezone(JST).date()
    qtbot.keyClick(page, Qt.Key.Key_Return)  # next: the end
    assert page.stack.currentIndex() == 1


def test_the_menu_and_ctrl_r_start_the_review(qtbot, launch_with) -> None:  # type: ignore[no-untyped-def]
    launched, clock = launch_with()
    window = launched.window
    fail_the_quiz(qtbot, window)
    clock.now += timedelta(days=3)
    action = window.findChild(QAction, "action-review")
    assert action is not None and action.isVisible()
    assert action.shortcut().toString() == "Ctrl+R"
    action.trigger()
    settle(qtbot, window)
    assert window.pages.currentWidget() is window.review.page
    assert window.review.items


def test_policy_review_false_hides_the_button_and_grows_no_queue(  # type: ignore[no-untyped-def]
        qtbot, launch_with) -> None:
    launched, _clock = launch_with(review=False)
    window, store = launched.window, launched.ctx.store
    assert not find(window, QPushButton, "review-start").isVisible()
    assert not window.findChild(QAction, "action-review").isVisible()
    fail_the_quiz(qtbot, window)
    window.review.start()  # even asked directly: nothing
    settle(qtbot, window)
    assert window.pages.currentWidget() is not window.review.page
    assert store.review_cards("012345", "test-lib", lesson_shapes(launched.ctx.library)) == []
    assert not find(window, QPushButton, "review-start").isVisible()
