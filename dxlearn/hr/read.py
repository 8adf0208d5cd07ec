"""Reading HR inputs for ``hr merge``: detail exports (CSV or XLSX, en or ja headers, UTF-8 or
CP932, detected); the roster is read by ``roster.py``. A file that cannot be used becomes a
message, never a crash.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dxlearn.export.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS
from dxlearn.export.formatting import unneutralise
from dxlearn.files.text import DecodeError, decode
from dxlearn.learning.status import Status

SUFFIXES = (".csv", ".xlsx")
STATUSES = frozenset(s.value for s in Status)
# device and exported_at: every detail export has them; a merge report's detail sheet has
# neither, so an earlier report left in the input folder is never counted as one more PC.
REQUIRED_KEYS = ("staff_id", "library_id", "lesson_id", "status", "device", "exported_at")
MAX_ROW_PROBLEMS = 5
HEADER_KEYS = {c.en: c.key for c in DETAIL_COLUMNS} | {c.ja: c.key for c in DETAIL_COLUMNS}
SUMMARY_ONLY = {c.en for c in SUMMARY_COLUMNS} - {c.en for c in DETAIL_COLUMNS}


class InputError(ValueError):
    """The file is not a usable detail export; the message says why and what to do."""


@dataclass(slots=True)
class Record:
    """One detail row as read back (times aware; XLSX times are taken as local time)."""

    staff_id: str
    name: str
    department: str
    role: str
    library_id: str
    library_version: str
    lesson_id: str
    lesson_title: str
    lesson_version: int | None
    required: bool | None
    status: str
    score: int | None
    pass_score: int | None
    passed: bool | None
    attempts: int
    started_at: datetime | None
    completed_at: datetime | None
    study_seconds: int
    device: str
    exported_at: datetime | None
    source: int = 0  # index of the input file
    origin: str = ""  # the exporting database (sidecar database_id); "" = unknown


@dataclass
class ParsedFile:
    records: list[Record]
    encoding: str
    header: str
    problems: list[str] = field(default_factory=list)
    skipped: int = 0

    def skip(self, line: int, error: ValueError) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_ROW_PROBLEMS:
            self.problems.append(f"line {line}: {error}; row left out")


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> tuple[list[Path], list[str]]:
    """Files named, plus .csv/.xlsx found recursively in folders; (files, problems)."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for item in inputs:
        if item.is_dir():
            candidates = sorted(p for p in item.rglob("*") if p.is_file()
                                and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        elif item.is_file():
            candidates = [item]
        else:
            problems.append(f"{item}: no such file or folder")
            continue
        for path in candidates:
            resolved = path.resolve()
            if resolved in excluded or resolved in seen:
                continue
            seen.add(resolved)
            found.append(path)
    return found, problems


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of an HR input (``files.text.decode``); raises InputError."""
    try:
        decoded = decode(data, newlines=False)
    except DecodeError as error:
        raise InputError("the file is neither UTF-8 nor CP932 (Shift_JIS), or mixes them; "
                         "export it again") from error
    return decoded.text, decoded.encoding


def _header_map(cells: list[str], name: str) -> tuple[dict[str, int], str]:
    keys = [HEADER_KEYS.get(str(c or "").strip()) for c in cells]
    mapping = {key: index for index, key in enumerate(keys) if key is not None}
    missing = [k for k in REQUIRED_KEYS if k not in mapping]
    if missing:
        if SUMMARY_ONLY & {str(c or "").strip() for c in cells} or "必須数" in cells:
            raise InputError("a summary export; hr merge needs detail exports "
                             "(dxlearn export --scope detail)")
        raise InputError(f"not a dxlearn detail export: column(s) {', '.join(missing)} missing "
                         "in the header row")
    language = "ja" if cells and str(cells[0]).strip() == "職員番号" else "en"
    return mapping, language


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _int(value: object, column: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"column {column}: {value!r} is not a whole number")
    if isinstance(value, int):
        return value
    try:
        return int(float(value)) if isinstance(value, float) else int(str(value).strip())
    except ValueError:
        raise ValueError(f"column {column}: {value!r} is not a whole number") from None


def _bool(value: object, column: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(f"column {column}: {value!r} is not true/false")


def _time(value: object, column: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"column {column}: {value!r} is not a date-time "
                             "(2026-11-27T14:05:09+09:00)") from None
    return moment if moment.tzinfo is not None else moment.astimezone()


Cell = Callable[[list[object], str], object]


def _record(row: list[object], cell: Cell, source: int) -> Record:
    """One row -> Record; raises ValueError naming the column."""
    status = _text(cell(row, "status"))
    if status not in STATUSES:
        raise ValueError(f"column status: {status!r} is not one of "
                         f"{', '.join(sorted(STATUSES))}")
    staff_id = _text(cell(row, "staff_id")).strip()
    if not staff_id:
        raise ValueError("column staff_id is empty")
    return Record(
        staff_id=staff_id,
        name=_text(cell(row, "name")),
        department=_text(cell(row, "department")),
        role=_text(cell(row, "role")),
        library_id=_text(cell(row, "library_id")),
        library_version=_text(cell(row, "library_version")),
        lesson_id=_text(cell(row, "lesson_id")),
        lesson_title=_text(cell(row, "lesson_title")),
        lesson_version=_int(cell(row, "lesson_version"), "lesson_version"),
        required=_bool(cell(row, "required"), "required"),
        status=status,
        score=_int(cell(row, "score"), "score"),
        pass_score=_int(cell(row, "pass_score"), "pass_score"),
        passed=_bool(cell(row, "passed"), "passed"),
        attempts=_int(cell(row, "attempts"), "attempts") or 0,
        started_at=_time(cell(row, "started_at"), "started_at"),
        completed_at=_time(cell(row, "completed_at"), "completed_at"),
        study_seconds=_int(cell(row, "study_seconds"), "study_seconds") or 0,
        device=_text(cell(row, "device")),
        exported_at=_time(cell(row, "exported_at"), "exported_at"),
        source=source,
    )


def _cell_reader(mapping: dict[str, int], unneutral: bool) -> Cell:
    get = {key: mapping.get(key) for key in HEADER_KEYS.values()}

    def cell(row: list[object], key: str) -> object:
        index = get[key]
        if index is None or index >= len(row):
            return None
        value = row[index]
        if unneutral and isinstance(value, str):
            return unneutralise(value)
        return value

    return cell


def _records(rows: Iterator[list[object]], mapping: dict[str, int], unneutral: bool,
             parsed: ParsedFile, source: int) -> None:
    cell = _cell_reader(mapping, unneutral)
    for line, row in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in row):
            continue
        try:
            record = _record(row, cell, source)
        except ValueError as error:
            parsed.skip(line, error)
            continue
        parsed.records.append(record)


BOOLS: dict[str, bool | None] = {"": None, "true": True, "false": False, "1": True, "0": False}
FIELD_ORDER = ("staff_id", "name", "department", "role", "library_id", "library_version",
               "lesson_id", "lesson_title", "lesson_version", "required", "status", "score",
               "pass_score", "passed", "attempts", "started_at", "completed_at", "study_seconds",
               "device", "exported_at")


def _csv_records(rows: Iterator[list[str]], mapping: dict[str, int], unneutral: bool,
                 parsed: ParsedFile, source: int) -> None:
    """``_records`` for CSV text cells, several times faster: the cells are taken by index
    and converted inline. A row the fast conversion does not accept exactly as written by
    ``dxlearn export`` (a short row, ``TRUE``, spaces around a number, a time without an
    offset, a bad value) goes through ``_record``, so results and messages are the same."""
    if any(key not in mapping for key in FIELD_ORDER):
        _records(rows, mapping, unneutral, parsed, source)  # type: ignore[arg-type]
        return
    (i_staff, i_name, i_dept, i_role, i_lib, i_libv, i_lesson, i_title, i_lv, i_req,
     i_status, i_score, i_pass, i_passed, i_attempts, i_started, i_completed, i_seconds,
     i_device, i_exported) = (mapping[key] for key in FIELD_ORDER)
    width = max(mapping.values()) + 1
    cell = _cell_reader(mapping, unneutral)
    parse = datetime.fromisoformat
    exported: dict[str, datetime] = {}
    bools = BOOLS
    statuses = STATUSES
    append = parsed.records.append
    for line, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        row = cells
        try:
            if len(row) < width:
                raise ValueError
            if unneutral:
                row = [unneutralise(v) if v[:1] == "'" else v for v in row]
            status = row[i_status]
            staff_id = row[i_staff].strip()
            if status not in statuses or not staff_id:
                raise ValueError
            text = row[i_started]
            started = parse(text) if text else None
            text = row[i_completed]
            completed = parse(text) if text else None
            text = row[i_exported]
            export_time = exported.get(text)
            if export_time is None and text:
                export_time = exported[text] = parse(text)
            if ((started is not None and started.tzinfo is None)
                    or (completed is not None and completed.tzinfo is None)
                    or (export_time is not None and export_time.tzinfo is None)):
                raise ValueError
            text = row[i_lv]
            version = int(text) if text else None
            text = row[i_score]
            score = int(text) if text else None
            text = row[i_pass]
            pass_score = int(text) if text else None
            text = row[i_attempts]
            attempts = int(text) if text else 0
            text = row[i_seconds]
            seconds = int(text) if text else 0
            append(Record(staff_id, row[i_name], row[i_dept], row[i_role], row[i_lib],
                          row[i_libv], row[i_lesson], row[i_title], version, bools[row[i_req]],
                          status, score, pass_score, bools[row[i_passed]], attempts, started,
                          completed, seconds, row[i_device], export_time, source))
        except (ValueError, KeyError):
            try:
                record = _record(cells, cell, source)  # type: ignore[arg-type]
            except ValueError as error:
                parsed.skip(line, error)
                continue
            append(record)


def parse_csv(data: bytes, source: int = 0) -> ParsedFile:
    text, encoding = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty") from None
    except csv.Error as error:
        raise InputError(f"not a CSV file ({error})") from error
    mapping, language = _header_map(header, "")
    parsed = ParsedFile([], encoding, language)
    try:
        _csv_records(reader, mapping, "'" in text, parsed, source)
    except csv.Error as error:
        raise InputError(f"line {reader.line_num}: broken CSV ({error})") from error
    return parsed


def parse_xlsx(data: bytes, source: int = 0) -> ParsedFile:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors alike: a damaged file
        raise InputError(f"not a readable XLSX file ({type(error).__name__}: {error})") from error
    try:
        names = workbook.sheetnames
        if {"inputs", "入力ファイル"} & set(names):
            raise InputError("a dxlearn hr merge report, not a detail export; reports are "
                             "not merged again (move it out of the input folder)")
        sheet = workbook["detail"] if "detail" in names else workbook[names[0]]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError("the first sheet is empty")
        mapping, language = _header_map([_text(c) for c in header], "")
        parsed = ParsedFile([], "xlsx", language)
        _records((list(r) for r in rows), mapping, False, parsed, source)
        return parsed
    finally:
        workbook.close()


def parse_export(path: Path, data: bytes, source: int = 0) -> ParsedFile:
    if path.suffix.lower() == ".xlsx":
        return parse_xlsx(data, source)
    return parse_csv(data, source)
