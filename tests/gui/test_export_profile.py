"""The export dialog's 取込プロファイル choice (policy export_profiles), from the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPushButton

from dxlearn.gui.export_dialog import ExportDialog

from .conftest import settle
from support.deploy import toml_path

PROFILE = """\
name = "kenshu"
rows = "lesson"
encoding = "cp932"
date_format = "wareki-short"
[filter]
status = ["completed"]
[[columns]]
header = "研修コード"
value = "DX"
[[columns]]
header = "職員番号"
source = "staff_id"
[[columns]]
header = "科目"
source = "lesson_id"
[[columns]]
header = "修了日"
source = "completed_at"
format = "date"
"""


def run_dialog(qtbot, launched, out: Path, monkeypatch, choose: str | None  # type: ignore[no-untyped-def]
               ) -> list[str]:
    def fill(dialog: ExportDialog) -> int:
        box = dialog.findChild(QComboBox, "export-profile")
        assert box.isVisibleTo(dialog)
        if choose is not None:
            box.setCurrentIndex(box.findText(choose))
            assert not dialog.findChild(QComboBox, "export-format").isEnabled()
        dialog.findChild(QLineEdit, "export-folder").setText(str(out))
        dialog.findChild(QLineEdit, "export-file-name").setText("人事")
        dialog.findChild(QPushButton, "export-ok").click()
        return dialog.result()

    told: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: told.append(text) or 0)
    launched.window.menu_actions["export"].trigger()
    settle(qtbot, launched.window)
    return told


def test_a_policy_profile_writes_the_export_in_its_layout(
    qtbot, start_app, use_policy, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    profile = tmp_path / "kenshu.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(PROFILE.replace('source = "lesson_id"', 'source = "lesson"'),
                      encoding="utf-8")
    use_policy(f"export_profiles = [{toml_path(profile)}, {toml_path(broken)}]\n")
    launched = start_app()
    launched.window.open_lesson("reading")
    launched.window.lesson_page.mark_read.click()
    out = tmp_path / "exports"
    out.mkdir()
    told = run_dialog(qtbot, launched, out, monkeypatch, "kenshu")
    written = (out / "人事.csv").read_bytes().decode("cp932").splitlines()
    assert written[0] == "研修コード,職員番号,科目,修了日"
    assert written[1].startswith("DX,012345,reading,R") and len(written) == 2
    assert (out / "人事.csv.sig.json").is_file() and str(out / "人事.csv") in told[0]
    (out / "人事.csv").unlink()
    told = run_dialog(qtbot, launched, out, monkeypatch, "broken")
    assert "columns[2].source" in told[-1] and "lesson_id" in told[-1]
    assert not (out / "人事.csv").exists()


def test_without_policy_profiles_the_dialog_shows_no_profile_row(
    qtbot, start_app, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    dialog = ExportDialog(tmp_path, "012345", launched.window)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QComboBox, "export-profile")
    assert box is None or not box.isVisible()  # the row is not in the dialog
