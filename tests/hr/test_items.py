"""Item analysis (``dxlearn hr items``) against values computed by hand.

The constructed set is ``tests/support/items_builders.py``: six learners' first attempts at a
four-question quiz, spread over three PCs (three databases), with later attempts and an
attempt on an older lesson version that must not count. First-attempt scores (1 = right):

    learner  q-a q-b q-c q-d  total
    10001     1   1   1   0     3
    10002     1   1   1   0     3
    10003     1   1   0   1     3
    10004     1   0   1   0     2
    10005     1   0   1   0     2
    10006     1   0   0   0     1

Facility = right / answered (n = 6 for every question):
    q-a 6/6 = 100.0 %   q-b 3/6 = 50.0 %   q-c 4/6 = 66.7 %   q-d 1/6 = 16.7 %

Discrimination (Moodle's discrimination index): the Pearson correlation of the item score x
with the rest-of-quiz score y = total - x, over the six learners, computed as
    r = (n·Σxy − Σx·Σy) / sqrt((n·Σx² − (Σx)²) · (n·Σy² − (Σy)²))      (x² = x for 0/1)

q-a: x = 1 1 1 1 1 1: n·Σx² − (Σx)² = 36 − 36 = 0, so r is not computable (empty).
q-b: x = 1 1 1 0 0 0, y = 2 2 2 2 2 1.
     Σx = 3, Σy = 11, Σy² = 4+4+4+4+4+1 = 21, Σxy = 2+2+2 = 6.
     numerator 6·6 − 3·11 = 3; n·Σx² − (Σx)² = 18 − 9 = 9; n·Σy² − (Σy)² = 126 − 121 = 5.
     r = 3 / sqrt(45) = 3 / 6.7082 = 0.447
q-c: x = 1 1 0 1 1 0, y = 2 2 3 1 1 1.
     Σx = 4, Σy = 10, Σy² = 4+4+9+1+1+1 = 20, Σxy = 2+2+1+1 = 6.
     numerator 6·6 − 4·10 = −4; 24 − 16 = 8; 120 − 100 = 20.
     r = −4 / sqrt(160) = −4 / 12.6491 = −0.316
q-d: x = 0 0 1 0 0 0, y = 3 3 2 2 2 1.
     Σx = 1, Σy = 13, Σy² = 9+9+4+4+4+1 = 31, Σxy = 2.
     numerator 6·2 − 1·13 = −1; 6 − 1 = 5; 186 − 169 = 17.
     r = −1 / sqrt(85) = −1 / 9.2195 = −0.108

Wrong choices chosen (choice numbers from 1; choice 1 is always right):
    q-b: 10004 → 2, 10005 → 3, 10006 → 2            = 2: 2, 3: 1
    q-c: 10003 → 2, 10006 → 3                        = 2: 1, 3: 1
    q-d: 10001 → 2, 10002 → 3, 10004 → 2, 10005 → 2, 10006 → 3 = 2: 3, 3: 2

Flags (n = 6 ≥ 5): q-a too easy (100 > 90) and not computable; q-b none (0.447 ≥ 0.2);
q-c low discrimination (−0.316 < 0.2); q-d too hard (16.7 < 30) and low (−0.108).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dxlearn.content.loader import load_library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.export.api import Format
from dxlearn.store import open_store

from support.export_builders import JST, KEY_HEX, read_csv, run_cli
from support.items_builders import items_databases

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}
EXPECTED = {  # question id -> (number, n, right, facility %, discrimination, wrong choices)
    "q-a": (1, 6, 6, 100.0, None, ""),
    "q-b": (2, 6, 3, 50.0, 0.447, "2: 2; 3: 1"),
    "q-c": (3, 6, 4, 66.7, -0.316, "2: 1; 3: 1"),
    "q-d": (4, 6, 1, 16.7, -0.108, "2: 3; 3: 2"),
}
FLAGS = {
    "q-a": "too easy (facility above 90%); discrimination cannot be computed (everyone "
           "scored the same)",
    "q-b": "",
    "q-c": "low discrimination (below 0.2)",
    "q-d": "too hard (facility below 30%); low discrimination (below 0.2)",
}
# (PC, file name, format, encoding, header): PC-A twice (the same answers in two files)
EXPORTS = [("A", "pc-a.csv", "csv", "utf-8-sig", "en"),
           ("A", "pc-a.xlsx", "xlsx", "utf-8-sig", "ja"),
           ("B", "pc-b.csv", "csv", "cp932", "ja"),
           ("C", "pc-c.xlsx", "xlsx", "utf-8-sig", "en")]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The answers exports of the three PCs (signed), in one folder."""
    work = tmp_path_factory.mktemp("items")
    library_path, databases = items_databases(work / "data")
    library = load_library(library_path)
    out = work / "answers"
    out.mkdir()
    for pc, name, fmt, encoding, header in EXPORTS:
        settings = ExportSettings(device=f"PC-{pc}", key=bytes.fromhex(KEY_HEX),
                                  key_id="org-2026")
        with open_store(databases[pc], backup_keep=0) as opened:
            export_completion(opened.store, [library], out / name,
                              ExportOptions(scope=Scope.ANSWERS, format=Format(fmt),
                                            encoding=encoding, header=header, tz=JST),
                              settings)
    (work / "library-path").write_text(str(library_path), encoding="utf-8")
    return out


