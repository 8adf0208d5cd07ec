"""The main window's menu actions: what each one does, and the dialogs they open.

Each dialog's module (the export stack: SQLAlchemy and openpyxl; the about and help dialogs) is
imported when the learner opens it, never on the way to the first paint. The strings keep the
window's translation context (``MainWindow``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from .main_window import MainWindow


def menu_handlers(window: MainWindow) -> dict[str, Callable[..., object]]:
    """The handler of every action ``gui.menus`` builds, by the action's name."""

    def leaving_quiz(then: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:  # a menu action that leaves the page: mid-quiz, only after asking
            if window.confirm_leave_quiz():
                then()
        return run

    return {
        "export": lambda: export_records(window),
        "certificate": lambda: open_certificate(window),
        "import-pack": window.import_pack,
        "quit": window.close,
        "mark-read": lambda: click_on_lesson(window, "mark_read"),
        "start-quiz": lambda: click_on_lesson(window, "start_quiz"),
        "home": leaving_quiz(window.go_home),
        "review": leaving_quiz(lambda: window.review.start()),
        "search": leaving_quiz(lambda: search(window)),
        "record": leaving_quiz(lambda: window.record.show()),
        "zoom-in": lambda: window.zoom(1),
        "zoom-out": lambda: window.zoom(-1),
        "zoom-reset": lambda: window.zoom(0),
        "curriculum-wider": lambda: window.widen_curriculum(1),
        "curriculum-narrower": lambda: window.widen_curriculum(-1),
        "high-contrast": window.set_high_contrast,
        "language-ja": lambda: set_language(window, "ja"),
        "language-en": lambda: set_language(window, "en"),
        "switch-learner": leaving_quiz(window.learner_switch_requested.emit),
        "edit-profile": window.profile_edit_requested.emit,
        "help": lambda: show_help(window),
        "about": lambda: show_about(window),
    }


def click_on_lesson(window: MainWindow, button_name: str) -> None:
    """読了にする / 理解度チェックを始める from the menu: the lesson page's button, while it is
    on screen and enabled."""
    page = window.pages.page("lesson")
    if page is None or window.pages.currentWidget() is not page:
        return
    button = getattr(page, button_name)
    if button.isEnabled() and (button_name == "mark_read" or not button.isHidden()):
        button.click()


def search(window: MainWindow) -> None:
    quiz = window.pages.page("quiz")
    if quiz is not None and window.pages.currentWidget() is quiz:
        window.go_home()  # the box is on the lesson list, which a quiz hides
    window.search.focus()


def export_records(window: MainWindow) -> None:
    from . import export_dialog  # the export stack (SQLAlchemy, openpyxl) loads on first use

    export_dialog.export_from_menu(window, window.ctx, window.ops)


def open_certificate(window: MainWindow) -> None:
    from . import export_dialog

    export_dialog.certificate_from_menu(window, window.ctx, window.ops)


def set_language(window: MainWindow, language: str) -> None:
    window.view.save("language", language)
    QMessageBox.information(window, QCoreApplication.translate("MainWindow", "表示言語"),
                            QCoreApplication.translate(
                                "MainWindow", "表示言語は、アプリを再起動すると切り替わります。"))


def show_about(window: MainWindow) -> None:
    from .dialogs import about_text
    from .dialogs import show_about as show

    show(window, about_text(window.ctx.database_path, window.log_dir, [window.ctx.library.root]))


def show_help(window: MainWindow) -> None:
    from .dialogs import show_help as show

    show(window)
