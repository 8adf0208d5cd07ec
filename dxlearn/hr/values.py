"""One detail row -> one :class:`Record`, with every value checked (``hr merge``).

The header row is mapped by name (en or ja headers; a name given twice is an error: which
column would count?). Each row then goes through :meth:`RowReader.read`:

- a value out of its range (a score above 100, a negative number of attempts or seconds), a
  number written otherwise than as plain ASCII digits (``１００``, ``1_000``, ``+5``), a
  ``completed`` row without its completion time (or a completion time on a row that is not
  completed), an unknown status, an empty staff_id, library or lesson id, or a control
  character in one of those ids: the row is left out, and the input's line says which row and
  column (:class:`RowProblem`);
- a control character in a name, title or another text (Word's line break ``\\x0b`` pasted
  into a name): replaced by a space, the row kept, the input's line notes it;
- a role written as its label (``一般職員``) is read as its key (``staff``); an unknown role
  is kept as written and noted;
- statuses and yes/no may be the English keys or the Japanese words (``修了``, ``はい``);
- a time without an offset (XLSX cells) is taken in the file's zone (``zone``).

CSV rows exactly as ``dxlearn export`` writes them take :meth:`RowReader.fast`, several times
quicker; any row it does not accept as written goes to the general path, so the results and
the messages are the same (``tests/export`` compares the two).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, TypeVar

from dxlearn.export.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS
from dxlearn.export.formatting import unneutralise
from dxlearn.export.vocabulary import BOOL_VALUES, STATUS_KEYS, RoleNames, role_names
from dxlearn.hr.record import Origin, Record, Shared, Who
from dxlearn.learning.status import Status
from dxlearn.messages import Message

# device and exported_at: every detail export has them; a merge report's detail sheet has
# neither, so an earlier report left in the input folder is never counted as one more PC.
REQUIRED_KEYS = ("staff_id", "library_id", "lesson_id", "status", "device", "exported_at")
HEADER_KEYS = {c.en: c.key for c in DETAIL_COLUMNS} | {c.ja: c.key for c in DETAIL_COLUMNS}
SUMMARY_ONLY = ({c.en for c in SUMMARY_COLUMNS} | {c.ja for c in SUMMARY_COLUMNS}) - set(
    HEADER_KEYS)
FIELD_ORDER = ("staff_id", "name", "department", "role", "library_id", "library_version",
               "lesson_id", "lesson_title", "lesson_version", "required", "status", "score",
               "pass_score", "passed", "attempts", "started_at", "completed_at", "study_seconds",
               "device", "exported_at")
KEY_TEXTS = ("staff_id", "library_id", "lesson_id")
OTHER_TEXTS = ("name", "department", "role", "library_version", "lesson_title", "device")
T = TypeVar("T")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_NUMBER_DIGITS = 10  # attempts and seconds fit easily; a 5000-digit number never parses
LIMITS: dict[str, tuple[int, int]] = {
    "lesson_version": (1, 10**9), "score": (0, 100), "pass_score": (0, 100),
    "attempts": (0, 10**6), "study_seconds": (0, 10**9),
}
COMPLETED = Status.COMPLETED.value


class InputError(ValueError):
    """The file is not a usable detail export; ``reason`` says why and what to do."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.reason = Message(code, params)
        super().__init__(self.reason.text("en"))


class RowProblem(ValueError):
    """One row cannot be used: ``reason`` names the column and the value."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.reason = Message(code, params)
        super().__init__(self.reason.text("en"))


def header_map(cells: Sequence[object]) -> tuple[dict[str, int], str]:
    """(column key -> index, header language); raises InputError for a summary export, a
    file that is not a detail export, or a header naming a column twice."""
    names = [str(c or "").strip().lstrip("\ufeff").strip() for c in cells]
    mapping: dict[str, int] = {}
    for index, name in enumerate(names):
        key = HEADER_KEYS.get(name)
        if key is None:
            continue
        if key in mapping:
            raise InputError("hr.input_header_twice", name=name,
                             first=mapping[key] + 1, second=index + 1)
        mapping[key] = index
    missing = [k for k in REQUIRED_KEYS if k not in mapping]
    if missing:
        if SUMMARY_ONLY & set(names):
            raise InputError("hr.input_summary")
        raise InputError("hr.input_not_detail", columns=", ".join(missing))
    language = "ja" if names and names[0] == "職員番号" else "en"
    return mapping, language


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: empty for nothing, 123.0 as 123 (Excel's numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def row_cell(row: Sequence[object], index: int | None, unneutral: bool) -> object:
    """The cell at ``index`` of a row (None when the row is short or the column absent), with
    a CSV's formula neutralisation undone when ``unneutral`` (XLSX cells are exact)."""
    if index is None or index >= len(row):
        return None
    value = row[index]
    if unneutral and isinstance(value, str):
        return unneutralise(value)
    return value


