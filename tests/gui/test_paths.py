"""The paths around the journey: resume mid-quiz, links, broken lessons, zoom, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QTextBrowser, QWidget

from dxlearn.gui import dialogs, links
from dxlearn.learning.status import Status

from .conftest import find, stop
from .test_journey import click_lesson, correct_positions, tree_item


def test_mid_quiz_close_and_resume_where_it_stopped(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    order_before = window.quiz_session.state.choice_orders
    first = correct_positions(window, 0)
    for position in first:
        qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{position}"),
                         Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, QPushButton, "quiz-submit"), Qt.MouseButton.LeftButton)
    stop(launched)  # closed before pressing 次へ: the answer was stored when given

    again = start_app(register=None)
    window = again.window
    window.open_lesson("intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    session = window.quiz_session
    assert session.current == 1  # resumes at the first unanswered question
    assert session.state.choice_orders == order_before
    assert "問 2 / 2" in window.quiz_page.progress_label.text()
    for position in correct_positions(window, 1):
        qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{position}"),
                         Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, QPushButton, "quiz-submit"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, QPushButton, "quiz-next"), Qt.MouseButton.LeftButton)
    assert "100" in find(window, QLabel, "quiz-score").text()
    attempts = again.ctx.store.attempts_for("012345", "test-lib", "intro")
    assert len(attempts) == 1 and attempts[0].score == 100  # one attempt, not two


def test_external_link_shows_the_address_and_opens_nothing(qtbot, start_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    opened: list[QUrl] = []
    monkeypatch.setattr(dialogs.ExternalLinkDialog, "exec",
                        lambda self: shown.append(self.address.text()) or 0)
    monkeypatch.setattr(links.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    view = find(window, QTextBrowser, "lesson-view")
    assert 'class="external"' in launched.ctx.library.lesson("intro").body_html
    view.anchorClicked.emit(QUrl("https://www.soumu.go.jp/"))
    assert shown == ["https://www.soumu.go.jp/"]
    assert opened == []
    assert window.lesson_page.lesson.id == "intro"  # still on the same lesson


def test_relative_link_to_another_lesson_navigates_inside_the_app(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    target = launched.ctx.library.lesson("reading").folder / "lesson.md"
    find(window, QTextBrowser, "lesson-view").anchorClicked.emit(QUrl.fromLocalFile(str(target)))
    assert window.lesson_page.lesson.id == "reading"


def test_broken_lesson_is_greyed_and_shows_its_findings(qtbot, start_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts: list[str] = []
    monkeypatch.setattr(dialogs.TextDialog, "exec",
                        lambda self: texts.append(self.findChild(QTextBrowser).toPlainText())
                        or 0)
    launched = start_app()
    window = launched.window
    item = tree_item(window.tree, "broken")
    assert item.text(1) == "準備中"
    click_lesson(qtbot, window, "broken")
    assert len(texts) == 1
    assert "unknown role 'staf'" in texts[0] and "missing.png" in texts[0]
    assert window.lesson_page.lesson is None  # nothing opened
    # every other lesson still works
    window.open_lesson("reading")
    assert "節1" in find(window, QTextBrowser, "lesson-view").toPlainText()


def test_lesson_without_quiz_completes_when_scrolled_to_the_end(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("reading")
    bar = find(window, QTextBrowser, "lesson-view").verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    record = launched.ctx.store.lesson_progress("012345", "test-lib", "reading")
    assert record.status is Status.COMPLETED
    assert tree_item(window.tree, "reading").text(1) == "修了"


def test_scroll_position_is_remembered(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    bar = find(window, QTextBrowser, "lesson-view").verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    window.go_home()
    saved = launched.ctx.store.lesson_progress("012345", "test-lib", "intro").last_position
    assert saved == pytest.approx(0.5, abs=0.05)
    window.open_lesson("intro")
    qtbot.waitUntil(lambda: abs(bar.value() - bar.maximum() // 2) <= 2)


def test_zoom_is_persisted_across_restarts(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    from dxlearn.gui.context import ZOOM_STEPS

    launched = start_app()
    before = launched.ctx.preferences.font_pt
    assert before == ZOOM_STEPS[0]
    launched.window.menu_actions["zoom-in"].trigger()
    launched.window.menu_actions["zoom-in"].trigger()
    assert launched.ctx.preferences.font_pt == ZOOM_STEPS[2]  # 150 %
    assert launched.app.font().pointSize() == ZOOM_STEPS[2]
    stop(launched)
    again = start_app(register=None)
    assert again.ctx.preferences.font_pt == ZOOM_STEPS[2]
    again.window.menu_actions["zoom-reset"].trigger()
    assert again.ctx.preferences.font_pt == before


def test_high_contrast_is_persisted(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    launched.window.menu_actions["high-contrast"].trigger()
    assert launched.ctx.preferences.high_contrast
    assert "#000000" in launched.app.styleSheet()
    stop(launched)
    assert start_app(register=None).ctx.preferences.high_contrast


def test_keyboard_only_path_through_a_quiz(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    # the next lesson is one key press away on the home page
    qtbot.keyClick(window.home, Qt.Key.Key_Return)
    assert window.lesson_page.lesson.id == "intro"
    qtbot.keyClick(find(window, QPushButton, "lesson-mark-read"), Qt.Key.Key_Space)
    qtbot.keyClick(find(window, QPushButton, "lesson-start-quiz"), Qt.Key.Key_Space)
    page = window.quiz_page
    for question in range(2):
        for position in correct_positions(window, question):
            qtbot.keyClick(page, Qt.Key.Key_1 + position)
        qtbot.keyClick(page, Qt.Key.Key_Return)  # 回答する
        assert find(window, QPushButton, "quiz-next").isEnabled()
        qtbot.keyClick(page, Qt.Key.Key_Return)  # 次へ / 結果を見る
    assert "100" in find(window, QLabel, "quiz-score").text()
    record = launched.ctx.store.lesson_progress("012345", "test-lib", "intro")
    assert record.status is Status.COMPLETED


def test_every_control_has_an_accessible_name_or_text(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    unnamed = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QTextBrowser) and w.isVisible()
        and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
    ]
    assert unnamed == []


def test_study_time_is_recorded_only_while_active(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("reading")
    page = window.lesson_page
    active = page._counting()
    for _ in range(3):
        page._on_timer_timeout()
    window.go_home()
    seconds = launched.ctx.store.lesson_progress("012345", "test-lib", "reading").study_seconds
    assert seconds == (3 if active else 0)


def test_curriculum_is_painted_before_the_store_opens(  # type: ignore[no-untyped-def]
    qtbot, start_app, library_dir, data_dir
) -> None:
    import sys

    from dxlearn.gui.app import LaunchOptions, launch
    from dxlearn.policy import load_policy

    first = start_app()
    first.window.open_lesson("reading")
    first.window.lesson_page.mark_read.click()
    stop(first)

    seen: dict[str, object] = {}

    def painted(window) -> None:  # type: ignore[no-untyped-def]
        seen["store_open"] = window.ctx.store is not None
        seen["visible"] = window.isVisible()
        seen["reading"] = tree_item(window.tree, "reading").text(1)
        seen["progress"] = window.overall.value()

    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=load_policy(), libraries=(library_dir,),
                                    data_dir=data_dir), first_paint=painted)
    sys.excepthook = hook
    qtbot.addWidget(launched.window)
    try:
        assert seen == {"store_open": False, "visible": True, "reading": "修了", "progress": 1}
        assert launched.ctx.store is not None  # and the store took over right after
        assert tree_item(launched.window.tree, "reading").text(1) == "修了"
    finally:
        stop(launched)


def test_ctrl_end_and_ctrl_home_move_through_the_lesson(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    """A keyboard-only learner tries Ctrl+End: it used to do nothing in the read-only text.
    It goes to the end (which reads the lesson to its end, as Page Down does) and Ctrl+Home
    back to the start; Home and End without Ctrl do the same."""
    launched = start_app()
    window = launched.window
    window.open_lesson("reading")
    view = find(window, QTextBrowser, "lesson-view")
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    record = launched.ctx.store.lesson_progress("012345", "test-lib", "reading")
    assert record.status is Status.COMPLETED  # the lesson without a quiz: read to its end
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0
