"""Data rows of the XLSX table sheets as SpreadsheetML text, spliced in after openpyxl saves.

openpyxl (even write-only, even with lxml) builds an XML element per cell: about 12 us a cell,
so the merge report's 8 million detail cells took most of two minutes. Here the sheet, its
column widths, frozen and filtered header row, the styles, charts and every other part of the
workbook are still made and saved by openpyxl; only the data rows are written as text, cell
for cell what openpyxl's writer writes for the same values (``s="N"`` from the styles openpyxl
registered, numbers as ``%.16g``, date-times as Excel serial numbers, text always as text),
into a spool (``xlsx_deflate``: a big sheet's rows are deflated on a worker thread as they
come), and ``xlsx_package.splice`` puts them into the saved package in place of the empty
``sheetData``. A table sheet's text cells refer to the workbook's shared string table
(``xlsx_package.SharedStrings``, ``<c r="B2" t="s"><v>7</v></c>``), which Excel itself writes: a
name or a lesson title on forty rows is stored once, and the detail sheet's XML is about
half the size of inline strings (``t="inlineStr"``, what openpyxl writes, and what
:func:`text_encoder` still writes without a table).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from operator import call
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from dxlearn.export.formatting import UNIX_SECONDS, LocalTimes, neutralise
from dxlearn.export.xlsx_deflate import DeflatedSpool
from dxlearn.export.xlsx_package import COMPRESS_LEVEL, SharedStrings, SpooledWorkbook, escape

MAX_TEXT = 32767  # openpyxl truncates longer text to what Excel can hold
CACHE_LIMIT = 4096  # per column: names, titles, statuses repeat row after row
# The text of one cell after its reference: '" s="3" t="n"><v>5</v></c>' (or None: no cell).
Encoder = Callable[[object], str | None]



def style_id(ws: Any, number_format: str, *, quote_prefix: bool = False) -> int:
    """The style index openpyxl writes (``s="N"``) for a cell with ``number_format`` (and
    Excel's "quote prefix": the cell stays text even when someone edits it)."""
    cell = WriteOnlyCell(ws, value=None)
    cell.number_format = number_format
    if quote_prefix:
        cell.quotePrefix = True
    return int(cell.style_id)


def text_encoder(style: int | None = None, quoted: int | None = None,
                 strings: SharedStrings | None = None) -> Encoder:
    """Text as text: never a formula, never an error value (``#N/A`` stays the text it is);
    ``style`` e.g. the text format "@"; ``quoted``: the style (with Excel's quote prefix) for
    a text that looks like a formula (``formatting.looks_like_formula``), so it stays text
    even when someone edits the cell. With ``strings`` the cell refers to the workbook's
    shared string table, else it holds the text inline (as openpyxl writes it)."""
    s = "" if style is None else f' s="{style}"'
    q = s if quoted is None else f' s="{quoted}"'
    cache: dict[str, str] = {}

    def encode(value: object) -> str | None:
        if value is None:
            return None
        found = cache.get(value)  # type: ignore[call-overload]
        if found is not None:
            return found
        text = str(value)
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise ValueError("control character")
        text = text[:MAX_TEXT]
        if not text:
            found = f'"{s} t="inlineStr"/>'
        else:
            style_ = q if neutralise(text) != text else s
            if strings is not None:
                found = f'"{style_} t="s"><v>{strings.add(text)}</v></c>'
            else:
                stripped = text.strip()
                space = ' xml:space="preserve"' if stripped and stripped != text else ""
                found = f'"{style_} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'
        if len(cache) < CACHE_LIMIT:
            cache[value] = found  # type: ignore[index]
        return found

    return encode


def value_encoder(epoch: datetime, style: int | None = None, *, cell: bool = False,
                  strings: SharedStrings | None = None) -> Encoder:
    """A value as ``ws.append`` would store it: numbers, booleans, naive date-times (Excel
    serial numbers; pass the datetime ``style``), and text (an ``=...`` text becomes a
    formula, as in openpyxl; an error code an error). ``cell``: the value comes in a styled
    ``WriteOnlyCell``, so even None is written (an empty styled cell)."""
    s = "" if style is None else f' s="{style}"'
    text = text_encoder(style, strings=strings)
    formula_like = ERROR_CODES
    empty = f'"{s} t="n"/>' if cell and style is not None else None

    def encode(value: object) -> str | None:
        if value is None:
            return empty
        kind = type(value)
        if kind is bool:
            return f'"{s} t="b"><v>{value:.16g}</v></c>'
        if kind is int or kind is float:
            if kind is float and (math.isnan(value) or math.isinf(value)):  # type: ignore[arg-type]
                return f'"{s} t="n"><v></v></c>'
            return f'"{s} t="n"><v>{value:.16g}</v></c>'
        if kind is datetime:
            if value.tzinfo is not None:  # type: ignore[attr-defined]
                raise TypeError("Excel does not support time zones in date-times")
            serial = to_excel(value, epoch)
            return f'"{s} t="n"><v>{serial:.16g}</v></c>'
        if kind is str:
            cut = str(value)[:MAX_TEXT]
            if len(cut) > 1 and cut.startswith("="):
                if ILLEGAL_CHARACTERS_RE.search(cut):
                    raise ValueError("control character")
                return f'"{s}><f>{escape(cut[1:])}</f><v></v></c>'
            if cut in formula_like:
                return f'"{s} t="e"><v>{cut}</v></c>'
            return text(cut)
        raise ValueError(f"Cannot convert {value!r} to Excel")

    return encode


def datetime_encoder(epoch: datetime, style: int, tz: tzinfo | None) -> Encoder:
    """An aware date-time as the Excel serial number of its naive local time
    (``to_excel(formatting.to_local(value, tz).replace(tzinfo=None), epoch)``: the export's
    zone, whole seconds) in a cell with the date-time ``style``.

    The local time comes from ``formatting.LocalTimes`` (the zone's offset cached per UTC
    hour), and the serial number is computed as ``to_excel`` computes it (whole days +
    seconds / 86400) without building the naive copy; dates before 1900-03-01 (Excel's
    leap-year bug) go through ``to_excel``. A value in whole seconds is read through
    ``timestamp()`` (exact: an integer below 2**53); one with microseconds, or a naive one,
    through ``LocalTimes.local_seconds``. The encoder's ``as_cell(head)`` writes the whole
    cell as bytes (:func:`cell_writer`: the detail sheet's two date-times per row); the text
    it returns itself is the same cell without its head."""
    first = epoch.toordinal()
    times = LocalTimes(tz)
    local_seconds = times.local_seconds
    offsets = times.offsets
    learn = times.offset_at
    unknown = object()  # not yet learnt (offsets hold ints and None)
    shift = UNIX_SECONDS  # seconds from 0001-01-01 to 1970-01-01
    start = 1 - first  # days since 0001-01-01 -> the ordinal -> days since the epoch
    tail = f'" s="{style}" t="n"><v>%.16g</v></c>'.encode("ascii")

    def exact(value: datetime) -> float:
        if value.tzinfo is None:
            value = value.astimezone()  # as astimezone(tz) takes it
        days, seconds = divmod(local_seconds(value), 86400)
        days += start
        if days <= 60:
            naive = datetime.fromordinal(days + first) + timedelta(seconds=seconds)
            return float(to_excel(naive, epoch))
        return days + seconds / 86400

    def as_cell(head: bytes) -> Callable[[object], bytes]:
        pattern = head + tail

        def cell(value: Any) -> bytes:
            if value is None:
                return b""
            if value.microsecond or value.tzinfo is None:
                return pattern % exact(value)
            utc = int(value.timestamp()) + shift
            offset = offsets.get(utc // 3600, unknown)
            if offset is unknown:
                offset = learn(utc // 3600)
            if offset is None:
                return pattern % exact(value)
            days, seconds = divmod(utc + offset, 86400)  # type: ignore[operator]
            days += start
            if days <= 60:
                return pattern % exact(value)
            return pattern % (days + seconds / 86400)

        return cell

    body = as_cell(b"")

    def encode(value: object) -> str | None:
        return None if value is None else body(value).decode("ascii")

    encode.as_cell = as_cell  # type: ignore[attr-defined]
    return encode


def memoised(encode: Encoder) -> Encoder:
    """``encode`` remembering the text of recent ``str`` and ``int`` values (per column)."""
    cache: dict[object, str | None] = {}

    def cached(value: object) -> str | None:
        kind = type(value)
        if kind is not str and kind is not int:
            return encode(value)
        if value in cache:
            return cache[value]
        found = encode(value)
        if len(cache) < CACHE_LIMIT:
            cache[value] = found
        return found

    return cached


ROW_MARK = "\x00"  # the row number's place in a cell reference; never in a value (illegal XML)
BYTE_MARK = ROW_MARK.encode("ascii")


class RowSpool:
    """Rows 2.. of one sheet as UTF-8 SpreadsheetML in a temporary file.

    ``groups``: runs of columns ``(first, end)`` whose values repeat together row after row
    (the detail sheet's learner, its lesson): their cells are encoded once per distinct run of
    values and reused (with the row number put in), not once per row. Every value of a column
    in a group must have the one type of that column (``1`` and ``True`` are equal keys)."""

    def __init__(self, ws: Any, encoders: list[Encoder],
                 groups: tuple[tuple[int, int], ...] = ()) -> None:
        self.ws = ws
        plan = [(f'<c r="{get_column_letter(i)}{ROW_MARK}', e)
                for i, e in enumerate(encoders, 1)]
        self.plan = plan
        self.steps: list[tuple[int, int, list[tuple[str, Encoder]], dict[Any, str]]] = []
        column = 0
        for first, end in sorted(groups):
            if first < column or end <= first or end > len(plan):
                raise ValueError(f"bad column group {(first, end)}")
            self.steps.extend((i, i + 1, plan[i:i + 1], {}) for i in range(column, first))
            self.steps.append((first, end, plan[first:end], {}))
            column = end
        # per step: (a column group?, its cells, the group's cache) for append_parts
        grouped = {first for first, _end in groups}
        self.part_steps = [(first in grouped, plan_, cache)
                           for first, _end, plan_, cache in self.steps]
        self.tail = column  # the columns after the last group: encoded cell by cell
        self.tail_plan = plan[column:]
        # per part of append_parts: its cells as UTF-8 (with ROW_MARK), a group's cached
        self.part_cells = [_group_cells(plan_) if group else cell_writer(*plan_[0])
                           for group, plan_, _cache in self.part_steps]
        self.part_cells += [cell_writer(*step) for step in self.tail_plan]
        # deflated as they come (xlsx_deflate); closed by splice() or discard()
        self.file = DeflatedSpool(COMPRESS_LEVEL)
        self.buffer: list[str] = []  # rows of append()
        self.encoded: list[bytes] = []  # rows of append_parts(), as UTF-8 (bytes join faster)
        self.next_row = 2

    def append(self, row: tuple[object, ...]) -> None:
        if len(row) != len(self.plan):
            raise ValueError(f"{len(row)} values for {len(self.plan)} columns")
        n = str(self.next_row)
        parts = []
        for first, end, plan, cache in self.steps:
            key = row[first:end]
            text = cache.get(key)
            if text is None:
                text = self._group(plan, key, cache)
            parts.append(text)
        parts.extend([prefix + rest for (prefix, encode), value
                      in zip(self.tail_plan, row[self.tail:], strict=True)
                      if (rest := encode(value)) is not None])
        cells = "".join(parts)
        self.buffer.append(f'<row r="{n}">{cells.replace(ROW_MARK, n)}</row>')
        self.next_row += 1
        if len(self.buffer) >= 2000:
            self.flush()

    def append_parts(self, parts: tuple[object, ...]) -> None:
        """One row given as its parts, one per step: for a column group the tuple of its
        values (the same tuple object row after row, as a learner's or a lesson's), for a
        column outside the groups its value. The same cells as :meth:`append` of the
        flattened row, without flattening it or slicing it again."""
        cells = self.part_cells
        if len(parts) != len(cells):
            raise ValueError(f"{len(parts)} parts for {len(cells)} steps")
        n = b"%d" % self.next_row
        data = b"".join(map(call, cells, parts))
        self.encoded.append(b'<row r="%s">%s</row>' % (n, data.replace(BYTE_MARK, n)))
        self.next_row += 1
        if len(self.encoded) >= 2000:
            self.flush()

    def flat(self, parts: tuple[object, ...]) -> tuple[object, ...]:
        """The row :meth:`append_parts` takes as parts, as the flat row of its columns."""
        row: list[object] = []
        for (group, _plan, _cache), part in zip(self.part_steps, parts):  # noqa: B905
            if group:
                row.extend(part)  # type: ignore[arg-type]
            else:
                row.append(part)
        row.extend(parts[len(self.part_steps):])
        return tuple(row)

    @staticmethod
    def _group(plan: list[tuple[str, Encoder]], key: tuple[object, ...],
               cache: dict[Any, str]) -> str:
        text = "".join([prefix + rest for (prefix, encode), value
                        in zip(plan, key, strict=True)
                        if (rest := encode(value)) is not None])
        if len(cache) >= CACHE_LIMIT:  # keep the recent ones: learners come in order
            cache.clear()
        cache[key] = text
        return text

    def flush(self) -> None:
        if self.buffer and self.encoded:  # a spool takes its rows one way or the other
            raise RuntimeError("rows given both by append() and by append_parts()")
        if self.buffer:
            self.file.write("".join(self.buffer).encode("utf-8"))
            self.buffer.clear()
        if self.encoded:
            self.file.write(b"".join(self.encoded))
            self.encoded.clear()

    def close(self) -> None:
        self.file.close()

    def finish(self, book: SpooledWorkbook) -> None:
        self.flush()
        self.file.finish()
        book.spools.append((self.ws, self.file))


def cell_writer(prefix: str, encode: Encoder) -> Callable[[object], bytes]:
    """One cell as UTF-8 bytes: ``prefix`` (``<c r="B`` and the row mark) and what
    ``encode`` makes of the value; nothing for a value without a cell. An encoder with
    ``as_cell`` (the date-time cells) writes the bytes itself."""
    head = prefix.encode("utf-8")
    as_cell = getattr(encode, "as_cell", None)
    if as_cell is not None:
        return as_cell(head)

    def cell(value: object) -> bytes:
        rest = encode(value)
        return b"" if rest is None else head + rest.encode("utf-8")

    return cell


def _group_cells(plan: list[tuple[str, Encoder]]) -> Callable[[object], bytes]:
    group = RowSpool._group
    texts: dict[Any, str] = {}  # what _group keeps (and clears)
    cache: dict[Any, bytes] = {}

    def cells(key: object) -> bytes:
        found = cache.get(key)
        if found is None:
            found = group(plan, key, texts).encode("utf-8")  # type: ignore[arg-type]
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = found
        return found

    return cells
