"""Power cuts, read-only folders and full disks: clear errors, nothing already stored lost."""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from store_support import integrity

from dxlearn.store import StoreError, open_store
from dxlearn.store.engine import error_code

CHILD = Path(__file__).with_name("store_child.py")
KILLS = 36


def _run_and_kill(db: Path, rng: random.Random) -> list[str]:
    """Start a child recording answers, SIGKILL it at a random moment, return its acks."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), "answers", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    first_ack = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            first_ack.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.25:  # sometimes during start-up: import, recovery, backup, migration
        time.sleep(rng.uniform(0.0, 0.5))
    else:  # mostly while answers are being committed
        first_ack.wait(timeout=20)
        time.sleep(rng.uniform(0.0, 0.25))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=20)
    reader.join(timeout=20)
    return lines


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_answer(db_path: Path) -> None:
    with open_store(db_path) as opened:
        opened.store.register_learner("00001", "n", "", "staff")
    rng = random.Random(20261127)
    answers: dict[tuple[int, int], tuple[int, ...]] = {}
    attempts: set[int] = set()
    seconds = 0
    started = time.monotonic()
    for _ in range(KILLS):
        for line in _run_and_kill(db_path, rng):
            kind, *fields = line.split()
            if kind == "att":
                attempts.add(int(fields[0]))
            elif kind == "ans":
                answers[(int(fields[0]), int(fields[1]))] = tuple(map(int, fields[2].split(",")))
            elif kind == "sec":
                seconds += 1
    elapsed = time.monotonic() - started
    assert answers, "no answer was acknowledged: the kills came too early to test anything"
    assert integrity(db_path) == "ok"
    assert not list(db_path.parent.glob("*.damaged-*"))  # a kill never needs a recovery
    with open_store(db_path) as opened:
        store = opened.store
        for attempt in attempts:
            stored = {a.question_index: a.selected for a in store.attempt_state(attempt).answers}
            acked = {q: sel for (a, q), sel in answers.items() if a == attempt}
            missing = {q for q in acked if stored.get(q) != acked[q]}
            assert not missing, f"attempt {attempt}: acknowledged answers lost: {missing}"
            # at most the one in-flight answer may be stored without its acknowledgement
            assert len(stored) - len(acked) in (0, 1)
        recorded = store.lesson_progress("00001", "dx", "fault").study_seconds
        assert seconds <= recorded <= seconds + KILLS
    print(f"{KILLS} kills, {len(answers)} acknowledged answers, {elapsed:.1f}s")


# -- read-only data folder -----------------------------------------------------------------------


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make ``folder`` and its files unwritable. chmod does not stop root, so as root the
    immutable attribute (chattr +i, which binds root too) is used instead."""
    files = [p for p in folder.rglob("*")] + [folder]
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in files}
        for p in files:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root and chattr is unavailable: cannot make a folder read-only")
    done: list[Path] = []
    try:
        for p in files:
            result = subprocess.run([chattr, "+i", str(p)], capture_output=True, text=True)
            if result.returncode != 0:
                pytest.skip(f"running as root and chattr +i failed: {result.stderr.strip()}")
            done.append(p)
        yield
    finally:
        for p in reversed(done):
            subprocess.run([chattr, "-i", str(p)], check=False)


def test_read_only_folder_opens_read_only_with_a_clear_code(db_path: Path) -> None:
    with open_store(db_path) as opened:
        opened.store.register_learner("00123", "n", "", "staff")
        opened.store.set_setting("app", "theme", "dark")
    with read_only_folder(db_path.parent), open_store(db_path) as opened:
        assert opened.report.read_only_reason == "data_dir_read_only"
        assert [x.staff_id for x in opened.store.list_learners()] == ["00123"]
        with pytest.raises(StoreError) as raised:
            opened.store.register_learner("00456", "n", "", "staff")
        assert (raised.value.code, raised.value.path) == ("data_dir_read_only", str(db_path))
        assert "書き込めません" in raised.value.message("ja")
    with open_store(db_path) as opened:  # nothing lost, writable again
        assert opened.store.get_setting("app", "theme") == "dark"
        opened.store.register_learner("00456", "n", "", "staff")


