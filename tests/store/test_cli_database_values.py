"""Bad ``--db`` values and relative paths through the commands: one calm line, exit 1, never a
traceback, nothing written; a relative ``--db``/``--data-dir`` works on every start."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import make_db, set_revision

from dxlearn.cli import main
from dxlearn.store import StoreError, open_store
from dxlearn.store.snapshot import read_app_setting, read_snapshot

CASES = [
    ("bogus://x", "The database type 'bogus' is not supported"),
    ("://", "The database given cannot be understood"),
    ("sqlite:///", "The database given cannot be understood"),
    ("sqlite://host/progress.db", "The database given cannot be understood"),
    ("mysql://u@h/db", "The database type 'mysql' is not supported"),
    ("sqlite://", "no progress database at sqlite://"),
    ("~nosuchuser-dxlearn/progress.db", "no progress database at"),  # expanduser raised
]


@pytest.mark.parametrize(("value", "said"), CASES)
@pytest.mark.parametrize("command", ["export", "certificate"])
def test_bad_db_values_are_one_calm_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, said: str, command: str
) -> None:
    out = tmp_path / ("x.csv" if command == "export" else "x.pdf")
    extra = ["--learner", "00001"] if command == "certificate" else []
    assert main(["--lang", "en", command, *extra, "--db", value, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_postgresql_without_its_driver_is_a_message_and_no_connection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "psycopg" else real(name, *a))
    import sqlalchemy

    def no_engine(*_a: object, **_k: object) -> None:
        raise AssertionError("create_engine must not be reached")

    monkeypatch.setattr(sqlalchemy, "create_engine", no_engine)
    monkeypatch.setattr("dxlearn.store.engine.create_engine", no_engine)
    url = "postgresql://dx:secret@db.example/dx"
    assert main(["--lang", "en", "export", "--db", url, "-o", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "The PostgreSQL driver (psycopg) is not installed" in err
    assert "secret" not in err and "Traceback" not in err


def test_folder_fifo_and_device_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = [tmp_path]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.db"
        os.mkfifo(fifo)
        targets.append(fifo)
    if Path("/dev/zero").exists():
        targets.append(Path("/dev/zero"))
    for target in targets:
        out = tmp_path / "x.csv"
        assert main(["--lang", "en", "export", "--db", str(target), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert "not a regular file" in err or "Something other than a regular file" in err
        assert str(target) in err and not out.exists()


def test_export_of_a_future_schema_says_newer_version_not_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "progress.db"
    make_db(db, "00001")
    set_revision(db, "0099")
    before = db.read_bytes()
    for command in (["export"], ["certificate", "--learner", "00001"]):
        out = tmp_path / "x.out"
        assert main([*command, "--db", str(db), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert "新しい版の dxlearn" in err and "読み取り専用" not in err
    assert db.read_bytes() == before


def test_export_of_an_older_schema_says_to_open_the_app_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "progress.db"
    make_db(db, "00001")
    set_revision(db, "0001")
    assert main(["--lang", "en", "export", "--db", str(db), "-o", str(tmp_path / "x.csv")]) == 1
    assert "older format" in capsys.readouterr().err


# -- relative paths ---------------------------------------------------------------------------


def test_a_relative_db_works_on_every_start_and_after_a_change_of_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        opened = open_store("rel/progress.db")
        assert opened.report.path == tmp_path / "rel" / "progress.db"
        opened.store.set_setting("app", "language", "en")
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(exist_ok=True)
        monkeypatch.chdir(elsewhere)  # e.g. a file dialog changed the working folder
        written = opened.close()
        assert written is not None and written.parent == tmp_path / "rel" / "backups"
        monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "elsewhere" / "rel").exists()


def test_the_first_paint_reader_accepts_a_relative_path_and_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("rel/progress.db") as opened:
        opened.store.register_learner("00001", "n", "", "staff")
        opened.store.set_setting("app", "last_learner", "00001")
        opened.store.set_setting("app", "language", "en")
    snapshot = read_snapshot(Path("rel/progress.db"), ["dx"])
    assert snapshot is not None and snapshot.learner.staff_id == "00001"
    assert read_app_setting(Path("rel/progress.db"), "language") == "en"
    if Path("/proc/self/fd").is_dir():  # no handle on the database is left open
        open_files = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
        assert str(tmp_path / "rel" / "progress.db") not in open_files


def test_the_cli_with_relative_db_and_data_dir_works_on_every_start(tmp_path: Path) -> None:
    """The finding: every start after the first crashed (the snapshot's file URI)."""
    make_db(tmp_path / "data" / "progress.db", "00001")
    for _ in range(2):
        for options in (["--db", "data/progress.db"], ["--data-dir", "data"]):
            result = subprocess.run(
                [sys.executable, "-m", "dxlearn", *options, "--lang", "en", "export",
                 "-o", "x.csv"],
                cwd=tmp_path, capture_output=True, text=True, timeout=120,
            )
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
    assert (tmp_path / "x.csv").is_file()


def test_a_relative_sqlite_url_names_a_file_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as opened:
        assert opened.report.path == tmp_path / "rel.db"
    with pytest.raises(StoreError) as raised:
        open_store("sqlite:///")
    assert raised.value.code == "bad_url"
