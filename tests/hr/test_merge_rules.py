"""The rules of hr merge that HR stakes decisions on: which record wins when two PCs
disagree (in every order), when a curriculum is complete, and that an altered or forged file
never wins silently."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from pathlib import Path

import openpyxl
import pytest

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.merge import MergeOptions, merge_exports
from dxlearn.integrity.signature import Signature, digests, write_sidecar

from support.export_builders import JST, KEY_HEX, Fixture, read_csv, run_cli

KEY = bytes.fromhex(KEY_HEX)
SETTINGS = ExportSettings(key=KEY, key_id="org-2026")
HEADER = [c.en for c in DETAIL_COLUMNS]
BASE = {"staff_id": "00123", "name": "山田 太郎", "department": "市民課", "role": "staff",
        "library_id": "lib", "library_version": "1", "lesson_id": "intro",
        "lesson_title": "はじめに", "lesson_version": "1", "required": "true",
        "status": "in_progress", "score": "", "pass_score": "80", "passed": "",
        "attempts": "0", "started_at": "2026-11-20T09:00:00+09:00", "completed_at": "",
        "study_seconds": "60", "device": "PC-A", "exported_at": "2026-11-30T12:00:00+09:00",
        "app_version": "0.1.0"}


def row(**values: str) -> dict[str, str]:
    found = dict(BASE, **values)
    if found["status"] == "completed" and not found["completed_at"]:
        found["completed_at"] = "2026-11-21T10:00:00+09:00"
    if found["status"] == "not_started":
        found["started_at"] = ""
    return found


def detail_file(path: Path, rows: list[dict[str, str]], *, sign: bool = True) -> Path:
    """A detail export as dxlearn writes it, signed with the organisation's key."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for values in rows:
        writer.writerow([values[h] for h in HEADER])
    data = b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    sha, mac = digests(data, KEY if sign else b"")
    write_sidecar(path, Signature(path.name, sha, len(rows), "2026-11-30T12:00:00+09:00",
                                  rows[0]["device"], "0.1.0", "org-2026" if sign else "", mac))
    return path


