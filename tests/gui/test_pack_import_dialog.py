"""GUI pack import: the progress dialog runs the real import in a worker thread and tells the
outcome; in the real window, the policy decides whether the menu works, and a pack never
replaces the bundled library (finding C2). Message boxes are intercepted (never left open)."""

from __future__ import annotations

import csv
import re
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dxlearn import paths
from dxlearn.content.loader import load_library
from dxlearn.content.pack import build_pack
from dxlearn.gui.app import LaunchOptions, launch
from dxlearn.gui.operations.runner import OperationRunner
from dxlearn.gui.pack_import_dialog import PackImportOutcome, import_pack_with_progress
from dxlearn.learning.status import Status
from dxlearn.policy import Policy, load_policy

from .conftest import fill_profile_dialog, settle, stop, when_modal
from support.export_builders import run_cli
from support.trainer import build_clean_library, make_pack, snapshot


def run_import(qtbot, pack: Path, into: Path, *, quiet: bool = False) -> PackImportOutcome:  # type: ignore[no-untyped-def]
    """The import through an operation runner, as the window runs it (off the GUI thread)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    ops = OperationRunner(parent, language=lambda: "ja", read_only=lambda: False,
                          status=lambda _text: None, show_error=lambda text: pytest.fail(text))
    outcomes: list[PackImportOutcome] = []
    import_pack_with_progress(ops, parent, pack, into, quiet, done=outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20000)
    return outcomes[0]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_import_with_progress_installs_the_library(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   shown: list[QMessageBox]) -> None:
    library = build_clean_library(tmp_path / "source")
    pack = build_pack(library, tmp_path / "a.dxpack").output
    into = tmp_path / "libraries"

    outcome = run_import(qtbot, pack, into)

    assert outcome.ok and outcome.result is not None
    assert outcome.result.target == into / "test-lib"
    assert load_library(into / "test-lib").title == "テスト研修"
    assert len(shown) == 1
    assert "「テスト研修」（版 2026.1）を取り込みました。" in shown[0].text()


def test_refused_pack_is_reported_and_nothing_written(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      shown: list[QMessageBox]) -> None:
    pack = make_pack(tmp_path / "evil.dxpack", entries=[("../evil.txt", b"x")])
    into = tmp_path / "libraries"

    outcome = run_import(qtbot, pack, into)

    assert not outcome.ok
    assert any("../evil.txt" in p for p in outcome.problems)
    assert snapshot(into) == {}
    assert "取り込めませんでした" in shown[0].text()
    assert "../evil.txt" in shown[0].detailedText()


def test_quiet_shows_no_message(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                shown: list[QMessageBox]) -> None:
    pack = make_pack(tmp_path / "ok.dxpack")
    outcome = run_import(qtbot, pack, tmp_path / "libs", quiet=True)

    assert outcome.ok
    assert shown == []


# -- in the real window: policy, protected libraries (C2), clean-up at start ------------------


def _launch(data_dir: Path, qtbot, policy: Policy):  # type: ignore[no-untyped-def]
    when_modal(fill_profile_dialog("000123", "試験 太郎", "人事課", "staff"))
    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=policy, data_dir=data_dir))
    sys.excepthook = hook
    qtbot.addWidget(launched.window)
    return launched


def _quizless_pack(tmp_path: Path) -> Path:
    """C2's reproduction: copy lessons/, delete every quiz.md, build a pack."""
    copy = shutil.copytree(paths.lessons_dir(), tmp_path / "copy")
    for quiz in copy.rglob("quiz.md"):
        quiz.unlink()
    return build_pack(copy, tmp_path / "noquiz.dxpack").output


def test_a_learner_pc_with_a_policy_disables_the_menu_and_says_why(
        qtbot, tmp_path: Path, use_policy, monkeypatch,  # type: ignore[no-untyped-def]
        shown: list[QMessageBox]) -> None:
    launched = _launch(tmp_path / "data", qtbot, load_policy(use_policy('organisation = "市"\n')))
    window = launched.window
    try:
        action = window.menu_actions["import-pack"]
        assert not action.isEnabled()
        assert "組織の設定により使えません" in action.text()
        assert "allow_pack_import" in action.toolTip() and action.statusTip() == action.toolTip()
        asked: list[object] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: asked.append(a) or ("", "")))

        window.import_pack()  # started anyway (a shortcut, a script): refused with the reason

        assert asked == []
        assert [box.objectName() for box in shown] == ["pack-import-not-allowed"]
        assert "研修担当者または情報システム担当課にお問合せください" in shown[0].text()
    finally:
        stop(launched)


