"""XLSX exports, and the export API used by the GUI (progress, cancellation)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from dxlearn.content.loader import load_library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.export.errors import ExportCancelled
from dxlearn.store import open_store

from support.export_builders import JST, Fixture, run_cli


def test_xlsx_has_typed_cells_a_frozen_filtered_header(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "dx.xlsx"
    result = run_cli("export", "-o", out, "--scope", "detail", "--header", "ja",
                     "--db", fx.db, "--library", fx.library_path)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["detail"]
    sheet = workbook["detail"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U10"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["職員番号", "氏名", "所属"] and header[-1] == "アプリ版"
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["職員番号"].value == "00123" and row["職員番号"].data_type == "s"
    assert row["職員番号"].number_format == "@"
    assert row["開始日時"].value == datetime(2026, 11, 27, 14, 0, 0)
    assert row["開始日時"].is_date and "yyyy" in row["開始日時"].number_format
    assert row["得点"].value == 90 and row["得点"].data_type == "n"
    assert row["必須"].value == "true"
    assert row["レッスン名"].value == "=DXとは" and row["レッスン名"].data_type == "s"
    names = {sheet.cell(r, 2).value for r in range(2, 11)}
    assert "=1+2" in names, "stored as text, never as a formula"


def test_api_reports_progress_and_cancels_cleanly(fx: Fixture, tmp_path: Path) -> None:
    library = load_library(fx.library_path)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out"
    out.mkdir()
    with open_store(f"sqlite:///file:{fx.db.as_posix()}?mode=ro&uri=true") as opened:
        result = export_completion(
            opened.store, library, out / "s.csv",
            ExportOptions(scope=Scope.SUMMARY, tz=JST,
                          now=datetime(2026, 11, 27, 6, tzinfo=JST)),
            ExportSettings(device="PC-1", key=b"k" * 32, key_id="org"),
            progress=lambda done, total: calls.append((done, total)) is None)
        assert result.rows == 3 and result.signed and result.sig_path.is_file()
        assert calls == [(1, 3), (2, 3), (3, 3)]
        with pytest.raises(ExportCancelled):
            export_completion(opened.store, library, out / "c.csv",
                              ExportOptions(scope=Scope.DETAIL), ExportSettings(),
                              progress=lambda done, total: False)
    assert sorted(p.name for p in out.iterdir()) == ["s.csv", "s.csv.sig.json"]
    assert "2026-11-27T06:00:00+09:00" in (out / "s.csv").read_text("utf-8-sig")
