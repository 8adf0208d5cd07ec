"""CSV writer: RFC 4180 quoting, CRLF, header first, UTF-8 with BOM or CP932, atomic.

Rows are formatted and encoded in chunks; a value the encoding cannot hold raises
:class:`CellError` naming the row and column, and the temporary file is removed, so nothing is
left behind (not even the temporary file).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from dxlearn.export.columns import Column
from dxlearn.export.errors import CellError, ExportError
from dxlearn.export.formatting import BOOL_WORDS, row_formatter, segment_formatter
from dxlearn.files.atomic import AtomicFile

logger = logging.getLogger(__name__)

ENCODINGS = ("utf-8-sig", "cp932")
BOM = b"\xef\xbb\xbf"
CHUNK_ROWS = 2000


@dataclass(frozen=True, slots=True)
class WrittenFile:
    path: Path
    rows: int
    sha256: str
    hmac_sha256: str


def _codec(encoding: str) -> str:
    if encoding not in ENCODINGS:
        raise ExportError("export.unknown_encoding", encoding=encoding)
    return "utf-8" if encoding == "utf-8-sig" else "cp932"


def cell_format_for(
    columns: tuple[Column, ...], encoding: str, tz: tzinfo | None,
    bools: tuple[str, str] = BOOL_WORDS["en"],
) -> Callable[[int, tuple[object, ...]], tuple[str, ...]]:
    """The segment formatter a RowBuilder uses to hand this writer text rows."""
    return segment_formatter(columns, tz, cp932=_codec(encoding) == "cp932", bools=bools)


def _locate(
    formatted: list[tuple[str, ...]], first_row: int, columns: tuple[Column, ...], header: str,
    codec: str, encoding: str,
) -> CellError:
    for offset, cells in enumerate(formatted):
        for column, value in zip(columns, cells, strict=True):
            try:
                value.encode(codec)
            except UnicodeEncodeError as error:
                bad = value[error.start:error.end]
                row = first_row + offset
                staff_id = cells[0] if columns[0].key == "staff_id" else ""
                return CellError(
                    "export.cell_encoding", row=row, column=column.key, staff_id=staff_id,
                    line=row + 1, heading=column.header(header), char=bad,
                    code=f"U+{ord(bad[0]):04X}", encoding=encoding)
    return CellError("export.cell_encoding_somewhere", row=first_row, column="",
                     encoding=encoding)


def write_csv(
    path: Path,
    columns: tuple[Column, ...],
    rows: Iterable[tuple[object, ...]],
    *,
    header: str = "en",
    encoding: str = "utf-8-sig",
    tz: tzinfo | None = None,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
    preformatted: bool = False,
    bools: tuple[str, str] = BOOL_WORDS["en"],
) -> WrittenFile:
    """Write ``rows`` to ``path`` atomically; ``check`` runs between chunks (cancellation).

    ``preformatted``: the rows are text already (see :func:`cell_format_for`); else they are
    formatted here (``bools``: the words for True and False)."""
    codec = _codec(encoding)
    fmt = (lambda row: row) if preformatted else row_formatter(columns, tz,
                                                                cp932=codec == "cp932",
                                                                bools=bools)
    count = 0
    atomic = AtomicFile(path, key)
    with atomic:
        if encoding == "utf-8-sig":
            atomic.write(BOM)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([c.header(header) for c in columns])
        pending: list[tuple[str, ...]] = []
        first = 1

        def flush() -> None:
            nonlocal first
            text = buffer.getvalue()
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                raise _locate(pending, first, columns, header, codec, encoding) from None
            atomic.write(data)
            buffer.seek(0)
            buffer.truncate()
            first += len(pending)
            pending.clear()

        for row in rows:
            cells = fmt(row)
            writer.writerow(cells)
            pending.append(cells)
            count += 1
            if len(pending) >= CHUNK_ROWS:
                flush()
                if check is not None:
                    check()
        flush()
    logger.info("wrote %s: %d rows, %s", path, count, encoding)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)