def lookup_text(value: object) -> str:
    """A cell's text for finding what a row left out belonged to (its learner, library,
    lesson): control characters dropped and spaces stripped; never stored as an id."""
    return CONTROL.sub("", cell_text(value)).strip()


def clean_text(value: object, column: str, is_id: bool) -> tuple[str, bool]:
    """A text cell with control characters made spaces: (text, whether any was replaced).
    An id column (``is_id``) with a control character is refused (RowProblem), never
    changed: a changed id would name another learner or lesson."""
    text = cell_text(value)
    if not CONTROL.search(text):
        return text, False
    if is_id:
        raise RowProblem("hr.row_control_in_id", column=column)
    return CONTROL.sub(" ", text), True


def read_sheet_rows(rows: Iterable[Sequence[object]], read: Callable[[Sequence[object]], T],
                    kept: list[T], skip: Callable[[int, RowProblem], None],
                    first_line: int = 2) -> int:
    """A sheet's data rows (from its line ``first_line``) through ``read`` into ``kept``; a
    wholly empty row is passed over, a bad one is handed to ``skip`` with its line. Returns
    the number of rows that were not empty."""
    count = 0
    for line, row in enumerate(rows, start=first_line):
        if not any(v not in (None, "") for v in row):
            continue
        count += 1
        try:
            kept.append(read(row))
        except RowProblem as problem:
            skip(line, problem)
    return count


def _number(value: object, column: str) -> int | None:
    low, high = LIMITS[column]
    return parse_int(value, column, low, high)


