"""Writing the ``hr merge`` report (``report.py`` makes its rows): XLSX or CSV, atomically.

The XLSX report names its zone in the document property ``dxlearn.timezone`` like every XLSX
dxlearn writes (its date cells hold local times of the organisation's zone), and its detail
sheet continues on numbered sheets past Excel's row limit. A value the writer cannot store
(it was checked when read, so this would be a bug) is an ``ExportError``, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dxlearn.export.errors import CellError, ExportError
from dxlearn.export.formatting import zone_label
from dxlearn.hr.model import MergeOptions
from dxlearn.hr.report import DETAIL, DETAIL_GROUPS, INPUTS, RATES, SHEETS, SUMMARY, Report, Row

WIDE = {"name": 14, "department": 18, "lesson_title": 28, "flags": 14, "devices": 16}
def write_report(report: Report, output: Path, options: MergeOptions) -> None:
    """Write ``report`` to ``output`` (.csv: the per-learner summary; .xlsx: every sheet)."""
    try:
        _write(report, output, options)
    except CellError as error:
        raise ExportError("hr.report_cell", path=str(output), reason=error.as_message()
                          ) from error


def _write(report: Report, output: Path, options: MergeOptions) -> None:
    header = report.header
    bools = report.words.bools
    if output.suffix.lower() == ".csv":
        from dxlearn.export.csv_writer import write_csv

        write_csv(output, SUMMARY, [*report.summary, *report.off_roster], header=header,
                  encoding=options.encoding, tz=options.tz, bools=bools)
        return
    from dxlearn.export.xlsx_package import SpooledWorkbook
    from dxlearn.export.xlsx_writer import name_zone, save_workbook

    book = SpooledWorkbook()
    name_zone(book, zone_label(options.tz))
    try:
        _write_sheets(book, report, options)
    except BaseException:
        book.discard()
        raise
    save_workbook(book, output)


def _rate_sheet(book: Any, title: str, rows: list[Row], header: str, chart_title: str,
                options: MergeOptions) -> None:
    from openpyxl.chart import BarChart, Reference

    from dxlearn.export.xlsx_writer import add_table_sheet

    add_table_sheet(book, title, RATES, rows, header=header, tz=options.tz,
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
    chart.add_data(Reference(sheet, min_col=6, min_row=1, max_row=count + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    chart.height = max(7.5, 0.6 * count + 3)
    chart.width = 18
    sheet.add_chart(chart, "H2")


def _write_sheets(book: Any, report: Report, options: MergeOptions) -> None:
    from dxlearn.export.xlsx_writer import add_table_sheet, add_table_sheets

    header = report.header
    names = SHEETS[header]
    common: dict[str, Any] = {"header": header, "tz": options.tz,
                              "bools": report.words.bools}
    add_table_sheet(book, names["summary"], SUMMARY, report.summary, widths=WIDE,
                    **common)
    if report.has_roster:
        add_table_sheet(book, names["off"], SUMMARY, report.off_roster, widths=WIDE,
                        **common)
    add_table_sheets(book, names["detail"], DETAIL, report.detail_parts(), widths=WIDE,
                     groups=DETAIL_GROUPS, parts=True, **common)
    is_ja = header == "ja"
    _rate_sheet(book, names["department"], report.by_department, header,
                "所属別の修了率" if is_ja else "Completion rate by department", options)
    _rate_sheet(book, names["role"], report.by_role, header,
                "役割別の修了率" if is_ja else "Completion rate by role", options)
    if report.items is not None:
        from dxlearn.hr.items_write import add_items_sheet

        add_items_sheet(book, names["items"], report.items, header, options)
    add_table_sheet(book, names["inputs"], INPUTS, report.inputs,
                    widths={"file": 48, "message": 80, "sha256": 20, "verdict": 14}, **common)
