"""ファイル > 修了記録の書き出し and 修了証 from the real window."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox, QPushButton

from dxlearn.gui import export_dialog
from dxlearn.gui.export_dialog import ExportDialog
from dxlearn.learning.review import question_key

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
        scope = dialog.findChild(QComboBox, "export-scope")
        assert scope.currentData() == "detail", "detail (what hr merge reads) comes first"
        header = dialog.findChild(QComboBox, "export-header")
        header.setCurrentIndex(header.findData("ja"))
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
    assert reading["状況"] == "修了"  # Japanese headers, Japanese values
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


def test_export_dialog_covers_every_library_of_the_pc(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    """E1 in the window: the learner studied an imported library; the export made while the
    bundled one is on screen still holds those records."""
    import sys

    from dxlearn.gui.app import LaunchOptions, launch
    from dxlearn.policy import load_policy

    from .conftest import build_library, fill_profile_dialog, stop, when_modal

    second = build_library(data_dir / "libraries" / "second-lib")
    (second / "library.yaml").write_text("id: second-lib\ntitle: 追加の研修\nversion: '2'\n",
                                         encoding="utf-8")
    when_modal(fill_profile_dialog("0042", "佐藤 一郎", "総務課", "staff"))
    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=load_policy(), data_dir=data_dir))
    sys.excepthook = hook
    qtbot.addWidget(launched.window)
    window, ctx = launched.window, launched.ctx
    chooser = window.findChild(QComboBox, "library-chooser")
    chooser.setCurrentIndex(chooser.findData("second-lib"))
    settle(qtbot, window)
    window.open_lesson("reading")
    settle(qtbot, window)
    window.lesson_page.mark_read.click()
    settle(qtbot, window)
    chooser.setCurrentIndex(chooser.findData("lg-dx-literacy"))  # back to the bundled one
    settle(qtbot, window)
    out = tmp_path / "exports"
    out.mkdir()

    def fill(dialog: ExportDialog) -> int:
        dialog.findChild(QLineEdit, "export-folder").setText(str(out))
        dialog.findChild(QLineEdit, "export-file-name").setText("all")
        dialog.findChild(QPushButton, "export-ok").click()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    window.menu_actions["export"].trigger()  # ファイル > 修了記録の書き出し
    settle(qtbot, window)
    path = out / "all.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["library_id"] for r in rows} == {"lg-dx-literacy", "second-lib"}
    reading = next(r for r in rows if r["library_id"] == "second-lib"
                   and r["lesson_id"] == "reading")
    assert reading["status"] == "completed" and reading["library_version"] == "2"
    assert ctx.library.id == "lg-dx-literacy"
    stop(launched)


def test_export_dialog_writes_the_answers_for_item_analysis(
    qtbot, start_app, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    """The third scope from the window: one row per answered question, with its id, what was
    chosen and whether it was right (what ``dxlearn hr items`` reads)."""
    from .test_journey import answer, correct_positions

    launched = start_app()
    window = launched.window
    window.start_quiz("intro")
    settle(qtbot, window)
    answer(qtbot, window, correct_positions(window, 0))
    wrong = [p for p in range(3) if p not in correct_positions(window, 1)][:1]
    answer(qtbot, window, wrong)  # the second question answered wrongly
    # each answer is stored with the id of the question shown (store revision 0006)
    ctx = launched.ctx
    store, lesson = ctx.require_store(), ctx.library.lesson("intro")
    assert lesson is not None and lesson.quiz is not None
    attempts = store.attempts_for("012345", ctx.library.id, "intro")
    attempt = store.attempt_state(attempts[-1].attempt_id)
    assert [a.question_id for a in attempt.answers] == [
        question_key(q) for q in lesson.quiz.questions[:2]]
    out = tmp_path / "exports"
    out.mkdir()

    def fill(dialog: ExportDialog) -> int:
        scope = dialog.findChild(QComboBox, "export-scope")
        scope.setCurrentIndex(scope.findData("answers"))
        assert "hr items" in dialog.explain.text()
        dialog.findChild(QLineEdit, "export-folder").setText(str(out))
        dialog.findChild(QLineEdit, "export-file-name").setText("回答")
        dialog.findChild(QPushButton, "export-ok").click()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    window.menu_actions["export"].trigger()
    settle(qtbot, window)
    path = out / "回答.csv"
    assert path.is_file() and (out / "回答.csv.sig.json").is_file()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["staff_id"], r["lesson_id"], r["question_number"], r["correct"]) for r in rows] == [
        ("012345", "intro", "1", "true"), ("012345", "intro", "2", "false")]
    assert all(r["question_id"] and r["in_analysis"] == "true" for r in rows)
