"""Reading answers exports (``dxlearn export --scope answers``) for item analysis.

The rows are the contract's ``ANSWER_COLUMNS`` (English or Japanese headers and values, CSV in
UTF-8 or CP932, or XLSX), read and checked one by one like a detail export's
(``hr.values``): a row whose ids are empty, whose numbers are not plain digits in range, whose
times are not ISO 8601, whose yes/no is neither, or whose choices are not numbers such as
``1;3`` is left out, and the input's line names the file line and the column. The quiz a
left-out row belongs to (learner, library, lesson) is remembered when it can still be read,
with the attempt's start and the question's position where they can (:class:`RefusedRow`):
item analysis must not take that attempt as complete.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from dxlearn.export.answers import CHOICE_SEPARATOR
from dxlearn.export.columns import ANSWER_COLUMNS
from dxlearn.hr.values import (
    InputError,
    RowProblem,
    cell_text,
    clean_text,
    header_map,
    lookup_text,
    parse_bool,
    parse_int,
    parse_time,
    read_sheet_rows,
    row_cell,
)
from dxlearn.messages import Message

HEADERS = {c.en: c.key for c in ANSWER_COLUMNS} | {c.ja: c.key for c in ANSWER_COLUMNS}
REQUIRED = ("staff_id", "library_id", "lesson_id", "lesson_version", "attempt_started_at",
            "question_number", "correct", "in_analysis")
ANSWER_SHEETS = ("answers", "回答")
IDS = ("staff_id", "library_id", "lesson_id")
CHOICES = re.compile(r"[1-9][0-9]{0,2}(?:;[1-9][0-9]{0,2})*")
MAX_ROW_PROBLEMS = 5
MAX_FIELD = 1 << 20


@dataclass(frozen=True, slots=True)
class Answer:
    """One answers row as read back (times aware; choices numbered from 1)."""

    staff_id: str
    library_id: str
    library_version: str
    lesson_id: str
    lesson_version: int
    attempt: int
    attempt_started_at: datetime
    question_number: int
    question_id: str
    chosen: frozenset[int]
    correct_choices: frozenset[int]
    correct: bool
    answered_at: datetime | None
    in_analysis: bool
    device: str
    source: int = 0  # index of the input file

    @property
    def key(self) -> tuple[str, str, str, datetime, int]:
        """The same answer whichever file or PC brings it: learner, lesson, the attempt's start
        and the question's position in it."""
        return (self.staff_id, self.library_id, self.lesson_id, self.attempt_started_at,
                self.question_number)


@dataclass(frozen=True, slots=True)
class RefusedRow:
    """A left-out answers row whose learner and lesson are known: its quiz (staff_id,
    library_id, lesson_id), the attempt's start and the question's position when they could
    be read (None: it may be any attempt, any question)."""

    quiz: tuple[str, str, str]
    started: datetime | None
    question_number: int | None


@dataclass
class CollectedAnswers:
    """What the answers exports among the inputs held: the answers read, and the attempts
    that lost a row (``hr.items.analyse`` leaves such a first attempt out)."""

    answers: list[Answer] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)


@dataclass
class ParsedAnswers:
    answers: list[Answer]
    encoding: str
    header: str
    rows: int = 0
    skipped: int = 0
    problems: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)  # the skipped rows' attempts

    def skip(self, line: int, error: RowProblem) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_ROW_PROBLEMS:
            self.problems.append(Message("hr.row_left_out", {"line": line,
                                                             "reason": error.reason}))


def answer_header(cells: Sequence[object]) -> tuple[dict[str, int], str]:
    """(column key -> index, header language); raises InputError for another kind of file
    or a column named twice."""
    names = [str(c or "").strip().lstrip("\ufeff").strip() for c in cells]
    mapping: dict[str, int] = {}
    for index, name in enumerate(names):
        key = HEADERS.get(name)
        if key is None:
            continue
        if key in mapping:
            raise InputError("hr.input_header_twice", name=name, first=mapping[key] + 1,
                             second=index + 1)
        mapping[key] = index
    missing = [k for k in REQUIRED if k not in mapping]
    if missing:
        try:
            header_map(cells)
        except InputError:
            pass
        else:
            raise InputError("items.input_detail")
        raise InputError("items.input_not_answers", columns=", ".join(missing))
    return mapping, "ja" if names and names[0] == "職員番号" else "en"


