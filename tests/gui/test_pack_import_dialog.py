"""GUI pack import: the progress dialog runs the real import in a worker thread and tells the
outcome; message boxes are intercepted (never left open)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dxlearn.content.loader import load_library
from dxlearn.content.pack import build_pack
from dxlearn.gui.pack_import_dialog import import_pack_with_progress

from support.trainer import build_clean_library, make_pack, snapshot


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_import_with_progress_installs_the_library(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   shown: list[QMessageBox]) -> None:
    library = build_clean_library(tmp_path / "source")
    pack = build_pack(library, tmp_path / "a.dxpack").output
    into = tmp_path / "libraries"

    outcome = import_pack_with_progress(None, pack, into)

    assert outcome.ok and outcome.result is not None
    assert outcome.result.target == into / "test-lib"
    assert load_library(into / "test-lib").title == "テスト研修"
    assert len(shown) == 1
    assert "「テスト研修」（版 2026.1）を取り込みました。" in shown[0].text()


def test_refused_pack_is_reported_and_nothing_written(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      shown: list[QMessageBox]) -> None:
    pack = make_pack(tmp_path / "evil.dxpack", entries=[("../evil.txt", b"x")])
    into = tmp_path / "libraries"

    outcome = import_pack_with_progress(None, pack, into)

    assert not outcome.ok
    assert any("../evil.txt" in p for p in outcome.problems)
    assert snapshot(into) == {}
    assert "取り込めませんでした" in shown[0].text()
    assert "../evil.txt" in shown[0].detailedText()


def test_quiet_shows_no_message(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                shown: list[QMessageBox]) -> None:
    pack = make_pack(tmp_path / "ok.dxpack")
    outcome = import_pack_with_progress(None, pack, tmp_path / "libs", quiet=True)

    assert outcome.ok
    assert shown == []
