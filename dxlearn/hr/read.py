"""Reading HR inputs for ``hr merge``: finding them, and streaming their rows.

Detail exports are CSV (UTF-8 or CP932, learnt while the file is verified: see
``files.text.EncodingSniffer``) or XLSX, with English or Japanese headers and values. Both are
read from disk as a stream (``csv`` over an incremental decoder; openpyxl's read-only mode), so
memory grows with the records kept, never with the size of a file. Rows are checked one by one
(``values.RowReader``); a file that cannot be used at all raises :class:`InputError` and is one
line in the report, never a crash.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from dxlearn.export.formatting import zone_from_label
from dxlearn.export.vocabulary import RoleNames, role_names
from dxlearn.hr.record import Origin, Record
from dxlearn.hr.values import (
    CONTROL,
    InputError,
    Lost,
    RowProblem,
    RowReader,
    header_map,
    read_sheet_rows,
)
from dxlearn.messages import Message

SUFFIXES = (".csv", ".xlsx")
MAX_ROW_PROBLEMS = 5
REPORT_SHEETS = frozenset({"inputs", "入力ファイル"})
DETAIL_SHEETS = ("detail", "明細")
MAX_CSV_FIELD = 1 << 20  # a cell of a detail export is short; an unclosed quote is not
WHOLE_TEXT = 32 << 20  # a CSV up to this size is decoded at once; larger ones are streamed
NOT_CONTROL_BYTES = bytes(b for b in range(256) if not CONTROL.match(chr(b)))


@dataclass
class ParsedFile:
    """The rows of one input, and what was noticed on the way."""

    records: list[Record]
    encoding: str
    header: str
    rows: int = 0  # data rows seen, used or not (the sidecar counts them)
    skipped: int = 0
    problems: list[Message] = field(default_factory=list)  # the first rows left out
    notes: list[Message] = field(default_factory=list)  # what was read differently
    zone: str = ""  # XLSX: the zone named in the workbook ("" none)
    origins: list[Origin] = field(default_factory=list)  # what the records share per PC
    refused: list[Lost] = field(default_factory=list)  # the learners of the rows left out

    def skip(self, line: int, error: RowProblem) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_ROW_PROBLEMS:
            self.problems.append(Message("hr.row_left_out", {"line": line,
                                                             "reason": error.reason}))


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()
             ) -> tuple[list[Path], list[Message]]:
    """Files named, plus the .csv/.xlsx files found in folders (and their subfolders, not
    following links); (files, problems). A folder that cannot be read is a problem naming
    it; the others are still searched."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    problems: list[Message] = []
    seen: set[Path] = set()
    for item in inputs:
        if item.is_dir():
            candidates = _search(item, problems)
        elif item.is_file():
            candidates = [item]
        elif item.exists():
            problems.append(Message("hr.input_not_a_file", {"path": str(item)}))
            continue
        else:
            problems.append(Message("hr.input_missing", {"path": str(item)}))
            continue
        for path in candidates:
            resolved = path.resolve()
            if resolved in excluded or resolved in seen:
                continue
            seen.add(resolved)
            found.append(path)
    return found, problems


def _search(folder: Path, problems: list[Message]) -> list[Path]:
    def unreadable(error: OSError) -> None:
        problems.append(Message("hr.folder_unreadable", {
            "path": error.filename or str(folder), "reason": error.strerror or str(error)}))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = Path(root) / name
            try:
                if path.is_file():
                    found.append(path)
            except OSError as error:
                unreadable(error)
    return found


class _Lines:
    """The lines of a large file for ``csv.reader``, noting the lines that hold a control
    character (those rows take the general path)."""

    def __init__(self, stream: Iterator[str]) -> None:
        self.stream = stream
        self.unusual: list[int] = []  # line numbers with a control character
        self.number = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        self.number += 1
        if CONTROL.search(line):
            self.unusual.append(self.number)
        return line


def parse_csv(path: Path, encoding: str, source: int = 0, roles: RoleNames | None = None,
              zone: tzinfo | None = None) -> ParsedFile:
    """Read the rows of a CSV detail export decoded as ``encoding`` (from the sniffer): a
    file up to ``WHOLE_TEXT`` bytes is decoded at once (most exports: one look tells whether
    any cell needs more than the fast path), a larger one is streamed line by line."""
    codec = "cp932" if encoding == "cp932" else "utf-8-sig"
    previous_limit = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        with path.open("rb") as raw:
            if path.stat().st_size <= WHOLE_TEXT:
                data = raw.read()
                text = data.decode(codec)
                lines: Iterator[str] = iter(io.StringIO(text, newline=""))
                # control bytes never occur inside a UTF-8 or CP932 character: the bytes tell
                unusual = bool(data.translate(None, NOT_CONTROL_BYTES))
                return _csv_rows(lines, None, encoding, source, roles or role_names(), zone,
                                 unneutral="'" in text, everything_general=unusual)
            stream = _Lines(io.TextIOWrapper(raw, encoding=codec, errors="strict",
                                             newline=""))
            return _csv_rows(stream, stream, encoding, source, roles or role_names(), zone,
                             unneutral=True, everything_general=False)
    except UnicodeDecodeError as error:
        raise InputError("hr.input_encoding_broken", encoding=encoding,
                         offset=error.start) from None
    except OSError as error:
        raise InputError("hr.input_unreadable", reason=error.strerror or str(error)) from None
    finally:
        csv.field_size_limit(previous_limit)


