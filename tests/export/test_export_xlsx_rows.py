"""The XLSX table sheets' rows written as text (``xlsx_rows``) read back exactly as the rows
openpyxl itself writes (``cell_maker``/``number_cell`` + ``ws.append``, the previous writer)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dxlearn.export.columns import Column, Kind
from dxlearn.export.errors import CellError
from dxlearn.export.xlsx_rows import SpooledWorkbook
from dxlearn.export.xlsx_writer import (
    WIDTHS,
    add_table_sheet,
    cell_maker,
    header_cells,
    number_cell,
    save_workbook,
)

JST = timezone(timedelta(hours=9))
T, N, B, D = Kind.TEXT, Kind.INT, Kind.BOOL, Kind.DATETIME
COLUMNS = tuple(Column(key, key, key, kind) for key, kind in (
    ("staff_id", T), ("name", T), ("score", N), ("passed", B), ("started_at", D),
    ("rate", N), ("note", T)))
FORMATS = {"rate": "0.0%"}
MOMENT = datetime(2026, 11, 27, 5, 0, 9, 123456, tzinfo=UTC)
ROWS = [
    ("00123", "山田 太郎", 90, True, MOMENT, 0.5, "plain"),
    ("=1+2", "=SUM(A1)", 0, False, None, 1.0, "#N/A"),
    ("#N/A", " 前後に空白 ", None, None, MOMENT + timedelta(days=400), 0.12345, "a&b<c>d\"e'"),
    ("", "", -5, True, datetime(1999, 12, 31, 23, 59, 59, tzinfo=JST), 2, "改行\nあり\r\n"),
    ("   ", "=", 10**17, None, None, None, "x" * 40000),
    ("1e5", "#DIV/0!", 12345678901234567, False, MOMENT, float("nan"), "=HYPERLINK(\"x\")"),
]


def reference_sheet(workbook: Workbook, title: str, columns: tuple[Column, ...],
                    rows: Iterable[tuple[object, ...]], formats: dict[str, str]) -> None:
    """The sheet as the writer made it before the rows were written as text."""
    ws = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS[column.kind]
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, (c.en for c in columns)))
    makers = [number_cell(ws, formats[c.key]) if c.key in formats
              else cell_maker(ws, c.kind, c.key, JST) for c in columns]
    count = 0
    for row in rows:
        count += 1
        ws.append([make(value) for make, value in zip(makers, row, strict=True)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def cells(path: Path, title: str) -> list[list[tuple[object, ...]]]:
    sheet = openpyxl.load_workbook(path)[title]
    assert sheet.freeze_panes == "A2"
    return [[(c.value, c.data_type, c.number_format, c.font.b, c.quotePrefix) for c in row]
            for row in sheet.iter_rows()]


def test_rows_as_text_read_back_as_openpyxls_own(tmp_path: Path) -> None:
    reference = Workbook(write_only=True)
    reference_sheet(reference, "t", COLUMNS, ROWS, FORMATS)
    reference.save(tmp_path / "reference.xlsx")
    fast = SpooledWorkbook()
    assert add_table_sheet(fast, "t", COLUMNS, ROWS, tz=JST, formats=FORMATS) == len(ROWS)
    add_table_sheet(fast, "empty", COLUMNS, [], tz=JST)
    save_workbook(fast, tmp_path / "fast.xlsx")
    expected = cells(tmp_path / "reference.xlsx", "t")
    found = cells(tmp_path / "fast.xlsx", "t")
    assert len(found) == len(ROWS) + 1
    for want, got in zip(expected, found, strict=True):
        assert got == want or str(got) == str(want)  # NaN != NaN
    loaded = openpyxl.load_workbook(tmp_path / "fast.xlsx")
    assert loaded["t"].auto_filter.ref == "A1:G7"
    assert loaded["empty"].auto_filter.ref == "A1:G1" and loaded["empty"].max_row == 1
    assert loaded["t"]["E2"].value == datetime(2026, 11, 27, 14, 0, 9)  # whole seconds
    assert loaded["t"]["A3"].data_type == "s" and loaded["t"]["A3"].value == "=1+2"
    assert loaded["t"]["A3"].quotePrefix and not loaded["t"]["A2"].quotePrefix
    assert loaded["t"]["G3"].data_type == "s" and loaded["t"]["G3"].value == "#N/A", (
        "a typed #N/A is text, never an Excel error value")
    assert len(loaded["t"]["G6"].value) == 32767


def test_a_control_character_is_a_cell_error() -> None:
    book = SpooledWorkbook()
    with pytest.raises(CellError) as caught:
        add_table_sheet(book, "t", COLUMNS, [ROWS[0], ("1", "bell\x07", 1, True, None, 0, "")])
    assert caught.value.row == 2 and caught.value.column == "name"
    book.discard()
    book.workbook.worksheets[0].close()  # openpyxl's own stream of the unsaved sheet


def test_every_part_of_the_package_is_deflated_at_the_chosen_level(tmp_path: Path) -> None:
    """COMPRESS_LEVEL (chosen by measurement, bench/README.md) reaches the spliced sheets too,
    whose entries zipfile opens for writing without a level argument."""
    import zipfile
    import zlib

    from dxlearn.export.xlsx_rows import COMPRESS_LEVEL

    book = SpooledWorkbook()
    many = [(f"{n:05d}", f"名前 {n % 97}", n, n % 2 == 0, MOMENT + timedelta(minutes=n),
             n / 7, f"note {n % 13}") for n in range(3000)]
    add_table_sheet(book, "t", COLUMNS, many, tz=JST, formats=FORMATS)
    save_workbook(book, tmp_path / "level.xlsx")
    with zipfile.ZipFile(tmp_path / "level.xlsx") as package:
        entries = package.infolist()
        assert any(e.file_size > 300_000 for e in entries)  # the spliced sheet
        for entry in entries:
            data = package.read(entry)
            deflate = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
            expected = len(deflate.compress(data) + deflate.flush())
            assert entry.compress_type == zipfile.ZIP_DEFLATED, entry.filename
            assert entry.compress_size == expected, entry.filename


def test_grouped_columns_write_the_same_cells(tmp_path: Path) -> None:
    """Columns encoded together once per distinct run of values (``groups``, the merge
    report's learner and lesson) give the cells of the column-by-column encoding, on every
    row (the row number in each reference), including after the cache of runs is cleared."""
    from dxlearn.export import xlsx_rows

    rows = [ROWS[(n * 7) % len(ROWS)] for n in range(60)]
    plain, grouped = SpooledWorkbook(), SpooledWorkbook()
    add_table_sheet(plain, "t", COLUMNS, rows, tz=JST, formats=FORMATS)
    limit = xlsx_rows.CACHE_LIMIT
    xlsx_rows.CACHE_LIMIT = 3  # type: ignore[misc]
    try:
        add_table_sheet(grouped, "t", COLUMNS, rows, tz=JST, formats=FORMATS,
                        groups=((0, 2), (2, 4)))
    finally:
        xlsx_rows.CACHE_LIMIT = limit  # type: ignore[misc]
    save_workbook(plain, tmp_path / "plain.xlsx")
    save_workbook(grouped, tmp_path / "grouped.xlsx")
    expected, found = cells(tmp_path / "plain.xlsx", "t"), cells(tmp_path / "grouped.xlsx", "t")
    assert len(found) == len(rows) + 1
    for want, got in zip(expected, found, strict=True):
        assert got == want or str(got) == str(want)  # NaN != NaN


def test_a_control_character_in_a_group_names_its_row_and_column() -> None:
    book = SpooledWorkbook()
    with pytest.raises(CellError) as caught:
        add_table_sheet(book, "t", COLUMNS, [ROWS[0], ROWS[0], ("1", "bell\x07", *ROWS[0][2:])],
                        groups=((0, 2),))
    assert caught.value.row == 3 and caught.value.column == "name"
    book.discard()
    book.workbook.worksheets[0].close()
