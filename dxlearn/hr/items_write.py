"""Writing the item analysis (``hr.items``): XLSX (the table, a bar chart of facility per
question for each lesson, the inputs, and a sheet saying how the numbers are computed) or CSV
(the table alone), atomically, in the header language's words.

The 設問分析 sheet of the ``hr merge`` report is the same table and charts
(:func:`add_items_sheet`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dxlearn.export.columns import Kind, columns_of
from dxlearn.export.errors import CellError, ExportError
from dxlearn.export.formatting import zone_label
from dxlearn.export.vocabulary import vocabulary
from dxlearn.hr.items import (
    EASY,
    FLAG_SMALL,
    HARD,
    LOW_DISCRIMINATION,
    MIN_ANSWERS,
    ItemAnalysis,
    ItemStats,
)
from dxlearn.hr.model import MergeOptions
from dxlearn.messages import text

T, N, F = Kind.TEXT, Kind.INT, Kind.DECIMAL
ITEM_COLUMNS = columns_of(
    ("library_id", "教材ID", T), ("lesson_id", "レッスンID", T),
    ("question_number", "設問番号", N), ("question_id", "設問ID", T),
    ("answered", "回答数", N), ("correct", "正答数", N), ("facility", "正答率(%)", F),
    ("discrimination", "識別力", F), ("wrong_choices", "誤答の選択肢", T),
    ("flags", "判定", T),
)
FACILITY_COLUMN = 7  # 1-based, for the charts
NOTE_COLUMNS = columns_of(("note", "説明", T))
SHEETS = {"en": {"items": "items", "inputs": "inputs", "about": "about"},
          "ja": {"items": "設問分析", "inputs": "入力ファイル", "about": "説明"}}
WIDTHS = {"library_id": 18, "lesson_id": 20, "question_id": 22, "wrong_choices": 24,
          "flags": 48}

Row = tuple[object, ...]


def choices_text(counts: tuple[tuple[int, int], ...], lang: str) -> str:
    if lang == "ja":
        return "、".join(f"{choice}（{times}回）" for choice, times in counts)
    return "; ".join(f"{choice}: {times}" for choice, times in counts)


def flags_text(item: ItemStats, lang: str) -> str:
    join = "、" if lang == "ja" else "; "
    return join.join(text(f"items.flag_{flag}", lang, minimum=MIN_ANSWERS)
                     if flag == FLAG_SMALL else text(f"items.flag_{flag}", lang)
                     for flag in item.flags)


def item_rows(analysis: ItemAnalysis, lang: str) -> list[Row]:
    return [(i.library_id, i.lesson_id, i.question_number, i.question_id, i.answered, i.correct,
             round(i.facility, 1),
             None if i.discrimination is None else round(i.discrimination, 3),
             choices_text(i.wrong_choices, lang), flags_text(i, lang)) for i in analysis.items]


def about_rows(analysis: ItemAnalysis, lang: str) -> list[Row]:
    """How the numbers are computed, and what was left out (the 説明 sheet)."""
    lines = [text("items.about_first", lang), text("items.about_facility", lang),
             text("items.about_discrimination", lang),
             text("items.about_flags", lang, easy=EASY, hard=HARD, low=LOW_DISCRIMINATION,
                  minimum=MIN_ANSWERS),
             text("items.about_learners", lang, count=analysis.learners)]
    if analysis.left_out_version:
        lines.append(text("items.first_attempts_left_out", lang,
                              count=analysis.left_out_version))
    if analysis.left_out_incomplete:
        lines.append(text("items.first_attempts_incomplete", lang,
                          count=analysis.left_out_incomplete))
    if analysis.duplicates:
        lines.append(text("items.duplicate_rows", lang, count=analysis.duplicates))
    return [(line,) for line in lines]


def add_items_sheet(book: Any, title: str, analysis: ItemAnalysis, lang: str,
                    options: MergeOptions) -> None:
    """The table of ``analysis`` on sheet ``title``, with a bar chart of facility per
    question for each lesson beside it."""
    from openpyxl.chart import BarChart, Reference

    from dxlearn.export.xlsx_writer import add_table_sheet

    rows = item_rows(analysis, lang)
    add_table_sheet(book, title, ITEM_COLUMNS, rows, header=lang, tz=options.tz,
                    widths=WIDTHS, formats={"facility": "0.0", "discrimination": "0.000"})
    sheet = book.workbook[title]
    anchor = 2
    start = 0
    for library_id, lesson_id in analysis.lessons():
        count = sum(1 for i in analysis.items
                    if (i.library_id, i.lesson_id) == (library_id, lesson_id))
        first, last = start + 2, start + count + 1  # sheet rows of this lesson
        chart = BarChart()
        chart.type = "col"
        chart.title = f"{lesson_id} ({library_id})"
        chart.y_axis.title = ITEM_COLUMNS[FACILITY_COLUMN - 1].header(lang)
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.x_axis.title = ITEM_COLUMNS[3].header(lang)
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=FACILITY_COLUMN, min_row=first, max_row=last),
                       titles_from_data=False)
        chart.set_categories(Reference(sheet, min_col=4, min_row=first, max_row=last))
        chart.height = 7.5
        chart.width = max(12.0, 1.5 * count + 4)
        sheet.add_chart(chart, f"L{anchor}")
        anchor += 16
        start += count


def write_items(analysis: ItemAnalysis, output: Path, options: MergeOptions,
                inputs: list[Row]) -> None:
    """Write the analysis to ``output`` (.csv: the table; .xlsx: every sheet)."""
    lang = options.header
    try:
        if output.suffix.lower() == ".csv":
            from dxlearn.export.csv_writer import write_csv

            write_csv(output, ITEM_COLUMNS, item_rows(analysis, lang), header=lang,
                      encoding=options.encoding, tz=options.tz)
            return
        from dxlearn.export.xlsx_package import SpooledWorkbook
        from dxlearn.export.xlsx_writer import add_table_sheet, name_zone, save_workbook
        from dxlearn.hr.report import INPUTS

        book = SpooledWorkbook()
        name_zone(book, zone_label(options.tz))
        names = SHEETS[lang]
        try:
            add_items_sheet(book, names["items"], analysis, lang, options)
            add_table_sheet(book, names["inputs"], INPUTS, inputs, header=lang, tz=options.tz,
                            widths={"file": 48, "message": 80, "sha256": 20, "verdict": 14},
                            bools=vocabulary(lang).bools)
            add_table_sheet(book, names["about"], NOTE_COLUMNS, about_rows(analysis, lang),
                            header=lang, widths={"note": 120})
        except BaseException:
            book.discard()
            raise
        save_workbook(book, output)
    except CellError as error:
        raise ExportError("hr.report_cell", path=str(output), reason=error.as_message()
                          ) from error
