"""Writing rows in an HR import profile's layout (``profile.py`` reads the profile).

The rows are the ones the standard exports and ``hr merge`` produce (mappings of field ->
value, see ``profile_fields``); this module filters them, derives each cell (a field, a
constant, a date in the profile's format, a label map, a zero-padded staff id), and writes the
file atomically with the profile's encoding, line ends, delimiter and quoting.

The rules of the standard exports apply, from the one place they live
(``formatting``): formula neutralisation of every cell (unless the profile says
``neutralise_formulas = false``), CP932's Windows spellings, and an error naming the row and
column for a value the encoding cannot hold (never a silent ``?``). Times are written in the
organisation's zone.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, tzinfo
from pathlib import Path

from dxlearn.export.csv_writer import BOM, WrittenFile
from dxlearn.export.errors import CellError
from dxlearn.export.formatting import CP932_EQUIVALENTS, iso_local, neutralise
from dxlearn.export.profile import Profile, ProfileColumn
from dxlearn.export.profile_fields import Row
from dxlearn.export.wareki import EraError, wareki_long, wareki_short
from dxlearn.files.atomic import AtomicFile

logger = logging.getLogger(__name__)

CHUNK_ROWS = 2000
_DATES: dict[str, Callable[[datetime], str]] = {
    "yyyy/mm/dd": lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}",
    "yyyy-mm-dd": lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
    "yyyymmdd": lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}",
    "wareki": lambda d: wareki_long(d.date()),
    "wareki-short": lambda d: wareki_short(d.date()),
}


def wanted(profile: Profile, row: Row) -> bool:
    """True when ``row`` passes the profile's ``[filter]``."""
    filters = profile.filters
    return ((not filters.status or row.get("status") in filters.status)
            and (not filters.role or row.get("role") in filters.role)
            and (not filters.department or row.get("department") in filters.department)
            and (not filters.library or "library_id" not in row
                 or row.get("library_id") in filters.library))


def filtered(profile: Profile, rows: Iterable[Row]) -> Iterator[Row]:
    return (row for row in rows if wanted(profile, row))


class Cells:
    """Turns a row into the texts of the profile's columns (see the module docstring)."""

    def __init__(self, profile: Profile, tz: tzinfo | None) -> None:
        self.profile = profile
        self.tz = tz
        self.date = _DATES[profile.date_format]
        self.cp932 = profile.encoding == "cp932"

    def raw(self, column: ProfileColumn, row: Row, number: int) -> str:
        if not column.source:
            return column.value
        value = row.get(column.source)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, datetime):
            local = value.astimezone(self.tz)
            try:
                if column.format == "date":
                    return self.date(local)
                if column.format == "datetime":
                    return f"{self.date(local)} {local:%H:%M:%S}"
            except EraError:
                raise CellError("profile.cell_before_meiji", row=number, column=column.header,
                                heading=column.header, value=local.date().isoformat()
                                ) from None
            return iso_local(local, self.tz)
        text = str(value)
        if column.source == "staff_id" and self.profile.staff_id_width:
            text = self._padded(text, column, number)
        return text

    def _padded(self, staff_id: str, column: ProfileColumn, number: int) -> str:
        width = self.profile.staff_id_width
        if not (staff_id.isascii() and staff_id.isdigit()) or len(staff_id) > width:
            raise CellError("profile.cell_staff_id_width", row=number, column=column.header,
                            heading=column.header, value=staff_id, width=width)
        return staff_id.zfill(width)

    def cell(self, column: ProfileColumn, row: Row, number: int) -> str:
        text = self.raw(column, row, number)
        if column.map is not None:
            mapped = column.map.get(text, column.default)
            if mapped is None:
                raise CellError("profile.cell_not_in_map", row=number, column=column.header,
                                heading=column.header, value=text, path=column.path)
            text = mapped
        if self.cp932:
            text = text.translate(CP932_EQUIVALENTS)
        if self.profile.neutralise_formulas:
            text = neutralise(text)
        return text

    def row(self, row: Row, number: int) -> list[str]:
        return [self.cell(c, row, number) for c in self.profile.columns]


