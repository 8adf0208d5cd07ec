"""Records stay with the right learner and the right rules, whatever the learner does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QPushButton, QTextBrowser

from dxlearn.content.loader import load_library
from dxlearn.gui import links
from dxlearn.gui.profile_dialog import ProfileDialog
from dxlearn.learning.profile import Profile
from dxlearn.store import StoreError

from .conftest import find, stop
from .test_journey import correct_positions

LEFT = Qt.MouseButton.LeftButton


def test_switching_learner_keeps_study_time_with_the_learner_who_studied(
    qtbot, start_app, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    window, store = launched.window, launched.ctx.store
    window.open_lesson("reading")
    window.lesson_page._pending_seconds = 12
    monkeypatch.setattr(ProfileDialog, "ask", classmethod(
        lambda cls, *a, **k: Profile("B002", "鈴木 次郎", "税務課", "staff")))
    window.learner_switch_requested.emit()

    assert launched.ctx.learner.staff_id == "B002"
    assert store.lesson_progress("012345", "test-lib", "reading").study_seconds == 12
    assert store.progress_for("B002", "test-lib") == {}


def test_result_page_reports_the_pass_score_the_attempt_was_started_with(
    qtbot, start_app, library_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), LEFT)
    for position in correct_positions(window, 0):
        qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{position}"), LEFT)
    qtbot.mouseClick(find(window, QPushButton, "quiz-submit"), LEFT)
    stop(launched)

    quiz_md = library_dir / "01-basics" / "01-intro" / "quiz.md"
    quiz_md.write_text(quiz_md.read_text(encoding="utf-8").replace("pass_score: 100",
                                                                   "pass_score: 50"),
                       encoding="utf-8")
    again = start_app(register=None)
    window = again.window
    assert again.ctx.library.lesson("intro").quiz.pass_score == 50
    window.open_lesson("intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), LEFT)
    wrong = next(p for p in range(3) if p not in correct_positions(window, 1))
    qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{wrong}"), LEFT)
    qtbot.mouseClick(find(window, QPushButton, "quiz-submit"), LEFT)
    qtbot.mouseClick(find(window, QPushButton, "quiz-next"), LEFT)

    assert "50" in find(window, QLabel, "quiz-score").text()
    assert "不合格" in window.quiz_page.verdict.text()  # as recorded: 50 < 100 at the start
    assert "100" in window.quiz_page.verdict.text()
    attempt = again.ctx.store.attempts_for("012345", "test-lib", "intro")[-1]
    assert attempt.passed is False


def test_a_link_to_a_program_is_a_lint_error_and_is_never_opened(
    qtbot, start_app, library_dir: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    lesson = library_dir / "01-basics" / "02-reading"
    (lesson / "tool.bat").write_text("@echo off\n", encoding="utf-8")
    (lesson / "handout.pdf").write_bytes(b"%PDF-1.4\n")
    text = (lesson / "lesson.md").read_text(encoding="utf-8")
    (lesson / "lesson.md").write_text(text + "\n\n[道具](tool.bat) [資料](handout.pdf)\n",
                                      encoding="utf-8")
    library = load_library(library_dir)
    findings = [str(f) for f in library.lesson("reading").findings]
    assert any("tool.bat" in f and "only lessons and documents" in f for f in findings)
    assert not any("handout.pdf" in f for f in findings)

    opened: list[QUrl] = []
    monkeypatch.setattr(links.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    view = find(window, QTextBrowser, "lesson-view")
    view.anchorClicked.emit(QUrl.fromLocalFile(str(lesson / "tool.bat")))
    assert opened == []
    view.anchorClicked.emit(QUrl.fromLocalFile(str(lesson / "handout.pdf")))
    assert [u.toLocalFile() for u in opened] == [str(lesson / "handout.pdf")]


def test_study_time_survives_a_full_disk_and_is_recorded_later(
    qtbot, start_app, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    launched = start_app()
    window, store = launched.window, launched.ctx.store
    window.open_lesson("reading")
    real = store.add_study_seconds
    failing = {"on": True}

    def flaky(*args):  # type: ignore[no-untyped-def]
        if failing["on"]:
            raise StoreError("disk_full", "progress.db")
        return real(*args)

    monkeypatch.setattr(store, "add_study_seconds", flaky)
    window.lesson_page.study_seconds_elapsed.emit("reading", 15)
    assert "ディスク" in window.statusBar().currentMessage()
    failing["on"] = False
    window.lesson_page.study_seconds_elapsed.emit("reading", 15)
    assert store.lesson_progress("012345", "test-lib", "reading").study_seconds == 30


def test_a_second_window_never_writes(qtbot, start_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = start_app()
    second = start_app(register=None)
    assert second.ctx.read_only and second.ctx.report.second_instance
    assert "既に起動" in second.window.banner.text()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: told.append(text) or 0)
    monkeypatch.setattr(ProfileDialog, "ask", classmethod(
        lambda cls, *a, **k: Profile("C003", "新 規", "企画課", "staff")))
    second.window.learner_switch_requested.emit()
    assert told and "登録できません" in told[0]
    second.window.profile_edit_requested.emit()
    assert "変更できません" in second.window.statusBar().currentMessage()
    assert first.ctx.store.get_learner("C003") is None


def test_a_damaged_database_is_restored_and_the_learner_is_told_where_the_damaged_file_is(
    qtbot, start_app, data_dir: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    first = start_app()
    first.window.open_lesson("reading")
    first.window.lesson_page.mark_read.click()
    stop(first)  # a clean exit writes a backup
    database = data_dir / "progress.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"this is not a database" * 100)  # the PC was switched off badly

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: told.append(text) or 0)
    again = start_app(register=None)
    assert again.ctx.report.recovered and again.ctx.report.recovered_from is not None
    assert len(told) == 1 and "バックアップ" in told[0]
    moved = again.ctx.report.damaged_moved_to[0]
    assert str(moved) in told[0] and moved.read_bytes().startswith(b"this is not")
    # nothing already stored was lost: the learner and the completion came back
    assert again.ctx.learner.staff_id == "012345"
    record = again.ctx.store.lesson_progress("012345", "test-lib", "reading")
    assert record.status.value == "completed"