def _csv_rows(lines: Iterator[str], watched: _Lines | None, encoding: str, source: int,
              roles: RoleNames, zone: tzinfo | None, *, unneutral: bool,
              everything_general: bool) -> ParsedFile:
    reader = csv.reader(lines, strict=True)
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("hr.input_empty") from None
        mapping, language = header_map(header)
        parsed = ParsedFile([], encoding, language)
        rows = RowReader(mapping, source, unneutral=unneutral, zone=zone, roles=roles)
        general: Callable[[int], bool] | None = None
        if everything_general:
            def general(_line: int) -> bool:
                return True
        elif watched is not None:
            unusual = watched.unusual

            def general(line: int) -> bool:  # a control character in one of the row's lines
                return bool(unusual) and any(line <= n <= reader.line_num for n in unusual)
        parsed.rows = rows.fast_rows(reader, parsed.records.append, parsed.skip, general)
    except csv.Error as error:
        raise InputError("hr.input_broken_csv", line=reader.line_num, detail=str(error)
                         ) from None
    _note(parsed, rows)
    return parsed


def _note(parsed: ParsedFile, *readers: RowReader) -> None:
    notes: dict[str, Message] = {}
    replaced = 0
    for reader in readers:
        notes.update(reader.notes)
        replaced += reader.replaced
        parsed.origins.extend(reader.shared.origins.values())
        parsed.refused.extend(reader.refused)
    parsed.notes.extend(notes.values())
    if replaced:
        parsed.notes.append(Message("hr.input_control_replaced", {"count": replaced}))


def detail_sheets(names: list[str]) -> list[str]:
    """``detail`` and its continuations (``detail-2`` ...), in either language; else the
    first sheet."""
    found = [n for n in names if n in DETAIL_SHEETS or any(
        n.startswith(base + "-") and n[len(base) + 1:].isdigit() for base in DETAIL_SHEETS)]
    return found or names[:1]


def zone_notes(label: str, zone: tzinfo | None) -> list[Message]:
    """What an input's line says of the zone an XLSX file names (``label``; ``zone`` what it
    was read as): nothing when known, a note when unknown or not named (read in this PC's)."""
    if label and zone is None:
        return [Message("hr.input_zone_unknown", {"zone": label})]
    if not label:
        return [Message("hr.input_zone_assumed", {})]
    return []


@contextmanager
def opened_workbook(path: Path) -> Iterator[tuple[Any, str, tzinfo | None]]:
    """An XLSX input opened read-only, with the zone label it names and that zone: any error
    opening or reading it (zipfile, XML, openpyxl) is ``hr.input_bad_xlsx``; an
    ``InputError`` raised inside passes as it is; the workbook is always closed. Shared by the
    detail and the answers readers."""
    from openpyxl import load_workbook

    from dxlearn.export.xlsx_writer import zone_of

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors alike: a damaged file
        raise InputError("hr.input_bad_xlsx", detail=f"{type(error).__name__}: {error}"
                         ) from error
    try:
        label = zone_of(workbook)
        yield workbook, label, zone_from_label(label) if label else None
    except InputError:
        raise
    except Exception as error:  # a damaged sheet inside a readable package
        raise InputError("hr.input_bad_xlsx", detail=f"{type(error).__name__}: {error}"
                         ) from error
    finally:
        workbook.close()


def parse_xlsx(path: Path, source: int = 0, roles: RoleNames | None = None,
               default_zone: tzinfo | None = None) -> ParsedFile:
    """Stream the detail sheet(s) of an XLSX export (openpyxl read-only). Times without an
    offset are in the zone the workbook names; a workbook naming none is read in
    ``default_zone`` (this PC's when None), with a note."""
    with opened_workbook(path) as (workbook, label, zone):
        names = list(workbook.sheetnames)
        if REPORT_SHEETS & set(names):
            raise InputError("hr.input_is_report")
        parsed: ParsedFile | None = None
        reader: RowReader | None = None
        for name in detail_sheets(names):
            rows = workbook[name].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                if parsed is None:
                    raise InputError("hr.input_empty")
                continue
            mapping, language = header_map(list(header))
            if parsed is None:
                parsed = ParsedFile([], "xlsx", language, zone=label)
                reader = RowReader(mapping, source, unneutral=False,
                                   zone=zone or default_zone, roles=roles or role_names())
            assert reader is not None
            reader.mapping = mapping
            reader.__post_init__()
            parsed.rows += read_sheet_rows(rows, reader.read, parsed.records, parsed.skip)
        assert parsed is not None and reader is not None
        _note(parsed, reader)
        parsed.notes.extend(zone_notes(label, zone))
        return parsed
