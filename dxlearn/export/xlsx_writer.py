"""XLSX writer (openpyxl, streaming): the same columns as the CSV, typed cells.

- date-times are real date-time cells: Excel has no time zones, so they hold the local time
  of the export's zone (the organisation's, policy ``timezone``) without an offset, with a
  ``yyyy-mm-dd hh:mm:ss`` number format; the zone is named in the workbook's document
  property ``dxlearn.timezone`` (:func:`name_zone`), so ``hr merge`` reads the times right on
  a PC set to another zone;
- integers are numbers, booleans are ``true``/``false`` text (``はい``/``いいえ`` with Japanese
  headers: as in the CSV, so a filter on the column shows the same words), text is always
  text: ``=1+2`` or ``#N/A`` is stored as a string, never as a formula or an error value, and
  a text that looks like a formula carries Excel's quote prefix so it stays text when edited;
  staff_id and library_version also have the text number format "@" (leading zeros, and
  ``2026.10`` never becomes 2026.1);
- one sheet per scope, header row bold, frozen and auto-filtered; more rows than an Excel
  sheet holds continue on numbered sheets (``detail``, ``detail-2``, ...: :func:`add_table_sheets`).

openpyxl (write-only) makes the workbook: sheets, widths, the header row, styles, charts. The
data rows of a table sheet are written as SpreadsheetML text by ``xlsx_rows`` and spliced in
when the workbook is saved: the same cells openpyxl writes for the values ``cell_maker`` /
``number_cell`` make (kept as the reference; ``tests/export`` compares the two), about 20
times faster.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dxlearn.export.columns import Column, Kind
from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import CellError
from dxlearn.export.formatting import BOOL_WORDS, ZONE_PROPERTY, neutralise, to_local
from dxlearn.export.xlsx_package import SharedStrings, SpooledWorkbook, splice
from dxlearn.export.xlsx_rows import (
    Encoder,
    RowSpool,
    datetime_encoder,
    memoised,
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
WIDTHS = {Kind.TEXT: 16, Kind.INT: 10, Kind.BOOL: 8, Kind.DATETIME: 20, Kind.DECIMAL: 10}
TEXT_FORMAT_KEYS = frozenset({"staff_id", "library_version"})  # ids Excel must not turn numeric
SHEET_DATA_ROWS = 1_048_576 - 1  # an Excel sheet's rows, less the header row


def header_cells(ws: Any, titles: Iterable[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        cells.append(cell)
    return cells


def cell_maker(ws: Any, kind: Kind, key: str, tz: tzinfo | None,
               bools: tuple[str, str] = BOOL_WORDS["en"]) -> Callable[[object], object]:
    """Value -> what to append for one column (a plain value when no style is needed): the
    reference for what ``row_encoders`` writes as text (``tests/export`` compares them)."""
    if kind is Kind.DATETIME:
        def make_time(value: object) -> object:
            if value is None:
                return None
            cell = WriteOnlyCell(ws, value=to_local(value, tz).replace(tzinfo=None))  # type: ignore[arg-type]
            cell.number_format = DATETIME_FORMAT
            return cell
        return make_time
    if kind is Kind.BOOL:
        yes, no = bools
        return lambda value: None if value is None else (yes if value else no)
    if kind in (Kind.INT, Kind.DECIMAL):
        return lambda value: value
    as_text_format = key in TEXT_FORMAT_KEYS

    def make_text(value: object) -> object:
        if value is None:
            return None
        text = str(value)
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise ValueError("control character")
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # never a formula, never an error value
        if as_text_format:
            cell.number_format = TEXT_FORMAT
        if neutralise(text) != text:
            cell.quotePrefix = True
        return cell
    return make_text


def number_cell(ws: Any, number_format: str) -> Callable[[object], object]:
    def make(value: object) -> object:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    return make


def row_encoders(ws: Any, columns: tuple[Column, ...], tz: tzinfo | None,
                 formats: dict[str, str] | None = None,
                 bools: tuple[str, str] = BOOL_WORDS["en"],
                 strings: SharedStrings | None = None) -> list[Encoder]:
    """Per column, what ``cell_maker``/``number_cell`` + ``ws.append`` store, as text for
    :class:`RowSpool` (see ``xlsx_rows``); with ``strings`` (the workbook's shared string
    table) the text cells refer to it instead of holding their text inline."""
    epoch = ws.parent.epoch
    quoted = style_id(ws, "General", quote_prefix=True)
    encoders: list[Encoder] = []
    for column in columns:
        if formats and column.key in formats:
            encoders.append(value_encoder(epoch, style_id(ws, formats[column.key]), cell=True,
                                          strings=strings))
        elif column.kind is Kind.DATETIME:
            encoders.append(datetime_encoder(epoch, style_id(ws, DATETIME_FORMAT), tz))
        elif column.kind is Kind.BOOL:
            encoders.append(_bool_encoder(bools, strings))
        elif column.kind in (Kind.INT, Kind.DECIMAL):
            encoders.append(memoised(value_encoder(epoch, strings=strings)))
        elif column.key in TEXT_FORMAT_KEYS:
            encoders.append(text_encoder(style_id(ws, TEXT_FORMAT),
                                         style_id(ws, TEXT_FORMAT, quote_prefix=True), strings))
        else:
            encoders.append(text_encoder(None, quoted, strings))
    return encoders


def _bool_encoder(bools: tuple[str, str], strings: SharedStrings | None = None) -> Encoder:
    plain = text_encoder(strings=strings)
    words = {True: plain(bools[0]), False: plain(bools[1])}

    def encode(value: object) -> str | None:
        return None if value is None else words[bool(value)]

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
    bools: tuple[str, str] = BOOL_WORDS["en"],
    first_row: int = 1,
    groups: tuple[tuple[int, int], ...] = (),
    parts: bool = False,
) -> int:
    """Append a sheet with a frozen, filtered header; returns the number of data rows.

    openpyxl writes the sheet with its header; the data rows are spooled as text and put in
    by :func:`save_workbook` (``xlsx_rows``). ``first_row``: the number an error gives the
    first row (a continuation sheet counts on). ``groups``: runs of columns whose values
    repeat together (see ``RowSpool``); ``parts``: each row comes as its parts, a tuple per
    group (``RowSpool.append_parts``)."""
    ws = book.workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        width = (widths or {}).get(column.key, WIDTHS[column.kind])
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, (c.header(header) for c in columns)))
    spool = RowSpool(ws, row_encoders(ws, columns, tz, formats, bools, book.strings), groups)
    count = 0
    append = spool.append_parts if parts else spool.append
    try:
        for row in rows:
            count += 1
            try:
                append(row)
            except ValueError as error:
                column = _bad_column(columns, spool.flat(row) if parts else row)
                raise CellError("export.cell_control", row=first_row + count - 1,
                                column=column.key, heading=column.header(header),
                                sheet=title) from error
            if check is not None and count % 2000 == 0:
                check()
    except BaseException:
        spool.close()
        raise
    spool.finish(book)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def sheet_titles(title: str) -> Iterator[str]:
    """``detail``, ``detail-2``, ``detail-3``, ...: the sheets of one table."""
    yield title
    for number in itertools.count(2):
        yield f"{title}-{number}"


def add_table_sheets(
    book: SpooledWorkbook,
    title: str,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
    **options: Any,
) -> int:
    """:func:`add_table_sheet`, continued on numbered sheets (:func:`sheet_titles`) every
    ``SHEET_DATA_ROWS`` rows, so no sheet passes Excel's row limit. Always makes the first
    sheet (with its header), never an empty continuation; returns the rows written."""
    remaining = iter(rows)
    total = 0
    for name in sheet_titles(title):
        first = next(remaining, _END)
        chunk: Iterable[tuple[object, ...]] = () if first is _END else itertools.chain(
            (first,), itertools.islice(remaining, SHEET_DATA_ROWS - 1))  # type: ignore[arg-type]
        count = add_table_sheet(book, name, columns, chunk, first_row=total + 1, **options)
        total += count
        if count < SHEET_DATA_ROWS:
            return total
    return total  # never reached: sheet_titles is endless


_END = object()


def name_zone(book: SpooledWorkbook, label: str) -> None:
    """Name the zone of the workbook's times (``formatting.zone_label``) in its document
    property ``dxlearn.timezone``: Excel has no zones in its cells, ``hr merge`` reads it."""
    from openpyxl.packaging.custom import StringProperty

    if label:
        book.workbook.custom_doc_props.append(StringProperty(name=ZONE_PROPERTY, value=label))


def zone_of(workbook: Any) -> str:
    """The ``dxlearn.timezone`` property of a loaded workbook ("" when it has none)."""
    try:
        for prop in workbook.custom_doc_props.props:
            if prop.name == ZONE_PROPERTY and isinstance(prop.value, str):
                return str(prop.value)
    except AttributeError:  # a workbook without custom properties
        return ""
    return ""


def _bad_column(columns: tuple[Column, ...], row: tuple[object, ...]) -> Column:
    for column, value in zip(columns, row, strict=True):
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            return column
    return columns[0]


def save_workbook(book: SpooledWorkbook, path: Path, key: bytes = b"",
                  stamp: datetime | None = None) -> tuple[str, str]:
    """Save atomically (temporary file beside ``path``); returns (sha256, hmac).

    ``stamp`` (aware): the workbook's creation time in its properties and the time of every
    entry of the package, so the same rows at the same export time give the same bytes."""
    temp = temp_beside(path)
    saved = temp_beside(path)  # openpyxl's package, the table sheets' rows still spooled
    entry_time = None
    if stamp is not None:
        utc = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        book.workbook.properties.created = book.workbook.properties.modified = utc
        entry_time = (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute,
                      utc.second)
    try:
        book.workbook.save(saved)
        if splice(book, saved, temp, entry_time):
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
    bools: tuple[str, str] = BOOL_WORDS["en"],
    zone: str = "",
    stamp: datetime | None = None,
) -> WrittenFile:
    """The rows on ``sheet`` (and its continuations); ``zone``: the label of ``tz``;
    ``stamp``: the export time (see :func:`save_workbook`)."""
    book = SpooledWorkbook()
    name_zone(book, zone)
    try:
        count = add_table_sheets(book, sheet, columns, rows, header=header, tz=tz,
                                 check=check, bools=bools)
    except BaseException:
        book.discard()
        raise
    sha, mac = save_workbook(book, path, key, stamp)
    logger.info("wrote %s: %d rows", path, count)
    return WrittenFile(path, count, sha, mac)
