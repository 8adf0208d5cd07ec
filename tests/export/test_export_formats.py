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
    assert workbook.sheetnames == ["明細"]
    sheet = workbook["明細"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:U{sheet.max_row}"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["職員番号", "氏名", "所属"] and header[-1] == "アプリ版"
    rows = [r for r in sheet.iter_rows(min_row=2) if r[4].value == "test-dx"]
    assert len(rows) == 9
    row = {h: c for h, c in zip(header, rows[0], strict=True)}
    assert row["職員番号"].value == "00123" and row["職員番号"].data_type == "s"
    assert row["職員番号"].number_format == "@"
    assert row["教材版"].value == "2026.1" and row["教材版"].number_format == "@"
    assert row["開始日時"].value == datetime(2026, 11, 27, 14, 0, 0)
    assert row["開始日時"].is_date and "yyyy" in row["開始日時"].number_format
    assert row["得点"].value == 90 and row["得点"].data_type == "n"
    assert row["必須"].value == "はい" and row["状況"].value == "修了"
    assert row["役割"].value == "一般職員"
    assert row["レッスン名"].value == "=DXとは" and row["レッスン名"].data_type == "s"
    assert row["レッスン名"].quotePrefix, "stays text when someone edits the cell"
    names = {r[1].value for r in rows}
    assert "=1+2" in names, "stored as text, never as a formula"
    assert workbook.custom_doc_props["dxlearn.timezone"].value == "Asia/Tokyo"


def test_api_reports_progress_and_cancels_cleanly(fx: Fixture, tmp_path: Path) -> None:
    library = load_library(fx.library_path)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out"
    out.mkdir()
    with open_store(fx.read_only_target, read_only=True) as opened:
        result = export_completion(
            opened.store, [library], out / "s.csv",
            ExportOptions(scope=Scope.SUMMARY, tz=JST,
                          now=datetime(2026, 11, 27, 6, tzinfo=JST)),
            ExportSettings(device="PC-1", key=b"k" * 32, key_id="org"),
            progress=lambda done, total: calls.append((done, total)) is None)
        assert result.rows == 3 and result.signed and result.sig_path.is_file()
        assert calls == [(1, 3), (2, 3), (3, 3)]
        with pytest.raises(ExportCancelled):
            export_completion(opened.store, [library], out / "c.csv",
                              ExportOptions(scope=Scope.DETAIL), ExportSettings(),
                              progress=lambda done, total: False)
    assert sorted(p.name for p in out.iterdir()) == ["s.csv", "s.csv.sig.json"]
    assert "2026-11-27T06:00:00+09:00" in (out / "s.csv").read_text("utf-8-sig")