def test_read_only_folder_without_a_database_refuses_to_open(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only_folder(folder), pytest.raises(StoreError) as raised:
        open_store(folder / "progress.db")
    assert (raised.value.code, raised.value.path) == ("data_dir_read_only", str(folder))


def test_read_only_uri_reports_database_read_only_and_keeps_data(db_path: Path) -> None:
    with open_store(db_path) as opened:
        opened.store.register_learner("00123", "n", "", "staff")
    url = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    with open_store(url) as opened:
        assert opened.report.read_only_reason == "database_read_only"
        with pytest.raises(StoreError) as raised:
            opened.store.open_lesson("00123", "dx", "l1", version=1)
        assert raised.value.code == "database_read_only"
        assert raised.value.path == str(db_path)
    assert integrity(db_path) == "ok"


# -- full disk -----------------------------------------------------------------------------------


def test_full_disk_raises_disk_full_and_keeps_what_was_stored(db_path: Path) -> None:
    opened = open_store(db_path)
    store = opened.store
    store.register_learner("00123", "n", "", "staff")
    attempt = store.start_attempt(
        "00123", "dx", "l1", lesson_version=1, pass_score=80, choice_orders=[[0, 1]] * 500
    ).attempt_id

    def cap_pages(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        count = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={count + 2}")  # SQLite then says SQLITE_FULL
        cursor.close()

    store.engine.dispose()
    event.listen(store.engine, "connect", cap_pages)
    big = list(range(2000))  # a large answer fills pages quickly
    stored: list[int] = []
    with pytest.raises(StoreError) as raised:
        for question in range(500):
            store.record_answer(attempt, question, big, False)
            stored.append(question)
    assert (raised.value.code, raised.value.path) == ("disk_full", str(db_path))
    assert "空き容量" in raised.value.message("ja")
    failed = len(stored)
    event.remove(store.engine, "connect", cap_pages)
    store.engine.dispose()  # "space freed": new connections without the cap
    state = store.attempt_state(attempt)
    assert [a.question_index for a in state.answers] == stored  # all before, not the failed one
    store.record_answer(attempt, failed, [1], True)  # works again
    opened.close()
    assert integrity(db_path) == "ok"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (OSError(errno.EROFS, "Read-only file system"), "data_dir_read_only"),
        (OSError(errno.EACCES, "Permission denied"), "data_dir_read_only"),
        (OSError(errno.EIO, "Input/output error"), "io_error"),
        (sqlite3.OperationalError("database is locked"), "database_locked"),
        (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
    ],
)
def test_os_and_sqlite_errors_map_to_codes(error: BaseException, code: str) -> None:
    assert error_code(error) == code


# -- a clean exit leaves a self-contained file -----------------------------------------------------


def _crash_after_registering(db: Path, count: int) -> None:
    code = (
        "import os, sys\n"
        "from dxlearn.store import open_store\n"
        "s = open_store(sys.argv[1]).store\n"
        "for i in range(int(sys.argv[2])):\n"
        "    s.register_learner(f'{i:05d}', 'n', '', 'staff')\n"
        "os._exit(0)\n"  # no close(): the records are in the -wal only
    )
    subprocess.run([sys.executable, "-c", code, str(db), str(count)], check=True)


def test_after_a_crash_a_clean_restart_and_exit_leaves_no_wal_and_the_file_alone_is_complete(
    db_path: Path, tmp_path: Path
) -> None:
    """M17: IT or HR copying progress.db alone must get every record."""
    _crash_after_registering(db_path, 300)
    wal = Path(f"{db_path}-wal")
    assert wal.stat().st_size > 0
    with open_store(db_path) as opened:
        opened.store.register_learner("99999", "n", "", "staff")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "copied" / "progress.db"
    copy.parent.mkdir()
    shutil.copyfile(db_path, copy)  # the main file only, as a person would copy it
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert connection.execute("SELECT count(*) FROM learners").fetchone() == (301,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()


def test_close_checkpoints_even_when_a_reader_was_dropped_in_a_reference_cycle(
    db_path: Path,
) -> None:
    """A half-read export iterator kept alive only by a cycle (e.g. a traceback) would hold
    its connection, and with it the WAL, past close()."""
    opened = open_store(db_path)
    store = opened.store
    for number in range(1200):
        store.register_learner(f"{number:05d}", "n", "", "staff")
    holder: dict[str, object] = {}
    rows = store.learner_progress("dx")
    next(rows)
    holder["rows"], holder["self"] = rows, holder  # a cycle: only the collector frees it
    del rows, holder
    opened.close()
    wal = Path(f"{db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A real, small file system (tmpfs) to fill up; skipped where it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    os.close(fd)
    return filler


def test_a_full_disk_at_start_up_says_disk_full_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "small") as folder:
        db = folder / "progress.db"
        with open_store(db, backup_keep=2) as opened:
            for number in range(50):
                opened.store.register_learner(f"{number:05d}", "n", "", "staff")
        filler = _fill(folder)
        with pytest.raises(StoreError) as raised:
            open_store(db, backup_keep=2)
        assert raised.value.code == "disk_full"
        assert "空き容量" in raised.value.message("ja")
        filler.unlink()  # space freed: everything is still there
        with open_store(db, backup_keep=2) as opened:
            assert len(opened.store.list_learners()) == 50
            assert not opened.report.recovered


def test_an_io_error_with_no_space_left_is_reported_as_disk_full(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says "disk I/O error" when it cannot grow the -shm of a WAL database on a full
    disk; the learner can act on "the disk is full", not on "I/O error"."""
    import dxlearn.store.checks as checks

    with open_store(db_path) as opened:
        opened.store.register_learner("00001", "n", "", "staff")

    def no_space(*_args: object, **_kw: object) -> object:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(checks, "connect_sqlite", no_space)
    usage = shutil.disk_usage(db_path.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=0))
    with pytest.raises(StoreError) as raised:
        open_store(db_path)
    assert raised.value.code == "disk_full"
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=10 << 30))
    with pytest.raises(StoreError) as raised:
        open_store(db_path)
    assert raised.value.code == "io_error"  # plenty of space: a real I/O problem
