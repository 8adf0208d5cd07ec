"""Fixtures for the deployment contract (specs/deployment.md): an isolated policy lookup, a
small lesson library, and a helper that runs the real app in-process and signs in."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dxlearn import policy as policy_module

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


@pytest.fixture(autouse=True)
def isolated_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No DXLEARN_POLICY and no system policy from the machine running the tests."""
    monkeypatch.delenv(policy_module.ENV_POLICY, raising=False)
    system = tmp_path / "system-policy" / "policy.toml"
    monkeypatch.setattr(policy_module, "system_policy_path", lambda environ=None: system)


@pytest.fixture
def use_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], Path]:
    """Write ``policy.toml`` (UTF-8) and point DXLEARN_POLICY at it."""

    def use(text: str) -> Path:
        path = write(tmp_path / "it" / "policy.toml", text)
        monkeypatch.setenv(policy_module.ENV_POLICY, str(path))
        return path

    return use


def toml_path(path: Path) -> str:
    """A path as a TOML literal string (single quotes: backslashes stay as they are)."""
    return "'" + str(path) + "'"


@pytest.fixture
def fresh_log_handlers() -> Iterator[None]:
    """``setup_logging`` configures the log once per process: take earlier tests' dxlearn
    handlers away so this session logs where its data folder says, then put them back."""
    root = logging.getLogger()
    earlier = [h for h in root.handlers if getattr(h, "_dxlearn", False)]
    for handler in earlier:
        root.removeHandler(handler)
    yield
    for handler in [h for h in root.handlers if getattr(h, "_dxlearn", False)]:
        root.removeHandler(handler)
        handler.close()
    for handler in earlier:
        root.addHandler(handler)


def run_launch(args: argparse.Namespace, on_modal: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]
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


def gui_args(**values: object) -> argparse.Namespace:
    base: dict[str, object] = {"library": None, "db": None, "data_dir": None}
    base.update(values)
    return argparse.Namespace(**base)
