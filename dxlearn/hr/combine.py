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

Rules 1 and 2 share one structure, filled as each input is read (:class:`Kept`): per learner,
per (library, lesson), the record, or the records of several PCs by PC. What is held is one
record per PC and lesson however many weekly exports of that PC are merged, and a lesson held
by one PC (most of them) needs nothing more than its record: memory follows the records kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from dxlearn.hr.record import Record
from dxlearn.hr.roster import RosterMatch
from dxlearn.learning.status import Status

RANK = {Status.NOT_STARTED.value: 0, Status.IN_PROGRESS.value: 1, Status.COMPLETED.value: 2}
FAR_FUTURE = float("inf")


@dataclass(slots=True)
class Combined:
    """A merged detail row of a lesson several PCs hold: the winning record plus sums across
    them. (A lesson one PC holds is its record alone: ``Record`` has the same attributes.)"""

    record: Record
    attempts: int
    study_seconds: int
    started_at: datetime | None
    devices: tuple[str, ...]
    sources: tuple[int, ...]


Held = Record | Combined


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
    lessons: dict[tuple[str, str], Held] = field(default_factory=dict)  # (lib, lesson)


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


LessonPlace = tuple[str, str]  # (library_id, lesson_id)


class Kept:
    """Rule 1 as inputs are read, rule 2 at the end (:meth:`combine`).

    ``learners[staff_id][(library_id, lesson_id)]`` is the record of the one PC that holds
    that lesson, or {PC: record} when several do. "PC" is the exporting database when the
    sidecar names it (``database_id``), else the host name: a data folder on a home drive is
    one database exported from many desktops, and its records must not be summed as if each
    desktop had its own. The (library, lesson) keys are shared by every learner."""

    def __init__(self) -> None:
        self.learners: dict[str, dict[LessonPlace, Record | dict[str, Record]]] = {}
        self._places: dict[LessonPlace, LessonPlace] = {}
        self.count = 0

    def add(self, records: Iterable[Record]) -> None:
        learners = self.learners
        places = self._places
        for record in records:
            staff_id = record.who[0]
            lessons = learners.get(staff_id)
            if lessons is None:
                lessons = learners[staff_id] = {}
            lesson = record.lesson
            place = (lesson[0], lesson[2])
            place = places.setdefault(place, place)
            current = lessons.get(place)
            if current is None:
                lessons[place] = record
                self.count += 1
                continue
            pc = record.src.origin or record.src.device
            if isinstance(current, Record):
                held = current.src.origin or current.src.device
                if held == pc:
                    if _later(record, current):
                        lessons[place] = record
                else:
                    lessons[place] = {held: current, pc: record}
                    self.count += 1
                continue
            chosen = current.get(pc)
            if chosen is None:
                current[pc] = record
                self.count += 1
            elif _later(record, chosen):
                current[pc] = record

    def records(self) -> Iterator[Record]:
        for lessons in self.learners.values():
            for held in lessons.values():
                if isinstance(held, Record):
                    yield held
                else:
                    yield from held.values()

    def combine(self) -> None:
        """Rule 2, in place: every {PC: record} becomes one :class:`Combined`."""
        for lessons in self.learners.values():
            for place, held in lessons.items():
                if isinstance(held, dict):
                    lessons[place] = combine(held.values())  # type: ignore[assignment]


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


def combine(records: Iterable[Record]) -> Combined:
    """Rule 2: the records of one lesson from several PCs -> one row."""
    winner: Record | None = None
    attempts = seconds = 0
    started: datetime | None = None
    devices: list[str] = []
    sources: list[int] = []
    for record in records:
        attempts += record.attempts
        seconds += record.study_seconds
        if record.device not in devices:
            devices.append(record.device)
        if record.source not in sources:
            sources.append(record.source)
        if record.started_at is not None and (started is None or record.started_at < started):
            started = record.started_at
        if winner is None or _better(record, winner):
            winner = record
    assert winner is not None
    return Combined(winner, attempts, seconds, started, tuple(sorted(devices)),
                    tuple(sorted(sources)))


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


def learners(kept: Kept, roster: RosterMatch | None) -> dict[str, MergedLearner]:
    """Learners by staff_id: roster entries first (in roster order), then the others sorted.
    Name, department and role come from the roster, else from the latest export (and the
    role from the export too when the roster's role is not one this PC knows; without
    records such a person's role is left empty, counted as "not set"). Each learner's
    lessons are the (combined) dictionary ``kept`` holds: nothing is copied."""
    people: dict[str, MergedLearner] = {}
    unknown_role: set[str] = set()
    if roster is not None:
        unknown_role = roster.unknown_roles
        for entry in roster.people.values():
            # a role no library knows makes no group of its own: the records' role, else none
            role = "" if entry.staff_id in unknown_role else entry.role
            people[entry.staff_id] = MergedLearner(entry.staff_id, entry.name,
                                                   entry.department, role, True)
    others: dict[str, MergedLearner] = {}
    for staff_id, lessons in kept.learners.items():
        learner = people.get(staff_id)
        latest: Record | None = None
        for held in lessons.values():
            assert not isinstance(held, dict), "combine() first"
            record = held.record
            if latest is None or (record.exported_at is not None and (
                    latest.exported_at is None or record.exported_at > latest.exported_at)):
                latest = record
        assert latest is not None
        if learner is None:
            learner = others[staff_id] = MergedLearner(
                staff_id, latest.name, latest.department, latest.role,
                None if roster is None else False)
        elif staff_id in unknown_role:
            learner.role = latest.role
        learner.last_exported_at = latest.exported_at
        learner.lessons = lessons  # type: ignore[assignment]
    for staff_id in sorted(others):
        people[staff_id] = others[staff_id]
    return people
