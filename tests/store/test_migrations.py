"""Every earlier schema revision upgrades to the current one without losing data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from dxlearn.learning import Status
from dxlearn.store import StoreError, migrate, open_store
from dxlearn.store.engine import create_store_engine, resolve_target
from dxlearn.store.models import metadata

OPENED = "2026-04-01 00:30:00.000000"
READ = "2026-04-01 01:00:00.000000"
FINISHED = "2026-04-01 01:10:00.000000"


def _fill_0001(connection: Connection) -> None:
    """Data as a 0001 database held it (no settings, no last_position)."""
    run = connection.execute
    run(
        text(
            "INSERT INTO learners (id, staff_id, name, department, role, created_at, updated_at)"
            " VALUES (1, '00077', '鈴木 一郎', '税務課', 'staff', :t, :t)"
        ),
        {"t": OPENED},
    )
    run(
        text(
            "INSERT INTO lesson_progress (learner_id, library_id, lesson_id, version,"
            " first_opened_at, read_at, completed_at, completed_version, study_seconds,"
            " updated_at) VALUES (1, 'dx', 'intro', 3, :o, :r, :f, 3, 600, :f)"
        ),
        {"o": OPENED, "r": READ, "f": FINISHED},
    )
    run(
        text(
            "INSERT INTO quiz_attempts (id, learner_id, library_id, lesson_id, lesson_version,"
            " started_at, finished_at, score, passed, pass_score, question_count, choice_orders)"
            " VALUES (5, 1, 'dx', 'intro', 3, :r, :f, 100, 1, 80, 2, '[[1, 0], [0, 1, 2]]'),"
            " (6, 1, 'dx', 'intro', 3, :f, NULL, NULL, NULL, 80, 2, '[[0, 1], [2, 1, 0]]')"
        ),
        {"r": READ, "f": FINISHED},
    )
    run(
        text(
            "INSERT INTO attempt_answers (attempt_id, question_index, selected, correct,"
            " answered_at) VALUES (6, 0, '[1]', 1, :f)"
        ),
        {"f": FINISHED},
    )


def _fill_0002(connection: Connection) -> None:
    _fill_0001(connection)
    connection.execute(
        text(
            "INSERT INTO settings (scope, key, value, updated_at) VALUES ('app', 'theme', :v, :t)"
        ),
        {"v": '"dark"', "t": OPENED},
    )


def _fill_0004(connection: Connection) -> None:
    """0004 added the review queue and study days (tests/store/test_review_store.py covers
    their own upgrade); the data kept is the same."""
    _fill_0002(connection)


def _fill_0006(connection: Connection) -> None:
    """0006 keeps the question's id with each answer."""
    _fill_0004(connection)
    connection.execute(text("UPDATE attempt_answers SET question_id = 'q-intro-1'"))


# 0003 only added nullable columns (library versions): a 0002 filler fills it as well
FILLERS: dict[str, Callable[[Connection], None]] = {
    "0001": _fill_0001, "0002": _fill_0002, "0003": _fill_0002, "0004": _fill_0004,
    "0005": _fill_0004,  # 0005 adds keys, owners and tables: the 0004 data, as it was
    "0006": _fill_0006,
}
# the question id the filled answer has after opening: none before 0006 (it maps by position)
QUESTION_ID = {"0006": "q-intro-1"}
EARLIER = [rev for rev in migrate.revisions() if rev != migrate.HEAD]


