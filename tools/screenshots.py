"""Render the learner screens offscreen at 1366×768 into docs/screenshots/.

Run: ``QT_QPA_PLATFORM=offscreen python tools/screenshots.py`` (needs a Japanese font, e.g.
Debian's fonts-ipafont-gothic). Uses a throw-away data folder; the real per-user data is never
touched. Look at every PNG after running it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from dxlearn.gui.app import launch
from dxlearn.store import open_store

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1366, 768)


def settle(app: QApplication, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab_sign_in(data: Path) -> None:
    """The first-start profile dialog, filled in as a learner would."""

    def shoot() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, shoot)
            return
        dialog.findChild(QLineEdit, "profile-staff-id").setText("012345")
        dialog.findChild(QLineEdit, "profile-name").setText("山田 花子")
        dialog.findChild(QLineEdit, "profile-department").setText("市民課")
        combo = dialog.findChild(QComboBox, "profile-role")
        combo.setCurrentIndex(combo.findData("staff"))
        settle(QApplication.instance())  # type: ignore[arg-type]
        dialog.grab().save(str(OUT / "sign-in.png"))
        dialog.reject()

    QTimer.singleShot(0, shoot)
    launched = launch(argparse.Namespace(library=None, db=None, data_dir=str(data)))
    launched.ctx.store.close()


def _block_top(browser, wanted) -> int:  # type: ignore[no-untyped-def]
    """The y position of the first block of the document for which ``wanted`` is true."""
    document = browser.document()
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if wanted(block):
            return int(layout.blockBoundingRect(block).top())
        block = block.next()
    return 0


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        grab_sign_in(Path(tmp) / "first")
        data = Path(tmp) / "data"
        with open_store(data / "progress.db") as opened:
            opened.store.register_learner("012345", "山田 花子", "市民課", "staff")
            opened.store.set_setting("app", "last_learner", "012345")
        launched = launch(argparse.Namespace(library=None, db=None, data_dir=str(data)))
        window, app = launched.window, launched.app
        assert window is not None
        hook = sys.excepthook
        window.resize(*SIZE)
        # one lesson already studied, so the tree shows every status
        window.open_lesson("what-is-dx")
        window.lesson_page.mark_read.click()
        window.go_home()
        settle(app)
        window.grab().save(str(OUT / "main-window.png"))

        window.open_lesson("what-is-dx")
        settle(app)
        browser = window.lesson_page.browser
        # scroll so that the table and the diagram below it are both in view
        table_top = _block_top(browser, lambda block: block.textList() is None
                               and "デジタイゼーション" in block.text())
        bar = browser.verticalScrollBar()
        bar.setValue(max(0, table_top - 60))
        settle(app)
        window.grab().save(str(OUT / "lesson.png"))
        image_top = _block_top(browser, lambda block: "\ufffc" in block.text())
        bar.setValue(max(0, image_top - 90))
        settle(app)
        window.grab().save(str(OUT / "lesson-diagram.png"))

        window.start_quiz("what-is-dx")
        settle(app)
        session = window.quiz_session
        assert session is not None and session.state is not None
        question = session.quiz.questions[session.current]
        order = session.state.choice_orders[session.current]
        wrong = next(p for p, i in enumerate(order) if i not in question.correct_indexes)
        window.quiz_page.choice_buttons()[wrong].click()
        window.quiz_page.submit.click()
        settle(app)
        window.grab().save(str(OUT / "quiz-feedback.png"))

        while window.quiz_page.stack.currentIndex() == 0:
            if window.quiz_page.next.isEnabled():
                window.quiz_page.next.click()
                continue
            q = session.quiz.questions[session.current]
            o = session.state.choice_orders[session.current]
            for position in sorted(o.index(i) for i in q.correct_indexes):
                window.quiz_page.choice_buttons()[position].click()
            window.quiz_page.submit.click()
        settle(app)
        window.grab().save(str(OUT / "quiz-result.png"))

        window.actions["high-contrast"].trigger()
        window.go_home()
        settle(app)
        window.grab().save(str(OUT / "high-contrast.png"))
        window.actions["high-contrast"].trigger()
        sys.excepthook = hook
        window.close()
        launched.ctx.store.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
