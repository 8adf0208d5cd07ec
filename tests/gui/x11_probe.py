"""Run by tests/gui/test_x11_fit.py inside a real X server (Xvfb 1366×768 with openbox keeping
40 px for a taskbar): the learner's window on the xcb platform, as on a PC.

1. At 100 % text, normal theme: on the home, lesson, quiz and result pages every visible
   button and the status bar lie inside the screen's work area without any scrolling, and
   the window frame fits it.
2. At every text size up to 200 % the window never grows past the work area; at 200 % every
   button can be scrolled into view inside it.
3. High contrast at 200 %, keyboard only: register (with a mistake first), read, fail, retry,
   pass, see 修了; after every step the focused control is inside the work area and the
   results were announced.

Prints one JSON object: {"problems": [...], "steps": [...], "announced": [...]}.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from gui.conftest import build_library

problems: list[str] = []
steps: list[str] = []
announced: list[str] = []
LONG_DEPARTMENT = "子ども未来部 子育て支援課 保育施設係"


def _hear() -> None:
    real = QAccessible.updateAccessibility

    def hook(event):  # type: ignore[no-untyped-def]
        if isinstance(event, QAccessibleAnnouncementEvent):
            announced.append(event.message())
        real(event)

    QAccessible.updateAccessibility = staticmethod(hook)  # type: ignore[method-assign]


def _no_blocking_errors() -> None:
    """An unexpected error shows a modal dialog: record it instead (the probe must end)."""
    import traceback

    import dxlearn.gui.app as app_module
    import dxlearn.gui.main_window as window_module

    def record(_parent: object, text: str, _log: object) -> None:
        problems.append(f"error dialog: {text}\n{traceback.format_exc()}")

    app_module.show_error = record  # type: ignore[assignment]
    window_module.show_error = record  # type: ignore[assignment]


def wait(ms: int = 150) -> None:
    QTest.qWait(ms)


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def enclosing_viewport(widget: QWidget) -> QRect | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            return global_rect(parent.viewport())
        parent = parent.parentWidget()
    return None


def seen(widget: QWidget, area: QRect) -> bool:
    """Inside the work area and inside the scroll area around it."""
    rect = global_rect(widget)
    viewport = enclosing_viewport(widget)
    return area.contains(rect) and (viewport is None or viewport.contains(rect))


def check_fits(window: QWidget, where: str) -> None:
    area = window.screen().availableGeometry()
    if not area.contains(window.frameGeometry()):
        problems.append(f"{where}: window {window.frameGeometry()} outside work area {area}")


def visible_buttons(window: QWidget) -> list[QAbstractButton]:
    page = window.pages.currentWidget()  # type: ignore[attr-defined]
    return [b for b in page.findChildren(QPushButton) if b.isVisible()]


def check_page_at_100(window: QWidget, where: str) -> None:
    check_fits(window, where)
    area = window.screen().availableGeometry()
    for button in visible_buttons(window):
        if not seen(button, area):
            problems.append(f"{where} 100%: {button.objectName()} {global_rect(button)} not "
                            f"on screen without scrolling")
    status = window.statusBar()  # type: ignore[attr-defined]
    if not status.isVisible() or not area.contains(global_rect(status)):
        problems.append(f"{where}: the status bar {global_rect(status)} is not on screen")
    steps.append(f"{where} 100%: {len(visible_buttons(window))} buttons on screen")


def check_page_reachable(window: QWidget, where: str) -> None:
    check_fits(window, where)
    area = window.screen().availableGeometry()
    for button in visible_buttons(window):
        parent = button.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(button, 4, 4)
            wait(50)
        if not seen(button, area):
            problems.append(f"{where} 200%: {button.objectName()} {global_rect(button)} "
                            "cannot be scrolled into view")
    steps.append(f"{where} 200%: {len(visible_buttons(window))} buttons reachable")


def check_focus(window: QWidget, where: str) -> None:
    check_fits(window, where)
    widget = QApplication.focusWidget()
    area = window.screen().availableGeometry()
    if widget is None or not widget.isVisible() or not seen(widget, area):
        name = widget.objectName() if widget is not None else None
        problems.append(f"{where}: the focus ({name}) is not on screen")
    else:
        steps.append(f"{where}: focus on {widget.objectName()}")


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    """A key press where the keyboard goes: the focused widget."""
    for _ in range(times):
        target = QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None
        QTest.keyClick(target, key, modifiers)
        wait(60)


def answer_with_keys(window: QWidget, correctly: bool) -> None:
    session = window.quiz_session  # type: ignore[attr-defined]
    while window.quiz_page.stack.currentIndex() == 0:  # type: ignore[attr-defined]
        question = session.quiz.questions[session.current]
        order = session.state.choice_orders[session.current]
        right = sorted(order.index(i) for i in question.correct_indexes)
        wrong = [p for p in range(len(order)) if p not in right][:1]
        for position in right if correctly or not wrong else wrong:
            press(Qt.Key(Qt.Key.Key_1 + position))
        press(Qt.Key.Key_Return)  # 回答する
        check_focus(window, f"feedback {session.current + 1}")
        press(Qt.Key.Key_Return)  # 次へ / 結果を見る
        wait(200)


def layout_checks(launch, options) -> None:  # type: ignore[no-untyped-def]
    launched = launch(options)
    window = launched.window
    wait(800)
    window.open_lesson("intro")
    wait()
    check_page_at_100(window, "lesson")
    window.go_home()
    wait()
    check_page_at_100(window, "home")
    window.open_lesson("intro")
    window.lesson_page.start_quiz.click()
    wait()
    check_page_at_100(window, "quiz")
    window.quiz_page.choice_buttons()[0].click()
    window.quiz_page.submit.click()
    wait()
    check_page_at_100(window, "feedback")
    window.quiz_page.next.click()
    window.quiz_page.choice_buttons()[0].click()
    window.quiz_page.submit.click()
    window.quiz_page.next.click()
    wait()
    check_page_at_100(window, "result")
    for step in range(4):
        window.menu_actions["zoom-in"].trigger()
        wait(300)
        check_fits(window, f"zoom step {step + 1}")
    for where, show in (("home", window.go_home),
                        ("lesson", lambda: window.open_lesson("reading"))):
        show()
        wait(300)
        check_page_reachable(window, where)
    window.open_lesson("intro")
    window.lesson_page.start_quiz.click()
    wait(300)
    check_page_reachable(window, "quiz")
    for _question in range(2):
        window.quiz_page.choice_buttons()[0].click()
        window.quiz_page.submit.click()
        wait(100)
        window.quiz_page.next.click()
    wait(300)
    check_page_reachable(window, "result")
    window.menu_actions["zoom-reset"].trigger()
    wait(300)
    check_fits(window, "after reset")
    window.close()
    launched.ctx.store.close()


def keyboard_journey(launch, options) -> None:  # type: ignore[no-untyped-def]
    def register() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or QApplication.focusWidget() is None:
            QTimer.singleShot(100, register)  # not shown (or not focused by openbox) yet
            return
        try:
            fill(dialog)
        except Exception as error:  # recorded, and the dialog closed: the probe goes on
            import traceback

            problems.append(f"sign-in: {error!r}\n{traceback.format_exc()}")
            dialog.reject()

    def fill(dialog: QWidget) -> None:
        check_fits(dialog, "sign-in dialog")
        press(Qt.Key.Key_Return)  # nothing filled in yet: the problems are listed
        wait()
        staff_id = dialog.findChild(QLineEdit, "profile-staff-id")
        if QApplication.focusWidget() is not staff_id:
            problems.append("sign-in: the first problem field has no focus")
        QTest.keyClicks(staff_id, "012345")
        press(Qt.Key.Key_Tab)
        QApplication.focusWidget().insert("山田 花子")  # type: ignore[union-attr]
        press(Qt.Key.Key_Tab)
        QApplication.focusWidget().insert(LONG_DEPARTMENT)  # type: ignore[union-attr]
        press(Qt.Key.Key_Tab)
        role = QApplication.focusWidget()
        if not isinstance(role, QComboBox):
            problems.append(f"sign-in: Tab went to {role} instead of 役割")
        else:
            while role.currentData() != "staff":
                press(Qt.Key.Key_Down)
        error = dialog.findChild(QWidget, "profile-error")
        if error.isVisible():
            problems.append(f"sign-in: the fixed problems are still shown: {error.text()}")
        press(Qt.Key.Key_Return)  # 登録して始める

    QTimer.singleShot(300, register)
    launched = launch(options)
    window = launched.window
    if window is None:
        problems.append("keyboard journey: registration did not complete")
        return
    window.activateWindow()
    wait(800)
    check_focus(window, "home")
    if QApplication.focusWidget() is not window.home.next_button:
        problems.append("home: the focus is not on 次のレッスンを学習する")
    press(Qt.Key.Key_Return)  # 次のレッスンを学習する
    wait(300)
    check_focus(window, "lesson")
    press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # 読了にする
    wait()
    press(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # 理解度チェックを始める
    wait(300)
    check_focus(window, "quiz")
    answer_with_keys(window, correctly=False)
    check_focus(window, "result (failed)")
    if QApplication.focusWidget().objectName() != "quiz-retry":  # type: ignore[union-attr]
        problems.append("failed: the focus is not on もう一度挑戦する")
    press(Qt.Key.Key_Return)  # もう一度挑戦する
    wait(300)
    answer_with_keys(window, correctly=True)
    check_focus(window, "result (passed)")
    verdict = window.quiz_page.verdict.text()
    if "修了しました" not in verdict:
        problems.append(f"passed: no 修了 in {verdict!r}")
    record = launched.ctx.store.lesson_progress("012345", "test-lib", "intro")
    if record.status.value != "completed":
        problems.append(f"the lesson is {record.status.value}, not completed")
    press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    wait(300)
    item = window.tree.item_for("intro")
    if item is None or item.text(1) != "修了":
        problems.append("the tree does not show 修了 for the lesson")
    check_focus(window, "home after passing")
    window.close()
    launched.ctx.store.close()


def main() -> int:
    from dxlearn.gui.app import LaunchOptions, launch
    from dxlearn.policy import Policy
    from dxlearn.store import open_store

    _hear()
    _no_blocking_errors()
    with tempfile.TemporaryDirectory() as tmp:
        library = build_library(Path(tmp) / "library")
        data = Path(tmp) / "data"
        with open_store(data / "progress.db") as opened:
            opened.store.register_learner("012345", "山田 花子", LONG_DEPARTMENT, "staff")
            opened.store.set_setting("app", "last_learner", "012345")
        layout_checks(launch, LaunchOptions(policy=Policy(), libraries=(library,),
                                            data_dir=data))
        fresh = Path(tmp) / "fresh"
        with open_store(fresh / "progress.db") as opened:  # high contrast and 200 % first
            opened.store.set_setting("app", "high_contrast", True)
            opened.store.set_setting("app", "font_pt", 26)
        keyboard_journey(launch, LaunchOptions(policy=Policy(), libraries=(library,),
                                               data_dir=fresh))
    print(json.dumps({"problems": problems, "steps": steps, "announced": announced},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
