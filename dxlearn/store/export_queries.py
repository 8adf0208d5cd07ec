"""Extra read queries for the HR exports (``dxlearn.export``): counts, finished attempts and
the detail feed as plain tuples, and the answers of finished attempts (the answers export).

The general feed is ``ProgressStore.learner_progress`` (frozen dataclasses); ``export_feed``
yields the same facts as tuples for the detail CSV, where one dataclass and four parsed
timestamps per record were most of the export's time. The others serve the progress bar (how
many learners) and the xAPI writer (one statement per finished attempt). Each is one query.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, func, null, select, type_coerce, union

from dxlearn.learning.status import recorded_status
from dxlearn.store.models import ANSWERS, ATTEMPTS, LEARNERS, LESSON_PROGRESS
from dxlearn.store.queries import attempt_stats_select
from dxlearn.store.repository import IN_LIST_LIMIT, ProgressStore

L = LEARNERS.c
P = LESSON_PROGRESS.c
A = ATTEMPTS.c
W = ANSWERS.c


@dataclass(frozen=True, slots=True)
class FinishedAttemptRow:
    """One finished quiz attempt, keyed for xAPI (staff_id, lesson_id, started_at)."""

    attempt_id: int
    staff_id: str
    library_id: str
    lesson_id: str
    lesson_version: int
    started_at: datetime
    finished_at: datetime
    score: int
    passed: bool


def learner_count(store: ProgressStore, staff_ids: Sequence[str] | None = None) -> int:
    """How many learners ``learner_progress(library_id, staff_ids)`` will yield."""
    wanted = None if staff_ids is None else sorted(set(staff_ids))
    with store._read() as connection:
        if wanted is None:
            return int(connection.scalar(select(func.count(L.id))) or 0)
        found = 0
        for start in range(0, len(wanted), IN_LIST_LIMIT):
            chunk = wanted[start : start + IN_LIST_LIMIT]
            found += int(connection.scalar(
                select(func.count(L.id)).where(L.staff_id.in_(chunk))) or 0)
        return found


def finished_attempts(
    store: ProgressStore, library_id: str, staff_ids: Sequence[str] | None = None
) -> Iterator[FinishedAttemptRow]:
    """Every finished attempt in ``library_id``, ordered by staff_id, lesson_id, start time.

    Streams the rows of one query in one read transaction; consume the iterator fully.
    """
    wanted = None if staff_ids is None else set(staff_ids)
    query = (
        select(
            A.id,
            L.staff_id,
            A.library_id,
            A.lesson_id,
            A.lesson_version,
            A.started_at,
            A.finished_at,
            A.score,
            A.passed,
        )
        .join(LEARNERS, L.id == A.learner_id)
        .where(A.library_id == library_id, A.finished_at.is_not(None))
        .order_by(L.staff_id, A.lesson_id, A.started_at, A.id)
    )
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        query = query.where(L.staff_id.in_(sorted(wanted)))
    with store._read() as connection:
        for row in connection.execute(query.execution_options(yield_per=2000)):
            if wanted is not None and row[1] not in wanted:
                continue
            yield FinishedAttemptRow(
                attempt_id=int(row[0]),
                staff_id=row[1],
                library_id=row[2],
                lesson_id=row[3],
                lesson_version=int(row[4]),
                started_at=row[5],
                finished_at=row[6] or row[5],  # the query keeps finished attempts only
                score=int(row[7] or 0),
                passed=bool(row[8]),
            )


# -- the detail feed: plain tuples, streamed --------------------------------------------------

# Layout of the per-lesson tuples ``export_feed`` yields (indexes into the tuple).
FEED_VERSION = 0  # version last studied (int)
FEED_COMPLETED_AT = 1  # UtcStamp | None
FEED_COMPLETED_VERSION = 2  # int | None
FEED_STUDY_SECONDS = 3  # int
FEED_ATTEMPTS = 4  # finished attempts (int)
FEED_BEST_SCORE = 5  # int | None (None: no finished attempt)
FEED_PASSED = 6  # bool | None
FEED_STARTED_AT = 7  # UtcStamp | None: the earlier of first opening and first attempt
FEED_STATUS = 8  # a Status value: "completed", "in_progress" or "not_started"
FEED_COMPLETED_LIBRARY_VERSION = 9  # str | None: the library version the 修了 was earned on

# A UTC time: on SQLite the stored text ("2026-11-27 05:00:00.000000", no offset) as it is,
# so a caller that only formats it pays no datetime parsing; elsewhere an aware datetime.
# ``dxlearn.export.formatting.LocalTimes`` formats both.
UtcStamp = str | datetime
FeedLesson = tuple[object, ...]
FeedLearner = tuple[str, str, str, str]  # staff_id, name, department, role



def export_feed(
    store: ProgressStore, library_id: str, staff_ids: Sequence[str] | None = None
) -> Iterator[tuple[FeedLearner, dict[str, FeedLesson]]]:
    """The facts of ``learner_progress`` as plain tuples, for the detail export's fast path.

    Yields ``((staff_id, name, department, role), {lesson_id: lesson tuple})`` per learner,
    ordered by staff_id; the lesson tuple is laid out as the ``FEED_*`` indexes say and holds
    what ``LessonProgress`` holds for the export (same status, started_at, attempts, best
    score rules; ``tests/export`` checks the two agree). One query (learners left-joined with
    their progress rows and the attempt statistics aggregated in SQL) in one read
    transaction, streamed: memory stays flat. Consume the iterator fully or close it.
    """
    wanted = None if staff_ids is None else set(staff_ids)
    sqlite = store.engine.dialect.name == "sqlite"

    def stamp(column: Any) -> Any:  # raw stored text on SQLite (no per-value parsing)
        return type_coerce(column, String) if sqlite else column

    stats = attempt_stats_select().where(A.library_id == library_id).subquery()
    query = (
        select(
            L.id, L.staff_id, L.name, L.department, L.role,
            P.lesson_id, P.version, stamp(P.first_opened_at), P.read_at.is_not(None),
            stamp(P.completed_at), P.completed_version, P.study_seconds,
            P.completed_library_version,
            stats.c.started, stats.c.finished, stats.c.best_score, stats.c.passed,
            stamp(stats.c.first_started_at),
        )
        .outerjoin(LESSON_PROGRESS, (P.learner_id == L.id) & (P.library_id == library_id))
        .outerjoin(
            stats, (stats.c.learner_id == P.learner_id) & (stats.c.lesson_id == P.lesson_id)
        )
        .order_by(L.staff_id, L.id)
    )
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        query = query.where(L.staff_id.in_(sorted(wanted)))
    with store._read() as connection:
        rows = connection.execute(query.execution_options(yield_per=4000))
        current = None
        learner: FeedLearner = ("", "", "", "")
        lessons: dict[str, FeedLesson] = {}
        status_of = recorded_status
        for (learner_id, staff_id, name, department, role, lesson_id, version, opened, read,
             completed, completed_version, seconds, library_version, started, finished, best,
             passed, first_try) in rows:
            if learner_id != current:
                if current is not None and (wanted is None or learner[0] in wanted):
                    yield learner, lessons
                current = learner_id
                learner = (staff_id, name, department or "", role)
                lessons = {}
            if lesson_id is None:
                continue  # a learner without any record in this library
            if opened is None or (first_try is not None and first_try < opened):
                opened = first_try
            status = status_of(completed=completed is not None,
                               started=opened is not None or bool(read) or bool(started)).value
            lessons[lesson_id] = (
                int(version), completed, completed_version, int(seconds or 0),
                int(finished or 0) if started else 0,
                None if not started or best is None else int(best),
                None if not started or passed is None else bool(passed),
                opened, status, library_version,
            )
        if current is not None and (wanted is None or learner[0] in wanted):
            yield learner, lessons


def recorded_libraries(
    store: ProgressStore, staff_ids: Sequence[str] | None = None
) -> dict[str, list[str]]:
    """Every library id with a lesson record or a quiz attempt (of ``staff_ids``, or
    anyone's), with the library versions those records name (possibly none: records made
    before revision 0003 name none). One query over both tables."""
    wanted = None if staff_ids is None else sorted(set(staff_ids))
    progress = select(P.library_id, P.library_version, P.completed_library_version, L.staff_id
                      ).join(LEARNERS, L.id == P.learner_id)
    attempts = select(A.library_id, A.library_version, null().label("completed"), L.staff_id
                      ).join(LEARNERS, L.id == A.learner_id)
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        progress = progress.where(L.staff_id.in_(wanted))
        attempts = attempts.where(L.staff_id.in_(wanted))
    query: Any = union(progress, attempts)
    keep = None if wanted is None else set(wanted)
    found: dict[str, set[str]] = {}
    with store._read() as connection:
        for library_id, studied, completed, staff_id in connection.execute(query):
            if keep is not None and staff_id not in keep:
                continue
            versions = found.setdefault(library_id, set())
            versions.update(v for v in (studied, completed) if v)
    return {library_id: sorted(versions) for library_id, versions in sorted(found.items())}


# -- the answers of finished attempts ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer of a finished attempt. ``attempt`` numbers the learner's finished attempts
    of the lesson from 1 (oldest first, as ``attempts`` in the detail export counts them);
    ``question_index`` is the 0-based position in the quiz of ``lesson_version`` and
    ``selected`` the file indexes of the choices chosen."""

    staff_id: str
    lesson_id: str
    lesson_version: int
    library_version: str | None
    attempt: int
    attempt_started_at: datetime
    question_count: int
    question_index: int
    selected: tuple[int, ...]
    correct: bool
    answered_at: datetime
    question_id: str | None = None  # as stored with the answer (revision 0006), else None
    choices_shown: int = 0  # how many choices the question had when it was answered


