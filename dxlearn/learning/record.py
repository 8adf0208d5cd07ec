"""学習の記録 (the learner's record page): the figures, computed from the store's records.

Pure functions, so the page shows exactly what they compute and a test can compare the two:

- :func:`completions`: required lessons of the learner's curriculum completed, per day, with the
  running total (the chart);
- :func:`weekly_study`: study time per week (Monday to Sunday, the learner's days) for the last
  weeks, from the per-day records; time recorded before per-day recording began is one total;
- :func:`quiz_results`: per lesson with a quiz, every finished attempt's score, the best, passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from dxlearn.content.model import Library
from dxlearn.learning.review import local_day
from dxlearn.learning.status import HasOutcome, Status

WEEKS = 8


@dataclass(frozen=True, slots=True)
class CompletionDay:
    day: date
    completed: int  # required lessons completed that day
    total: int  # completed so far (running total)


@dataclass(frozen=True, slots=True)
class Completions:
    days: tuple[CompletionDay, ...]  # oldest first; days without a completion are absent
    required_total: int  # required lessons in the learner's curriculum
    required_completed: int


def completions(library: Library, role: str, outcomes: Mapping[str, HasOutcome],
                zone: tzinfo | None = None) -> Completions:
    """The learner's required lessons completed over time (by ``completed_at``'s local day)."""
    required = [lesson for lesson in library.curriculum(role) if lesson.required]
    per_day: dict[date, int] = {}
    for lesson in required:
        outcome = outcomes.get(lesson.id)
        if (outcome is not None and outcome.status is Status.COMPLETED
                and outcome.completed_at is not None):
            day = local_day(outcome.completed_at, zone)
            per_day[day] = per_day.get(day, 0) + 1
    running = 0
    days = []
    for day in sorted(per_day):
        running += per_day[day]
        days.append(CompletionDay(day, per_day[day], running))
    return Completions(tuple(days), len(required), running)


@dataclass(frozen=True, slots=True)
class WeekStudy:
    start: date  # a Monday
    seconds: int


@dataclass(frozen=True, slots=True)
class StudyWeeks:
    weeks: tuple[WeekStudy, ...]  # the last ``WEEKS`` weeks, oldest first, this week last
    earlier_seconds: int  # per-day records older than those weeks
    before_seconds: int  # recorded before per-day recording began (no day known)
    since: date | None  # the day per-day recording began

    @property
    def total_seconds(self) -> int:
        return sum(w.seconds for w in self.weeks) + self.earlier_seconds + self.before_seconds


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_study(days: Iterable[tuple[date, str, int]], today: date, *, before_seconds: int = 0,
                 since: datetime | None = None, zone: tzinfo | None = None,
                 weeks: int = WEEKS) -> StudyWeeks:
    """Study seconds per week for the ``weeks`` weeks up to ``today``'s."""
    current = week_start(today)
    starts = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(starts, 0)
    earlier = 0
    for day, _lesson, seconds in days:
        start = week_start(day)
        if start in totals:
            totals[start] += seconds
        elif start < starts[0]:
            earlier += seconds
    return StudyWeeks(tuple(WeekStudy(s, totals[s]) for s in starts), earlier, before_seconds,
                      local_day(since, zone) if since is not None else None)


class AttemptLike(Protocol):
    @property
    def lesson_id(self) -> str: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def score(self) -> int | None: ...
    @property
    def passed(self) -> bool | None: ...


@dataclass(frozen=True, slots=True)
class QuizResult:
    lesson_id: str
    title: str
    scores: tuple[int, ...]  # every finished attempt, oldest first
    best: int | None
    passed: bool

    @property
    def attempts(self) -> int:
        return len(self.scores)


def quiz_results(library: Library, lesson_ids: Iterable[str],
                 attempts: Iterable[AttemptLike]) -> list[QuizResult]:
    """One result per lesson of ``lesson_ids`` that has a quiz, in that order (lessons never
    attempted included: the learner sees what is still to do)."""
    finished: dict[str, list[tuple[datetime, int, bool]]] = {}
    for attempt in attempts:
        if attempt.finished_at is not None and attempt.score is not None:
            finished.setdefault(attempt.lesson_id, []).append(
                (attempt.finished_at, int(attempt.score), bool(attempt.passed)))
    results = []
    for lesson_id in lesson_ids:
        lesson = library.lesson(lesson_id)
        if lesson is None or lesson.quiz is None or not lesson.quiz.questions:
            continue
        done = sorted(finished.get(lesson_id, []))
        scores = tuple(score for _at, score, _passed in done)
        results.append(QuizResult(lesson_id, lesson.title, scores,
                                  max(scores) if scores else None,
                                  any(passed for _at, _score, passed in done)))
    return results