def merged(tmp_path: Path, *files: Path, name: str = "report.csv",
           **options: bool) -> dict[str, dict[str, str]]:
    out = tmp_path / name
    merge_exports(list(files), out, options=MergeOptions(tz=JST, **options),
                  settings=SETTINGS)
    rows = read_csv(out)
    return {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def detail_of(tmp_path: Path, *files: Path) -> dict[str, object]:
    out = tmp_path / "report.xlsx"
    merge_exports(list(files), out, settings=SETTINGS, options=MergeOptions(tz=JST))
    sheet = openpyxl.load_workbook(out)["detail"]
    header = [c.value for c in sheet[1]]
    found = next(sheet.iter_rows(min_row=2, values_only=True))
    return dict(zip(header, found, strict=True))


DISAGREEMENTS = [
    # (PC-A's record, PC-B's record, the field that tells the winner, its value)
    (row(status="completed"), row(status="in_progress"), "status", "completed"),
    (row(status="completed"), row(status="not_started"), "status", "completed"),
    (row(status="in_progress"), row(status="not_started"), "status", "in_progress"),
    (row(status="completed", score="95", passed="true", attempts="1"),
     row(status="completed", score="85", passed="true", attempts="1"), "score", 95),
    (row(status="in_progress", score="70", passed="false", attempts="1"),
     row(status="in_progress", score="40", passed="false", attempts="1"), "score", 70),
    (row(status="completed", completed_at="2026-11-21T10:00:00+09:00"),
     row(status="completed", completed_at="2026-11-25T10:00:00+09:00"), "completed_at",
     "2026-11-21 10:00:00"),
]


@pytest.mark.parametrize(("first", "second", "field", "winner"), DISAGREEMENTS)
@pytest.mark.parametrize("order", ["a-then-b", "b-then-a"])
def test_two_pcs_disagreeing_on_a_lesson(tmp_path: Path, first: dict[str, str],
                                         second: dict[str, str], field: str, winner: object,
                                         order: str) -> None:
    a = detail_file(tmp_path / "in" / "a.csv", [first])
    b = detail_file(tmp_path / "in" / "b.csv", [dict(second, device="PC-B")])
    files = (a, b) if order == "a-then-b" else (b, a)
    found = detail_of(tmp_path, *files)
    value = found[field]
    assert (str(value) if field == "completed_at" else value) == winner
    # whatever wins, attempts and study time are the sums of the two PCs
    assert found["attempts"] == int(first["attempts"]) + int(second["attempts"])
    assert found["study_seconds"] == 120
    assert found["devices"] == "PC-A PC-B"


def test_a_learner_with_no_required_lesson_is_never_completed(tmp_path: Path) -> None:
    optional = detail_file(tmp_path / "in" / "a.csv", [
        row(lesson_id="x", status="completed", required="false"),
        row(lesson_id="y", status="completed", required="false")])
    summary = merged(tmp_path, optional)["00123"]
    assert (summary["required_total"], summary["required_completed"]) == ("0", "0")
    assert summary["status"] == "in_progress", "nothing required: never 'completed'"
    assert summary["completed_at"] == ""


def test_a_curriculum_is_completed_only_when_every_required_lesson_is(tmp_path: Path) -> None:
    half = detail_file(tmp_path / "in" / "a.csv", [
        row(lesson_id="x", status="completed"), row(lesson_id="y", status="in_progress"),
        row(lesson_id="z", status="completed", required="false",
            completed_at="2026-11-29T10:00:00+09:00")])
    assert merged(tmp_path, half)["00123"]["status"] == "in_progress"
    later = detail_file(tmp_path / "in" / "b.csv", [
        row(lesson_id="y", status="completed", completed_at="2026-11-24T10:00:00+09:00",
            device="PC-B")])
    done = merged(tmp_path, half, later)["00123"]
    assert (done["status"], done["required_total"], done["required_completed"]) == (
        "completed", "2", "2")
    assert done["completed_at"] == "2026-11-24T10:00:00+09:00", "the latest required one"


def test_an_edited_file_never_wins_by_default(tmp_path: Path) -> None:
    """E2: PC-A's authentic 80 against a copy of PC-B's file edited to say 100."""
    authentic = detail_file(tmp_path / "in" / "a.csv", [
        row(status="completed", score="80", passed="true", attempts="1")])
    edited = detail_file(tmp_path / "in" / "b.csv", [
        row(status="completed", score="60", passed="false", attempts="1", device="PC-B")])
    edited.write_bytes(edited.read_bytes().replace(b",60,80,false,", b",100,80,true,"))
    result = merge_exports([tmp_path / "in"], tmp_path / "r.csv", settings=SETTINGS)
    verdicts = {i.path.name: (i.verdict, i.included) for i in result.inputs}
    assert verdicts == {"a.csv": ("authentic", True), "b.csv": ("altered", False)}
    rows = read_csv(tmp_path / "r.csv")
    assert rows[1][8] == "completed" and rows[1][14] == ""
    assert "altered" in result.inputs[1].line() and "--include-altered" in result.inputs[1].line()
    included = merged(tmp_path, tmp_path / "in", name="with.csv", include_altered=True)
    assert included["00123"]["flags"] == "altered", "put back only when asked, and flagged"
    detail = detail_of(tmp_path, authentic)
    assert detail["score"] == 80


def forge(path: Path, key: bytes, key_id: str, edit: bytes = b"") -> None:
    """What M13's attacker does: edit, recompute sha256 and an HMAC with a key of their own."""
    data = path.read_bytes().replace(b",60,PC-", b",99999,PC-") + edit  # study time
    path.write_bytes(data)
    sidecar = path.with_name(path.name + ".sig.json")
    content = json.loads(sidecar.read_text("utf-8"))
    content.update(sha256=hashlib.sha256(data).hexdigest(), key_id=key_id,
                   hmac_sha256=hmac.new(key, data, hashlib.sha256).hexdigest())
    sidecar.write_text(json.dumps(content), "utf-8")


def test_a_file_forged_under_another_key_id_proves_nothing(tmp_path: Path) -> None:
    """M13: a forger's key under the id 'evil' reads key_unknown (exit 3), never 'intact';
    hr merge treats it as unsigned (flagged; left out with --require-signature)."""
    honest = detail_file(tmp_path / "in" / "a.csv", [row()])
    forged = detail_file(tmp_path / "in" / "b.csv", [row(device="PC-B", lesson_id="other")])
    forge(forged, b"x" * 32, "evil")
    env = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}
    result = run_cli("--lang", "en", "verify", forged, env=env)
    assert result.returncode == 3, result.stdout
    assert "key_unknown" in result.stdout and "evil" in result.stdout
    assert "intact" not in result.stdout and "proves nothing" in result.stdout
    report = merge_exports([tmp_path / "in"], tmp_path / "r.xlsx", settings=SETTINGS)
    assert [(i.verdict, i.included, i.flag) for i in report.inputs] == [
        ("authentic", True, ""), ("key_unknown", True, "key_unknown")]
    flags = {r[6]: r[19] for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["detail"]
             .iter_rows(min_row=2, values_only=True)}
    assert flags == {"intro": None, "other": "key_unknown"}, "its records flagged in the detail"
    strict = merge_exports([tmp_path / "in"], tmp_path / "s.csv", settings=SETTINGS,
                           options=MergeOptions(require_signature=True))
    assert [i.included for i in strict.inputs] == [True, False]
    assert honest.is_file()


