"""The share drop (policy ``records_dir``): signed exports kept current in a folder HR merges,
written atomically, never blocking when the folder is away.

A real SMB share is not available here: the folder is a local one that appears, disappears
and turns read-only (``support/folders.py``)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from dxlearn.export.settings import ExportSettings
from dxlearn.export.share_drop import (
    STAGING,
    ShareDrop,
    drop_names,
    prepare,
    publish,
    read_state,
)
from dxlearn.hr.merge import merge_exports
from dxlearn.integrity.verify import Verdict, verify_file
from dxlearn.store import open_store

from support.export_builders import Fixture, build, read_csv
from support.folders import read_only_folder

SETTINGS = ExportSettings(key=b"k" * 32, key_id="org-2026", device="PC-1")


def _drop(fx: Fixture, data: Path, records: Path) -> ShareDrop:
    drop = ShareDrop(records, data)
    with open_store(fx.db, backup_keep=0) as opened:
        prepared = prepare(opened.store, [fx.library], SETTINGS, data)
    drop.publish(prepared)
    assert drop.wait(30)
    return drop


def test_the_drop_holds_this_databases_signed_detail_export(fx: Fixture, tmp_path: Path) -> None:
    records = tmp_path / "share"
    records.mkdir()
    drop = _drop(fx, tmp_path / "data", records)
    with open_store(fx.db, read_only=True) as opened:
        database_id = opened.store.database_id()
    names = drop_names(database_id)
    assert sorted(p.name for p in records.iterdir()) == sorted(names)
    export = records / f"{database_id}-detail.csv"
    assert verify_file(export, SETTINGS).verdict is Verdict.AUTHENTIC
    assert read_csv(export)[0][0] == "staff_id"
    state = read_state(tmp_path / "data")
    assert state.last_written is not None and not state.pending and not state.problem
    assert drop.status_message().text("ja").startswith("人事への送信: 送信済み")
    assert (tmp_path / "data" / STAGING).is_dir()  # staged in the data folder first


def test_hr_merges_the_folder_and_gets_every_database(fx: Fixture, tmp_path: Path) -> None:
    """Two PCs (two databases) drop into one folder; ``hr merge <records_dir>`` gets all."""
    records = tmp_path / "share"
    records.mkdir()
    _drop(fx, tmp_path / "data-a", records)
    other = build(tmp_path / "pc-b")  # another PC's database, other learners' ids kept
    with open_store(other.db, backup_keep=0) as opened:
        opened.store.register_learner("99001", "別の 職員", "税務課", "staff")
    _drop(other, tmp_path / "data-b", records)
    (records / ".leftover.csv.1234.tmp").write_text("half a file", encoding="utf-8")
    result = merge_exports([records], tmp_path / "report.csv", settings=SETTINGS)
    used = [info for info in result.inputs if info.included]
    assert len(used) == 2 and all(info.verdict == "authentic" for info in used)
    people = {row[0] for row in read_csv(tmp_path / "report.csv")[1:]}
    assert {"00123", "00456", "00789", "99001"} <= people


def test_an_unreachable_folder_never_blocks_and_the_next_event_sends(
        fx: Fixture, tmp_path: Path) -> None:
    data, records = tmp_path / "data", tmp_path / "share"
    drop = _drop(fx, data, records)  # the folder is not there yet
    state = read_state(data)
    assert state.pending and state.problem and state.last_written is None
    assert drop.status_message().text("ja") == (
        "人事への送信: 未送信（共有フォルダーに接続できません）")
    records.mkdir()  # the file server is back
    drop = _drop(fx, data, records)
    assert not read_state(data).pending
    assert any(p.name.endswith("-detail.csv") for p in records.iterdir())
    shutil.rmtree(records)  # gone again: what was sent is HR's, the state says not sent
    _drop(fx, data, records)
    again = read_state(data)
    assert again.pending and again.last_written is not None


def test_a_read_only_folder_is_reported_and_retried(fx: Fixture, tmp_path: Path) -> None:
    data, records = tmp_path / "data", tmp_path / "share"
    records.mkdir()
    with read_only_folder(records):
        drop = _drop(fx, data, records)
        assert read_state(data).pending
        assert "未送信" in drop.status_message().text("ja")
        assert list(records.iterdir()) == []  # nothing half written
    _drop(fx, data, records)
    assert not read_state(data).pending


def test_a_copy_cut_off_midway_leaves_the_previous_file_whole(
        fx: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, records = tmp_path / "data", tmp_path / "share"
    records.mkdir()
    _drop(fx, data, records)
    before = {p.name: p.read_bytes() for p in records.iterdir()}
    with open_store(fx.db, backup_keep=0) as opened:
        prepared = prepare(opened.store, [fx.library], SETTINGS, data)

    def cut_off(reader, writer, _length=0) -> None:  # type: ignore[no-untyped-def]
        writer.write(reader.read(10))
        raise OSError(5, "Input/output error (the network went away)")

    monkeypatch.setattr(shutil, "copyfileobj", cut_off)
    with pytest.raises(OSError):
        publish(prepared, records)
    assert {p.name: p.read_bytes() for p in records.iterdir()} == before  # no temp left


def test_copies_asked_for_during_a_slow_copy_end_with_the_newest(
        fx: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, records = tmp_path / "data", tmp_path / "share"
    records.mkdir()
    gate = threading.Event()
    real = shutil.copyfileobj

    def slow(reader, writer, length=0) -> None:  # type: ignore[no-untyped-def]
        gate.wait(10)
        real(reader, writer, length)

    monkeypatch.setattr(shutil, "copyfileobj", slow)
    drop = ShareDrop(records, data)
    with open_store(fx.db, backup_keep=0) as opened:
        for _ in range(3):
            drop.publish(prepare(opened.store, [fx.library], SETTINGS, data))
    gate.set()
    assert drop.wait(30)
    assert not read_state(data).pending