def items(*args: str | Path) -> tuple[int, str]:
    result = run_cli("--lang", "en", "hr", "items", *args, env=SIGNED)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


def table(path: Path) -> dict[str, list[str]]:
    rows = read_csv(path)
    assert rows[0] == ["library_id", "lesson_id", "question_number", "question_id", "answered",
                       "correct", "facility", "discrimination", "wrong_choices", "flags"]
    return {row[3]: row for row in rows[1:]}


def test_hr_items_reproduces_the_hand_computed_values(answers: Path, tmp_path: Path) -> None:
    status, output = items(answers, "-o", tmp_path / "items.csv")
    assert status == 0, output
    found = table(tmp_path / "items.csv")
    assert sorted(found) == ["q-a", "q-b", "q-c", "q-d"]
    for question, (number, n, right, facility, discrimination, wrong) in EXPECTED.items():
        row = found[question]
        assert row[:3] == ["items-test", "check", str(number)]
        assert (int(row[4]), int(row[5])) == (n, right)
        assert float(row[6]) == pytest.approx(facility, abs=0.05)
        if discrimination is None:
            assert row[7] == ""
        else:
            assert round(float(row[7]), 3) == discrimination
        assert row[8] == wrong
        assert row[9] == FLAGS[question]
    # 4 inputs used; 10007's first attempt (old version) left out; PC-A's answers twice
    assert "of 4 input(s) used" in output and "6 learner(s)" in output
    assert "1 learner(s)' first attempt at a quiz holds answers to questions that changed" in output
    assert "16 rows: 4 answer(s) are left out of the analysis" in output  # PC-B's line
    assert "24 answer(s) were also in another input" not in output
    assert "12 answer(s) were also in another input and are counted once" in output


