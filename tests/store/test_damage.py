"""Damage is never a fresh database: an empty, table-less, vanished or foreign file, a folder or
a device where the database should be. Each is either damage (kept aside with its -wal/-shm,
the newest good backup restored, the report says so) or a refusal that changes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import learners_in, make_db, set_revision

from dxlearn.store import StoreError, open_store
from dxlearn.store.backup import list_backups


def side(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def remove_sides(db: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side(db, suffix).unlink(missing_ok=True)


def test_c1_a_truncated_database_is_restored_and_backups_keep_their_learners(
    db_path: Path,
) -> None:
    """The finding's reproduction: 3 sessions, ``: > progress.db``, 5 sessions."""
    make_db(db_path, "001")
    for _ in range(3):
        open_store(db_path).close()
    db_path.write_bytes(b"")
    remove_sides(db_path)
    with open_store(db_path) as opened:
        report = opened.report
        assert report.recovered and not report.created
        assert report.damage == "the file is empty (0 bytes)"
        assert report.recovered_from is not None
        assert [x.staff_id for x in opened.store.list_learners()] == ["001"]
    assert report.damaged_moved_to[0].name.startswith("progress.db.damaged-")
    assert report.damaged_moved_to[0].stat().st_size == 0  # kept, not deleted
    for _ in range(5):
        with open_store(db_path) as opened:
            assert not opened.report.recovered and not opened.report.created
    assert [learners_in(b) for b in list_backups(db_path)] == [["001"]] * 7