def is_answers_header(cells: Sequence[object]) -> bool:
    try:
        answer_header(cells)
    except InputError:
        return False
    return True


def whole_second(moment: datetime) -> datetime:
    """``moment`` at the nearest whole second: exports write whole seconds, and an XLSX date
    cell (a binary fraction of a day) may read back a microsecond off; the attempt must be
    the same one in a CSV and an XLSX file (:attr:`Answer.key`)."""
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def parse_choices(value: object, column: str) -> frozenset[int]:
    """``1;3`` -> {1, 3}; empty -> {}; anything else raises RowProblem."""
    text = cell_text(value).strip().replace(" ", "")
    if not text:
        return frozenset()
    if not CHOICES.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise RowProblem("items.row_bad_choices", column=column, value=repr(shown))
    return frozenset(int(part) for part in text.split(CHOICE_SEPARATOR))


@dataclass
class AnswerReader:
    """Reads the rows of one answers file (see the module docstring)."""

    mapping: dict[str, int]
    source: int = 0
    unneutral: bool = True  # CSV: undo formula neutralisation
    zone: tzinfo | None = None
    refused: list[RefusedRow] = field(default_factory=list)  # attempts of the rows refused

    def _cell(self, row: Sequence[object], key: str) -> object:
        return row_cell(row, self.mapping.get(key), self.unneutral)

    def _text(self, row: Sequence[object], key: str) -> str:
        text, _replaced = clean_text(cell_text(self._cell(row, key)).strip(), key,
                                     key in IDS or key == "question_id")
        return text

    def read(self, row: Sequence[object]) -> Answer:
        """The row's answer; a RowProblem for a row left out, whose attempt (when it can be
        told) is added to :attr:`refused`."""
        try:
            return self._read(row)
        except RowProblem:
            refused = self._refused(row)
            if refused is not None:
                self.refused.append(refused)
            raise

    def _refused(self, row: Sequence[object]) -> RefusedRow | None:
        def text(key: str) -> str:
            return lookup_text(self._cell(row, key))

        staff_id, library_id, lesson_id = (text(key) for key in IDS)
        if not (staff_id and library_id and lesson_id):
            return None
        try:
            started = parse_time(self._cell(row, "attempt_started_at"), "attempt_started_at",
                                 self.zone)
        except RowProblem:
            started = None
        try:
            number = parse_int(self._cell(row, "question_number"), "question_number", 1, 10**4)
        except RowProblem:
            number = None
        return RefusedRow((staff_id, library_id, lesson_id),
                          None if started is None else whole_second(started), number)

    def _read(self, row: Sequence[object]) -> Answer:
        cell = self._cell
        texts = {key: self._text(row, key)
                 for key in (*IDS, "library_version", "question_id", "device")}
        for key in IDS:
            if not texts[key]:
                raise RowProblem("hr.row_empty", column=key)
        started = parse_time(cell(row, "attempt_started_at"), "attempt_started_at", self.zone)
        if started is None:
            raise RowProblem("hr.row_empty", column="attempt_started_at")
        started = whole_second(started)

        def number(key: str, high: int) -> int:
            found = parse_int(cell(row, key), key, 1, high)
            if found is None:
                raise RowProblem("hr.row_empty", column=key)
            return found

        def yes_no(key: str) -> bool:
            found = parse_bool(cell(row, key), key)
            if found is None:
                raise RowProblem("hr.row_empty", column=key)
            return found

        in_analysis = yes_no("in_analysis")
        question_id = texts["question_id"]
        if in_analysis and not question_id:
            raise RowProblem("hr.row_empty", column="question_id")
        attempt = parse_int(cell(row, "attempt"), "attempt", 1, 10**6)
        return Answer(
            staff_id=texts["staff_id"], library_id=texts["library_id"],
            library_version=texts["library_version"], lesson_id=texts["lesson_id"],
            lesson_version=number("lesson_version", 10**9), attempt=attempt or 1,
            attempt_started_at=started, question_number=number("question_number", 10**4),
            question_id=question_id, chosen=parse_choices(cell(row, "chosen"), "chosen"),
            correct_choices=parse_choices(cell(row, "correct_choices"), "correct_choices"),
            correct=yes_no("correct"),
            answered_at=parse_time(cell(row, "answered_at"), "answered_at", self.zone),
            in_analysis=in_analysis, device=texts["device"], source=self.source)