def test_a_wrong_signature_under_the_key_id_held_here_is_exit_1_and_left_out(
        tmp_path: Path) -> None:
    forged = detail_file(tmp_path / "in" / "b.csv", [row(device="PC-B")])
    forge(forged, b"x" * 32, "org-2026")
    env = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}
    result = run_cli("--lang", "en", "verify", forged, env=env)
    assert result.returncode == 1 and "bad_hmac" in result.stdout
    detail_file(tmp_path / "in" / "a.csv", [row(lesson_id="other")])
    report = merge_exports([tmp_path / "in"], tmp_path / "r.csv", settings=SETTINGS)
    assert [(i.path.name, i.verdict, i.included) for i in report.inputs] == [
        ("a.csv", "authentic", True), ("b.csv", "bad_hmac", False)]


@pytest.mark.parametrize(("held_key", "held_id", "verdict", "status"), [
    (KEY, "org-2026", "authentic", 0),
    (b"y" * 32, "org-2027", "key_unknown", 3),  # another key under another id: not checked
    (b"y" * 32, "org-2026", "bad_hmac", 1),  # the id held here, the wrong key: wrong
    (b"y" * 32, "", "bad_hmac", 1),  # a key held without an id is checked against any id
])
def test_verify_with_a_key_id_mismatch(tmp_path: Path, held_key: bytes, held_id: str,
                                       verdict: str, status: int) -> None:
    signed = detail_file(tmp_path / "a.csv", [row()])
    key_file = tmp_path / "held.key"
    key_file.write_text(held_key.hex(), "utf-8")
    args = ["--lang", "en", "verify", signed, "--key-file", key_file]
    if held_id:
        args += ["--key-id", held_id]
    result = run_cli(*args)
    assert result.returncode == status, result.stdout
    assert f": {verdict}: " in result.stdout


def test_records_from_unsigned_files_are_flagged_in_the_detail(
        fx: Fixture, tmp_path: Path) -> None:
    unsigned = detail_file(tmp_path / "in" / "a.csv", [row()], sign=False)
    found = detail_of(tmp_path, unsigned)
    assert found["flags"] == "unsigned"