def test_an_empty_file_with_a_wal_beside_it_is_kept_aside_even_without_backups(
    db_path: Path,
) -> None:
    """SQLite deletes the -wal of a 0-byte database when it opens it: the -wal may hold every
    record, so it is moved aside with the empty file before anything opens it."""
    make_db(db_path, "001", keep=0)
    code = (
        "import os, sys\n"
        "from dxlearn.store import open_store\n"
        "s = open_store(sys.argv[1], backup_keep=0).store\n"
        "s.register_learner('002', 'n', '', 'staff')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    wal = side(db_path, "-wal").read_bytes()
    assert wal
    db_path.write_bytes(b"")
    with open_store(db_path, backup_keep=0) as opened:
        report = opened.report
        assert report.recovered and report.recovered_from is None and report.created
        assert opened.store.list_learners() == []
    moved = {p.name.rsplit("-", 1)[-1]: p for p in report.damaged_moved_to[1:]}
    assert moved["wal"].read_bytes() == wal


def test_an_empty_file_is_a_new_database_only_when_no_backup_ever_existed(
    db_path: Path,
) -> None:
    """A first start stopped before the schema was written leaves 0 bytes: that is new."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with open_store(db_path) as opened:
        report = opened.report
        assert report.created and not report.recovered and report.damaged_moved_to == ()
        opened.store.register_learner("001", "n", "", "staff")
    assert learners_in(db_path) == ["001"]


def _schema_less(db: Path) -> None:
    db.unlink(missing_ok=True)
    remove_sides(db)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version = 7")  # writes a header, creates no table
    connection.close()


def test_a_schema_less_database_with_backups_is_damage_and_restored(db_path: Path) -> None:
    make_db(db_path, "001")
    make_db(db_path, "002")
    _schema_less(db_path)
    with open_store(db_path) as opened:
        assert opened.report.recovered and opened.report.damage == "a database without tables"
        assert [x.staff_id for x in opened.store.list_learners()] == ["001", "002"]
    moved = opened.report.damaged_moved_to[0]
    assert sqlite3.connect(moved).execute("PRAGMA user_version").fetchone() == (7,)


def test_a_schema_less_database_without_any_backup_becomes_the_new_database(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    _schema_less(db_path)
    with open_store(db_path) as opened:
        assert opened.report.created and not opened.report.recovered


def test_a_vanished_database_is_restored_from_its_backups(db_path: Path) -> None:
    """A restore killed after the damaged file was moved aside, or a file deleted by hand:
    with backups there, a silently empty database would hide every record."""
    make_db(db_path, "001")
    db_path.unlink()
    remove_sides(db_path)
    with open_store(db_path) as opened:
        assert opened.report.recovered and opened.report.recovered_from is not None
        assert [x.staff_id for x in opened.store.list_learners()] == ["001"]


def test_the_newest_good_backup_with_learners_is_preferred_to_a_newer_empty_one(
    db_path: Path, tmp_path: Path
) -> None:
    make_db(db_path, "001")
    empty = tmp_path / "elsewhere" / "progress.db"
    open_store(empty, backup_keep=0).close()
    newest = list_backups(db_path)[-1]
    (newest.parent / newest.name.replace("-000001-", "-000002-")).write_bytes(empty.read_bytes())
    db_path.write_bytes(b"garbage" * 100)
    with open_store(db_path) as opened:
        assert opened.report.recovered_from == newest
        assert [x.staff_id for x in opened.store.list_learners()] == ["001"]


# -- refusals: nothing is changed -----------------------------------------------------------------


def _foreign(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO customers (name) VALUES ('佐藤')")
    connection.commit()
    connection.close()


def _foreign_learners(db: Path) -> None:
    """Another application with a table called learners (but not dxlearn's schema)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()


def _foreign_marked(db: Path) -> None:
    """No table yet, but another application's application_id in the header."""
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA application_id = 1598903374")
    connection.close()


@pytest.mark.parametrize("make", [_foreign, _foreign_learners, _foreign_marked])
@pytest.mark.parametrize("with_backups", [False, True])
def test_another_applications_database_is_refused_and_left_unchanged(
    db_path: Path, make: object, with_backups: bool
) -> None:
    if with_backups:
        make_db(db_path, "001")
        db_path.unlink()
        remove_sides(db_path)
    make(db_path)  # type: ignore[operator]
    before = db_path.read_bytes()
    backups_before = list_backups(db_path)
    with pytest.raises(StoreError) as raised:
        open_store(db_path)
    assert (raised.value.code, raised.value.path) == ("foreign_database", str(db_path))
    assert "dxlearn のものではありません" in raised.value.message("ja")
    assert db_path.read_bytes() == before  # no dxlearn table added, nothing moved
    assert not list(db_path.parent.glob("*.damaged-*"))
    assert list_backups(db_path) == backups_before
    with pytest.raises(StoreError):  # the instance lock was released: the same answer again
        open_store(db_path)


def test_a_folder_where_the_database_should_be_is_refused(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    (db_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        open_store(db_path)
    assert (raised.value.code, raised.value.path) == ("not_a_file", str(db_path))
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["progress.db"]  # no lock file
    assert [p.name for p in db_path.iterdir()] == ["keep.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "progress.db"
    os.mkfifo(fifo)
    code = (
        "import sys\nfrom dxlearn.store import StoreError, open_store\n"
        "try:\n    open_store(sys.argv[1])\nexcept StoreError as e:\n    print(e.code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "not_a_file", result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_and_nothing_is_created_beside_it() -> None:
    with pytest.raises(StoreError) as raised:
        open_store("/dev/zero")
    assert (raised.value.code, raised.value.path) == ("not_a_file", "/dev/zero")
    assert not Path("/dev/zero.lock").exists()
    assert not Path("/dev/backups").exists()


def test_a_read_only_open_of_a_foreign_or_empty_file_says_what_it_is(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    _foreign(foreign)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for path, code in ((foreign, "foreign_database"), (empty, "not_dxlearn")):
        with pytest.raises(StoreError) as raised:
            open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
        assert (raised.value.code, raised.value.path) == (code, str(path))
    assert empty.read_bytes() == b""


def test_a_read_only_open_of_a_future_schema_says_newer_version(db_path: Path) -> None:
    make_db(db_path, "001")
    set_revision(db_path, "0099")
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    assert raised.value.code == "too_new"
    assert "新しい版" in raised.value.message("ja")
