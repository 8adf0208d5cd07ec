"""One bad input is one line in the report, never a crash; values out of range are findings,
never summed; hr merge exits non-zero when it cannot do its work and never overwrites an
input (M11, M12, "Merge data" of the reliability findings)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.hr import read as hr_read
from dxlearn.hr.merge import MergeOptions, NothingToMerge, merge_exports
from dxlearn.hr.read import parse_csv
from dxlearn.hr.values import InputError

from support.export_builders import JST, KEY_HEX, Fixture, read_csv, run_cli

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}
HEADER = [c.en for c in DETAIL_COLUMNS]
GOOD = ["00123", "山田", "市民課", "staff", "lib", "1", "intro", "はじめに", "1", "true",
        "completed", "90", "80", "true", "1", "2026-11-20T09:00:00+09:00",
        "2026-11-21T10:00:00+09:00", "300", "PC-A", "2026-11-30T12:00:00+09:00", "0.1.0"]


def merge(*args: str | Path, env: dict[str, str] | None = SIGNED):  # type: ignore[no-untyped-def]
    return run_cli("--lang", "en", "hr", "merge", *args, env=env)


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8",
              bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def export(fx: Fixture, out: Path, *extra: str | Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    result = run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path,
                     "--device", "PC-A", *extra, env=SIGNED)
    assert result.returncode == 0, result.stderr
    return out


def inputs_sheet(report: Path) -> dict[str, tuple[object, ...]]:
    rows = openpyxl.load_workbook(report)["inputs"].iter_rows(min_row=2, values_only=True)
    return {Path(str(r[0])).name: r for r in rows}


@pytest.fixture
def good(fx: Fixture, tmp_path: Path) -> Path:
    return export(fx, tmp_path / "in" / "good.csv")


def test_every_bad_input_is_one_line_never_a_crash(good: Path, tmp_path: Path) -> None:
    folder = good.parent
    # BOM + CP932 bytes
    (folder / "bom-cp932.csv").write_bytes(b"\xef\xbb\xbf" + csv_bytes(
        [GOOD], bom=False, encoding="cp932"))
    # a sidecar nested 100,000 deep, and one with a 5000-digit row count
    (folder / "deep.csv").write_bytes(csv_bytes([GOOD]))
    (folder / "deep.csv.sig.json").write_text("[" * 100_000, "utf-8")
    huge = csv_bytes([["00124", *GOOD[1:]]])
    (folder / "huge.csv").write_bytes(huge)
    (folder / "huge.csv.sig.json").write_text(json.dumps(
        {"format": "dxlearn-export-signature/1", "sha256": hashlib.sha256(huge).hexdigest(),
         "rows": 0}).replace('"rows": 0', '"rows": ' + "9" * 5000), "utf-8")
    # Word's line break in a name: the XLSX report must still be written
    (folder / "vt.csv").write_bytes(csv_bytes([[GOOD[0].replace("123", "777"),
                                                "山\x0b田", *GOOD[2:]]]))
    (folder / "data.json").write_text("[]", "utf-8")  # xAPI
    report = tmp_path / "r.xlsx"
    result = merge(folder, folder / "data.json", "-o", report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = {Path(line.split(":", 1)[0]).name: line for line in result.stdout.splitlines()
             if ": " in line}
    assert "unusable" in lines["bom-cp932.csv"] and "mixes them" in lines["bom-cp932.csv"]
    assert lines["deep.csv"].startswith(str(folder / "deep.csv") + ": bad_sidecar")
    assert "not valid JSON" in lines["deep.csv"]
    assert "bad_sidecar" in lines["huge.csv"]
    assert "used" in lines["vt.csv"] and "control characters" in lines["vt.csv"]
    assert "xAPI files cannot be merged" in lines["data.json"]
    sheet = openpyxl.load_workbook(report)["summary"]
    names = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert names["00777"] == "山 田", "the control character became a space"
    assert set(inputs_sheet(report)) >= {"bom-cp932.csv", "deep.csv", "huge.csv", "vt.csv",
                                          "data.json", "good.csv"}
    verified = run_cli("--lang", "en", "verify", folder / "deep.csv", folder / "huge.csv",
                       env=SIGNED)
    assert verified.returncode == 2 and "Traceback" not in verified.stderr


def test_unreadable_folders_are_listed_and_the_others_searched(
        good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = good.parent / "locked"
    locked.mkdir()
    (locked / "x.csv").write_bytes(b"never read")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # root may read any folder: simulate one
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = merge_exports([good.parent], tmp_path / "r.csv",
                           options=MergeOptions(tz=JST))
    assert [p.text("en") for p in result.problems] == [
        f"the folder {locked} cannot be read, so it was not searched (Permission denied)"]
    assert [i.path.name for i in result.inputs] == ["good.csv"]


@pytest.mark.skipif(not Path("/proc/1").is_dir(), reason="needs /proc")
def test_merging_a_system_folder_is_no_traceback(tmp_path: Path) -> None:
    """`hr merge /` once stopped at /proc/1/cwd with a PermissionError traceback."""
    result = merge("/proc/1", "-o", tmp_path / "r.csv", env=None)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and "no report written" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_a_fifo_roster_is_refused_at_once(good: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    result = merge(good, "--roster", fifo, "-o", tmp_path / "r.csv")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_nothing_is_written_when_no_input_holds_detail_rows(fx: Fixture, tmp_path: Path
                                                            ) -> None:
    summary = export(fx, tmp_path / "in" / "summary.csv", "--scope", "summary")
    report = tmp_path / "r.xlsx"
    result = merge(summary, "-o", report)
    assert result.returncode == 1, result.stdout
    assert "summary export" in result.stdout and "no report written" in result.stderr
    assert not report.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert merge(empty, "-o", report).returncode == 1 and not report.exists()


def test_a_missing_input_path_is_exit_2_and_nothing_written(good: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    result = merge(good, tmp_path / "no-such-folder", "-o", report)
    assert result.returncode == 2 and "no-such-folder" in result.stderr
    assert not report.exists()


def test_the_report_never_overwrites_an_input(good: Path, tmp_path: Path) -> None:
    signed = good.read_bytes()
    for target in (good, good.parent / "." / good.name):
        result = merge(good.parent, "-o", target)
        assert result.returncode == 2 and "one of the inputs" in result.stderr
        assert good.read_bytes() == signed
    result = merge(good, "-o", good)  # the file itself named as input and output
    assert result.returncode == 2 and good.read_bytes() == signed


BAD_VALUES = [
    # (what, how the row is changed, the finding)
    ("score 999", {11: "999"}, "column score: 999 is out of range (0 to 100)"),
    ("negative attempts", {14: "-5"}, "column attempts: '-5' is not a whole number"),
    ("negative seconds", {17: "-100000"}, "column study_seconds: '-100000' is not a whole"),
    ("full-width digits", {11: "１００"}, "column score: '１００' is not a whole number"),
    ("underscores", {17: "1_000"}, "column study_seconds: '1_000' is not a whole number"),
    ("completed without completed_at", {16: ""}, "status completed without completed_at"),
    ("a NUL in the staff id", {0: "00\x00123"}, "column staff_id holds a control character"),
]


@pytest.mark.parametrize(("what", "change", "finding"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_a_value_out_of_range_is_a_finding_never_summed(
        tmp_path: Path, what: str, change: dict[int, str], finding: str) -> None:
    bad = list(GOOD)
    for index, value in change.items():
        bad[index] = value
    other = [*GOOD[:6], "rules", *GOOD[7:]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pc.csv").write_bytes(csv_bytes([bad, other]))
    result = merge_exports([tmp_path / "in"], tmp_path / "r.csv", options=MergeOptions(tz=JST))
    line = result.inputs[0].line()
    assert "1 row(s) left out" in line and f"line 2: {finding}" in line, line
    rows = read_csv(tmp_path / "r.csv")
    assert rows[1][10] == "300", "only the good row's study time counts"


@pytest.mark.parametrize(("what", "data", "finding"), [
    ("a header named twice",
     csv_bytes([[*GOOD, "x"]], header=[*HEADER, "status"]),
     "the header names 'status' twice (columns 11 and 22)"),
    ("an unterminated quote",
     csv_bytes([GOOD]) + b'00456,"Smith, Bob,x\r\n' + csv_bytes([GOOD], bom=False)[400:],
     "broken CSV near line"),
])
def test_a_file_that_cannot_be_trusted_is_left_out(tmp_path: Path, what: str, data: bytes,
                                                   finding: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pc.csv").write_bytes(data)
    with pytest.raises(NothingToMerge) as caught:
        merge_exports([tmp_path / "in"], tmp_path / "r.csv", options=MergeOptions(tz=JST))
    line = caught.value.inputs[0].line()
    assert "unusable" in line and finding in line, line


def test_a_sidecar_row_count_that_does_not_match_is_a_finding(good: Path, tmp_path: Path
                                                               ) -> None:
    sidecar = good.with_name(good.name + ".sig.json")
    content = json.loads(sidecar.read_text("utf-8"))
    content["rows"] += 3
    sidecar.write_text(json.dumps(content), "utf-8")
    result = merge(good, "-o", tmp_path / "r.csv")
    assert result.returncode == 0
    assert re.search(r"the file holds \d+ row\(s\), its sidecar says \d+", result.stdout)


def test_a_large_file_is_streamed_with_the_same_result(
        good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = parse_csv(good, "utf-8-sig")
    monkeypatch.setattr(hr_read, "WHOLE_TEXT", 10)  # every file counts as large
    streamed = parse_csv(good, "utf-8-sig")
    assert streamed.records == whole.records and streamed.rows == whole.rows > 0
    vt = tmp_path / "vt.csv"
    vt.write_bytes(csv_bytes([GOOD, [*GOOD[:1], "山\x0b田", *GOOD[2:6], "x", *GOOD[7:]]]))
    parsed = parse_csv(vt, "utf-8-sig")
    assert [r.name for r in parsed.records] == ["山田", "山 田"]


def test_the_report_continues_on_numbered_sheets(good: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from dxlearn.export import xlsx_writer

    monkeypatch.setattr(xlsx_writer, "SHEET_DATA_ROWS", 7)
    report = tmp_path / "r.xlsx"
    merge_exports([good], report, options=MergeOptions(tz=JST))
    workbook = openpyxl.load_workbook(report)
    details = [n for n in workbook.sheetnames if n.startswith("detail")]
    assert details[:2] == ["detail", "detail-2"]
    rows = sum(workbook[n].max_row - 1 for n in details)
    assert rows == len(read_csv(good)) - 1
    assert all(workbook[n].max_row <= 8 and workbook[n]["A1"].value == "staff_id"
               for n in details)


def test_xlsx_inputs_are_read_in_the_zone_they_name(fx: Fixture, tmp_path: Path) -> None:
    """An XLSX export holds local times without an offset; the zone it names in its
    properties puts them right on an HR PC set to another zone. A workbook naming none is
    read in the merging PC's zone, with a note."""
    book = export(fx, tmp_path / "in" / "pc-a.xlsx")
    tokyo = merge(book, "-o", tmp_path / "tokyo.csv", env={**SIGNED, "TZ": "UTC"})
    assert tokyo.returncode == 0, tokyo.stderr
    rows = {r[0]: r for r in read_csv(tmp_path / "tokyo.csv")[1:] if r[4] == "test-dx"}
    assert rows["00123"][9] == "2026-11-27T05:08:35+00:00", "14:08:35 in Tokyo"
    workbook = openpyxl.load_workbook(book)
    workbook.custom_doc_props.props = []
    bare = tmp_path / "bare" / "pc-a.xlsx"
    bare.parent.mkdir()
    workbook.save(bare)
    found = merge(bare, "-o", tmp_path / "bare.csv", env={**SIGNED, "TZ": "UTC"})
    assert "names no time zone" in found.stdout
    rows = {r[0]: r for r in read_csv(tmp_path / "bare.csv")[1:] if r[4] == "test-dx"}
    assert rows["00123"][9] == "2026-11-27T14:08:35+00:00"


