"""The ``hr merge`` report: rows for each sheet, and the XLSX/CSV writers.

XLSX sheets: per-learner summary; staff not on the roster (with a roster); detail;
completion rate per department and per role, each with a bar chart; inputs and verdicts.
The CSV report is the per-learner summary alone (roster members first, then the others with
``on_roster`` false).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dxlearn.export.columns import Kind, columns_of
from dxlearn.export.xlsx_rows import SpooledWorkbook
from dxlearn.hr.combine import Combined, LessonInfo, MergedLearner
from dxlearn.hr.model import InputInfo, MergeOptions
from dxlearn.learning.status import Status, roll_up

T, N, B, D = Kind.TEXT, Kind.INT, Kind.BOOL, Kind.DATETIME


SUMMARY = columns_of(
    ("staff_id", "職員番号", T), ("name", "氏名", T), ("department", "所属", T),
    ("role", "役割", T), ("library_id", "教材ID", T), ("library_version", "教材版", T),
    ("required_total", "必須数", N), ("required_completed", "必須修了数", N),
    ("status", "状況", T), ("completed_at", "修了日時", D), ("study_seconds", "学習秒数", N),
    ("devices", "端末", T), ("last_exported_at", "最終出力日時", D), ("on_roster", "名簿", B),
    ("flags", "注意", T),
)
DETAIL = columns_of(
    ("staff_id", "職員番号", T), ("name", "氏名", T), ("department", "所属", T),
    ("role", "役割", T), ("library_id", "教材ID", T), ("library_version", "教材版", T),
    ("lesson_id", "レッスンID", T), ("lesson_title", "レッスン名", T),
    ("lesson_version", "レッスン版", N), ("required", "必須", B), ("status", "状況", T),
    ("score", "得点", N), ("pass_score", "合格点", N), ("passed", "合否", B),
    ("attempts", "受験回数", N), ("started_at", "開始日時", D), ("completed_at", "修了日時", D),
    ("study_seconds", "学習秒数", N), ("devices", "端末", T), ("flags", "注意", T),
)
RATES = columns_of(
    ("group", "区分", T), ("learners", "対象者数", N), ("completed", "修了", N),
    ("in_progress", "受講中", N), ("not_started", "未受講", N), ("rate", "修了率", N),
)
INPUTS = columns_of(
    ("file", "ファイル", T), ("verdict", "検証結果", T), ("included", "使用", B),
    ("format", "形式", T), ("encoding", "文字コード", T), ("header", "見出し", T),
    ("rows", "行数", N), ("device", "端末", T), ("exported_at", "出力日時", D),
    ("sha256", "SHA-256", T), ("message", "説明", T),
)
SHEETS = {
    "en": {"summary": "summary", "off": "not_on_roster", "detail": "detail",
           "department": "by_department", "role": "by_role", "inputs": "inputs"},
    "ja": {"summary": "受講者別", "off": "名簿外", "detail": "明細", "department": "所属別",
           "role": "役割別", "inputs": "入力ファイル"},
}

Row = tuple[object, ...]


@dataclass
class Report:
    header: str
    summary: list[Row] = field(default_factory=list)
    off_roster: list[Row] = field(default_factory=list)
    detail: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    by_role: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    has_roster: bool = False


def _flags(item: Combined | None, flags_by_source: dict[int, str]) -> str:
    if item is None or not flags_by_source:
        return ""
    return " ".join(sorted({flags_by_source[s] for s in item.sources if s in flags_by_source}))


def _learner_rows(
    learner: MergedLearner,
    curricula: dict[tuple[str, str], dict[str, LessonInfo]],
    versions: dict[str, str],
    flags_by_source: dict[int, str],
) -> tuple[list[Row], list[Row]]:
    libraries = sorted({lib for (lib, role) in curricula if role == learner.role}
                       | {lib for (lib, _lesson) in learner.lessons})
    who = (learner.staff_id, learner.name, learner.department, learner.role)
    summary: list[Row] = []
    detail: list[Row] = []
    for library_id in libraries:
        lessons = dict(curricula.get((library_id, learner.role), {}))
        for (lib, lesson_id), item in learner.lessons.items():
            if lib == library_id and lesson_id not in lessons:
                record = item.record
                lessons[lesson_id] = LessonInfo(lesson_id, record.lesson_title,
                                                bool(record.required), record.pass_score,
                                                record.lesson_version)
        seconds = 0
        devices: set[str] = set()
        flags: set[str] = set()
        entries: list[tuple[bool, Status, datetime | None]] = []
        for info in lessons.values():
            found = learner.lessons.get((library_id, info.lesson_id))
            flag = _flags(found, flags_by_source)
            if flag:
                flags.update(flag.split())
            if found is None:
                detail.append((*who, library_id, versions.get(library_id, ""), info.lesson_id,
                               info.title, info.lesson_version, info.required,
                               Status.NOT_STARTED.value, None, info.pass_score, None, 0, None,
                               None, 0, "", ""))
                entries.append((info.required, Status.NOT_STARTED, None))
                continue
            item = found
            record = item.record
            required = bool(record.required) if record.required is not None else info.required
            entries.append((required, Status(record.status), record.completed_at))
            seconds += item.study_seconds
            devices.update(d for d in item.devices if d)
            detail.append((*who, library_id, record.library_version, info.lesson_id,
                           record.lesson_title or info.title, record.lesson_version, required,
                           record.status, record.score, record.pass_score, record.passed,
                           item.attempts, item.started_at, record.completed_at,
                           item.study_seconds, " ".join(sorted(item.devices)), flag))
        summed = roll_up(entries)
        summary.append((*who, library_id, versions.get(library_id, ""), summed.required_total,
                        summed.required_completed, summed.status.value, summed.completed_at,
                        seconds, " ".join(sorted(devices)), learner.last_exported_at,
                        learner.on_roster, " ".join(sorted(flags))))
    if not libraries:
        summary.append((*who, "", "", 0, 0, Status.NOT_STARTED.value, None, 0, "", None,
                        learner.on_roster, ""))
    return summary, detail


def _rates(rows: list[Row], index: int) -> list[Row]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        group = str(row[index] or "（未設定）")
        status = row[8]
        slot = 0 if status == Status.COMPLETED else 1 if status == Status.IN_PROGRESS else 2
        counts[group][slot] += 1
    result: list[Row] = []
    for group in sorted(counts):
        completed, in_progress, not_started = counts[group]
        total = completed + in_progress + not_started
        result.append((group, total, completed, in_progress, not_started,
                       round(completed / total, 4) if total else 0.0))
    return result


def build_report(
    people: dict[str, MergedLearner],
    curricula: dict[tuple[str, str], dict[str, LessonInfo]],
    inputs: list[InputInfo],
    header: str,
) -> Report:
    report = Report(header)
    flags_by_source = {i: info.verdict for i, info in enumerate(inputs)
                       if info.verdict != "authentic"}
    versions: dict[str, str] = {}
    for learner in people.values():
        for (library_id, _lesson), item in learner.lessons.items():
            version = item.record.library_version
            if version > versions.get(library_id, ""):
                versions[library_id] = version
    for learner in people.values():
        summary, detail = _learner_rows(learner, curricula, versions, flags_by_source)
        if learner.on_roster is False:
            report.off_roster.extend(summary)
        else:
            report.summary.extend(summary)
        report.detail.extend(detail)
        report.has_roster = report.has_roster or learner.on_roster is not None
    report.by_department = _rates(report.summary, 2)
    report.by_role = _rates(report.summary, 3)
    report.inputs = [(str(i.path), i.verdict, i.included, i.format, i.encoding, i.header,
                      i.rows, i.device, i.exported_at, i.sha256, i.message) for i in inputs]
    return report


def _rate_sheet(book: SpooledWorkbook, title: str, rows: list[Row], header: str,
                chart_title: str) -> None:
    from openpyxl.chart import BarChart, Reference

    from dxlearn.export.xlsx_writer import add_table_sheet

    percent_rows = rows
    add_table_sheet(book, title, RATES, percent_rows, header=header,
                    widths={"group": 24, "rate": 10}, formats={"rate": "0.0%"})
    sheet = book.workbook[title]
    chart = BarChart()
    chart.type = "bar"
    chart.title = chart_title
    chart.y_axis.title = RATES[-1].header(header)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.legend = None
    count = max(1, len(rows))
    chart.add_data(Reference(sheet, min_col=6, min_row=1, max_row=count + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    chart.height = max(7.5, 0.6 * count + 3)
    chart.width = 18
    sheet.add_chart(chart, "H2")


def write_report(report: Report, output: Path, options: MergeOptions) -> None:
    header = report.header
    if output.suffix.lower() == ".csv":
        from dxlearn.export.csv_writer import write_csv

        write_csv(output, SUMMARY, [*report.summary, *report.off_roster], header=header,
                  encoding=options.encoding)
        return
    from dxlearn.export.xlsx_writer import save_workbook

    names = SHEETS[header]
    book = SpooledWorkbook()
    try:
        _write_sheets(book, report, header, names)
    except BaseException:
        book.discard()
        raise
    save_workbook(book, output)


def _write_sheets(book: SpooledWorkbook, report: Report, header: str,
                  names: dict[str, str]) -> None:
    from dxlearn.export.xlsx_writer import add_table_sheet

    wide = {"name": 14, "department": 18, "lesson_title": 28, "flags": 14, "devices": 16}
    add_table_sheet(book, names["summary"], SUMMARY, report.summary, header=header,
                    widths=wide)
    if report.has_roster:
        add_table_sheet(book, names["off"], SUMMARY, report.off_roster, header=header,
                        widths=wide)
    add_table_sheet(book, names["detail"], DETAIL, report.detail, header=header, widths=wide)
    is_ja = header == "ja"
    _rate_sheet(book, names["department"], report.by_department, header,
                "所属別の修了率" if is_ja else "Completion rate by department")
    _rate_sheet(book, names["role"], report.by_role, header,
                "役割別の修了率" if is_ja else "Completion rate by role")
    add_table_sheet(book, names["inputs"], INPUTS, report.inputs, header=header,
                    widths={"file": 48, "message": 80, "sha256": 20, "verdict": 14})