def _codec(profile: Profile) -> str:
    return "cp932" if profile.encoding == "cp932" else "utf-8"


def _locate(profile: Profile, pending: list[tuple[int, list[str], Row]]) -> CellError:
    codec = _codec(profile)
    for number, cells, row in pending:
        for column, value in zip(profile.columns, cells, strict=True):
            try:
                value.encode(codec)
            except UnicodeEncodeError as error:
                bad = value[error.start:error.end]
                return CellError(
                    "profile.cell_encoding", row=number, column=column.header,
                    staff_id=str(row.get("staff_id") or ""),
                    line=number + (1 if profile.header else 0), heading=column.header,
                    char=bad, code=f"U+{ord(bad[0]):04X}", encoding=profile.encoding)
    return CellError("export.cell_encoding_somewhere", row=pending[0][0] if pending else 0,
                     column="", encoding=profile.encoding)


class _RowWriter:
    """csv.writer with the profile's line end. The csv module quotes a cell holding a line
    break only when the break is in its line terminator: with "\n" a lone "\r" went out bare
    and split the row when read back. So rows are written with "\r\n" (every "\r" and "\n"
    in a cell is quoted) and each row's own terminator is then the profile's."""

    def __init__(self, out: io.StringIO, profile: Profile) -> None:
        self._out = out
        self._row = io.StringIO()
        self._end = profile.line_end
        self._writer = csv.writer(self._row, delimiter=profile.delimiter, lineterminator="\r\n",
                                  quoting=csv.QUOTE_ALL if profile.quoting == "all" else
                                  csv.QUOTE_MINIMAL)

    def writerow(self, cells: list[str]) -> None:
        self._writer.writerow(cells)
        text = self._row.getvalue()
        self._row.seek(0)
        self._row.truncate()
        self._out.write(text[:-2] + self._end)


def write_profile(path: Path, profile: Profile, rows: Iterable[Row], *,
                  tz: tzinfo | None = None, key: bytes = b"",
                  check: Callable[[], None] | None = None) -> WrittenFile:
    """Write the rows that pass the filter to ``path`` in the profile's layout, atomically
    (nothing is left behind on an error); ``check`` runs between chunks (cancellation)."""
    codec = _codec(profile)
    cells = Cells(profile, tz)
    buffer = io.StringIO()
    writer = _RowWriter(buffer, profile)
    count = 0
    atomic = AtomicFile(path, key)
    with atomic:
        if profile.encoding == "utf-8-sig":
            atomic.write(BOM)
        pending: list[tuple[int, list[str], Row]] = []
        if profile.header:
            writer.writerow([c.header for c in profile.columns])
            try:
                atomic.write(buffer.getvalue().encode(codec))
            except UnicodeEncodeError:  # checked when the profile was read; never silent
                raise CellError("export.cell_encoding_somewhere", row=0, column="",
                                encoding=profile.encoding) from None
            buffer.seek(0)
            buffer.truncate()

        def flush() -> None:
            try:
                data = buffer.getvalue().encode(codec)
            except UnicodeEncodeError:
                raise _locate(profile, pending) from None
            atomic.write(data)
            buffer.seek(0)
            buffer.truncate()
            pending.clear()

        for row in filtered(profile, rows):
            count += 1
            texts = cells.row(row, count)
            writer.writerow(texts)
            pending.append((count, texts, row))
            if len(pending) >= CHUNK_ROWS:
                flush()
                if check is not None:
                    check()
        flush()
    logger.info("wrote %s: %d rows in profile %s (%s)", path, count, profile.name,
                profile.encoding)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)


def profile_rows_of(profile: Profile, library_rows: Iterable[Mapping[str, object]]
                    ) -> Iterable[Row]:
    """For ``rows = "learner"``: the learner rows rolled up from the library rows that pass
    the library filter; other row sets: the rows as given."""
    if profile.rows != "learner":
        return library_rows
    from dxlearn.export.profile_fields import learner_rows

    libraries = profile.filters.library
    return learner_rows(r for r in library_rows
                        if not libraries or r.get("library_id") in libraries)
