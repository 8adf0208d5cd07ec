"""Property: over any sequence of sessions, damage, clock jumps and exits without a backup, the
newest good learner data is never lost, and a clean exit leaves a self-contained file."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import ManualClock, learners_in

from dxlearn.store import StoreError, open_store
from dxlearn.store.backup import backup_name, list_backups, sequenced_backups
from dxlearn.store.engine import resolve_target

DAMAGE = ("truncate", "garbage", "schema_less", "delete", "inside", "truncate_keep_wal")


def _damage(db: Path, kind: str) -> None:
    sides = [db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal")]
    if kind != "truncate_keep_wal":
        for path in sides:
            path.unlink(missing_ok=True)
    if kind in ("truncate", "truncate_keep_wal"):
        db.write_bytes(b"")
    elif kind == "garbage":
        db.write_bytes(b"not a database at all " * 64)
    elif kind == "schema_less":
        db.unlink(missing_ok=True)
        connection = sqlite3.connect(db)
        connection.execute("PRAGMA user_version = 3")
        connection.close()
    elif kind == "delete":
        db.unlink(missing_ok=True)
    elif kind == "inside" and db.exists():
        data = bytearray(db.read_bytes())
        page = int.from_bytes(data[16:18], "big") or 4096
        for offset in range(page, len(data), 5):
            data[offset] = 0x5A
        db.write_bytes(bytes(data))


@dataclass
class Model:
    """What the database and its newest backup must hold (learners are only ever added)."""

    db: set[str] = field(default_factory=set)
    state: str = "none"  # "none" (no file yet), "good", "damaged" (or vanished)
    backed_up: set[str] | None = None  # the newest backup; None: no backup was ever written
    next_id: int = 1

    def opened(self) -> None:
        """A good file gets a start-up backup; a damaged or vanished one is replaced by the
        newest good backup, or by a new database when no backup was ever written."""
        if self.state == "good":
            self.backed_up = set(self.db)
        else:
            self.db = set(self.backed_up or ())
        self.state = "good"

    def closed(self, *, exit_backup: bool) -> None:
        if exit_backup:
            self.backed_up = set(self.db)


Step = tuple[str, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("session"), st.integers(0, 2)),  # learners registered
        st.tuples(st.just("no_exit_backup"), st.integers(0, 2)),
        st.tuples(st.just("clock"), st.integers(-400, 400)),  # days
        st.tuples(st.just("damage"), st.integers(0, len(DAMAGE) - 1)),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps, keep=st.integers(1, 3))
def test_the_newest_good_learner_data_is_never_lost(steps: list[Step], keep: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "data" / "progress.db"
        clock = ManualClock()
        model = Model()
        for action, value in steps:
            if action == "clock":
                clock.advance(days=value)
                continue
            if action == "damage":
                if model.state != "none" or model.backed_up is not None:
                    _damage(db, DAMAGE[value])
                    model.state = "damaged"
                continue
            opened = open_store(db, backup_keep=keep, clock=clock)
            model.opened()
            assert {x.staff_id for x in opened.store.list_learners()} == model.db
            for _ in range(value):
                staff_id = f"{model.next_id:05d}"
                model.next_id += 1
                opened.store.register_learner(staff_id, "n", "", "staff")
                model.db.add(staff_id)
            if action == "no_exit_backup":
                opened.store.backup_keep = 0  # as if the exit backup had failed
            opened.close()
            model.closed(exit_backup=action == "session")
            backups = list_backups(db)
            if model.backed_up is not None:
                assert backups and set(learners_in(backups[-1])) == model.backed_up
            assert len(backups) <= keep + 1  # +1: the newest holding learners may stay
            wal = db.with_name(db.name + "-wal")
            assert not wal.exists() or wal.stat().st_size == 0  # progress.db alone is complete
        opened = open_store(db, backup_keep=keep, clock=clock)
        model.opened()
        assert {x.staff_id for x in opened.store.list_learners()} == model.db
        opened.close()


# -- parsers: database values and backup names ---------------------------------------------------

url_like = st.one_of(
    st.text(max_size=40),
    st.builds(lambda scheme, rest: f"{scheme}://{rest}",
              st.sampled_from(["sqlite", "postgresql", "postgresql+psycopg", "bogus", "", "mysql",
                               "sqlite+pysqlite", "postgresql+asyncpg", "a b", "SQLITE"]),
              st.text(max_size=30)),
)


@settings(max_examples=300, deadline=None)
@given(value=url_like)
def test_any_database_value_is_a_target_or_a_store_error(value: str) -> None:
    """Whatever --db says, the answer is a target or a coded error, never a traceback."""
    try:
        target = resolve_target(value)
    except StoreError as error:
        assert error.code in {"bad_url", "unsupported_url"}
        assert error.message("ja") and error.message("en")
        return
    if target.path is not None:
        assert target.path.is_absolute()
    assert "secret" not in target.display or "secret" not in value.split("@")[0]


@settings(max_examples=100, deadline=None)
@given(
    sequences=st.lists(st.integers(1, 10**7), min_size=1, max_size=8, unique=True),
    offsets=st.lists(st.integers(-10**6, 10**6), min_size=8, max_size=8),
    junk=st.lists(st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n and "\0" not in n
                                                        and n not in (".", "..")), max_size=5),
)
def test_backup_names_order_by_sequence_whatever_the_clock_said(
    sequences: list[int], offsets: list[int], junk: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "progress.db"
        (Path(folder) / "backups").mkdir()
        base = datetime(2026, 12, 1, tzinfo=UTC)
        for sequence, offset in zip(sequences, offsets, strict=False):
            name = backup_name(db, sequence, base + timedelta(minutes=offset))
            (Path(folder) / "backups" / name).write_bytes(b"")
        for name in junk:
            with contextlib.suppress(OSError, ValueError):  # names the file system refuses
                (Path(folder) / "backups" / name).write_bytes(b"")
        assert [b.sequence for b in sequenced_backups(db)] == sorted(sequences)
