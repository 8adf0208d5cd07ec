"""Fixtures that drive the real application in-process: a small library, a data folder, and
``start_app`` which launches dxlearn the way ``dxlearn`` does and fills the sign-in dialog."""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dxlearn.gui.app import Launched, LaunchOptions, launch
from dxlearn.policy import load_policy

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

LONG_BODY = "\n\n".join(
    f"## 節{i}\n\n窓口の申請手続きを見直す例です。" + "住民の視点で考えます。" * 20
    for i in range(1, 13)
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build_library(root: Path) -> Path:
    """A library with a lesson + quiz (two questions, no shuffle), a lesson without quiz,
    a lesson for executives only, and a broken lesson."""
    _write(root / "library.yaml", "id: test-lib\ntitle: テスト研修\nversion: '1'\n")
    basics = root / "01-basics"
    _write(basics / "chapter.yaml", "title: 基礎\n")
    _write(basics / "01-intro" / "lesson.md", (
        "---\ntitle: はじめてのDX\nminutes: 5\nobjectives:\n  - DXの意味を説明できる\n---\n"
        "| 項目 | 内容 |\n|---|---|\n| 行政DX | 庁内 |\n\n![図](flow.png)\n\n"
        "[総務省](https://www.soumu.go.jp/) と [次のレッスン](../02-reading/lesson.md)\n\n"
        + LONG_BODY))
    (basics / "01-intro" / "flow.png").write_bytes(PNG_1PX)
    _write(basics / "01-intro" / "quiz.md", (
        "---\npass_score: 100\n---\n"
        "## DXの目的はどれですか。\n\n- [x] 住民の暮らしを良くする\n- [ ] 機器の更新\n\n"
        "> 目的は暮らしを良くすることです。\n\n"
        "## 自治体DXの二つの側面をすべて選んでください。\n\n- [x] 行政DX\n- [x] 地域DX\n"
        "- [ ] 情報システム更新\n\n> 行政DXと地域DXです。\n"))
    _write(basics / "02-reading" / "lesson.md",
           "---\ntitle: 読むだけのレッスン\nminutes: 3\n---\n" + LONG_BODY)
    _write(basics / "03-exec" / "lesson.md",
           "---\ntitle: 幹部のレッスン\nroles: [executive]\n---\n本文")
    _write(basics / "04-broken" / "lesson.md",
           "---\ntitle: 壊れたレッスン\nroles: [staf]\n---\n![x](missing.png)\n")
    return root


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return build_library(tmp_path / "library")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def fill_profile_dialog(staff_id: str, name: str, department: str, role: str) -> Callable[[],
                                                                                           None]:
    """Return a callable that fills the open profile dialog and presses OK."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "profile-dialog"
        dialog.findChild(QLineEdit, "profile-staff-id").setText(staff_id)
        dialog.findChild(QLineEdit, "profile-name").setText(name)
        dialog.findChild(QLineEdit, "profile-department").setText(department)
        combo = dialog.findChild(QComboBox, "profile-role")
        combo.setCurrentIndex(combo.findData(role))
        dialog.findChild(QPushButton, "profile-ok").click()

    return fill


def when_modal(action: Callable[[], None], attempts: int = 50) -> None:
    """Run ``action`` as soon as a modal dialog is open (polling the event loop)."""

    def poll(remaining: int) -> None:
        if QApplication.activeModalWidget() is not None:
            action()
        elif remaining:
            QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


@pytest.fixture
def start_app(qtbot, library_dir: Path, data_dir: Path) -> Iterator[Callable[..., Launched]]:  # type: ignore[no-untyped-def]
    launched: list[Launched] = []

    def start(register: tuple[str, str, str, str] | None = ("０１２３４５", " 山田 花子 ",
                                                            "市民課", "staff"),
              db: str | None = None) -> Launched:
        if register is not None:
            when_modal(fill_profile_dialog(*register))
        args = LaunchOptions(policy=load_policy(), libraries=(library_dir,), data_dir=data_dir,
                             db=db)
        pytest_qt_hook = sys.excepthook  # pytest-qt reports errors in slots as failures
        result = launch(args)
        sys.excepthook = pytest_qt_hook
        launched.append(result)
        if result.window is not None:
            qtbot.addWidget(result.window)
            result.window.activateWindow()
        return result

    yield start
    for item in launched:
        if item.window is not None:
            item.window.close()
        item.ctx.store.close()


def stop(launched: Launched) -> None:
    """Close the window and the store as a clean exit does."""
    assert launched.window is not None
    launched.window.close()
    launched.ctx.store.close()


def find(window: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def settle(qtbot, window: QWidget, timeout: int = 10000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's operations are done (exports, packs, and every store call when
    the store runs off the GUI thread)."""
    ops = getattr(window, "ops", None)
    if ops is not None:
        qtbot.waitUntil(ops.idle, timeout=timeout)
