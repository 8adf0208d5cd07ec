"""Lesson and curriculum status, the next lesson to study, the attempt limit.

The one status rule (docs/completion-export.md, "Records"): the store applies
:func:`lesson_outcome` when a user action could complete a lesson and persists the completion
time; every reader of stored records — the store's own records, the export's fast feed, the
first-paint snapshot — turns them into a status with :func:`recorded_status`; every roll-up of
a learner's lessons into a curriculum — the app, the exports, the certificate, the HR merge
report — is :func:`roll_up`. tests/learning/test_status_agreement.py checks that every path
agrees with these functions on every record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from dxlearn.content.model import Lesson, Library


class Status(StrEnum):
    """The three statuses of the HR contract; the values are what the exports write."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class AttemptFacts:
    """What the status rule needs to know about one quiz attempt.

    ``passed`` is decided when the attempt finishes (``grading.is_passed`` against the pass
    score in force then) and is None while the attempt is unfinished.
    """

    started_at: datetime
    finished_at: datetime | None = None
    passed: bool | None = None


@dataclass(frozen=True, slots=True)
class LessonFacts:
    """The recorded facts of one learner and one lesson."""

    first_opened_at: datetime | None = None
    read_at: datetime | None = None
    attempts: tuple[AttemptFacts, ...] = ()


class HasOutcome(Protocol):
    """Anything with a status and a completion time (LessonOutcome, the store's LessonProgress)."""

    @property
    def status(self) -> Status: ...

    @property
    def completed_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class LessonOutcome:
    status: Status
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CurriculumProgress:
    """A learner's curriculum: the library's lessons for their role, in display order."""

    status: Status
    required_total: int
    required_completed: int
    completed_at: datetime | None
    lessons: tuple[Lesson, ...]


def first_pass_time(attempts: Iterable[AttemptFacts]) -> datetime | None:
    """Finish time of the first (earliest finished) passing attempt, or None."""
    times = [a.finished_at for a in attempts if a.passed and a.finished_at is not None]
    return min(times) if times else None


def lesson_outcome(facts: LessonFacts, *, has_quiz: bool) -> LessonOutcome:
    """Status of one lesson from its facts.

    ``completed``: read (``read_at`` set) and, with a quiz, an attempt passed; the completion
    time is when the last of those conditions became true, i.e. the later of ``read_at`` and the
    first passing attempt's finish time. ``in_progress``: opened, read or attempted but not
    completed. ``not_started`` otherwise.
    """
    if facts.read_at is not None:
        if not has_quiz:
            return LessonOutcome(Status.COMPLETED, facts.read_at)
        passed_at = first_pass_time(facts.attempts)
        if passed_at is not None:
            return LessonOutcome(Status.COMPLETED, max(facts.read_at, passed_at))
    if facts.first_opened_at is not None or facts.read_at is not None or facts.attempts:
        return LessonOutcome(Status.IN_PROGRESS)
    return LessonOutcome(Status.NOT_STARTED)


def recorded_status(*, completed: bool, started: bool) -> Status:
    """Status of a stored record whose completion was already decided by ``lesson_outcome``:
    ``completed`` when a completion time is stored, else ``in_progress`` when the lesson was
    opened, read or attempted, else ``not_started``.

    Completion is persisted (never recomputed) so that a later edit of a lesson, such as a quiz
    added in a new version, never takes away a completion HR has already been told about.
    """
    if completed:
        return Status.COMPLETED
    return Status.IN_PROGRESS if started else Status.NOT_STARTED


@dataclass(frozen=True, slots=True)
class RollUp:
    """A learner's curriculum summed up: the roll-up of its lessons' statuses."""

    status: Status
    required_total: int
    required_completed: int
    completed_at: datetime | None


def roll_up(lessons: Iterable[tuple[bool, Status, datetime | None]]) -> RollUp:
    """The curriculum status of ``(required, status, completed_at)`` per lesson.

    ``completed`` when every required lesson is completed, at the latest of their completion
    times. A curriculum with no required lesson is never ``completed``: there is nothing to have
    completed and HR would get a completion without a date. Else ``in_progress`` when any lesson
    (required or optional) has been started, else ``not_started``.
    """
    total = done = 0
    started = False
    times: list[datetime] = []
    for required, status, completed_at in lessons:
        started = started or status is not Status.NOT_STARTED
        if not required:
            continue
        total += 1
        if status is Status.COMPLETED:
            done += 1
            if completed_at is not None:
                times.append(completed_at)
    if total and done == total:
        return RollUp(Status.COMPLETED, total, done, max(times) if times else None)
    return RollUp(Status.IN_PROGRESS if started else Status.NOT_STARTED, total, done, None)


def curriculum_status(
    library: Library, role: str, outcomes: Mapping[str, HasOutcome]
) -> CurriculumProgress:
    """Progress of a learner with ``role`` through ``library`` (:func:`roll_up` over the
    curriculum's lessons). ``outcomes`` maps lesson id -> outcome; a missing lesson is
    ``not_started``."""
    lessons = tuple(library.curriculum(role))

    def entry(lesson: Lesson) -> tuple[bool, Status, datetime | None]:
        outcome = outcomes.get(lesson.id)
        if outcome is None:
            return lesson.required, Status.NOT_STARTED, None
        return lesson.required, outcome.status, outcome.completed_at

    summed = roll_up(entry(lesson) for lesson in lessons)
    return CurriculumProgress(summed.status, summed.required_total, summed.required_completed,
                              summed.completed_at, lessons)


def next_lesson(library: Library, role: str, outcomes: Mapping[str, HasOutcome]) -> Lesson | None:
    """The lesson to suggest: the first required, not completed, not broken lesson of the
    curriculum in display order; else the first not completed optional one; else None.

    Broken lessons (lint errors) cannot be studied, so suggesting one would leave the learner
    stuck on a greyed page.
    """

    def open_(lesson: Lesson) -> bool:
        outcome = outcomes.get(lesson.id)
        completed = outcome is not None and outcome.status is Status.COMPLETED
        return not completed and not lesson.broken

    curriculum = library.curriculum(role)
    for want_required in (True, False):
        for lesson in curriculum:
            if lesson.required is want_required and open_(lesson):
                return lesson
    return None


def can_start_attempt(max_attempts: int, finished_attempts: int) -> bool:
    """True when another attempt is allowed: ``max_attempts`` 0 means unlimited.

    Only finished attempts count: an attempt interrupted by a crash is resumed, not lost, and
    must not use up one of the learner's tries.
    """
    return max_attempts <= 0 or finished_attempts < max_attempts



class Requirement(StrEnum):
    """What a lesson is for one learner: 必須, 任意, or 対象外 (not in their role's curriculum;
    seen only when the learner asks to see every lesson)."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NOT_FOR_ROLE = "not_for_role"


def requirement(lesson: Lesson, role: str) -> Requirement:
    """The requirement of ``lesson`` for a learner with ``role``: required only when it is in
    the role's curriculum *and* marked required — the lessons :func:`curriculum_status` counts."""
    if not lesson.for_role(role):
        return Requirement.NOT_FOR_ROLE
    return Requirement.REQUIRED if lesson.required else Requirement.OPTIONAL
