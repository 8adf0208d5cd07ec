"""Lesson progress: opening, reading, study time, reading position, completion.

Completion is decided by ``learning.status.lesson_outcome`` at the moment a user action could
complete a lesson (marking it read, finishing a quiz attempt) and persisted with the lesson
version studied. It is never recomputed later, so a lesson edit never takes back a completion.
"""

from __future__ import annotations

import logging
import math
from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxlearn.learning.review import local_day
from dxlearn.learning.status import AttemptFacts, LessonFacts, Status, lesson_outcome
from dxlearn.store.base import StoreBase
from dxlearn.store.errors import StoreError
from dxlearn.store.models import LessonProgressRow, QuizAttemptRow
from dxlearn.store.queries import (
    PROGRESS_COLUMNS,
    attempt_stats_select,
    progress_record,
    stats_from_row,
)
from dxlearn.store.records import LessonProgress
from dxlearn.store.study_days import add_study_day

logger = logging.getLogger(__name__)

P = LessonProgressRow
A = QuizAttemptRow


class ProgressOps(StoreBase):
    # The learner's calendar day (study time per day, reviews due "today"): None is the PC's
    # time zone; tests set a fixed zone.
    zone: tzinfo | None = None

    # -- helpers shared with the attempt operations --------------------------------------------

    def _progress_row(
        self, session: Session, learner_id: int, library_id: str, lesson_id: str, version: int
    ) -> LessonProgressRow:
        """The progress row of a lesson, created (not started) when missing."""
        row = session.scalar(
            select(P).where(
                P.learner_id == learner_id, P.library_id == library_id, P.lesson_id == lesson_id
            )
        )
        if row is None:
            row = P(
                learner_id=learner_id,
                library_id=library_id,
                lesson_id=lesson_id,
                version=version,
                study_seconds=0,
                last_position=0.0,
                updated_at=self._now(),
            )
            session.add(row)
        return row

    def _load_progress(
        self, session: Session, learner_id: int, library_id: str, lesson_id: str
    ) -> LessonProgress:
        values = session.execute(
            select(*PROGRESS_COLUMNS).where(
                P.learner_id == learner_id, P.library_id == library_id, P.lesson_id == lesson_id
            )
        ).first()
        stats_row = session.execute(
            attempt_stats_select().where(
                A.learner_id == learner_id, A.library_id == library_id, A.lesson_id == lesson_id
            )
        ).first()
        stats = stats_from_row(stats_row) if stats_row is not None else None
        return progress_record(library_id, lesson_id, values, stats)

    def _complete_if_due(
        self, session: Session, row: LessonProgressRow, *, has_quiz: bool, version: int
    ) -> bool:
        """Apply the completion rule to ``row``; True when it completed the lesson now."""
        if row.completed_at is not None:
            return False
        attempts = session.execute(
            select(A.started_at, A.finished_at, A.passed).where(
                A.learner_id == row.learner_id,
                A.library_id == row.library_id,
                A.lesson_id == row.lesson_id,
            )
        ).all()
        facts = LessonFacts(
            first_opened_at=row.first_opened_at,
            read_at=row.read_at,
            attempts=tuple(AttemptFacts(s, f, p) for s, f, p in attempts),
        )
        outcome = lesson_outcome(facts, has_quiz=has_quiz)
        if outcome.status is not Status.COMPLETED:
            return False
        # never before the lesson was started, whatever the clock did meanwhile (base.py)
        starts = [row.first_opened_at, *(started for started, _f, _p in attempts)]
        known = [t for t in starts if t is not None]
        row.completed_at = (
            self._not_before(outcome.completed_at, min(known))
            if outcome.completed_at is not None and known
            else outcome.completed_at
        )
        row.completed_version = version
        logger.info("lesson %s/%s completed", row.library_id, row.lesson_id)
        return True

    # -- public ---------------------------------------------------------------------------------

    def open_lesson(
        self, staff_id: str, library_id: str, lesson_id: str, *, version: int
    ) -> LessonProgress:
        """The learner opened a lesson: ``first_opened_at`` is set once, the version studied
        is updated. Returns the progress (with ``last_position`` to scroll back to)."""
        with self._write() as session:
            learner_id = self._learner_id(session, staff_id)
            row = self._progress_row(session, learner_id, library_id, lesson_id, version)
            now = self._now()
            if row.first_opened_at is None:
                row.first_opened_at = now
            row.version = version
            row.updated_at = now
            session.flush()
            return self._load_progress(session, learner_id, library_id, lesson_id)

    def add_study_seconds(
        self, staff_id: str, library_id: str, lesson_id: str, seconds: int
    ) -> None:
        """Add time the lesson was on screen with the app active (the GUI measures it), to the
        lesson's total and to the learner's day (``study_days``) in one transaction."""
        if seconds < 0:
            raise StoreError("invalid_value", self.where, f"seconds={seconds}")
        if seconds == 0:
            return
        with self._write() as session:
            learner_id = self._learner_id(session, staff_id)
            row = self._progress_row(session, learner_id, library_id, lesson_id, 1)
            row.study_seconds = (row.study_seconds or 0) + int(seconds)
            row.updated_at = now = self._now()
            add_study_day(session, learner_id, library_id, lesson_id, local_day(now, self.zone),
                          int(seconds))

    def save_position(
        self, staff_id: str, library_id: str, lesson_id: str, position: float
    ) -> None:
        """Remember the scroll position (fraction 0..1, clamped) to reopen the lesson there."""
        if math.isnan(position):
            raise StoreError("invalid_value", self.where, "position is NaN")
        with self._write() as session:
            learner_id = self._learner_id(session, staff_id)
            row = self._progress_row(session, learner_id, library_id, lesson_id, 1)
            row.last_position = min(1.0, max(0.0, float(position)))
            row.updated_at = self._now()

    def mark_read(
        self, staff_id: str, library_id: str, lesson_id: str, *, version: int, has_quiz: bool
    ) -> LessonProgress:
        """The learner read the lesson to its end (or marked it read).

        Completes the lesson at once when it has no quiz, or when an earlier attempt already
        passed (completion time = the later of reading and that first pass). ``read_at`` keeps
        the first time; reading again changes nothing.
        """
        with self._write() as session:
            learner_id = self._learner_id(session, staff_id)
            row = self._progress_row(session, learner_id, library_id, lesson_id, version)
            now = self._now()
            if row.first_opened_at is None:
                row.first_opened_at = now
            if row.read_at is None:
                row.read_at = now
            row.version = version
            row.updated_at = now
            self._complete_if_due(session, row, has_quiz=has_quiz, version=version)
            session.flush()
            return self._load_progress(session, learner_id, library_id, lesson_id)

    def lesson_progress(self, staff_id: str, library_id: str, lesson_id: str) -> LessonProgress:
        """The progress of one lesson (``not_started`` when there is no record)."""
        with self._read() as session:
            learner_id = self._learner_id(session, staff_id)
            return self._load_progress(session, learner_id, library_id, lesson_id)

    def progress_for(self, staff_id: str, library_id: str) -> dict[str, LessonProgress]:
        """lesson_id -> progress for every lesson of the library with a record (two queries).

        Lessons absent from the dict are ``not_started``; ``learning.curriculum_status`` and
        ``learning.next_lesson`` accept this dict directly.
        """
        with self._read() as session:
            learner_id = self._learner_id(session, staff_id)
            rows = session.execute(
                select(*PROGRESS_COLUMNS).where(
                    P.learner_id == learner_id, P.library_id == library_id
                )
            ).all()
            stats = {
                r[1]: stats_from_row(r)
                for r in session.execute(
                    attempt_stats_select().where(
                        A.learner_id == learner_id, A.library_id == library_id
                    )
                )
            }
        result = {r[0]: progress_record(library_id, r[0], r, stats.get(r[0])) for r in rows}
        for lesson_id, lesson_stats in stats.items():
            if lesson_id not in result:
                result[lesson_id] = progress_record(library_id, lesson_id, None, lesson_stats)
        return result