def _database_at(path: Path, revision: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_store_engine(resolve_target(path), journal_mode="wal")
    try:
        migrate.upgrade(engine, revision)
        with engine.begin() as connection:
            FILLERS[revision](connection)
    finally:
        engine.dispose()


def _assert_data_kept(path: Path, question_id: str | None = None) -> None:
    with open_store(path) as opened:
        store = opened.store
        learner = store.get_learner("00077")
        assert learner is not None and learner.department == "税務課"
        assert learner.created_at == datetime(2026, 4, 1, 0, 30, tzinfo=UTC)
        progress = store.progress_for("00077", "dx")["intro"]
        assert progress.status is Status.COMPLETED
        assert progress.completed_at == datetime(2026, 4, 1, 1, 10, tzinfo=UTC)
        assert (progress.study_seconds, progress.best_score, progress.attempts) == (600, 100, 1)
        assert progress.last_position == 0.0  # new column, existing rows start at the top
        resumed = store.open_attempt("00077", "dx", "intro")
        assert resumed is not None and resumed.choice_orders == ((0, 1), (2, 1, 0))
        assert resumed.answers[0].selected == (1,)
        assert resumed.answers[0].question_id == question_id
        store.set_setting("app", "font_size", 14)  # the newest tables work
        assert store.get_setting("app", "font_size") == 14


def test_head_constant_matches_the_migration_scripts() -> None:
    assert migrate.script_head() == migrate.HEAD
    assert migrate.revisions()[0] == "0001" and len(migrate.revisions()) >= 2
    assert set(FILLERS) == set(migrate.revisions())  # a new revision needs a filler here


@pytest.mark.parametrize("revision", EARLIER)
def test_every_earlier_revision_upgrades_with_its_data(tmp_path: Path, revision: str) -> None:
    db = tmp_path / "progress.db"
    _database_at(db, revision)
    with open_store(db) as opened:
        report = opened.report
        assert (report.revision_before, report.revision, report.migrated) == (
            revision,
            migrate.HEAD,
            True,
        )
        backup = report.backup_path
    assert backup is not None  # taken BEFORE the migration: it still has the old revision
    old = sqlite3.connect(backup).execute("SELECT version_num FROM alembic_version").fetchone()
    assert old == (revision,)
    _assert_data_kept(db)


def test_head_database_is_filled_and_reopened_without_migration(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    _database_at(db, migrate.HEAD)
    with open_store(db) as opened:
        assert not opened.report.migrated
    _assert_data_kept(db, QUESTION_ID.get(migrate.HEAD))


@pytest.mark.parametrize("revision", migrate.revisions())
def test_database_without_alembic_version_is_stamped_and_upgraded(
    tmp_path: Path, revision: str
) -> None:
    db = tmp_path / "progress.db"
    _database_at(db, revision)
    connection = sqlite3.connect(db)
    connection.execute("DROP TABLE alembic_version")
    connection.commit()
    connection.close()
    with open_store(db) as opened:
        assert opened.report.stamped_unversioned
        assert opened.report.revision_before == revision
    _assert_data_kept(db, QUESTION_ID.get(revision))


def test_migrations_create_exactly_the_models_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = tmp_path / "progress.db"
    open_store(db).close()
    engine = create_store_engine(resolve_target(db), journal_mode="wal")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_database_from_a_newer_app_is_refused_not_damaged(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    open_store(db).close()
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError) as raised:
        open_store(db)
    assert (raised.value.code, raised.value.path) == ("too_new", str(db))
    connection = sqlite3.connect(db)  # untouched: once the app is updated it opens again
    connection.execute("UPDATE alembic_version SET version_num = :v", {"v": migrate.HEAD})
    connection.commit()
    connection.close()
    with open_store(db) as opened:  # and the instance lock was released by the failed open
        assert not opened.report.read_only


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (OSError(28, "No space left on device"), "disk_full"),  # the learner can act on it
        (OSError(5, "Input/output error"), "backup_failed"),
    ],
)
def test_a_failed_backup_stops_a_pending_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, code: str
) -> None:
    import dxlearn.store.opening as opening

    def failing(*_args: object, **_kw: object) -> None:
        raise error

    db = tmp_path / "progress.db"
    _database_at(db, "0001")
    monkeypatch.setattr(opening, "make_backup", failing)
    with pytest.raises(StoreError) as raised:
        open_store(db)
    assert (raised.value.code, raised.value.path) == (code, str(db))
    version = sqlite3.connect(db).execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == ("0001",)  # not migrated without a backup
    monkeypatch.undo()
    _assert_data_kept(db)


def test_a_failed_backup_without_pending_migration_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dxlearn.store.opening as opening

    def full_disk(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    db = tmp_path / "progress.db"
    _database_at(db, migrate.HEAD)
    monkeypatch.setattr(opening, "make_backup", full_disk)
    with open_store(db) as opened:
        assert opened.report.backup_error is not None and opened.report.backup_path is None
        assert opened.store.get_learner("00077") is not None
