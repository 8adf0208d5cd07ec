"""A learner's whole journey through the real main window, and the paths around it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
)

from dxlearn.gui.curriculum_tree import LESSON_ID_ROLE
from dxlearn.learning.status import Status

from .conftest import find, settle, stop


def tree_item(tree: QTreeWidget, lesson_id: str):  # type: ignore[no-untyped-def]
    for index in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(index)
        candidates = [top] + [top.child(i) for i in range(top.childCount())]
        for item in candidates:
            if item.data(0, LESSON_ID_ROLE) == lesson_id:
                return item
    raise AssertionError(f"{lesson_id} not in the tree")


def click_lesson(qtbot, window, lesson_id: str) -> None:  # type: ignore[no-untyped-def]
    tree = find(window, QTreeWidget, "curriculum-tree")
    rect = tree.visualItemRect(tree_item(tree, lesson_id))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    settle(qtbot, window)


def answer(qtbot, window, positions: list[int]) -> None:  # type: ignore[no-untyped-def]
    for position in positions:
        qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{position}"),
                         Qt.MouseButton.LeftButton)
    submit = find(window, QPushButton, "quiz-submit")
    assert submit.isEnabled()
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    settle(qtbot, window)  # the answer is stored before the feedback is shown
    following = find(window, QPushButton, "quiz-next")
    assert following.isEnabled()
    qtbot.mouseClick(following, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def correct_positions(window, question_index: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Displayed positions of the correct choices (reads the lesson file, not the screen)."""
    session = window.quiz_session
    question = session.quiz.questions[question_index]
    order = session.state.choice_orders[question_index]
    return sorted(order.index(i) for i in question.correct_indexes)


@pytest.mark.parametrize("where", [
    "store-inline", "store-in-thread", pytest.param("server", marks=pytest.mark.postgresql)])
def test_whole_journey_register_read_fail_retry_pass_restart(  # type: ignore[no-untyped-def]
    qtbot, start_app, monkeypatch, request, where: str
) -> None:
    """The same journey with the store called inline (a local file), from the worker thread
    (as for a server database), and on a PostgreSQL server (the worker thread, the server's
    schema, the PC's journal and settings)."""
    if where == "store-in-thread":
        monkeypatch.setenv("DXLEARN_BACKGROUND_STORE", "1")
    db = request.getfixturevalue("pg_url") if where == "server" else None
    launched = start_app(db=db)
    window = launched.window
    assert window is not None
    settle(qtbot, window)
    learner = launched.ctx.learner
    assert learner is not None
    assert (learner.staff_id, learner.name) == ("012345", "山田 花子")  # normalised

    tree = find(window, QTreeWidget, "curriculum-tree")
    ids = [tree_item(tree, i).data(0, LESSON_ID_ROLE) for i in ("intro", "reading")]
    assert ids == ["intro", "reading"]
    # the executive-only lesson is not in a staff member's curriculum
    assert "exec" not in window.tree.lesson_ids()
    progress = find(window, QProgressBar, "overall-progress")
    assert (progress.value(), progress.maximum()) == (0, 3)  # intro, reading, broken

    click_lesson(qtbot, window, "intro")
    view = find(window, QTextBrowser, "lesson-view")
    assert "行政DX" in view.toPlainText()
    assert "DXの意味を説明できる" in view.toPlainText()
    qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    store = launched.ctx.store
    record = store.lesson_progress("012345", "test-lib", "intro")
    assert record.read_at is not None and record.status is Status.IN_PROGRESS

    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    # fail: wrong answer to question 1, right answer to question 2 -> 50 < 100
    wrong = next(p for p in range(2) if p not in correct_positions(window, 0))
    answer(qtbot, window, [wrong])
    answer(qtbot, window, correct_positions(window, 1))
    score = find(window, QLabel, "quiz-score")
    assert "50" in score.text()
    assert store.lesson_progress("012345", "test-lib", "intro").status is Status.IN_PROGRESS

    retry = find(window, QPushButton, "quiz-retry")
    assert retry.isVisible()
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    answer(qtbot, window, correct_positions(window, 0))
    answer(qtbot, window, correct_positions(window, 1))
    assert "100" in find(window, QLabel, "quiz-score").text()

    record = store.lesson_progress("012345", "test-lib", "intro")
    assert record.status is Status.COMPLETED and record.attempts == 2
    assert record.best_score == 100
    settle(qtbot, window)
    assert tree_item(tree, "intro").text(1) == "修了"
    assert progress.value() == 1

    stop(launched)
    again = start_app(register=None, db=db)  # no sign-in dialog: this PC remembers them
    assert again.window is not None and again.ctx.learner is not None
    settle(qtbot, again.window)
    assert again.ctx.learner.staff_id == "012345"
    assert tree_item(again.window.tree, "intro").text(1) == "修了"
    assert find(again.window, QProgressBar, "overall-progress").value() == 1
