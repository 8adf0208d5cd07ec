"""ファイル > 修了記録の書き出し and 修了証 from the real window."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox, QPushButton

from dxlearn.gui import export_dialog
from dxlearn.gui.export_dialog import ExportDialog

from .conftest import settle


def test_export_dialog_writes_the_learners_detail_csv_and_remembers_the_folder(
    qtbot, start_app, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    window, ctx = launched.window, launched.ctx
    window.open_lesson("reading")
    window.lesson_page.mark_read.click()
    out = tmp_path / "exports"
    out.mkdir()

    def fill(dialog: ExportDialog) -> int:
        dialog.findChild(QComboBox, "export-scope").setCurrentIndex(1)  # detail
        dialog.findChild(QComboBox, "export-header").setCurrentIndex(1)  # ja
        dialog.findChild(QLineEdit, "export-folder").setText(str(out))
        dialog.findChild(QLineEdit, "export-file-name").setText("提出用")
        dialog.findChild(QPushButton, "export-ok").click()
        return dialog.result()

    done: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: done.append(box.text()) or 0)
    window.menu_actions["export"].trigger()  # ファイル > 修了記録の書き出し
    settle(qtbot, window)  # the export runs off the GUI thread
    path = out / "提出用.csv"
    assert path.is_file()
    assert (out / "提出用.csv.sig.json").is_file()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["職員番号"] for r in rows} == {"012345"}
    reading = next(r for r in rows if r["レッスンID"] == "reading")
    assert reading["状況"] == "completed"
    assert str(path) in done[0]
    assert export_dialog.initial_folder(ctx) == out  # remembered for next time


def test_export_dialog_refuses_a_missing_folder(qtbot, start_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    dialog = ExportDialog(tmp_path, "012345", launched.window)
    qtbot.addWidget(dialog)
    dialog.findChild(QLineEdit, "export-folder").setText(str(tmp_path / "nowhere"))
    dialog.findChild(QPushButton, "export-ok").click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "nowhere" in dialog.findChild(type(dialog.error), "export-error").text()
    assert dialog.request is None


def test_certificate_is_refused_until_the_curriculum_is_complete(
    qtbot, start_app, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: told.append(text) or 0)
    launched.window.menu_actions["certificate"].trigger()
    settle(qtbot, launched.window)
    assert "必須レッスンをすべて修了" in told[0]
