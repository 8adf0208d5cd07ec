"""What the learner's record page (学習の記録) reads: study time per day, every attempt.

Study seconds are added per local calendar day by ``add_study_seconds`` (``progress.py``, in the
same transaction as the lesson's total) through :func:`add_study_day`. Time recorded before the
0004 revision has no day: :meth:`RecordOps.study_days` returns it as one total, with the moment
per-day recording began (the ``store`` setting ``study_days_since`` the migration wrote).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, func, select

from dxlearn.store.base import StoreBase, unit
from dxlearn.store.models import ATTEMPTS, LESSON_PROGRESS, SETTINGS, STUDY_DAYS
from dxlearn.store.queries import attempt_record
from dxlearn.store.records import AttemptRecord, StudyDays
from dxlearn.store.server import READ
from dxlearn.store.upsert import insert_for

D = STUDY_DAYS.c
P = LESSON_PROGRESS.c
A = ATTEMPTS.c
SINCE_SCOPE, SINCE_KEY = "store", "study_days_since"  # written by migration 0004


def add_study_day(connection: Connection, learner_id: int, library_id: str, lesson_id: str,
                  day: date, seconds: int) -> None:
    """Add ``seconds`` to the learner's ``day`` of a lesson (inside the caller's transaction):
    one atomic upsert, so two windows of one learner adding at once lose nothing."""
    insert = insert_for(connection.dialect.name, STUDY_DAYS).values(
        learner_id=learner_id, library_id=library_id, lesson_id=lesson_id, day=day,
        seconds=seconds)
    connection.execute(insert.on_conflict_do_update(
        index_elements=["learner_id", "library_id", "lesson_id", "day"],
        set_={"seconds": STUDY_DAYS.c.seconds + insert.excluded.seconds}))


class RecordOps(StoreBase):
    @unit(READ)
    def study_days(self, staff_id: str, library_id: str) -> StudyDays:
        """Study time per day and lesson in ``library_id``, and the total recorded before
        per-day recording began (lesson totals minus the days, never below zero)."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            days = tuple(
                (day, lesson_id, int(seconds))
                for day, lesson_id, seconds in connection.execute(
                    select(D.day, D.lesson_id, D.seconds)
                    .where(D.learner_id == learner_id, D.library_id == library_id)
                    .order_by(D.day, D.lesson_id))
            )
            total = connection.scalar(select(func.coalesce(func.sum(P.study_seconds), 0)).where(
                P.learner_id == learner_id, P.library_id == library_id))
            since_row = connection.execute(select(SETTINGS.c.value).where(
                SETTINGS.c.scope == SINCE_SCOPE, SETTINGS.c.key == SINCE_KEY)).first()
        since = None
        if since_row is not None and isinstance(since_row.value, str):
            try:
                since = datetime.fromisoformat(since_row.value)
            except ValueError:
                since = None
        dated = sum(seconds for _day, _lesson, seconds in days)
        return StudyDays(days, max(int(total or 0) - dated, 0), since)

    @unit(READ)
    def attempts_in_library(self, staff_id: str, library_id: str) -> list[AttemptRecord]:
        """Every attempt of the learner in ``library_id``, oldest first (one query)."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            rows = connection.execute(
                select(ATTEMPTS).where(A.learner_id == learner_id, A.library_id == library_id)
                .order_by(A.started_at, A.id)).all()
            return [attempt_record(row, staff_id) for row in rows]