def test_a_learner_whose_row_could_not_be_read_is_flagged(tmp_path: Path) -> None:
    """00123 completed intro on PC-B, but that row is unreadable (a status no export writes):
    the report shows intro as in progress (PC-A's row) and must say that a row of theirs was
    left out, on the learner's summary and on the lesson's detail row; 00456 is untouched.
    A row with no readable staff_id flags nobody (it is listed with the input only)."""
    rows = [row(), row(lesson_id="second", lesson_title="二つ目", status="not_started"),
            row(staff_id="00456", name="鈴木 花子")]
    a = detail_file(tmp_path / "in" / "a.csv", rows)
    b = detail_file(tmp_path / "in" / "b.csv", [
        row(status="finished", device="PC-B"),  # unreadable: the status is no export's word
        row(staff_id="", device="PC-B")])  # unreadable, and nobody's
    summary = merged(tmp_path, a, b)
    assert summary["00123"]["status"] == "in_progress"
    assert summary["00123"]["flags"] == "unreadable_rows"
    assert summary["00456"]["flags"] == ""
    out = tmp_path / "report.xlsx"
    merge_exports([a, b], out, settings=SETTINGS, options=MergeOptions(tz=JST, header="ja"))
    sheet = openpyxl.load_workbook(out)["明細"]
    header = [c.value for c in sheet[1]]
    flags = {(r[header.index("職員番号")], r[header.index("レッスンID")]): r[header.index("注意")]
             for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert flags == {("00123", "intro"): "読み取れない行あり", ("00123", "second"): None,
                     ("00456", "intro"): None, ("00456", "second"): None}


LATER = "2026-12-07T12:00:00+09:00"  # a week after BASE's exported_at


@pytest.mark.parametrize("order", ["old-then-new", "new-then-old"])
def test_a_newer_export_of_the_same_pc_clears_the_unreadable_flag(tmp_path: Path,
                                                                   order: str) -> None:
    """HR saw 読み取れない行あり for 00123, asked PC-B for a new export and merged both files:
    the new export holds 00123's records as they are now, so the old file's unreadable row
    no longer flags them (its line says so). 00456's unreadable row stays flagged: the new
    export does not name them. PC-C's newer export proves nothing about PC-B's file."""
    old = detail_file(tmp_path / "in" / "old.csv", [
        row(device="PC-B", staff_id="00999", name="別 職員"),
        row(status="finished", device="PC-B"),  # unreadable
        row(staff_id="00456", name="鈴木 花子", status="finished", device="PC-B")])
    new = detail_file(tmp_path / "in" / "new.csv", [
        row(device="PC-B", status="completed", exported_at=LATER),
        row(device="PC-B", staff_id="00999", name="別 職員", exported_at=LATER)])
    files = (old, new) if order == "old-then-new" else (new, old)
    out = tmp_path / "report.csv"
    result = merge_exports(list(files), out, options=MergeOptions(tz=JST), settings=SETTINGS)
    rows = read_csv(out)
    summary = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert summary["00123"]["status"] == "completed"
    assert summary["00123"]["flags"] == ""
    assert summary["00456"]["flags"] == "unreadable_rows"
    old_line = next(i for i in result.inputs if i.path == old)
    assert "hr.input_unreadable_superseded" in [m.code for m in old_line.messages]
    assert "1 行は、同じパソコンのより新しい書き出し" in old_line.message("ja")

    other_pc = detail_file(tmp_path / "in2" / "c.csv", [
        row(device="PC-C", status="completed", exported_at=LATER)])
    assert merged(tmp_path, old, other_pc)["00123"]["flags"] == "unreadable_rows"
    # an export of the same PC from before the unreadable one proves nothing either
    earlier = detail_file(tmp_path / "in3" / "e.csv", [
        row(device="PC-B", exported_at="2026-11-23T12:00:00+09:00")])
    assert merged(tmp_path, old, earlier)["00123"]["flags"] == "unreadable_rows"


def _xlsx_detail(path: Path, rows: list[dict[str, str]]) -> Path:
    """The rows as an XLSX detail export (unsigned): the XLSX reader's path."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "detail"
    sheet.append(HEADER)
    for values in rows:
        sheet.append([values[h] for h in HEADER])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rows_that_cannot_be_read_never_vanish_from_the_report(tmp_path: Path,
                                                               kind: str) -> None:
    """Each unreadable row (a status no export writes) still marks its learner: in a library
    only that row names (a summary row of its own), with an unreadable lesson_id (every lesson
    of the library), with a control character in the staff_id, and for a learner no other row
    names (a row of their own, by the name the row reads); from CSV and XLSX inputs alike."""
    good = detail_file(tmp_path / "in" / "a.csv", [
        row(), row(lesson_id="second", lesson_title="二つ目", status="not_started"),
        row(staff_id="00456", name="鈴木 花子"), row(staff_id="00555", name="佐藤 一郎")])
    bad = [row(library_id="other", lesson_id="x", status="finished", device="PC-B"),
           row(staff_id="00456", lesson_id="", status="finished", device="PC-B"),
           # a control character cannot be written in an XLSX cell
           row(staff_id="00555\x0b" if kind == "csv" else " 00555 ", status="finished",
               device="PC-B"),
           row(staff_id="00789", name="高橋 次郎", status="finished", device="PC-B")]
    second = (detail_file(tmp_path / "in" / "b.csv", bad, sign=False) if kind == "csv"
              else _xlsx_detail(tmp_path / "in" / "b.xlsx", bad))
    out = tmp_path / "report.xlsx"
    merge_exports([good, second], out, settings=SETTINGS, options=MergeOptions(tz=JST))
    book = openpyxl.load_workbook(out)

    def table(name: str) -> list[dict[str, object]]:
        rows = list(book[name].iter_rows(values_only=True))
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]

    summary = {(r["staff_id"], r["library_id"]): r for r in table("summary")}
    assert summary[("00123", "lib")]["flags"] is None  # the lost row is another library's
    assert summary[("00123", "other")]["flags"] == "unreadable_rows"
    assert summary[("00123", "other")]["status"] == "not_started"
    assert summary[("00456", "lib")]["flags"] == "unreadable_rows"
    assert summary[("00555", "lib")]["flags"] == "unreadable_rows"
    lost = summary[("00789", "lib")]  # only the lost row names them
    assert (lost["name"], lost["flags"], lost["status"]) == ("高橋 次郎", "unreadable_rows",
                                                              "not_started")
    detail = {(r["staff_id"], r["lesson_id"]): r["flags"] for r in table("detail")}
    # 00456's lost row has no lesson_id: every lesson of the library, the one without a
    # record too
    assert detail[("00456", "intro")] == "unreadable_rows"
    assert detail[("00456", "second")] == "unreadable_rows"
    assert detail[("00123", "intro")] is None and detail[("00123", "second")] is None