def test_japanese_headers_and_values_read_as_the_english_ones(fx: Fixture, tmp_path: Path
                                                              ) -> None:
    english = export(fx, tmp_path / "en" / "pc.csv")
    japanese = export(fx, tmp_path / "ja" / "pc.xlsx", "--header", "ja")
    cp932 = export(fx, tmp_path / "cp" / "pc.csv", "--header", "ja", "--encoding", "cp932")
    reports = []
    for folder in (english.parent, japanese.parent, cp932.parent):
        out = tmp_path / f"{folder.name}.csv"
        assert merge(folder, "-o", out).returncode == 0
        reports.append([r[:12] + r[13:] for r in read_csv(out)])  # not last_exported_at
    assert reports[0] == reports[1] == reports[2]
    assert any(r[8] == "completed" and r[3] == "staff" for r in reports[0][1:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=23), max_size=6),
       st.sampled_from(["utf-8", "cp932"]))
def test_the_csv_reader_takes_any_rows_without_crashing(tmp_path_factory: pytest.TempPathFactory,
                                                        rows: list[list[str]], encoding: str
                                                        ) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.csv"
    try:
        path.write_bytes(csv_bytes(rows, encoding=encoding, bom=encoding == "utf-8"))
    except UnicodeEncodeError:
        return
    try:
        parsed = parse_csv(path, "utf-8-sig" if encoding == "utf-8" else "cp932")
    except InputError:
        return
    assert parsed.rows == len(parsed.records) + parsed.skipped
    for record in parsed.records:
        assert record.status in ("completed", "in_progress", "not_started")
        assert record.score is None or 0 <= record.score <= 100
        assert record.attempts >= 0 and record.study_seconds >= 0
        assert isinstance(record.exported_at, datetime | None)
