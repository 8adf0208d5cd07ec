"""A second running instance on the same database: detected, read-only, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dxlearn.store import StoreError, open_store

CHILD = Path(__file__).with_name("store_child.py")


def run_child(mode: str, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def probe(db: Path) -> dict[str, object]:
    child = run_child("probe", db)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    return dict(json.loads(out.splitlines()[-1]))


def test_second_process_gets_a_read_only_store_while_the_first_is_open(db_path: Path) -> None:
    with open_store(db_path) as first:
        first.store.register_learner("00123", "n", "", "staff")
        seen = probe(db_path)
        assert seen["second_instance"] is True
        assert seen["read_only_reason"] == "second_instance"
        assert seen["learners"] == ["00123"]  # it can show progress
        assert seen["write_error"] == {"code": "second_instance", "path": str(db_path)}
        assert str(seen["lock_holder"]).split()[0].isdigit()  # "pid host" for the log
        first.store.register_learner("00456", "n", "", "staff")  # the first keeps writing
    seen = probe(db_path)  # after the first closed, a new instance writes normally
    assert seen["read_only_reason"] is None and seen["write_error"] is None
    assert seen["learners"] == ["00123", "00456"]


def test_this_process_is_the_second_instance_while_a_child_holds_the_store(
    db_path: Path,
) -> None:
    child = run_child("hold", db_path)
    try:
        assert child.stdout is not None and child.stdin is not None
        assert json.loads(child.stdout.readline())["read_only_reason"] is None
        with open_store(db_path) as second:
            assert second.report.second_instance and second.report.read_only
            assert second.store.get_setting("app", "holder") == "child"
            with pytest.raises(StoreError) as raised:
                second.store.set_setting("app", "holder", "parent")
            assert (raised.value.code, raised.value.path) == ("second_instance", str(db_path))
            assert second.close() is None  # a read-only instance writes no backup
        child.stdin.write("bye\n")
        child.stdin.flush()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
    with open_store(db_path) as again:
        assert not again.report.read_only
        assert again.store.get_setting("app", "holder") == "child"


def test_a_killed_instance_leaves_no_stale_lock(db_path: Path) -> None:
    """The OS releases the lock when the process dies (power cut, task manager)."""
    child = run_child("hold", db_path)
    try:
        assert child.stdout is not None
        assert json.loads(child.stdout.readline())["read_only_reason"] is None
        with open_store(db_path) as while_alive:
            assert while_alive.report.second_instance
    finally:
        child.kill()
        child.wait(timeout=30)
    assert db_path.with_name("progress.db.lock").exists()  # the file stays, the lock does not
    with open_store(db_path) as after:
        assert not after.report.read_only
        assert after.store.get_setting("app", "holder") == "child"
