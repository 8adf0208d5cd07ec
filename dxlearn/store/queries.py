"""Shared SELECTs and the row -> dataclass conversions.

Attempt statistics are aggregated in SQL (one GROUP BY per request) rather than loaded attempt
by attempt: the HR export covers tens of thousands of learners. ``passed`` is aggregated as
``MAX(CASE ...)`` because PostgreSQL has no MAX over booleans.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Select, Table, case, func, select, update

from dxlearn.learning.status import recorded_status
from dxlearn.store.models import ATTEMPTS, LESSON_PROGRESS
from dxlearn.store.records import AttemptRecord, Learner, LessonProgress

P = LESSON_PROGRESS.c
A = ATTEMPTS.c


@dataclass(frozen=True, slots=True)
class AttemptStats:
    started: int  # every attempt, finished or not
    finished: int
    best_score: int | None
    passed: bool | None
    first_started_at: datetime | None


def changed(row: Any, values: Mapping[str, Any]) -> Any:
    """``row`` (a result row of a whole table) with ``values`` in place of its own: what an
    UPDATE of those values just wrote, as the Python values given (not read back)."""
    mapping = row._mapping if hasattr(row, "_mapping") else vars(row)
    return SimpleNamespace(**{**mapping, **values})


def update_row(connection: Connection, table: Table, row: Any,
               changes: Mapping[str, Any]) -> Any:
    """``UPDATE table SET ... WHERE id = row.id`` with those of ``changes`` that differ from
    ``row`` (a value set to what it already was is not written, and nothing at all when none
    differs); returns ``row`` with ``changes`` applied (:func:`changed`)."""
    differing = {name: value for name, value in changes.items() if getattr(row, name) != value}
    if differing:
        connection.execute(update(table).where(table.c.id == row.id).values(**differing))
    return changed(row, changes)


def learner_record(row: Any) -> Learner:
    """A ``learners`` row (or :func:`changed` one) as the record callers get."""
    return Learner(
        staff_id=row.staff_id,
        name=row.name,
        department=row.department,
        role=row.role,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def attempt_record(row: Any, staff_id: str) -> AttemptRecord:
    """A ``quiz_attempts`` row (or :func:`changed` one) as the record callers get."""
    return AttemptRecord(
        attempt_id=row.id,
        staff_id=staff_id,
        library_id=row.library_id,
        lesson_id=row.lesson_id,
        lesson_version=row.lesson_version,
        started_at=row.started_at,
        finished_at=row.finished_at,
        score=row.score,
        passed=row.passed,
        pass_score=row.pass_score,
        question_count=row.question_count,
        choice_orders=tuple(tuple(int(i) for i in order) for order in row.choice_orders),
        library_version=row.library_version,
        attempt_key=row.attempt_key,
    )


def attempt_stats_select() -> Select[Any]:
    """Per (learner, lesson) attempt statistics; the caller adds WHERE and ORDER BY."""
    finished = A.finished_at.is_not(None)
    query: Select[Any] = select(
        A.learner_id.label("learner_id"),
        A.lesson_id.label("lesson_id"),
        func.count(A.id).label("started"),
        func.count(A.finished_at).label("finished"),
        func.max(case((finished, A.score), else_=None)).label("best_score"),
        func.max(case((finished & A.passed.is_(True), 1), (finished, 0), else_=None)).label(
            "passed"
        ),
        func.min(A.started_at).label("first_started_at"),
    ).group_by(A.learner_id, A.library_id, A.lesson_id)  # the order of ix_quiz_attempts_lesson
    return query


def stats_from_row(row: Any) -> AttemptStats | None:
    _learner_id, _lesson_id, started, finished, best, passed, first = row
    return stats_from_values(started, finished, best, passed, first)


def stats_from_values(
    started: int | None,
    finished: int | None,
    best: int | None,
    passed: int | None,
    first: datetime | None,
) -> AttemptStats | None:
    """Stats from the aggregate columns; None when the lesson has no attempt (outer join)."""
    if not started:
        return None
    return AttemptStats(
        started=int(started),
        finished=int(finished or 0),
        best_score=None if best is None else int(best),
        passed=None if passed is None else bool(passed),
        first_started_at=first,
    )


# typed loosely: the rows mix ints, texts and times, and callers unpack them by position
PROGRESS_COLUMNS: tuple[Any, ...] = (
    P.lesson_id,
    P.version,
    P.first_opened_at,
    P.read_at,
    P.completed_at,
    P.completed_version,
    P.study_seconds,
    P.last_position,
    P.library_version,
    P.completed_library_version,
)


def progress_record(
    library_id: str, lesson_id: str, values: Any, stats: AttemptStats | None
) -> LessonProgress:
    """Build a LessonProgress from the PROGRESS_COLUMNS values (or None) and the stats."""
    if values is None:
        version, opened, read, completed, completed_version = 1, None, None, None, None
        seconds, position, library_version, completed_library_version = 0, 0.0, None, None
    else:
        (_, version, opened, read, completed, completed_version, seconds, position,
         library_version, completed_library_version) = values
    stats = stats or AttemptStats(0, 0, None, None, None)
    starts = [t for t in (opened, stats.first_started_at) if t is not None]
    started = bool(starts) or read is not None or stats.started > 0
    return LessonProgress(
        library_id=library_id,
        lesson_id=lesson_id,
        status=recorded_status(completed=completed is not None, started=started),
        version=int(version),
        first_opened_at=opened,
        read_at=read,
        completed_at=completed,
        completed_version=completed_version,
        library_version=library_version,
        completed_library_version=completed_library_version,
        study_seconds=int(seconds or 0),
        last_position=float(position or 0.0),
        attempts=stats.finished,
        best_score=stats.best_score,
        passed=stats.passed,
        started_at=min(starts) if starts else None,
    )
