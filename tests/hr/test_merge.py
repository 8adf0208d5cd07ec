"""``dxlearn hr merge``: export -> merge -> report cells, dedupe, roster, signatures."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl

from dxlearn.store import open_store

from support.export_builders import (
    KEY_HEX,
    LIBRARY_ID,
    Clock,
    Fixture,
    complete_lesson,
    fill_database,
    library_rows,
    read_csv,
    run_cli,
)

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}


def export(fx: Fixture, out: Path, *extra: str | Path, device: str = "PC-A",
           env: dict[str, str] | None = SIGNED) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    result = run_cli("export", "-o", out, "--scope", "detail", "--device", device,
                     "--library", fx.library_path, *extra,
                     *(() if "--db" in extra else ("--db", fx.db)), env=env)
    assert result.returncode == 0, result.stderr
    return out


def merge(*args: str | Path, env: dict[str, str] | None = SIGNED):
    return run_cli("--lang", "en", "hr", "merge", *args, env=env)


def summary_by_id(path: Path, library_id: str = LIBRARY_ID) -> dict[str, dict[str, str]]:
    rows = library_rows(read_csv(path))
    return {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[4] == library_id}


def second_pc(fx: Fixture, tmp_path: Path) -> Path:
    """PC-B: 山田 (00123) retook intro there (score 95) and read extra."""
    db = tmp_path / "pc-b" / "progress.db"
    clock = Clock(datetime.fromisoformat("2026-11-28T01:00:00+00:00"))
    with open_store(db, clock=clock, backup_keep=0) as opened:
        opened.store.register_learner("00123", "山田 太郎", "情報政策課", "staff")
        complete_lesson(opened.store, clock, fx.library, "00123", "intro", score=95, seconds=200)
        complete_lesson(opened.store, clock, fx.library, "00123", "extra", seconds=50)
    return db


def test_export_merge_report_round_trip(fx: Fixture, tmp_path: Path) -> None:
    a = export(fx, tmp_path / "in" / "a" / "pc-a.csv")
    b = export(fx, tmp_path / "in" / "b" / "pc-b.xlsx", "--header", "ja", "--db",
               second_pc(fx, tmp_path), device="PC-B")
    assert a.is_file() and b.is_file()
    report = tmp_path / "report.xlsx"
    result = merge(tmp_path / "in", "-o", report)
    assert result.returncode == 0, result.stdout + result.stderr
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["summary", "detail", "by_department", "by_role", "inputs"]
    detail = workbook["detail"]
    header = [c.value for c in detail[1]]
    rows = {(r[0], r[6]): dict(zip(header, r, strict=True))
            for r in detail.iter_rows(min_row=2, values_only=True)}
    intro = rows[("00123", "intro")]
    assert intro["score"] == 95, "the higher score wins among completed records"
    assert intro["attempts"] == 2 and intro["study_seconds"] == 500, "summed across devices"
    assert intro["started_at"] == datetime(2026, 11, 27, 14, 0), "the earliest start"
    assert intro["devices"] == "PC-A PC-B"
    assert rows[("00123", "extra")]["status"] == "completed"
    assert rows[("00456", "intro")]["status"] == "in_progress"
    summary = workbook["summary"]
    srows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)
             if r[4] == LIBRARY_ID}
    # the winning intro record (score 95 on PC-B) brings its own completion time, the later
    # of the two required lessons' times: the curriculum's completion time
    assert intro["completed_at"] == datetime(2026, 11, 28, 10, 3, 50)
    assert srows["00123"][6:10] == (2, 2, "completed", datetime(2026, 11, 28, 10, 3, 50))
    assert srows["00123"][10] == 300 + 125 + 200 + 50
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref
    inputs = [r for r in workbook["inputs"].iter_rows(min_row=2, values_only=True)]
    assert [(Path(r[0]).name, r[1], r[2], r[4], r[5]) for r in inputs] == [
        ("pc-a.csv", "authentic", "true", "utf-8-sig", "en"),
        ("pc-b.xlsx", "authentic", "true", "xlsx", "ja")]
    assert workbook.custom_doc_props["dxlearn.timezone"].value == "Asia/Tokyo"
    department = workbook["by_department"]
    assert [c.value for c in department[1]][:2] == ["group", "learners"]
    charts = department._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"
    assert len(workbook["by_role"]._charts) == 1


def test_same_file_twice_changes_nothing(fx: Fixture, tmp_path: Path) -> None:
    a = export(fx, tmp_path / "a.csv")
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(a, copy / "a-copy.csv")
    shutil.copy(tmp_path / "a.csv.sig.json", copy / "a-copy.csv.sig.json")
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    assert merge(a, "-o", once).returncode == 0
    result = merge(a, copy / "a-copy.csv", a, "-o", twice)
    assert result.returncode == 0
    assert once.read_bytes() == twice.read_bytes()
    assert "duplicate" in result.stdout


def test_a_later_export_of_the_same_pc_replaces_the_earlier(fx: Fixture, tmp_path: Path) -> None:
    early = export(fx, tmp_path / "early.csv")
    with open_store(fx.db, backup_keep=0) as opened:
        opened.store.add_study_seconds("00456", "test-dx", "intro", 40)
    late = export(fx, tmp_path / "late.csv")
    out = tmp_path / "r.csv"
    assert merge(early, late, "-o", out).returncode == 0
    assert summary_by_id(out)["00456"]["study_seconds"] == "100", "not 60 + 100"


def test_roster_members_without_records_are_not_started(fx: Fixture, tmp_path: Path) -> None:
    a = export(fx, tmp_path / "a.csv")
    roster = tmp_path / "roster.csv"
    roster.write_bytes("職員番号,氏名,所属,役割\r\n00123,山田 太郎,情報政策課,staff\r\n"
                       "01000,髙木 花子,総務課,staff\r\n".encode("cp932"))
    out = tmp_path / "r.xlsx"
    result = merge(a, "--roster", roster, "-o", out, "--header", "ja")
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    summary = {r[0]: r for r in workbook["受講者別"].iter_rows(min_row=2, values_only=True)
               if r[4] == LIBRARY_ID}
    assert list(summary) == ["00123", "01000"]
    assert summary["01000"][1:4] == ("髙木 花子", "総務課", "一般職員")
    assert summary["01000"][6:9] == (2, 0, "未着手")
    apart = sorted({r[0] for r in workbook["名簿外"].iter_rows(min_row=2, values_only=True)})
    assert apart == ["00456", "00789"]
    detail = [r for r in workbook["明細"].iter_rows(min_row=2, values_only=True)
              if r[0] == "01000" and r[4] == LIBRARY_ID]
    assert {(r[6], r[10]) for r in detail} == {("intro", "未着手"),
                                              ("rules", "未着手"),
                                              ("extra", "未着手")}
    csv_out = tmp_path / "r.csv"
    assert merge(a, "--roster", roster, "-o", csv_out, "--encoding", "cp932").returncode == 0
    rows = library_rows(read_csv(csv_out, "cp932"))
    assert [(r[0], r[8], r[13]) for r in rows[1:]] == [
        ("00123", "completed", "true"), ("01000", "not_started", "true"),
        ("00456", "in_progress", "false"), ("00789", "not_started", "false")]


def test_require_signature_leaves_out_unsigned_and_altered(fx: Fixture, tmp_path: Path) -> None:
    signed = export(fx, tmp_path / "signed.csv")
    unsigned = export(fx, tmp_path / "unsigned.csv", "--db", second_pc(fx, tmp_path),
                      device="PC-B", env=None)
    third = tmp_path / "pc-c" / "progress.db"  # another PC's database with the same records
    fill_database(third, fx.library)
    with open_store(third, backup_keep=0) as opened:
        opened.store.set_setting("store", "database_id", "pc-c-database")
    altered = export(fx, tmp_path / "altered.csv", "--db", third, device="PC-C")
    altered.write_bytes(altered.read_bytes().replace(b"in_progress", b"completed"))
    strict = tmp_path / "strict.csv"
    result = merge(signed, unsigned, altered, "-o", strict, "--require-signature")
    assert result.returncode == 0
    assert "LEFT OUT" in result.stdout and result.stdout.count("LEFT OUT") == 2
    rows = summary_by_id(strict)
    assert rows["00123"]["devices"] == "PC-A" and rows["00123"]["flags"] == ""
    assert rows["00456"]["status"] == "in_progress"
    # by default an altered file is left out (and listed); an unsigned one is used, flagged
    default = tmp_path / "default.csv"
    result = merge(signed, unsigned, altered, "-o", default)
    assert result.returncode == 0 and result.stdout.count("LEFT OUT") == 1
    assert re.search(r"altered\.csv: altered, LEFT OUT", result.stdout)
    rows = summary_by_id(default)
    assert rows["00123"]["devices"] == "PC-A PC-B" and rows["00123"]["flags"] == "unsigned"
    assert rows["00456"]["status"] == "in_progress" and rows["00456"]["flags"] == ""
    lenient = tmp_path / "lenient.csv"
    assert merge(signed, unsigned, altered, "-o", lenient, "--include-altered").returncode == 0
    rows = summary_by_id(lenient)
    assert rows["00123"]["devices"] == "PC-A PC-B PC-C"
    assert rows["00123"]["flags"] == "altered unsigned"
    # the edit made 00456's in-progress row "completed" without a completion time: that row
    # cannot be read, so their report may miss it and says so
    assert rows["00456"]["flags"] == "altered unreadable_rows"


def test_a_bad_input_is_a_line_in_the_report(fx: Fixture, tmp_path: Path) -> None:
    good = export(fx, tmp_path / "in" / "good.csv")
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (tmp_path / "in" / "notes.csv").write_text("hello,world\r\n1,2\r\n", "utf-8")
    summary = export(fx, tmp_path / "in" / "summary.csv")
    run_cli("export", "-o", summary, "--scope", "summary", "--db", fx.db, "--library",
            fx.library_path, env=SIGNED)
    bad_row = good.read_text("utf-8-sig").replace("in_progress", "half-done")
    (tmp_path / "in" / "edited.csv").write_text(bad_row, "utf-8")
    out = tmp_path / "r.xlsx"
    result = merge(tmp_path / "in", "-o", out)
    assert result.returncode == 0, result.stderr
    inputs = {Path(r[0]).name: r for r in
              openpyxl.load_workbook(out)["inputs"].iter_rows(min_row=2, values_only=True)}
    assert inputs["broken.xlsx"][2] == "false" and "XLSX" in inputs["broken.xlsx"][10]
    assert "not a dxlearn detail export" in inputs["notes.csv"][10]
    assert "summary export" in inputs["summary.csv"][10]
    edited = inputs["edited.csv"]
    assert edited[1] == "no_sidecar" and edited[2] == "true"
    assert re.search(r"line \d+: column status: 'half-done'", edited[10]), edited[10]
    assert inputs["good.csv"][1] == "authentic"


def test_an_earlier_report_in_the_input_folder_is_never_counted_again(
    fx: Fixture, tmp_path: Path
) -> None:
    export(fx, tmp_path / "in" / "pc-a.csv")
    first = tmp_path / "first.csv"
    assert merge(tmp_path / "in", "-o", first).returncode == 0
    # last week's report, both forms, left beside the exports
    assert merge(tmp_path / "in", "-o", tmp_path / "in" / "report-w1.xlsx").returncode == 0
    assert merge(tmp_path / "in", "-o", tmp_path / "in" / "report-w1.csv").returncode == 0
    again = tmp_path / "again.csv"
    result = merge(tmp_path / "in", "-o", again)
    assert result.returncode == 0, result.stderr
    assert summary_by_id(again) == summary_by_id(first)  # study time and attempts not doubled


def test_a_malformed_sidecar_is_a_verdict_not_a_crash(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "in" / "pc-a.csv")
    sidecar = out.with_name(out.name + ".sig.json")
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["rows"] = "abc"  # valid JSON, wrong type: once a ValueError traceback
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    verified = run_cli("verify", out, env=SIGNED)
    assert verified.returncode == 2, verified.stdout + verified.stderr
    assert "Traceback" not in verified.stderr and "rows" in verified.stdout + verified.stderr
    merged = merge(tmp_path / "in", "-o", tmp_path / "r.csv")
    assert merged.returncode == 0 and "Traceback" not in merged.stderr


def test_one_database_exported_from_two_desktops_is_counted_once(
    fx: Fixture, tmp_path: Path
) -> None:
    """Non-persistent desktops with data_dir on a home drive: the same database is exported
    on Monday from VDI-017 and on Friday from VDI-042."""
    with open_store(fx.db) as opened:  # opened for writing once, as the app does at start
        database_id = opened.store.database_id()
    assert database_id
    monday = export(fx, tmp_path / "in" / "mon.csv", device="VDI-017")
    friday = export(fx, tmp_path / "in" / "fri.csv", device="VDI-042")
    sidecar = json.loads((friday.parent / "fri.csv.sig.json").read_text(encoding="utf-8"))
    assert sidecar["database_id"] == database_id
    both = tmp_path / "both.csv"
    assert merge(tmp_path / "in", "-o", both).returncode == 0
    monday.rename(tmp_path / "mon-only.csv")
    (tmp_path / "in" / "mon.csv.sig.json").unlink()
    single = tmp_path / "single.csv"
    assert merge(tmp_path / "in", "-o", single).returncode == 0
    assert summary_by_id(both) == summary_by_id(single)  # study time not doubled
