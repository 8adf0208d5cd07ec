"""学習の記録 through the real window: every number on the page is the store's."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QWidget

from dxlearn.gui.record_page import day_text, duration_text
from dxlearn.learning.record import completions, weekly_study
from dxlearn.learning.review import lesson_shapes

from .conftest import find, settle
from .test_journey import answer, click_lesson, correct_positions
from .test_review_flow import JST, T0, fail_the_quiz, launch_with  # noqa: F401 - the fixture


def cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_the_record_page_shows_the_stores_numbers(qtbot, launch_with) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    launched, clock = launch_with()
    window, store, ctx = launched.window, launched.ctx.store, launched.ctx
    staff, lib = "012345", "test-lib"
    # day 1: the reading lesson read (completed), the intro quiz failed; 25 minutes studied
    click_lesson(qtbot, window, "reading")
    qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    store.add_study_seconds(staff, lib, "reading", 1500)
    fail_the_quiz(qtbot, window)
    # nine days later: passed, 10 minutes more
    clock.now = T0 + timedelta(days=9)
    click_lesson(qtbot, window, "intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    answer(qtbot, window, correct_positions(window, 0))
    answer(qtbot, window, correct_positions(window, 1))
    store.add_study_seconds(staff, lib, "intro", 600)
    window.go_home()
    settle(qtbot, window)

    action = window.findChild(QAction, "action-record")
    assert action is not None and action.shortcut().toString() == "Ctrl+L"
    action.trigger()
    settle(qtbot, window)
    page = find(window, QWidget, "record-view")
    assert window.pages.currentWidget() is page

    progress = store.progress_for(staff, lib)
    done = completions(ctx.library, "staff", progress, JST)
    assert (done.required_total, done.required_completed) == (3, 2)  # intro, reading, broken
    label = find(window, QLabel, "record-completions").text()
    assert "3件のうち 2件" in label
    for entry in done.days:
        line = f"{day_text(entry.day)} {entry.completed}件（累計 {entry.total}件）"
        assert line in label
        assert line in page.chart.accessibleDescription()  # the chart says the same numbers

    days = store.study_days(staff, lib)
    study = weekly_study(days.days, store.today(), before_seconds=days.before_seconds,
                         since=days.since, zone=JST)
    rows = cells(find(window, QTableWidget, "record-weeks"))
    assert [r[1] for r in rows[:len(study.weeks)]] == [
        duration_text(w.seconds) for w in reversed(study.weeks)]
    assert rows[-1] == ["合計", duration_text(study.total_seconds)]
    assert study.total_seconds == store.lesson_progress(staff, lib, "reading").study_seconds + \
        store.lesson_progress(staff, lib, "intro").study_seconds == 2100
    assert sum(w.seconds for w in study.weeks) == 2100  # all of it recorded per day

    quizzes = cells(find(window, QTableWidget, "record-quizzes"))
    attempts = [a for a in store.attempts_for(staff, lib, "intro") if a.finished]
    intro = next(r for r in quizzes if r[0] == "はじめてのDX")
    assert intro == [
        "はじめてのDX", f"{len(attempts)}回", f"{max(a.score for a in attempts)}点", "合格",
        " → ".join(f"{a.score}点" for a in attempts)]
    assert intro[4] == "50点 → 100点"

    forecast = cells(find(window, QTableWidget, "record-forecast"))
    expected = store.review_forecast(staff, lib, lesson_shapes(ctx.library))
    assert [r[1] for r in forecast] == [f"{n}問" for _, n in expected]
    assert forecast[0][0] == "今日" and len(forecast) == 7
    assert sum(n for _, n in expected) >= 1  # the questions of the passed quiz are queued


def test_the_record_page_is_reachable_by_keyboard(qtbot, launch_with) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    launched, _clock = launch_with()
    window = launched.window
    window.record.show()
    settle(qtbot, window)
    chart = window.record.page.chart
    assert chart.focusPolicy() != 0 and chart.accessibleName()
    assert "まだ修了したレッスンはありません" in chart.accessibleDescription()
    for name in ("record-weeks", "record-quizzes", "record-forecast"):
        table = find(window, QTableWidget, name)
        assert table.accessibleName() and not table.tabKeyNavigation()
