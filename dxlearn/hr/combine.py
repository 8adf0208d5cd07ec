"""Combining records from many PCs (docs/completion-export.md, ``hr merge``).

1. One record per ``(device, staff_id, library_id, lesson_id)``: the one from that device's
   latest export (a PC exported every week gives cumulative files, not extra study).
2. One row per ``(staff_id, library_id, lesson_id)``: the most advanced status wins
   (completed > in_progress > not_started), then the higher score, then the earlier
   completion; ``attempts`` and ``study_seconds`` are summed across devices; ``started_at`` is
   the earliest. Identical files are dropped before this (by sha256), so merging the same file
   twice changes nothing.
3. A curriculum per ``(library_id, role)`` is learned from all records (lesson, title,
   required, pass score), so roster members without records, and lessons a PC never showed,
   appear as ``not_started``.

Rule 1 is applied as each input is read (:class:`Latest`), so what is held is one record per
PC and lesson however many weekly exports of that PC are merged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from dxlearn.hr.roster import RosterMatch
from dxlearn.hr.values import Record
from dxlearn.learning.status import Status

logger = logging.getLogger(__name__)

RANK = {Status.NOT_STARTED.value: 0, Status.IN_PROGRESS.value: 1, Status.COMPLETED.value: 2}
FAR_FUTURE = float("inf")


@dataclass(slots=True)
class Combined:
    """A merged detail row: the winning record plus sums across devices."""

    record: Record
    attempts: int
    study_seconds: int
    started_at: datetime | None
    devices: set[str]
    sources: set[int]


@dataclass(frozen=True, slots=True)
class LessonInfo:
    lesson_id: str
    title: str
    required: bool
    pass_score: int | None
    lesson_version: int | None


@dataclass
class MergedLearner:
    """One person in the report: who they are, and their combined lesson records."""

    staff_id: str
    name: str
    department: str
    role: str
    on_roster: bool | None  # None: no roster given
    last_exported_at: datetime | None = None
    lessons: dict[tuple[str, str], Combined] = field(default_factory=dict)  # (lib, lesson)


def _better(a: Record, b: Record) -> bool:
    """True when ``a`` beats ``b``: status, then score, then earlier completion."""
    ra, rb = RANK[a.status], RANK[b.status]
    if ra != rb:
        return ra > rb
    sa = -1 if a.score is None else a.score
    sb = -1 if b.score is None else b.score
    if sa != sb:
        return sa > sb
    ta = a.completed_at.timestamp() if a.completed_at else FAR_FUTURE
    tb = b.completed_at.timestamp() if b.completed_at else FAR_FUTURE
    return ta < tb


class Latest:
    """Rule 1, kept as inputs are read: per (device, staff_id, library_id, lesson_id) the
    latest export's record.

    "Device" is the exporting database when the sidecar names it (``database_id``), else
    the PC's host name: a data folder on a home drive is one database exported from many
    desktops, and its records must not be summed as if each desktop had its own."""

    def __init__(self) -> None:
        self.chosen: dict[tuple[str, str, str, str], Record] = {}

    def add(self, records: Iterable[Record]) -> None:
        chosen = self.chosen
        for record in records:
            key = (record.origin or record.device, record.staff_id, record.library_id,
                   record.lesson_id)
            current = chosen.get(key)
            if current is None or _later(record, current):
                chosen[key] = record

    def records(self) -> Iterable[Record]:
        return self.chosen.values()


def latest_per_device(records: Iterable[Record]) -> dict[tuple[str, str, str, str], Record]:
    """Rule 1 over ``records`` at once (see :class:`Latest`)."""
    latest = Latest()
    latest.add(records)
    return latest.chosen


def _later(a: Record, b: Record) -> bool:
    """``a`` comes from a later export of the same PC than ``b``. Progress on one PC only
    grows, so two exports made within the same second are told apart by how far they got."""
    if a.exported_at != b.exported_at:
        if a.exported_at is None or b.exported_at is None:
            return a.exported_at is not None
        return a.exported_at > b.exported_at
    return _progress(a) > _progress(b)


def _progress(r: Record) -> tuple[int, int, int, int]:
    return (RANK[r.status], r.attempts, r.study_seconds, -1 if r.score is None else r.score)


def combine(records: Iterable[Record]) -> dict[tuple[str, str, str], Combined]:
    """Rule 2 over the records left by rule 1."""
    combined: dict[tuple[str, str, str], Combined] = {}
    for record in records:
        key = (record.staff_id, record.library_id, record.lesson_id)
        current = combined.get(key)
        if current is None:
            combined[key] = Combined(record, record.attempts, record.study_seconds,
                                     record.started_at, {record.device}, {record.source})
            continue
        current.attempts += record.attempts
        current.study_seconds += record.study_seconds
        current.devices.add(record.device)
        current.sources.add(record.source)
        if record.started_at is not None and (current.started_at is None
                                              or record.started_at < current.started_at):
            current.started_at = record.started_at
        if _better(record, current.record):
            current.record = record
    return combined


def curricula(records: Iterable[Record]) -> dict[tuple[str, str], dict[str, LessonInfo]]:
    """Rule 3: (library_id, role) -> lesson_id -> info, in first-seen order."""
    found: dict[tuple[str, str], dict[str, LessonInfo]] = {}
    for record in records:
        lessons = found.setdefault((record.library_id, record.role), {})
        if record.lesson_id not in lessons:
            lessons[record.lesson_id] = LessonInfo(
                record.lesson_id, record.lesson_title, bool(record.required),
                record.pass_score, record.lesson_version)
    return found


def learners(
    combined: dict[tuple[str, str, str], Combined],
    roster: RosterMatch | None,
) -> dict[str, MergedLearner]:
    """Learners by staff_id: roster entries first (in roster order), then the others sorted.
    Name, department and role come from the roster, else from the latest export (and the
    role from the export too when the roster's role is not one this PC knows)."""
    people: dict[str, MergedLearner] = {}
    unknown_role: set[str] = set()
    if roster is not None:
        unknown_role = roster.unknown_roles
        for entry in roster.people.values():
            people[entry.staff_id] = MergedLearner(entry.staff_id, entry.name,
                                                   entry.department, entry.role, True)
    others: dict[str, MergedLearner] = {}
    for (staff_id, library_id, lesson_id), item in combined.items():
        record = item.record
        learner = people.get(staff_id) or others.get(staff_id)
        if learner is None:
            learner = MergedLearner(staff_id, record.name, record.department, record.role,
                              None if roster is None else False)
            others[staff_id] = learner
        if record.exported_at is not None and (learner.last_exported_at is None
                                               or record.exported_at > learner.last_exported_at):
            learner.last_exported_at = record.exported_at
            if not learner.on_roster:
                learner.name, learner.department = record.name, record.department
                learner.role = record.role
            elif staff_id in unknown_role:
                learner.role = record.role
        learner.lessons[(library_id, lesson_id)] = item
    for staff_id in sorted(others):
        people[staff_id] = others[staff_id]
    return people
