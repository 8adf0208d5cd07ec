"""Records keep the library version they were earned on (revision 0003).

A 0002 database (no library versions) upgrades in place: its records keep NULL (the version was
never recorded), new study records the version, and a completion keeps the version it was
earned on even after the library is updated.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text
from store_support import ManualClock

from dxlearn.store import migrate, open_store
from dxlearn.store.engine import create_store_engine, resolve_target

OPENED = "2026-04-01 00:30:00.000000"
DONE = "2026-04-01 01:10:00.000000"


def _database_0002(path: Path) -> None:
    engine = create_store_engine(resolve_target(path), journal_mode="wal")
    try:
        migrate.upgrade(engine, "0002")
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO learners (id, staff_id, name, department, role, created_at,"
                " updated_at) VALUES (1, '00077', '鈴木 一郎', '税務課', 'staff', :t, :t)"),
                {"t": OPENED})
            connection.execute(text(
                "INSERT INTO lesson_progress (learner_id, library_id, lesson_id, version,"
                " first_opened_at, read_at, completed_at, completed_version, study_seconds,"
                " updated_at, last_position) VALUES (1, 'dx', 'intro', 3, :o, :o, :d, 3, 600,"
                " :d, 0)"), {"o": OPENED, "d": DONE})
    finally:
        engine.dispose()


def test_a_0002_database_upgrades_and_records_library_versions_from_then_on(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress.db"
    _database_0002(db)
    clock = ManualClock()
    with open_store(db, clock=clock, backup_keep=0) as opened:
        assert (opened.report.revision_before, opened.report.revision) == ("0002", migrate.HEAD)
        store = opened.store
        old = store.progress_for("00077", "dx")["intro"]
        assert old.status.value == "completed"
        assert (old.library_version, old.completed_library_version) == (None, None)
        # a lesson without a quiz, studied on 2026.1 and completed there
        store.open_lesson("00077", "dx", "rules", version=1, library_version="2026.1")
        done = store.mark_read("00077", "dx", "rules", version=1, has_quiz=False,
                               library_version="2026.1")
        assert (done.library_version, done.completed_library_version) == ("2026.1", "2026.1")
        # the library is updated to 2026.2: studying again changes the version studied, never
        # the one the 修了 was earned on
        again = store.open_lesson("00077", "dx", "rules", version=2, library_version="2026.2")
        assert (again.library_version, again.completed_library_version) == ("2026.2", "2026.1")
        # a quiz lesson: opened on 2026.2, the attempt takes the version the lesson was opened
        # on when the caller does not name it, and the completion the attempt's
        store.open_lesson("00077", "dx", "quiz", version=1, library_version="2026.2")
        store.mark_read("00077", "dx", "quiz", version=1, has_quiz=True)
        state = store.start_attempt("00077", "dx", "quiz", lesson_version=1, pass_score=80,
                                    choice_orders=[[0, 1]])
        assert state.attempt.library_version == "2026.2"
        clock.advance(minutes=1)
        finished = store.finish_attempt(state.attempt_id, 100)
        assert finished.completed_now
        assert finished.lesson.completed_library_version == "2026.2"
    rows = sqlite3.connect(db).execute(
        "SELECT lesson_id, library_version, completed_library_version FROM lesson_progress "
        "ORDER BY lesson_id").fetchall()
    assert rows == [("intro", None, None), ("quiz", "2026.2", "2026.2"),
                    ("rules", "2026.2", "2026.1")]
    attempts = sqlite3.connect(db).execute("SELECT library_version FROM quiz_attempts").fetchall()
    assert attempts == [("2026.2",)]