def answer_feed(store: ProgressStore, library_id: str,
                staff_ids: Sequence[str] | None = None) -> Iterator[AnswerRow]:
    """Every answer of every finished attempt in ``library_id``, ordered by staff_id, lesson,
    attempt and position. One query in one read transaction, streamed; consume it fully."""
    wanted = None if staff_ids is None else set(staff_ids)
    query = (
        select(L.staff_id, A.lesson_id, A.id, A.lesson_version, A.library_version,
               A.started_at, A.question_count, W.question_index, W.selected, W.correct,
               W.answered_at, W.question_id, A.choice_orders)
        .join(LEARNERS, L.id == A.learner_id)
        .outerjoin(ANSWERS, W.attempt_id == A.id)
        .where(A.library_id == library_id, A.finished_at.is_not(None))
        .order_by(L.staff_id, A.lesson_id, A.started_at, A.id, W.question_index)
    )
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        query = query.where(L.staff_id.in_(sorted(wanted)))
    with store._read() as connection:
        lesson: tuple[str, str] | None = None
        attempt_id = None
        number = 0
        for (staff_id, lesson_id, this_attempt, version, library_version, started, count,
             index, selected, correct, answered_at, question_id,
             orders) in connection.execute(query.execution_options(yield_per=4000)):
            if (staff_id, lesson_id) != lesson:
                lesson, attempt_id, number = (staff_id, lesson_id), None, 0
            if this_attempt != attempt_id:
                attempt_id = this_attempt
                number += 1
            if index is None or (wanted is not None and staff_id not in wanted):
                continue  # a finished attempt without answers still counts in the numbering
            shown = orders[index] if isinstance(orders, list) and 0 <= index < len(orders) else ()
            yield AnswerRow(staff_id, lesson_id, int(version), library_version, number,
                            started, int(count), int(index),
                            tuple(int(i) for i in selected or ()), bool(correct), answered_at,
                            question_id, len(shown) if isinstance(shown, list) else 0)
