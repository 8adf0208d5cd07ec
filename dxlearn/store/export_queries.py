"""Extra read queries for the HR exports (``dxlearn.export``): counts and finished attempts.

The main feed is ``ProgressStore.learner_progress``; these serve the progress bar (how many
learners) and the xAPI writer (one statement per finished attempt). Each is one query.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from dxlearn.store.models import LearnerRow, QuizAttemptRow
from dxlearn.store.repository import IN_LIST_LIMIT, ProgressStore

logger = logging.getLogger(__name__)

L = LearnerRow
A = QuizAttemptRow


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
    with store._read() as session:
        if wanted is None:
            return int(session.scalar(select(func.count(L.id))) or 0)
        found = 0
        for start in range(0, len(wanted), IN_LIST_LIMIT):
            chunk = wanted[start : start + IN_LIST_LIMIT]
            found += int(session.scalar(select(func.count(L.id)).where(L.staff_id.in_(chunk))) or 0)
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
        .join(L, L.id == A.learner_id)
        .where(A.library_id == library_id, A.finished_at.is_not(None))
        .order_by(L.staff_id, A.lesson_id, A.started_at, A.id)
    )
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        query = query.where(L.staff_id.in_(sorted(wanted)))
    with store._read() as session:
        for row in session.connection().execute(query.execution_options(yield_per=2000)):
            if wanted is not None and row[1] not in wanted:
                continue
            yield FinishedAttemptRow(
                attempt_id=int(row[0]),
                staff_id=row[1],
                library_id=row[2],
                lesson_id=row[3],
                lesson_version=int(row[4]),
                started_at=row[5],
                finished_at=row[6],
                score=int(row[7] or 0),
                passed=bool(row[8]),
            )
