"""What HR sees in a spreadsheet: formula neutralisation (CSV and XLSX, round-tripping
through hr merge), Japanese values, the organisation's zone, text cells, numbered sheets,
formats that must agree with the file name, and files that behave like files."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxlearn.content.loader import load_library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.export.api import Format
from dxlearn.export.errors import ExportError
from dxlearn.export.formatting import (
    looks_like_formula,
    neutralise,
    unneutralise,
    zone_from_label,
    zone_label,
)
from dxlearn.hr.merge import MergeOptions, merge_exports
from dxlearn.store import open_store

from support.export_builders import (
    KEY_HEX,
    LIBRARY_ID,
    Fixture,
    library_rows,
    open_store_at,
    read_csv,
    run_cli,
)

# a cell a spreadsheet could take for a formula, in every form a person can type it
FORMULA_FORMS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1+1",
                 "\u3000=1+1", "\u200b=1", "\ufeff=1", "\u00a0=1", "＝1+1", "＋1", "－1",
                 "＠SUM", "\ufe66 1+1", "﹢1", "'=1+1", "  \u3000＝1"]
PLAIN = ["山田 太郎", "O'Brien", "'", "1+1=2", "a=1", " 山田", "メール@example", ""]
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def read_only(fx: Fixture) -> str:
    return fx.read_only_target


def export_api(fx: Fixture, path: Path, **options: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    library = load_library(fx.library_path)
    with open_store(read_only(fx)) as opened:
        export_completion(opened.store, [library], path,
                          ExportOptions(now=NOW, tz=ZoneInfo("Asia/Tokyo"), **options),
                          ExportSettings(device="PC-1", key=bytes.fromhex(KEY_HEX),
                                         key_id="org"))
    return path


@pytest.mark.parametrize("text", FORMULA_FORMS)
def test_every_formula_form_is_neutralised_and_reads_back(text: str) -> None:
    assert looks_like_formula(text)
    written = neutralise(text)
    assert written == "'" + text
    assert unneutralise(written) == text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_as_it_is(text: str) -> None:
    assert neutralise(text) == text and unneutralise(neutralise(text)) == text


@given(st.text())
def test_unneutralise_round_trips_our_own_output(text: str) -> None:
    written = neutralise(text)
    assert unneutralise(written) == text
    assert written == text or written == "'" + text
    if written != text:
        assert looks_like_formula(text)


def test_names_that_look_like_formulas_are_safe_in_csv_and_xlsx_and_merge_back(
        fx: Fixture, tmp_path: Path) -> None:
    names = {}
    with open_store_at(fx.db) as store:
        for number, name in enumerate(FORMULA_FORMS):
            staff_id = f"9{number:04d}"
            stored = store.register_learner(staff_id, "x", name, "staff").department
            names[staff_id] = stored  # (the store trims what str.strip() calls blanks)
            assert looks_like_formula(stored)
    out = export_api(fx, tmp_path / "in" / "dx.csv", scope=Scope.SUMMARY)
    rows = {r[0]: r for r in read_csv(out)[1:]}
    for staff_id, text in names.items():
        assert rows[staff_id][2] == "'" + text, (staff_id, rows[staff_id][2])
    book = export_api(fx, tmp_path / "in" / "dx.xlsx", scope=Scope.SUMMARY)
    sheet = openpyxl.load_workbook(book)["summary"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in names:
            cell = row[2]
            assert cell.value == names[row[0].value] and cell.data_type == "s"
            assert cell.quotePrefix, "stays text when someone edits the cell"
    # the detail exports merged: the exact texts come back, and the report neutralises them
    detail = export_api(fx, tmp_path / "merge" / "dx.csv")
    report = tmp_path / "report.xlsx"
    merge_exports([detail], report, options=MergeOptions(tz=ZoneInfo("Asia/Tokyo")))
    summary = openpyxl.load_workbook(report)["summary"]
    departments = {r[0].value: r[2] for r in summary.iter_rows(min_row=2)}
    for staff_id, text in names.items():
        assert departments[staff_id].value == text
    merge_exports([detail], tmp_path / "report.csv")
    csv_rows = {r[0]: r for r in read_csv(tmp_path / "report.csv")[1:]}
    assert all(csv_rows[s][2] == "'" + t for s, t in names.items())


def test_japanese_headers_write_japanese_values_and_sheet_names(fx: Fixture, tmp_path: Path
                                                                ) -> None:
    book = export_api(fx, tmp_path / "dx.xlsx", header="ja")
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["明細"]
    values = {(r[0], r[6]): r for r in workbook["明細"].iter_rows(min_row=2, values_only=True)}
    intro = values[("00123", "intro")]
    assert (intro[3], intro[9], intro[10], intro[13]) == ("一般職員", "はい", "修了", "はい")
    assert values[("00456", "intro")][10] == "学習中" and values[("00456", "lead")][10] == "未着手"
    assert values[("00456", "intro")][3] == "DX推進リーダー"
    summary = openpyxl.load_workbook(export_api(fx, tmp_path / "s.xlsx", header="ja",
                                                scope=Scope.SUMMARY))
    assert summary.sheetnames == ["集計"]


def test_xlsx_times_are_date_cells_in_the_organisations_zone(
        fx: Fixture, tmp_path: Path, use_policy) -> None:  # type: ignore[no-untyped-def]
    """policy timezone = Asia/Tokyo on a PC set to UTC: the cells hold Tokyo time and the
    workbook says so; the CSV carries the +09:00 offset."""
    use_policy('timezone = "Asia/Tokyo"\n')
    env = {"TZ": "UTC", "DXLEARN_POLICY": os.environ["DXLEARN_POLICY"]}
    book = tmp_path / "dx.xlsx"
    result = run_cli("export", "-o", book, "--db", fx.db, "--library", fx.library_path,
                     env=env)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.custom_doc_props["dxlearn.timezone"].value == "Asia/Tokyo"
    rows = {(r[0].value, r[6].value): r for r in workbook["detail"].iter_rows(min_row=2)
            if r[4].value == LIBRARY_ID}
    started = rows[("00123", "intro")][15]
    assert started.value == datetime(2026, 11, 27, 14, 0) and started.is_date
    assert rows[("00123", "intro")][5].number_format == "@"  # 教材版: text
    csv_out = tmp_path / "dx.csv"
    assert run_cli("export", "-o", csv_out, "--db", fx.db, "--library", fx.library_path,
                   env=env).returncode == 0
    intro = next(r for r in read_csv(csv_out) if r[0] == "00123" and r[6] == "intro")
    assert intro[15] == "2026-11-27T14:00:00+09:00"


def test_zone_labels_read_back() -> None:
    assert zone_from_label(zone_label(ZoneInfo("Europe/Berlin"))) == ZoneInfo("Europe/Berlin")
    from datetime import timedelta, timezone

    fixed = timezone(timedelta(hours=5, minutes=30))
    assert zone_label(fixed, NOW) == "UTC+05:30"
    assert zone_from_label("UTC+05:30") == fixed
    assert zone_from_label("UTC-03:30").utcoffset(None) == -timedelta(hours=3, minutes=30)
    assert zone_from_label("Not/AZone") is None and zone_from_label("") is None


def test_a_detail_sheet_longer_than_excel_continues_on_numbered_sheets(
        fx: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxlearn.export import xlsx_writer

    monkeypatch.setattr(xlsx_writer, "SHEET_DATA_ROWS", 4)
    book = export_api(fx, tmp_path / "dx.xlsx")
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["detail", "detail-2", "detail-3"]
    assert [workbook[n].max_row for n in workbook.sheetnames] == [5, 5, 2]
    assert all(workbook[n]["A1"].value == "staff_id" and workbook[n].freeze_panes == "A2"
               for n in workbook.sheetnames)
    report = tmp_path / "r.csv"
    merged = merge_exports([book], report)  # the merge reads every sheet
    assert merged.inputs[0].rows == 9


@pytest.mark.parametrize(("name", "fmt"), [("x.csv", "xlsx"), ("x.xlsx", "csv"),
                                           ("x.json", "csv"), ("x.CSV", "xapi")])
def test_a_suffix_that_contradicts_the_format_is_refused(fx: Fixture, tmp_path: Path,
                                                         name: str, fmt: str) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    result = run_cli("--lang", "en", "export", "-o", tmp_path / name, "--format", fmt,
                     "--db", fx.db, "--library", fx.library_path)
    assert result.returncode == 1 and "says another format" in result.stderr
    assert list(tmp_path.iterdir()) == []
    other = tmp_path / "x.txt"  # a suffix that says nothing: the format named is used
    assert run_cli("export", "-o", other, "--format", "csv", "--db", fx.db, "--library",
                   fx.library_path).returncode == 0
    assert read_csv(other)[0][0] == "staff_id"


def test_xapi_refuses_summary_scope(fx: Fixture, tmp_path: Path) -> None:
    result = run_cli("--lang", "en", "export", "-o", tmp_path / "x.json", "--scope",
                     "summary", "--organisation-url", "https://city.example.lg.jp/",
                     "--db", fx.db, "--library", fx.library_path)
    assert result.returncode == 1 and "per-lesson statements only" in result.stderr
    with pytest.raises(ExportError) as caught:
        export_api(fx, tmp_path / "y.json", scope=Scope.SUMMARY, format=Format.XAPI)
    assert caught.value.code == "export.xapi_scope"


def test_exports_are_files_like_any_other(fx: Fixture, tmp_path: Path) -> None:
    """Not owner-only 0600: HR and the IT office read them from a share."""
    out = export_api(fx, tmp_path / "dx.csv")
    umask = os.umask(0)
    os.umask(umask)
    for path in (out, tmp_path / "dx.csv.sig.json", export_api(fx, tmp_path / "dx.xlsx")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_a_failed_sidecar_leaves_neither_file(fx: Fixture, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Never a new export beside the old sidecar (verify would call the new one altered)."""
    tmp_path = tmp_path / "out"
    out = export_api(fx, tmp_path / "dx.csv")
    import dxlearn.export.api as api

    def full_disk(*_args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(api, "write_sidecar", full_disk)
    with pytest.raises(ExportError) as caught:
        export_api(fx, out)
    assert caught.value.code == "export.sidecar_cannot_write"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_full_disk_while_writing_xlsx_is_one_clean_error(
        fx: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    import gc
    import zipfile

    def full(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    tmp_path = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        export_api(fx, tmp_path / "dx.xlsx")
    assert caught.value.code == "export.cannot_write"
    gc.collect()
    assert "Exception ignored" not in capfd.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_summary_rows_per_learner_per_library(fx: Fixture, tmp_path: Path) -> None:
    rows = read_csv(export_api(fx, tmp_path / "s.csv", scope=Scope.SUMMARY))
    assert [r[:5] for r in library_rows(rows)[1:]] == [
        ["00123", "山田 太郎", "情報政策課", "staff", "test-dx"],
        ["00456", "髙橋 﨑子", "総務課", "leader", "test-dx"],
        ["00789", "'=1+2", "'-企画課", "staff", "test-dx"]]
