"""Render the learner screens offscreen into docs/screenshots/.

Run: ``python tools/screenshots.py`` (needs a Japanese font, e.g. Debian's
fonts-ipafont-gothic). The screen is a 1366×768 one with a 40 px taskbar, so the window gets
the 1366×728 work area, as on the PCs. Shots: normal, high contrast (home, quiz, result) and
200 % text (lesson, quiz, and the help in high contrast). Uses a throw-away data folder; the
real per-user data is never touched. LOOK at every PNG after running it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WORK_AREA = (1366, 728)  # a 1366×768 screen less a 40 px taskbar


def _offscreen_screen(folder: Path) -> None:
    """Qt's offscreen platform with one screen the size of the work area."""
    config = folder / "offscreen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "work-area", "x": 0, "y": 0, "width": WORK_AREA[0], "height": WORK_AREA[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config.as_posix()}"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        _offscreen_screen(Path(tmp))
        _shoot_all(Path(tmp))
    print(f"screenshots written to {OUT}")
    return 0


def _shoot_all(tmp: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

    from dxlearn.gui.app import LaunchOptions, launch
    from dxlearn.policy import Policy
    from dxlearn.store import open_store

    def settle(rounds: int = 20) -> None:
        for _ in range(rounds):
            QApplication.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(OUT / name))
        print(f"  {name} {widget.width()}x{widget.height()}")

    # the first-start registration, filled in as a learner would
    def sign_in() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, sign_in)
            return
        dialog.findChild(QLineEdit, "profile-staff-id").setText("012345")
        dialog.findChild(QLineEdit, "profile-name").setText("山田 花子")
        dialog.findChild(QLineEdit, "profile-department").setText("子ども未来部 子育て支援課")
        combo = dialog.findChild(QComboBox, "profile-role")
        combo.setCurrentIndex(combo.findData("staff"))
        save(dialog, "sign-in.png")
        dialog.reject()

    QTimer.singleShot(0, sign_in)
    first = launch(LaunchOptions(policy=Policy(), data_dir=tmp / "first"))
    if first.ctx.store is not None:
        first.ctx.store.close()

    data = tmp / "data"
    with open_store(data / "progress.db") as opened:
        # a long 所属: the header must wrap, not widen the window
        opened.store.register_learner("012345", "山田 花子",
                                      "子ども未来部 子育て支援課 保育施設係", "staff")
        opened.store.set_setting("app", "last_learner", "012345")
    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=Policy(), data_dir=data))
    sys.excepthook = hook
    window, ctx = launched.window, launched.ctx
    assert window is not None
    actions = window.menu_actions

    def lesson(lesson_id: str, scroll_to: Callable[[], int] | None = None) -> None:
        window.open_lesson(lesson_id)
        settle()
        if scroll_to is not None:
            window.lesson_page.browser.verticalScrollBar().setValue(scroll_to())

    def help_dialog(parent: QWidget) -> None:
        from dxlearn.gui import dialogs

        def shoot(dialog: dialogs.TextDialog) -> int:
            dialog.show()
            save(dialog, "zoom-200-help.png")
            return 0

        original = dialogs.TextDialog.exec
        dialogs.TextDialog.exec = shoot  # type: ignore[method-assign,assignment]
        try:
            dialogs.show_help(parent)
        finally:
            dialogs.TextDialog.exec = original  # type: ignore[method-assign]

    def block_top(wanted: Callable[[str], bool]) -> int:
        document = window.lesson_page.browser.document()
        block = document.begin()
        while block.isValid():
            if wanted(block.text()):
                return max(0, int(document.documentLayout().blockBoundingRect(block).top()) - 60)
            block = block.next()
        return 0

    def quiz_wrong_answer() -> None:
        window.start_quiz("what-is-dx")
        settle()
        session = window.quiz_session
        assert session is not None and session.state is not None
        question = session.quiz.questions[session.current]
        order = session.state.choice_orders[session.current]
        wrong = next(p for p, i in enumerate(order) if i not in question.correct_indexes)
        window.quiz_page.choice_buttons()[wrong].click()
        window.quiz_page.submit.click()

    def finish_quiz(correctly: bool) -> None:
        session = window.quiz_session
        assert session is not None
        page = window.quiz_page
        while page.stack.currentIndex() == 0:
            if page.next.isEnabled():
                page.next.click()
                settle(2)
                continue
            assert session.state is not None
            q = session.quiz.questions[session.current]
            o = session.state.choice_orders[session.current]
            right = sorted(o.index(i) for i in q.correct_indexes)
            wrong = [p for p in range(len(o)) if p not in right][:1]
            picks = right if correctly or not wrong else wrong
            for position in picks:
                page.choice_buttons()[position].click()
            page.submit.click()
            settle(2)

    # normal theme at 100 %
    lesson("what-is-dx")
    window.lesson_page.mark_read.click()
    window.go_home()
    save(window, "main-window.png")
    lesson("what-is-dx", lambda: block_top(lambda text: "デジタイゼーション" in text))
    save(window, "lesson.png")
    lesson("what-is-dx", lambda: block_top(lambda text: "\ufffc" in text))
    save(window, "lesson-diagram.png")
    quiz_wrong_answer()
    save(window, "quiz-feedback.png")
    finish_quiz(correctly=False)
    save(window, "quiz-result.png")

    # high contrast
    actions["high-contrast"].trigger()
    window.go_home()
    save(window, "high-contrast.png")
    quiz_wrong_answer()
    save(window, "high-contrast-quiz.png")
    finish_quiz(correctly=True)
    save(window, "high-contrast-result.png")
    actions["high-contrast"].trigger()

    # 200 % text
    for _ in range(4):
        actions["zoom-in"].trigger()
    assert window.view.zoom_percent() == 200
    lesson("why-now")
    save(window, "zoom-200-lesson.png")
    window.start_quiz("why-now")
    settle()
    page = window.quiz_page
    page.choice_buttons()[0].click()
    page.submit.click()
    save(window, "zoom-200-quiz.png")
    # ヘルプ > 使い方 at 200 % in high contrast: it grows with the text (the work area)
    actions["high-contrast"].trigger()
    help_dialog(window)
    actions["high-contrast"].trigger()
    actions["zoom-reset"].trigger()

    window.close()
    if ctx.store is not None:
        ctx.store.close()


if __name__ == "__main__":
    sys.exit(main())
