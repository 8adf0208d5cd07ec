"""The staff roster (職員名簿): CSV or XLSX, English or Japanese headers, UTF-8 or CP932.

HR passes it to ``hr merge --roster``; the policy names it for the sign-in picker. Both read it
here. Staff ids are normalised as at registration (``learning.profile.normalise_staff_id``:
full-width digits typed with an IME, surrounding spaces), so the roster and the records compare
equal when a person would say they are equal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from dxlearn.export.formatting import unneutralise
from dxlearn.files.text import DecodeError, decode
from dxlearn.learning.profile import Profile, normalise_staff_id, normalise_text
from dxlearn.messages import CodedError, Message

MAX_ROSTER_BYTES = 64 << 20  # 64 MB: a roster of 100,000 staff is a few MB
HEADERS = {
    "staff_id": "staff_id", "職員番号": "staff_id", "name": "name", "氏名": "name",
    "department": "department", "所属": "department", "role": "role", "役割": "role",
}


class RosterError(CodedError):
    """The roster cannot be used at all (``hr.roster_*``)."""


@dataclass
class Roster:
    """staff_id -> person, in the roster's order; ``problems`` are row-level notes."""

    path: Path
    people: dict[str, Profile] = field(default_factory=dict)
    problems: list[Message] = field(default_factory=list)
    # rows whose staff_id cell was a number in the spreadsheet (Excel may have dropped zeros)
    numeric_ids: set[str] = field(default_factory=set)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_rows(path: Path, data: bytes) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """The rows as text, and the (row, column) of each cell that was a number (XLSX)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # zip, XML and openpyxl errors alike: a damaged file
            raise RosterError("hr.roster_bad_xlsx", path=path, detail=str(error)) from error
        try:
            raw = list(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
        rows = [[_cell_text(c) for c in r] for r in raw]
        numeric = {(i, j) for i, r in enumerate(raw) for j, c in enumerate(r)
                   if isinstance(c, int | float) and not isinstance(c, bool)}
        return rows, numeric
    try:
        text = decode(data, newlines=False).text
    except DecodeError as error:
        raise RosterError("hr.roster_encoding", path=path) from error
    try:
        return list(csv.reader(io.StringIO(text, newline=""))), set()
    except csv.Error as error:
        raise RosterError("hr.roster_bad_csv", path=path, detail=str(error)) from error


def read_roster(path: Path) -> Roster:
    """The roster at ``path``; raises :class:`RosterError` when it cannot be used at all."""
    try:
        if not path.is_file():
            raise OSError("not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError("hr.roster_unreadable", path=path,
                          reason=getattr(error, "strerror", None) or str(error)) from error
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError("hr.roster_too_large", path=path, limit=MAX_ROSTER_BYTES)
    rows, numeric_cells = _read_rows(path, data)
    if not rows:
        raise RosterError("hr.roster_empty", path=path)
    columns: dict[str, int] = {}
    for index, cell in enumerate(rows[0]):
        key = HEADERS.get(cell.strip().lstrip("\ufeff"))
        if key is not None and key not in columns:
            columns[key] = index
    if "staff_id" not in columns:
        raise RosterError("hr.roster_no_staff_id", path=path)
    roster = Roster(path)
    for line, row in enumerate(rows[1:], start=2):
        def get(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return unneutralise(row[index].strip()) if index is not None and index < len(row) \
                else ""
        staff_id = normalise_staff_id(get("staff_id"))
        if not staff_id:
            continue
        if staff_id in roster.people:
            roster.problems.append(Message("hr.roster_duplicate",
                                           {"file": path.name, "line": line, "id": staff_id}))
            continue
        roster.people[staff_id] = Profile(staff_id, normalise_text(get("name")),
                                          normalise_text(get("department")), get("role").strip())
        if (line - 1, columns["staff_id"]) in numeric_cells:
            roster.numeric_ids.add(staff_id)
    return roster
