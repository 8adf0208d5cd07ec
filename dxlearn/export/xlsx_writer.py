"""XLSX writer (openpyxl, streaming): the same columns as the CSV, typed cells.

- date-times are real date-time cells: Excel has no time zones, so they hold the local time
  (the export's zone) without an offset, with a ``yyyy-mm-dd hh:mm:ss`` number format;
- integers are numbers, booleans are ``true``/``false`` text (as in the CSV, so a filter on
  the column shows the same words), text is text: staff_id keeps its leading zeros and a value
  starting with ``=`` is stored as a string, never as a formula;
- one sheet per scope, header row bold, frozen and auto-filtered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dxlearn.export.atomic import hash_file, replace_into_place, temp_beside
from dxlearn.export.columns import Column, Kind
from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import CellError
from dxlearn.export.formatting import to_local

logger = logging.getLogger(__name__)

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEXT_FORMAT = "@"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = {Kind.TEXT: 16, Kind.INT: 10, Kind.BOOL: 8, Kind.DATETIME: 20}


def header_cells(ws: Any, titles: Iterable[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        cells.append(cell)
    return cells


def cell_maker(ws: Any, kind: Kind, key: str, tz: tzinfo | None) -> Callable[[object], object]:
    """Value -> what to append for one column (a plain value when no style is needed)."""
    if kind is Kind.DATETIME:
        def make_time(value: object) -> object:
            if value is None:
                return None
            cell = WriteOnlyCell(ws, value=to_local(value, tz).replace(tzinfo=None))  # type: ignore[arg-type]
            cell.number_format = DATETIME_FORMAT
            return cell
        return make_time
    if kind is Kind.BOOL:
        return lambda value: None if value is None else ("true" if value else "false")
    if kind is Kind.INT:
        return lambda value: value
    as_text_format = key == "staff_id"

    def make_text(value: object) -> object:
        if value is None:
            return None
        text = str(value)
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise ValueError("control character")
        if as_text_format or text.startswith("="):
            cell = WriteOnlyCell(ws, value=text)
            cell.data_type = "s"  # never a formula
            if as_text_format:
                cell.number_format = TEXT_FORMAT
            return cell
        return text
    return make_text


def number_cell(ws: Any, number_format: str) -> Callable[[object], object]:
    def make(value: object) -> object:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    return make


def add_table_sheet(
    workbook: Workbook,
    title: str,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
    *,
    header: str = "en",
    tz: tzinfo | None = None,
    check: Callable[[], None] | None = None,
    widths: dict[str, float] | None = None,
    formats: dict[str, str] | None = None,
) -> int:
    """Append a sheet with a frozen, filtered header; returns the number of data rows."""
    ws = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        width = (widths or {}).get(column.key, WIDTHS[column.kind])
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, (c.header(header) for c in columns)))
    makers = [number_cell(ws, (formats or {})[c.key]) if c.key in (formats or {})
              else cell_maker(ws, c.kind, c.key, tz) for c in columns]
    count = 0
    for row in rows:
        count += 1
        try:
            ws.append([make(value) for make, value in zip(makers, row, strict=True)])
        except ValueError as error:
            column = _bad_column(columns, row)
            raise CellError(f"row {count}, column {column.header(header)}: the value holds a "
                            "control character Excel cannot store; correct it",
                            row=count, column=column.key) from error
        if check is not None and count % 2000 == 0:
            check()
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def _bad_column(columns: tuple[Column, ...], row: tuple[object, ...]) -> Column:
    for column, value in zip(columns, row, strict=True):
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            return column
    return columns[0]


def save_workbook(workbook: Workbook, path: Path, key: bytes = b"") -> tuple[str, str]:
    """Save atomically (temporary file beside ``path``); returns (sha256, hmac)."""
    temp = temp_beside(path)
    try:
        workbook.save(temp)
        digests = hash_file(temp, key)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    replace_into_place(temp, path)
    return digests


def write_xlsx(
    path: Path,
    sheet: str,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
    *,
    header: str = "en",
    tz: tzinfo | None = None,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> WrittenFile:
    workbook = Workbook(write_only=True)
    count = add_table_sheet(workbook, sheet, columns, rows, header=header, tz=tz, check=check)
    sha, mac = save_workbook(workbook, path, key)
    logger.info("wrote %s: %d rows", path, count)
    return WrittenFile(path, count, sha, mac)


def naive_local(value: datetime, tz: tzinfo | None) -> datetime:
    return to_local(value, tz).replace(tzinfo=None)