def csv_header(path: Path, encoding: str) -> list[str]:
    """The header row of a CSV file (for telling an answers export from a detail one)."""
    codec = "cp932" if encoding == "cp932" else "utf-8-sig"
    try:
        with path.open(encoding=codec, errors="replace", newline="") as stream:
            return next(csv.reader(io.StringIO(stream.readline(1 << 16))), [])
    except (OSError, csv.Error):
        return []


def parse_answers_csv(path: Path, encoding: str, source: int = 0,
                      zone: tzinfo | None = None) -> ParsedAnswers:
    codec = "cp932" if encoding == "cp932" else "utf-8-sig"
    previous = csv.field_size_limit(MAX_FIELD)
    try:
        with path.open(encoding=codec, errors="strict", newline="") as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, None)
            if header is None:
                raise InputError("hr.input_empty")
            mapping, language = answer_header(header)
            parsed = ParsedAnswers([], encoding, language)
            rows = AnswerReader(mapping, source, unneutral=True, zone=zone)
            for row in reader:
                if not any(row):
                    continue
                parsed.rows += 1
                try:
                    parsed.answers.append(rows.read(row))
                except RowProblem as problem:
                    parsed.skip(reader.line_num, problem)
            parsed.refused = rows.refused
            return parsed
    except csv.Error as error:
        raise InputError("hr.input_broken_csv", line=reader.line_num, detail=str(error)
                         ) from None
    except UnicodeDecodeError as error:
        raise InputError("hr.input_encoding_broken", encoding=encoding,
                         offset=error.start) from None
    except OSError as error:
        raise InputError("hr.input_unreadable", reason=error.strerror or str(error)) from None
    finally:
        csv.field_size_limit(previous)


def xlsx_is_answers(path: Path) -> bool:
    """True for a workbook whose sheets are an answers export's."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # a damaged file: the detail reader says what is wrong with it
        return False
    try:
        return any(_answer_sheet(name) for name in workbook.sheetnames)
    finally:
        workbook.close()


def _answer_sheet(name: str) -> bool:
    return name in ANSWER_SHEETS or any(
        name.startswith(base + "-") and name[len(base) + 1:].isdigit() for base in ANSWER_SHEETS)


def parse_answers_xlsx(path: Path, source: int = 0,
                       default_zone: tzinfo | None = None) -> ParsedAnswers:
    """The answers sheet(s) of an XLSX export; times in the zone the workbook names."""
    from dxlearn.hr.read import opened_workbook, zone_notes

    with opened_workbook(path) as (workbook, label, zone):
        parsed: ParsedAnswers | None = None
        for name in [n for n in workbook.sheetnames if _answer_sheet(n)] or workbook.sheetnames[:1]:
            rows = workbook[name].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            mapping, language = answer_header(list(header))
            if parsed is None:
                parsed = ParsedAnswers([], "xlsx", language)
            reader = AnswerReader(mapping, source, unneutral=False, zone=zone or default_zone)
            parsed.rows += read_sheet_rows(rows, reader.read, parsed.answers, parsed.skip)
            parsed.refused += reader.refused
        if parsed is None:
            raise InputError("hr.input_empty")
        parsed.notes.extend(zone_notes(label, zone))
        return parsed