def test_the_xlsx_has_the_table_a_chart_per_lesson_and_the_definitions(
        answers: Path, tmp_path: Path) -> None:
    target = tmp_path / "items.xlsx"
    status, output = items(answers, "-o", target, "--header", "ja")
    assert status == 0, output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["設問分析", "入力ファイル", "説明"]
    sheet = book["設問分析"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["教材ID", "レッスンID", "設問番号", "設問ID", "回答数", "正答数",
                          "正答率(%)", "識別力"]
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["q-b"][6] == 50.0 and rows["q-b"][7] == pytest.approx(0.447, abs=5e-4)
    assert rows["q-c"][6] == pytest.approx(66.7) and rows["q-c"][7] == pytest.approx(-0.316)
    assert rows["q-a"][7] is None and "易しすぎ" in rows["q-a"][9]
    assert rows["q-d"][8] == "2（3回）、3（2回）" and "難しすぎ" in rows["q-d"][9]
    with zipfile.ZipFile(target) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1  # one lesson, one chart
        chart = package.read(charts[0]).decode("utf-8")
        assert "'設問分析'!$G$2:$G$5" in chart and "barChart" in chart
    about = " ".join(str(r[0]) for r in book["説明"].iter_rows(min_row=2, values_only=True))
    assert "ピアソン相関係数" in about and "Moodle" in about
    inputs = [r for r in book["入力ファイル"].iter_rows(min_row=2, values_only=True)]
    assert len(inputs) == 4 and all(r[2] == "はい" for r in inputs)


def test_an_altered_answers_file_never_counts(answers: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(answers, folder)
    target = folder / "pc-b.csv"  # 10003 and 10004
    data = target.read_bytes()
    target.write_bytes(data.replace(b"10003,", b"10009,", 1))  # one answer given to another
    status, output = items(folder, "-o", tmp_path / "items.csv")
    assert status == 0, output
    assert "pc-b.csv: altered" in output and "left out" in output
    found = table(tmp_path / "items.csv")
    # without PC-B, four learners: below the minimum, so nothing is judged
    assert found["q-b"][4] == "4"
    assert {row[9] for row in found.values()} == {"n too small (fewer than 5): not judged"}
    status, output = items(folder, "-o", tmp_path / "with.csv", "--include-altered")
    assert status == 0 and "pc-b.csv: altered" in output
    assert table(tmp_path / "with.csv")["q-b"][4] == "6"


def _damage(path: Path, encoding: str, staff_id: str, question: str) -> None:
    """Make the chosen-choices cell of one answer unreadable (the file no longer matches its
    signature: the runs below use --include-altered)."""
    import csv
    import io

    rows = read_csv(path, encoding)
    hits = [r for r in rows[1:] if r[0] == staff_id and r[1] == "items-test" and r[5] == "1"
            and r[7] == question]
    assert len(hits) == 1
    hits[0][9] = "x"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def test_a_first_attempt_that_lost_a_row_is_left_out(answers: Path, tmp_path: Path) -> None:
    """10003's answer to q-c cannot be read (PC-B's file): the other three of that first
    attempt alone would give 10003 rest scores one too low. 10001's answer to q-b is
    unreadable in pc-a.csv but pc-a.xlsx brings it: that attempt is whole."""
    folder = tmp_path / "inputs"
    shutil.copytree(answers, folder)
    _damage(folder / "pc-b.csv", "cp932", "10003", "3")
    _damage(folder / "pc-a.csv", "utf-8-sig", "10001", "2")
    status, output = items(folder, "-o", tmp_path / "items.csv", "--include-altered")
    assert status == 0, output
    assert "column chosen" in output  # the inputs list names the rows left out
    assert ("1 learner(s)' first attempt at a quiz lost answer rows that could not be read"
            in output)
    assert "5 learner(s)" in output
    found = table(tmp_path / "items.csv")
    # without 10003: q-a 5/5; q-b 10001 10002 right, 10004-6 wrong: 2/5; q-c 10001 10002
    # 10004 10005 right, 10006 wrong: 4/5; q-d nobody right: 0/5
    assert {q: (int(r[4]), int(r[5])) for q, r in found.items()} == {
        "q-a": (5, 5), "q-b": (5, 2), "q-c": (5, 4), "q-d": (5, 0)}
    status, output = items(folder, "-o", tmp_path / "items.xlsx", "--include-altered")
    assert status == 0, output
    book = openpyxl.load_workbook(tmp_path / "items.xlsx")
    sheet = book.worksheets[-1]
    assert sheet.title in ("説明", "about"), book.sheetnames
    about = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "lost answer rows that could not be read" in about, about


def test_an_unreadable_row_in_an_xlsx_answers_file_counts_too(answers: Path,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(answers, folder)
    path = folder / "pc-c.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.title in ("answers", "回答"))
    header = [c.value for c in sheet[1]]
    hit = next(r for r in sheet.iter_rows(min_row=2)  # 10005's first attempt is on PC-C
               if r[header.index("library_id")].value == "items-test"
               and str(r[0].value) == "10005")
    hit[header.index("chosen")].value = "x"
    book.save(path)
    status, output = items(folder, "-o", tmp_path / "items.csv", "--include-altered")
    assert status == 0, output
    assert ("1 learner(s)' first attempt at a quiz lost answer rows that could not be read"
            in output)
    assert "5 learner(s)" in output


def test_detail_exports_and_nothing_usable(answers: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("staff_id,name\r\n1,a\r\n", encoding="utf-8")
    status, output = items(other, "-o", tmp_path / "items.csv")
    assert status == 1 and "no item analysis was written" in output
    assert "not an answers export" in output
    assert not (tmp_path / "items.csv").exists()
    status, output = items(tmp_path / "missing", "-o", tmp_path / "items.csv")
    assert status == 2
    status, output = items(answers, "-o", tmp_path / "items.txt")
    assert status == 2


def test_the_answers_export(answers: Path, tmp_path: Path) -> None:
    rows = read_csv(answers / "pc-b.csv", "cp932")
    assert rows[0][:9] == ["職員番号", "教材ID", "教材版", "レッスンID", "レッスン版", "受験回",
                           "受験開始日時", "設問番号", "設問ID"]
    mine = [r for r in rows[1:] if r[1] == "items-test"]
    old = [r for r in mine if r[0] == "10007" and r[5] == "1"]
    assert len(old) == 4 and all(r[4] == "1" and r[8] == "" and r[13] == "いいえ" for r in old)
    again = [r for r in mine if r[0] == "10007" and r[5] == "2"]
    assert [r[8] for r in again] == ["q-a", "q-b", "q-c", "q-d"]
    assert all(r[13] == "はい" for r in again)
    first = [r for r in mine if r[0] == "10003"]
    assert [(r[7], r[9], r[10], r[11]) for r in first] == [
        ("1", "1", "1", "はい"), ("2", "1", "1", "はい"), ("3", "2", "1", "いいえ"),
        ("4", "1", "1", "はい")]
    sidecar = json.loads((answers / "pc-b.csv.sig.json").read_text(encoding="utf-8"))
    assert sidecar["scope"] == "answers" and sidecar["rows"] == len(rows) - 1


def test_export_scope_answers_on_the_command_line(tmp_path: Path) -> None:
    library_path, databases = items_databases(tmp_path / "data")
    result = run_cli("--lang", "en", "export", "--scope", "answers", "-o", tmp_path / "b.csv",
                     "--library", library_path, "--db", databases["B"], env=SIGNED)
    assert result.returncode == 0, result.stderr
    assert "4 answer(s) cannot be matched to a question" in result.stderr
    assert "answers" in result.stdout
    result = run_cli("--lang", "en", "export", "--scope", "answers", "-o", tmp_path / "one.csv",
                     "--library", library_path, "--db", databases["B"], "--learner", "10004",
                     env=SIGNED)
    assert result.returncode == 0, result.stderr
    rows = read_csv(tmp_path / "one.csv")[1:]
    assert len(rows) == 4 and {r[0] for r in rows} == {"10004"}
    assert "cannot be matched" not in result.stderr  # 10007's old attempt is not in it
    result = run_cli("--lang", "en", "export", "--scope", "answers", "-o", tmp_path / "b.json",
                     "--library", library_path, "--db", databases["B"], env=SIGNED)
    assert result.returncode != 0 and "cannot be written as xAPI" in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_merge_report_gains_an_item_analysis_sheet(answers: Path, tmp_path: Path) -> None:
    library_path = Path((answers.parent / "library-path").read_text(encoding="utf-8"))
    db = answers.parent / "data" / "pc-a" / "progress.db"
    detail = tmp_path / "detail.csv"
    result = run_cli("export", "-o", detail, "--library", library_path, "--db", db, env=SIGNED)
    assert result.returncode == 0, result.stderr
    report = tmp_path / "report.xlsx"
    result = run_cli("--lang", "en", "hr", "merge", detail, answers, "-o", report,
                     "--header", "ja", env=SIGNED)
    assert result.returncode == 0, result.stdout + result.stderr
    book = openpyxl.load_workbook(report)
    assert "設問分析" in book.sheetnames
    rows = {r[3]: r for r in book["設問分析"].iter_rows(min_row=2, values_only=True)}
    assert rows["q-b"][4:8] == (6, 3, 50.0, pytest.approx(0.447, abs=5e-4))
    inputs = [r[0] for r in book["入力ファイル"].iter_rows(min_row=2, values_only=True)]
    assert len(inputs) == 5
    # without answers files: no such sheet
    plain = tmp_path / "plain.xlsx"
    result = run_cli("hr", "merge", detail, "-o", plain, env=SIGNED)
    assert result.returncode == 0
    assert "items" not in openpyxl.load_workbook(plain).sheetnames
