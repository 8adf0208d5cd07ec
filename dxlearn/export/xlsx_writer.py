"""XLSX writer (openpyxl, streaming): the same columns as the CSV, typed cells.

- date-times are real date-time cells: Excel has no time zones, so they hold the local time
  (the export's zone) without an offset, with a ``yyyy-mm-dd hh:mm:ss`` number format;
- integers are numbers, booleans are ``true``/``false`` text (as in the CSV, so a filter on
  the column shows the same words), text is text: staff_id keeps its leading zeros and a value
  starting with ``=`` is stored as a string, never as a formula;
- one sheet per scope, header row bold, frozen and auto-filtered.

openpyxl (write-only) makes the workbook: sheets, widths, the header row, styles, charts. The
data rows of a table sheet are written as SpreadsheetML text by ``xlsx_rows`` and spliced in
when the workbook is saved: the same cells openpyxl writes for the values ``cell_maker`` /
``number_cell`` make (kept as the reference; ``tests/export`` compares the two), about 20
times faster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import tzinfo
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dxlearn.export.columns import Column, Kind
from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import CellError
from dxlearn.export.formatting import to_local
from dxlearn.export.xlsx_rows import (
    Encoder,
    RowSpool,
    SpooledWorkbook,
    datetime_encoder,
    memoised,
    splice,
    style_id,
    text_encoder,
    value_encoder,
)
from dxlearn.files.atomic import hash_file, replace_into_place, temp_beside

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


def row_encoders(ws: Any, columns: tuple[Column, ...], tz: tzinfo | None,
                 formats: dict[str, str] | None = None) -> list[Encoder]:
    """Per column, what ``cell_maker``/``number_cell`` + ``ws.append`` store, as text for
    :class:`RowSpool` (see ``xlsx_rows``)."""
    epoch = ws.parent.epoch
    encoders: list[Encoder] = []
    for column in columns:
        if formats and column.key in formats:
            encoders.append(value_encoder(epoch, style_id(ws, formats[column.key]), cell=True))
        elif column.kind is Kind.DATETIME:
            encoders.append(datetime_encoder(epoch, style_id(ws, DATETIME_FORMAT), tz))
        elif column.kind is Kind.BOOL:
            plain = text_encoder()
            words = {True: plain("true"), False: plain("false")}
            encoders.append(_bool_cell(words))
        elif column.kind is Kind.INT:
            encoders.append(memoised(value_encoder(epoch)))
        elif column.key == "staff_id":
            encoders.append(text_encoder(style_id(ws, TEXT_FORMAT)))
        else:
            encoders.append(memoised(_text_cell(text_encoder(), value_encoder(epoch))))
    return encoders


def _bool_cell(words: dict[bool, str | None]) -> Encoder:
    """``true``/``false`` as text cells (as in the CSV, so a filter shows the same words)."""
    def encode(value: object) -> str | None:
        return None if value is None else words[bool(value)]
    return encode


def _text_cell(as_text: Encoder, as_value: Encoder) -> Encoder:
    """``cell_maker`` for text: ``=...`` stays text; anything else is appended as it is."""
    def encode(value: object) -> str | None:
        if value is None:
            return None
        text = str(value)
        return as_text(text) if text.startswith("=") else as_value(text)
    return encode


def add_table_sheet(
    book: SpooledWorkbook,
    title: str,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
    *,
    header: str = "en",
    tz: tzinfo | None = None,
    check: Callable[[], None] | None = None,
    widths: Mapping[str, float] | None = None,
    formats: dict[str, str] | None = None,
) -> int:
    """Append a sheet with a frozen, filtered header; returns the number of data rows.

    openpyxl writes the sheet with its header; the data rows are spooled as text and put in
    by :func:`save_workbook` (``xlsx_rows``)."""
    ws = book.workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        width = (widths or {}).get(column.key, WIDTHS[column.kind])
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, (c.header(header) for c in columns)))
    spool = RowSpool(ws, row_encoders(ws, columns, tz, formats))
    count = 0
    try:
        for row in rows:
            count += 1
            try:
                spool.append(row)
            except ValueError as error:
                column = _bad_column(columns, row)
                raise CellError(f"row {count}, column {column.header(header)}: the value holds "
                                "a control character Excel cannot store; correct it",
                                row=count, column=column.key) from error
            if check is not None and count % 2000 == 0:
                check()
    except BaseException:
        spool.close()
        raise
    spool.finish(book)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def _bad_column(columns: tuple[Column, ...], row: tuple[object, ...]) -> Column:
    for column, value in zip(columns, row, strict=True):
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            return column
    return columns[0]


def save_workbook(book: SpooledWorkbook, path: Path, key: bytes = b"") -> tuple[str, str]:
    """Save atomically (temporary file beside ``path``); returns (sha256, hmac)."""
    temp = temp_beside(path)
    saved = temp_beside(path)  # openpyxl's package, the table sheets' rows still spooled
    try:
        book.workbook.save(saved)
        if splice(book, saved, temp):
            saved.unlink()
        else:
            saved.replace(temp)
        digests = hash_file(temp, key)
    except BaseException:
        book.discard()
        temp.unlink(missing_ok=True)
        saved.unlink(missing_ok=True)
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
    book = SpooledWorkbook()
    try:
        count = add_table_sheet(book, sheet, columns, rows, header=header, tz=tz, check=check)
    except BaseException:
        book.discard()
        raise
    sha, mac = save_workbook(book, path, key)
    logger.info("wrote %s: %d rows", path, count)
    return WrittenFile(path, count, sha, mac)

