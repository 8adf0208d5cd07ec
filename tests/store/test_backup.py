"""Backups with the online API, rotation, integrity check and recovery from damage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from store_support import learners_in, make_db

from dxlearn.store import open_store


def backups(db: Path) -> list[Path]:
    return sorted((db.parent / "backups").glob("progress-*.db"))


def test_backups_at_start_and_exit_rotated_to_the_newest(db_path: Path) -> None:
    make_db(db_path, "001", keep=3)
    assert len(backups(db_path)) == 1  # the exit backup (a new database has none at start)
    names = []
    for _ in range(4):
        with open_store(db_path, backup_keep=3) as opened:
            assert opened.report.backup_path is not None
            names.append(opened.report.backup_path.name)
    kept = backups(db_path)
    assert len(kept) == 3
    assert [p.name for p in kept] == sorted(p.name for p in kept)  # sortable by time
    assert kept[-1].stat().st_mtime >= kept[0].stat().st_mtime
    assert names[-1] in {p.name for p in kept} and names[0] not in {p.name for p in kept}
    assert learners_in(kept[-1]) == ["001"]
    assert not list((db_path.parent / "backups").glob("*.partial"))


def test_backup_keep_zero_disables_backups(db_path: Path) -> None:
    make_db(db_path, "001", keep=0)
    with open_store(db_path, backup_keep=0) as opened:
        assert opened.report.backup_path is None
    assert backups(db_path) == []


def test_start_backup_includes_data_still_in_the_wal_after_a_crash(db_path: Path) -> None:
    """A file copy of progress.db alone would miss what is only in -wal; the backup API
    does not."""
    make_db(db_path, "001")
    code = (
        "import os, sys\n"
        "from dxlearn.store import open_store\n"
        "s = open_store(sys.argv[1]).store\n"
        "s.register_learner('002', 'n', '', 'staff')\n"
        "os._exit(0)\n"  # no close(): connections and WAL left as after a crash
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    assert Path(f"{db_path}-wal").stat().st_size > 0
    with open_store(db_path) as opened:
        start_backup = opened.report.backup_path
    assert start_backup is not None
    assert learners_in(start_backup) == ["001", "002"]


def _damage_with_garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database" * 100)


def _damage_inside(db: Path) -> None:
    """Keep a valid header but overwrite the table pages: quick_check (or reading) fails."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), 7):
        data[offset] = 0xA5
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_with_garbage, _damage_inside])
def test_damaged_database_is_moved_aside_and_newest_backup_restored(
    db_path: Path, damage: object
) -> None:
    make_db(db_path, "001")
    make_db(db_path, "002")  # newest backup (at exit) holds both learners
    newest = backups(db_path)[-1]
    damage(db_path)  # type: ignore[operator]
    damaged_bytes = db_path.read_bytes()
    with open_store(db_path) as opened:
        report = opened.report
        assert report.recovered and report.damage
        assert report.recovered_from == newest
        assert [x.staff_id for x in opened.store.list_learners()] == ["001", "002"]
    moved = report.damaged_moved_to[0]
    assert moved.name.startswith("progress.db.damaged-")
    assert moved.read_bytes() == damaged_bytes  # kept, never deleted


def test_damaged_database_with_wal_files_moves_them_together(db_path: Path) -> None:
    make_db(db_path, "001")
    _damage_with_garbage(db_path)
    Path(f"{db_path}-wal").write_bytes(b"w" * 64)
    Path(f"{db_path}-shm").write_bytes(b"s" * 64)
    with open_store(db_path) as opened:
        moved = opened.report.damaged_moved_to
    assert [p.name.rsplit("-", 1)[-1] for p in moved[1:]] == ["wal", "shm"]
    assert all(p.exists() for p in moved)
    assert moved[1].read_bytes() == b"w" * 64


def test_damaged_database_without_backup_starts_fresh_and_keeps_the_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    _damage_with_garbage(db_path)
    with open_store(db_path) as opened:
        assert opened.report.recovered and opened.report.recovered_from is None
        assert opened.store.list_learners() == []
        opened.store.register_learner("001", "n", "", "staff")  # a working database
    assert opened.report.damaged_moved_to[0].exists()


def test_a_damaged_newest_backup_is_skipped(db_path: Path) -> None:
    make_db(db_path, "001")
    make_db(db_path, "002")
    *_, older, newest = backups(db_path)
    newest.write_bytes(b"broken backup" * 50)
    _damage_with_garbage(db_path)
    with open_store(db_path) as opened:
        assert opened.report.recovered_from == older
        # ``older`` is the start-up backup of the second session: taken before "002" existed
        assert [x.staff_id for x in opened.store.list_learners()] == ["001"]
