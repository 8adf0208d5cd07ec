"""The staff roster (職員名簿): CSV or XLSX, English or Japanese headers, UTF-8 or CP932.

HR passes it to ``hr merge --roster``; the policy names it for the sign-in picker. Both read it
here. Staff ids are normalised as at registration (``learning.profile.normalise_staff_id``:
full-width digits typed with an IME, surrounding spaces), so the roster and the records compare
equal when a person would say they are equal. A role may be written as its key (``staff``)
or as a library's label (``一般職員``, see ``export.vocabulary.RoleNames``); any other role is
a problem naming the row.

Rosters as Excel leaves them: a staff id typed as ``00123`` becomes the number 123 when the
sheet is saved. :func:`match_roster` puts such ids back with the records they belong to: a
numeric XLSX cell is read as text of the width the records use, and a roster id equal to a
recorded id with its leading zeros stripped is matched when exactly one recorded id fits,
each match and each ambiguous case named in a message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dxlearn.export.formatting import unneutralise
from dxlearn.export.vocabulary import RoleNames, role_names
from dxlearn.files.text import DecodeError, decode
from dxlearn.hr.values import cell_text
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
    lines: dict[str, int] = field(default_factory=dict)  # staff_id -> line in the file
    unknown_roles: set[str] = field(default_factory=set)  # staff_ids whose role is not known


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
        rows = [[cell_text(c) for c in r] for r in raw]
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


def read_roster(path: Path, roles: RoleNames | None = None) -> Roster:
    """The roster at ``path``; raises :class:`RosterError` when it cannot be used at all.
    ``roles``: the role keys and labels accepted (default: the built-in ones)."""
    names = roles or role_names()
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
        written = normalise_text(get("role"))
        role = names.key_for(written) if written else None
        if role is None and "role" in columns:
            roster.unknown_roles.add(staff_id)
            roster.problems.append(Message(
                "hr.roster_role_unknown" if written else "hr.roster_role_missing",
                {"file": path.name, "line": line, "id": staff_id, "role": written,
                 "known": ", ".join(f"{k}={names.labels[k]}" for k in sorted(names.labels))}))
        roster.people[staff_id] = Profile(staff_id, normalise_text(get("name")),
                                          normalise_text(get("department")), role or written)
        roster.lines[staff_id] = line
        if (line - 1, columns["staff_id"]) in numeric_cells:
            roster.numeric_ids.add(staff_id)
    return roster


@dataclass
class RosterMatch:
    """The roster as the report uses it: people by the id their records carry."""

    people: dict[str, Profile]  # in roster order
    messages: list[Message]
    unknown_roles: set[str]  # ids (as in ``people``) whose roster role is not known


def _stripped(staff_id: str) -> str:
    return staff_id.lstrip("0") or "0"


def match_roster(roster: Roster, recorded: Iterable[str]) -> RosterMatch:
    """Match the roster's ids with the ``recorded`` ids (see the module docstring)."""
    ids = set(recorded)
    messages: list[Message] = []
    numeric_widths = {len(i) for i in ids if i.isascii() and i.isdigit()}
    width = next(iter(numeric_widths)) if len(numeric_widths) == 1 else 0
    renamed: dict[str, str] = {}  # roster id -> the id used
    for staff_id in roster.people:
        if (staff_id in roster.numeric_ids and staff_id not in ids and width
                and staff_id.isdigit() and len(staff_id) < width):
            padded = staff_id.zfill(width)
            if padded not in roster.people:
                renamed[staff_id] = padded
                messages.append(Message("hr.roster_numeric_padded", {
                    "file": roster.path.name, "line": roster.lines.get(staff_id, 0),
                    "id": staff_id, "padded": padded}))
    used = {renamed.get(i, i) for i in roster.people}
    open_roster = [i for i in roster.people if renamed.get(i, i) not in ids]
    open_records = sorted(ids - used)
    by_form: dict[str, list[str]] = {}
    for staff_id in open_records:
        by_form.setdefault(_stripped(staff_id), []).append(staff_id)
    roster_forms: dict[str, list[str]] = {}
    for staff_id in open_roster:
        roster_forms.setdefault(_stripped(renamed.get(staff_id, staff_id)), []).append(staff_id)
    for form, listed in roster_forms.items():
        candidates = by_form.get(form, [])
        if len(listed) == 1 and len(candidates) == 1:
            renamed[listed[0]] = candidates[0]
            messages.append(Message("hr.roster_zeros_matched", {
                "file": roster.path.name, "line": roster.lines.get(listed[0], 0),
                "id": listed[0], "recorded": candidates[0]}))
        elif candidates:
            messages.append(Message("hr.roster_zeros_ambiguous", {
                "file": roster.path.name, "ids": ", ".join(listed),
                "recorded": ", ".join(candidates)}))
    matched_forms = {_stripped(i) for i in roster.people if renamed.get(i, i) in ids}
    for form, candidates in by_form.items():
        leftover = [c for c in candidates if c not in renamed.values()]
        if form in matched_forms and leftover and form not in roster_forms:
            messages.append(Message("hr.roster_zeros_lookalike", {
                "recorded": ", ".join(leftover),
                "ids": ", ".join(i for i in roster.people if _stripped(i) == form)}))
    people: dict[str, Profile] = {}
    unknown: set[str] = set()
    for staff_id, person in roster.people.items():
        used_id = renamed.get(staff_id, staff_id)
        people[used_id] = replace(person, staff_id=used_id)
        if staff_id in roster.unknown_roles:
            unknown.add(used_id)
    return RosterMatch(people, messages, unknown)
