"""Helpers for the deployment tests: files, a small lesson library, and running the real app
in-process with the sign-in dialog filled."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


QUIZ = (
    "---\npass_score: 100\n---\n"
    "## DXの目的はどれですか。\n\n- [x] 住民の暮らしを良くする\n- [ ] 機器の更新\n\n"
    "> 暮らしを良くすることです。\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def build_library(root: Path, library_id: str = "extra-lib") -> Path:
    """One chapter, one lesson with a one-question quiz."""
    write(root / "library.yaml", f"id: {library_id}\ntitle: 追加研修\nversion: '1'\n")
    write(root / "01-basics" / "chapter.yaml", "title: 基礎\n")
    write(root / "01-basics" / "01-intro" / "lesson.md",
          "---\ntitle: 追加のレッスン\nminutes: 3\n---\n窓口の手続きを見直します。\n")
    write(root / "01-basics" / "01-intro" / "quiz.md", QUIZ)
    return root


def toml_path(path: Path) -> str:
    """A path as a TOML literal string (single quotes: backslashes stay as they are)."""
    return "'" + str(path) + "'"


def run_launch(args: object, on_modal: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]
    """``launch`` as the app does; ``on_modal`` handles the sign-in dialog. The excepthook that
    ``launch`` installs (it would open a modal dialog and hang a test) is undone."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dxlearn.gui.app import launch

    if on_modal is not None:
        def poll(remaining: int) -> None:
            if QApplication.activeModalWidget() is not None:
                on_modal()
            elif remaining:
                QTimer.singleShot(20, lambda: poll(remaining - 1))

        QTimer.singleShot(0, lambda: poll(100))
    hook = sys.excepthook
    try:
        return launch(args)
    finally:
        sys.excepthook = hook


def fill_sign_in(staff_id: str = "00123", name: str = "山田 花子", department: str = "市民課",
                 role: str = "staff", check: Callable[[object], None] | None = None
                 ) -> Callable[[], None]:
    def fill() -> None:
        from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "profile-dialog"
        if check is not None:
            check(dialog)
        dialog.findChild(QLineEdit, "profile-staff-id").setText(staff_id)
        dialog.findChild(QLineEdit, "profile-name").setText(name)
        dialog.findChild(QLineEdit, "profile-department").setText(department)
        combo = dialog.findChild(QComboBox, "profile-role")
        combo.setCurrentIndex(combo.findData(role))
        dialog.findChild(QPushButton, "profile-ok").click()

    return fill


def gui_args(library: list[str] | None = None, db: str | None = None,
             data_dir: str | None = None):  # type: ignore[no-untyped-def]
    """What ``dxlearn [--library ...] [--db ...] [--data-dir ...]`` launches with."""
    from dxlearn.gui.app import LaunchOptions
    from dxlearn.policy import load_policy

    return LaunchOptions(policy=load_policy(),
                         libraries=tuple(Path(p) for p in library) if library else None,
                         db=db, data_dir=Path(data_dir) if data_dir else None)
