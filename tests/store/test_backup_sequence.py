"""Backups are ordered by a sequence, never by the clock: names, rotation, old names, leftovers."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_support import ManualClock, integrity, learners_in, make_db

from dxlearn.store import open_store
from dxlearn.store.backup import list_backups

NAME = re.compile(r"progress-(\d{6})-(\d{8})-(\d{6})\.db")


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def sequences(db: Path) -> list[int]:
    return [int(NAME.fullmatch(p.name).group(1)) for p in list_backups(db)]  # type: ignore[union-attr]


def test_c3_backups_written_while_the_clock_was_ahead_never_outrank_new_ones(
    db_path: Path,
) -> None:
    """The finding's reproduction: the earlier version wrote backups while the clock was a
    year ahead; after the clock was put right every new backup sorted before them and was
    deleted at once (close() reported a deleted path), so later damage restored stale data."""
    make_db(db_path, "001", keep=3)
    folder = db_path.parent / "backups"
    for name in ("progress-20991230T000000000000Z.db", "progress-20991231T000000000000Z.db"):
        shutil.copy(list_backups(db_path)[-1], folder / name)
    for number in range(2, 6):
        opened = open_store(db_path, backup_keep=3)
        opened.store.register_learner(f"00{number}", "n", "", "staff")
        written = opened.close()
        assert written is not None and written.exists()
        assert list_backups(db_path)[-1] == written
    assert learners_in(list_backups(db_path)[-1]) == ["001", "002", "003", "004", "005"]
    db_path.write_bytes(b"damaged" * 100)
    with open_store(db_path, backup_keep=3) as opened:
        assert len(opened.store.list_learners()) == 5  # the newest learner is not lost


def test_the_store_clock_going_backwards_never_deletes_the_newest_backup(db_path: Path) -> None:
    clock = ManualClock()
    make_db(db_path, "001", keep=3, clock=clock)
    for number in range(2, 9):
        clock.advance(days=-1)  # someone keeps setting the clock back
        opened = open_store(db_path, backup_keep=3, clock=clock)
        opened.store.register_learner(f"00{number}", "n", "", "staff")
        exit_backup = opened.close()
        assert exit_backup is not None and exit_backup.exists()
    newest = list_backups(db_path)[-1]
    assert len(list_backups(db_path)) == 3
    assert learners_in(newest) == [f"00{n}" for n in range(1, 9)]  # the newest learner is in it
    assert sequences(db_path) == sorted(sequences(db_path))


def test_close_returns_the_backup_it_wrote_and_it_exists(db_path: Path) -> None:
    clock = ManualClock()
    make_db(db_path, "001", keep=2, clock=clock)
    opened = open_store(db_path, backup_keep=2, clock=clock)
    opened.store.register_learner("002", "n", "", "staff")
    clock.advance(hours=-5)
    written = opened.close()
    assert written is not None and written.exists() and written == list_backups(db_path)[-1]
    assert learners_in(written) == ["001", "002"]


def test_names_carry_a_sequence_and_the_local_date_and_time(db_path: Path, tokyo: None) -> None:
    clock = ManualClock(datetime(2026, 12, 1, 7, 37, 40, tzinfo=UTC))  # 16:37:40 in Tokyo
    make_db(db_path, "001", clock=clock)
    clock.advance(seconds=1)
    open_store(db_path, clock=clock).close()
    names = [p.name for p in list_backups(db_path)]
    assert names == [
        "progress-000001-20261201-163740.db",  # exit backup of the first session
        "progress-000002-20261201-163741.db",  # start-up backup of the second
        "progress-000003-20261201-163741.db",  # same second: the sequence tells them apart
    ]


def test_backups_with_the_earlier_utc_names_join_the_sequence_in_their_order(
    db_path: Path, tokyo: None
) -> None:
    make_db(db_path, "001", keep=0)
    folder = db_path.parent / "backups"
    folder.mkdir()
    legacy = [  # as the earlier version wrote them; "-1Z" is the second one of that second
        "progress-20261130T230000000000Z.db",
        "progress-20261201T073740123456Z.db",
        "progress-20261201T073740123456-1Z.db",
    ]
    for number, name in enumerate(legacy):
        shutil.copy(db_path, folder / name)
        with open(folder / name, "ab") as handle:  # tell the copies apart (after the pages)
            handle.write(bytes([number]))
    sources = {name: (folder / name).read_bytes() for name in legacy}
    written = open_store(db_path, backup_keep=7).close()
    names = [p.name for p in list_backups(db_path)]
    assert names[:3] == [
        "progress-000001-20261201-080000.db",  # local time (UTC+9) of the old UTC stamp
        "progress-000002-20261201-163740.db",
        "progress-000003-20261201-163740.db",
    ]
    assert [(folder / n).read_bytes() for n in names[:3]] == [sources[n] for n in legacy]
    assert written is not None and written.name == names[-1] and sequences(db_path)[-1] == 5
    assert not list(folder.glob("*Z.db"))


def test_a_backup_of_an_empty_database_never_pushes_out_the_only_backup_with_learners(
    db_path: Path, tmp_path: Path
) -> None:
    make_db(db_path, "001", keep=2)
    with_learners = list_backups(db_path)[-1]
    empty = tmp_path / "other" / "progress.db"
    open_store(empty, backup_keep=0).close()
    shutil.copy(empty, db_path)  # e.g. a database someone replaced by an empty one
    for _ in range(6):
        open_store(db_path, backup_keep=2).close()
    kept = list_backups(db_path)
    assert with_learners in kept  # kept beyond backup_keep: the newest holding learners
    assert len(kept) == 3 and [learners_in(p) for p in kept[1:]] == [[], []]


def test_leftovers_of_killed_backups_are_cleaned_and_backups_stay_good(db_path: Path) -> None:
    make_db(db_path, "001")
    folder = db_path.parent / "backups"
    good = list_backups(db_path)[-1]
    leftovers = [
        folder / "progress-000009-20261201-010101.db.partial",
        folder / "progress-000009-20261201-010101.db.partial-journal",
        folder / "progress-000009-20261201-010101.db.partial-wal",
        folder / "progress-000009-20261201-010101.db.partial-shm",
        folder / "progress-000004-20261201-010101.db-wal",  # its backup is gone
        folder / "progress-000004-20261201-010101.db-shm",
        db_path.with_name("progress.db.partial"),  # a killed restore
    ]
    for path in leftovers:
        path.write_bytes(b"x" * 100)
    (folder / (good.name + "-journal")).write_bytes(b"")  # left by a tool that opened it
    open_store(db_path).close()
    assert not [p for p in leftovers if p.exists()]
    assert not list(folder.glob("*-journal")) and not list(folder.glob("*-wal"))
    assert all(learners_in(p) == ["001"] for p in list_backups(db_path))
    assert all(integrity(p) == "ok" for p in list_backups(db_path))