def parse_int(value: object, column: str, low: int, high: int) -> int | None:
    """A whole number in ``low..high`` written as plain ASCII digits (or a spreadsheet's
    whole number); None when empty; raises RowProblem naming ``column``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RowProblem("hr.row_not_number", column=column, value=repr(value))
    if isinstance(value, float):
        if not value.is_integer():
            raise RowProblem("hr.row_not_number", column=column, value=repr(value))
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = str(value).strip(" ")
        if not (text.isascii() and text.isdigit()) or len(text) > MAX_NUMBER_DIGITS:
            raise RowProblem("hr.row_not_number", column=column, value=repr(_short(value)))
        number = int(text)
    if not low <= number <= high:
        raise RowProblem("hr.row_out_of_range", column=column, value=number, low=low,
                         high=high)
    return number


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _bool(value: object, column: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    found = BOOL_VALUES.get(text)
    if found is None:
        found = BOOL_VALUES.get(text.lower())
    if found is None:
        raise RowProblem("hr.row_not_bool", column=column, value=repr(_short(value)))
    return found


parse_bool = _bool  # yes/no in either language; None when empty; raises RowProblem


def parse_time(value: object, column: str, zone: tzinfo | None) -> datetime | None:
    """An ISO 8601 time (or a spreadsheet's date-time cell); a time without an offset is in
    ``zone`` (None: this PC's). None when empty; raises RowProblem naming ``column``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise RowProblem("hr.row_not_time", column=column,
                             value=repr(_short(value))) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone else moment.astimezone()
    return moment


Cell = Callable[[Sequence[object], str], object]
# a detail row left out, as far as it reads: staff_id, library_id, lesson_id ("" unreadable),
# name and department (for a learner no other row names)
Lost = tuple[str, str, str, str, str]


@dataclass
class RowReader:
    """Reads the rows of one input file (see the module docstring)."""

    mapping: dict[str, int]
    source: int = 0
    unneutral: bool = True  # CSV: undo formula neutralisation (XLSX cells are exact)
    zone: tzinfo | None = None  # the zone of times without an offset (None: this PC's)
    roles: RoleNames = field(default_factory=role_names)
    notes: dict[str, Message] = field(default_factory=dict)  # soft problems, once each
    replaced: int = 0  # values whose control characters became spaces
    _index: dict[str, int | None] = field(default_factory=dict)
    _plan: tuple[int, ...] | None = None
    _width: int = 0
    _exported: dict[str, datetime] = field(default_factory=dict)
    shared: Shared = field(default_factory=Shared)
    refused: list[Lost] = field(default_factory=list)  # the rows left out, as far as readable

    def __post_init__(self) -> None:
        self._index = {key: self.mapping.get(key) for key in HEADER_KEYS.values()}
        if all(key in self.mapping for key in FIELD_ORDER):
            self._plan = tuple(self.mapping[key] for key in FIELD_ORDER)
        self._width = max(self.mapping.values()) + 1

    # -- the general path ---------------------------------------------------------------------

    def _cell(self, row: Sequence[object], key: str) -> object:
        return row_cell(row, self._index[key], self.unneutral)

    def _clean(self, row: Sequence[object], key: str) -> str:
        text, replaced = clean_text(self._cell(row, key), key, key in KEY_TEXTS)
        self.replaced += replaced
        return text

    def _time(self, value: object, column: str) -> datetime | None:
        return parse_time(value, column, self.zone)

    def read(self, row: Sequence[object]) -> Record:
        """One row -> Record; raises RowProblem naming the column. The learner (and library
        and lesson, when they can be read) of a row left out is added to :attr:`refused`."""
        try:
            return self._read(row)
        except RowProblem:
            lost = self._lost(row)
            if lost is not None:
                self.refused.append(lost)
            raise

    def _lost(self, row: Sequence[object]) -> Lost | None:
        def text(key: str) -> str:
            return lookup_text(self._cell(row, key))

        staff_id = text("staff_id")
        if not staff_id:
            return None
        return (staff_id, text("library_id"), text("lesson_id"), text("name"),
                text("department"))

    def _read(self, row: Sequence[object]) -> Record:
        cell = self._cell
        word = cell_text(cell(row, "status")).strip()
        status = STATUS_KEYS.get(word)
        if status is None:
            raise RowProblem("hr.row_bad_status", value=repr(_short(word)))
        texts = {key: self._clean(row, key) for key in (*KEY_TEXTS, *OTHER_TEXTS)}
        staff_id = texts["staff_id"].strip()
        for key in KEY_TEXTS:
            if not texts[key].strip():
                raise RowProblem("hr.row_empty", column=key)
        started = self._time(cell(row, "started_at"), "started_at")
        completed = self._time(cell(row, "completed_at"), "completed_at")
        if (status == COMPLETED) != (completed is not None):
            raise RowProblem("hr.row_completed_at" if completed is None else
                             "hr.row_completed_at_not_completed", status=word)
        role = self._role(texts["role"])
        shared = self.shared
        return Record(
            who=shared.person((staff_id, texts["name"], texts["department"], role)),
            lesson=shared.lesson((
                texts["library_id"].strip(), texts["library_version"],
                texts["lesson_id"].strip(), texts["lesson_title"],
                _number(cell(row, "lesson_version"), "lesson_version"),
                _bool(cell(row, "required"), "required"),
                _number(cell(row, "pass_score"), "pass_score"))),
            src=shared.origin(texts["device"],
                              self._time(cell(row, "exported_at"), "exported_at"),
                              self.source),
            status=status,
            score=_number(cell(row, "score"), "score"),
            passed=_bool(cell(row, "passed"), "passed"),
            attempts=_number(cell(row, "attempts"), "attempts") or 0,
            started_at=started,
            completed_at=completed,
            study_seconds=_number(cell(row, "study_seconds"), "study_seconds") or 0,
        )

    def _role(self, written: str) -> str:
        text = written.strip()
        key = self.roles.key_for(text)
        if key is not None:
            return key
        if text and text not in self.notes:
            self.notes[text] = Message("hr.input_role_unknown", {"role": text})
        return sys.intern(text)

    # -- the fast path ------------------------------------------------------------------------

    def fast(self, cells: list[str]) -> Record:
        """One CSV row exactly as ``dxlearn export`` writes it, else :meth:`read`."""
        found: list[Record] = []
        self.fast_rows(_OneRow(cells), found.append, lambda line, problem: None)
        if not found:
            return self.read(cells)  # raises the row's problem
        return found[0]

    def fast_rows(self, rows: Any,
                  append: Callable[[Record], None],
                  skip: Callable[[int, RowProblem], None],
                  general: Callable[[int], bool] | None = None) -> int:
        """Every row of ``rows`` (a ``csv.reader``: its ``line_num`` numbers the rows): a row
        exactly as ``dxlearn export`` writes it is converted inline (the loop holds
        everything in local names: this is most of a merge's time), any other goes through
        :meth:`read`, so results and messages are the same. ``general(line)`` True sends
        the row starting on ``line`` to :meth:`read` (a control character was seen in it).
        Returns the number of rows that were not empty."""
        plan = self._plan
        read = self.read
        count = 0
        line = rows.line_num + 1
        if plan is None:
            for cells in rows:
                start, line = line, rows.line_num + 1
                if any(cells):
                    count += 1
                    try:
                        append(read(cells))
                    except RowProblem as problem:
                        skip(start, problem)
            return count
        (i_staff, i_name, i_dept, i_role, i_lib, i_libv, i_lesson, i_title, i_lv, i_req,
         i_status, i_score, i_pass, i_passed, i_attempts, i_started, i_completed, i_seconds,
         i_device, i_exported) = plan
        width = self._width
        unneutral = self.unneutral
        statuses = STATUS_KEYS
        bools = BOOL_VALUES
        role_keys = self.roles.keys
        exported_cache = self._exported
        parse = datetime.fromisoformat
        completed_word = COMPLETED
        source = self.source
        person, lesson_of, origin_of = (self.shared.person, self.shared.lesson,
                                        self.shared.origin)
        # what repeats row after row (the learner, the PC) is looked up once per change
        last_who: tuple[str, ...] = ()
        who: Who = ("", "", "", "")
        last_src: tuple[str, datetime | None] = ("", None)
        src = Origin("", None, source)
        last_role_written, last_role = "", ""
        for cells in rows:
            start, line = line, rows.line_num + 1
            if not any(cells):
                continue
            count += 1
            row = cells
            try:
                if len(row) < width or (general is not None and general(start)):
                    raise ValueError
                if unneutral:
                    row = [unneutralise(v) if v[:1] == "'" else v for v in row]
                status = statuses[row[i_status]]
                staff_id = row[i_staff]
                library_id = row[i_lib]
                lesson_id = row[i_lesson]
                if (not staff_id or not lesson_id or not library_id or staff_id[0] <= " "
                        or staff_id[-1] <= " " or library_id.strip() != library_id
                        or lesson_id.strip() != lesson_id):
                    raise ValueError
                written_role = row[i_role]
                if written_role != last_role_written:
                    last_role, last_role_written = role_keys[written_role], written_role
                version, score, pass_score, attempts, seconds = (
                    row[i_lv], row[i_score], row[i_pass], row[i_attempts], row[i_seconds])
                digits = version + score + pass_score + attempts + seconds
                if digits and not (digits.isdigit() and digits.isascii()):
                    raise ValueError
                text = row[i_started]
                started = parse(text) if text else None
                text = row[i_completed]
                completed = parse(text) if text else None
                text = row[i_exported]
                exported = exported_cache.get(text)
                if exported is None and text:
                    exported = exported_cache[text] = parse(text)
                required = bools[row[i_req]] if row[i_req] else None
                passed = bools[row[i_passed]] if row[i_passed] else None
                lesson_version = int(version) if version else None
                score_ = int(score) if score else None
                pass_ = int(pass_score) if pass_score else None
                if ((started is not None and started.tzinfo is None)
                        or (completed is not None and completed.tzinfo is None)
                        or (exported is not None and exported.tzinfo is None)
                        or (status == completed_word) != (completed is not None)
                        or (score_ is not None and score_ > 100)
                        or (pass_ is not None and pass_ > 100) or lesson_version == 0
                        or len(attempts) > 6 or len(seconds) > 9):
                    raise ValueError
            except (ValueError, KeyError):
                try:
                    append(read(cells))
                except RowProblem as problem:
                    skip(start, problem)
                continue
            written = (staff_id, row[i_name], row[i_dept], last_role)
            if written != last_who:
                last_who, who = written, person(written)
            device = row[i_device]
            if device != last_src[0] or exported is not last_src[1]:
                last_src = (device, exported)
                src = origin_of(device, exported, source)
            append(Record(who, lesson_of((library_id, row[i_libv], lesson_id, row[i_title],
                                          lesson_version, required, pass_)),
                          src, status, score_, passed, int(attempts) if attempts else 0,
                          started, completed, int(seconds) if seconds else 0))
        return count


class _OneRow:
    """One row as a ``csv.reader`` would give it (for :meth:`RowReader.fast`)."""

    def __init__(self, cells: list[str]) -> None:
        self.cells: list[list[str]] = [cells]
        self.line_num = 1

    def __iter__(self) -> Iterator[list[str]]:
        while self.cells:
            self.line_num += 1
            yield self.cells.pop()