def test_c2_the_quizless_bundled_library_cannot_be_imported_from_the_menu(
        qtbot, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
        shown: list[QMessageBox]) -> None:
    pack = _quizless_pack(tmp_path)
    data = tmp_path / "data"
    launched = _launch(data, qtbot, Policy())  # no policy file: a trainer's PC, import allowed
    window, ctx = launched.window, launched.ctx
    try:
        assert window.menu_actions["import-pack"].isEnabled()
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(pack), "")))
        window.menu_actions["import-pack"].trigger()
        settle(qtbot, window)

        assert "取り込めませんでした" in shown[-1].text()
        bundled = load_library(paths.lessons_dir())
        reason = f"アプリに同梱の教材（版 {bundled.version}）と同じ ID のため取り込めません"
        assert reason in shown[-1].informativeText()  # in sight, not only under "details"
        assert reason in shown[-1].detailedText()
        assert snapshot(data / "libraries") == {}
        assert [lib.root for lib in ctx.libraries] == [paths.lessons_dir()]
        assert ctx.library.root == paths.lessons_dir()

        # the learner marks every lesson read: no lesson with a quiz is completed by that
        lessons = ctx.library.curriculum("staff")
        for lesson in lessons:
            window.open_lesson(lesson.id)
            if window.lesson_page.mark_read.isEnabled():
                window.lesson_page.mark_read.click()
        progress = ctx.store.progress_for("000123", ctx.library.id)
        with_quiz = [lesson for lesson in lessons if lesson.quiz is not None]
        assert len(with_quiz) >= 8
        assert all(progress[x.id].read_at is not None for x in lessons)  # all marked read
        assert all(progress[x.id].status is not Status.COMPLETED for x in with_quiz)
    finally:
        stop(launched)
    output = tmp_path / "summary.csv"
    exported = run_cli("export", "--db", data / "progress.db", "-o", output, "--scope",
                       "summary")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(output.open(encoding="utf-8-sig", newline="")))
    assert [(r["library_id"], r["status"] == "completed") for r in rows] == [
        ("lg-dx-literacy", False)]


def test_the_import_message_shows_a_packs_title_as_plain_text(
        qtbot, tmp_path: Path, shown: list[QMessageBox]) -> None:  # type: ignore[no-untyped-def]
    library = build_clean_library(tmp_path / "source")
    text = (library / "library.yaml").read_text(encoding="utf-8")
    (library / "library.yaml").write_text(
        text.replace("title: テスト研修", "title: '<img src=\"file:///etc/x.png\">太字'"),
        encoding="utf-8")
    pack = build_pack(library, tmp_path / "a.dxpack").output

    run_import(qtbot, pack, tmp_path / "libraries")

    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert '「<img src="file:///etc/x.png">太字」' in shown[0].text()


def test_leftovers_of_a_killed_import_are_removed_at_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    libraries = tmp_path / "data" / "libraries"
    (libraries / ".importing-0123abcd" / "test-lib" / "01-a").mkdir(parents=True)
    (libraries / ".test-lib.importing-89abcdef").mkdir()

    launched = _launch(tmp_path / "data", qtbot, Policy())
    try:
        assert sorted(p.name for p in libraries.iterdir()) == []
    finally:
        stop(launched)


def test_where_the_policy_allows_updates_a_newer_edition_replaces_the_bundled_library(
        qtbot, tmp_path: Path, use_policy, monkeypatch,  # type: ignore[no-untyped-def]
        shown: list[QMessageBox]) -> None:
    copy = shutil.copytree(paths.lessons_dir(), tmp_path / "edition")
    text = (copy / "library.yaml").read_text(encoding="utf-8")
    newer = load_library(copy).version + ".1"  # 2026.2 -> 2026.2.1: newer as dotted numbers
    (copy / "library.yaml").write_text(
        re.sub(r"(?m)^version: .*$", f'version: "{newer}"', text), encoding="utf-8")
    pack = build_pack(copy, tmp_path / "edition.dxpack").output
    policy = load_policy(use_policy("allow_pack_import = true\nallow_library_updates = true\n"))
    data = tmp_path / "data"
    launched = _launch(data, qtbot, policy)
    try:
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(pack), "")))
        launched.window.menu_actions["import-pack"].trigger()
        settle(qtbot, launched.window)
        assert "を取り込みました" in shown[-1].text()
        assert [(lib.id, lib.version) for lib in launched.ctx.libraries] == [
            ("lg-dx-literacy", newer)]
        assert launched.ctx.library.root == data / "libraries" / "lg-dx-literacy"
    finally:
        stop(launched)
