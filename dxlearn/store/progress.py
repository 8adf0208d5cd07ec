"""Lesson progress: opening, reading, study time, reading position, completion.

Completion is decided by ``learning.status.lesson_outcome`` at the moment a user action could
complete a lesson (marking it read, finishing a quiz attempt) and persisted with the lesson
version and the library version studied (``library.yaml``'s ``version``: HR sees which edition a
修了 was earned on). It is never recomputed later, so a lesson edit never takes back a
completion.

Two windows of one learner (two PCs on one server) may write the same lesson at once: a progress
row is created with ``INSERT ... ON CONFLICT DO NOTHING`` (never a duplicate-key error) and study
time is added by the database itself (``study_seconds = study_seconds + :n``), so no second is
lost. A study-time increment made by the server link carries an op key (``client_ops``): sent
twice (a retry after a lost reply, the offline journal), it counts once.
"""

from __future__ import annotations

import logging
import math
from datetime import tzinfo
from typing import Any

from sqlalchemy import Connection, select

from dxlearn.learning.review import local_day
from dxlearn.learning.status import AttemptFacts, LessonFacts, Status, lesson_outcome
from dxlearn.store.base import StoreBase, unit
from dxlearn.store.errors import StoreError
from dxlearn.store.models import ATTEMPTS, CLIENT_OPS, LESSON_PROGRESS
from dxlearn.store.queries import (
    PROGRESS_COLUMNS,
    attempt_stats_select,
    changed,
    progress_record,
    stats_from_row,
    update_row,
)
from dxlearn.store.records import LessonProgress
from dxlearn.store.server import READ, WRITE
from dxlearn.store.study_days import add_study_day
from dxlearn.store.upsert import insert_for

logger = logging.getLogger(__name__)

PROGRESS = LESSON_PROGRESS
P = PROGRESS.c
A = ATTEMPTS.c
LESSON_KEY = ("learner_id", "library_id", "lesson_id")


class ProgressOps(StoreBase):
    # The learner's calendar day (study time per day, reviews due "today"): None is the PC's
    # time zone; tests set a fixed zone.
    zone: tzinfo | None = None

    # -- helpers shared with the attempt operations --------------------------------------------

    def _check_lesson_ids(self, library_id: str, lesson_id: str) -> None:
        self._check_ids(library_id=(library_id, PROGRESS.c.library_id),
                        lesson_id=(lesson_id, PROGRESS.c.lesson_id))

    def _progress_row(
        self, connection: Connection, learner_id: int, library_id: str, lesson_id: str,
        version: int,
    ) -> Any:
        """The progress row of a lesson (a row of the whole table), created (not started)
        when missing: with ``ON CONFLICT DO NOTHING``, so a second window creating it at the
        same moment is no error."""
        self._check_lesson_ids(library_id, lesson_id)
        query = select(PROGRESS).where(
            P.learner_id == learner_id, P.library_id == library_id, P.lesson_id == lesson_id)
        row = connection.execute(query).first()
        if row is None:
            insert = insert_for(self.engine.dialect.name, PROGRESS).values(
                learner_id=learner_id, library_id=library_id, lesson_id=lesson_id,
                version=version, study_seconds=0, last_position=0.0, updated_at=self._now(),
            ).on_conflict_do_nothing(index_elements=list(LESSON_KEY))
            connection.execute(insert)
            row = connection.execute(query).first()
            assert row is not None
        return row

    def _claim_op(self, connection: Connection, op_key: str, learner_id: int) -> bool:
        """Record ``op_key`` as applied; False when it already was (the write was sent
        before and must not count again)."""
        claim = insert_for(self.engine.dialect.name, CLIENT_OPS).values(
            op_key=op_key, learner_id=learner_id, applied_at=self._now(),
        ).on_conflict_do_nothing(index_elements=["op_key"]).returning(CLIENT_OPS.c.op_key)
        # RETURNING, not rowcount: psycopg reports -1 for this INSERT through SQLAlchemy
        return connection.execute(claim).first() is not None

    def _load_progress(
        self, connection: Connection, learner_id: int, library_id: str, lesson_id: str
    ) -> LessonProgress:
        values = connection.execute(
            select(*PROGRESS_COLUMNS).where(
                P.learner_id == learner_id, P.library_id == library_id, P.lesson_id == lesson_id
            )
        ).first()
        stats_row = connection.execute(
            attempt_stats_select().where(
                A.learner_id == learner_id, A.library_id == library_id, A.lesson_id == lesson_id
            )
        ).first()
        stats = stats_from_row(stats_row) if stats_row is not None else None
        return progress_record(library_id, lesson_id, values, stats)

    def _complete_if_due(
        self,
        connection: Connection,
        row: Any,
        *,
        has_quiz: bool,
        version: int,
        library_version: str | None = None,
    ) -> dict[str, Any]:
        """Apply the completion rule to the progress ``row`` (with the changes about to be
        written); the changes that complete the lesson now (none: it does not complete now).

        The completion keeps ``library_version`` (default: the one the row last studied)."""
        if row.completed_at is not None:
            return {}
        attempts = connection.execute(
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
            return {}
        # never before the lesson was started, whatever the clock did meanwhile (base.py)
        starts = [row.first_opened_at, *(started for started, _f, _p in attempts)]
        known = [t for t in starts if t is not None]
        completed_at = (
            self._not_before(outcome.completed_at, min(known))
            if outcome.completed_at is not None and known
            else outcome.completed_at
        )
        logger.info("lesson %s/%s completed", row.library_id, row.lesson_id)
        return {"completed_at": completed_at, "completed_version": version,
                "completed_library_version": library_version or row.library_version}

    # -- public ---------------------------------------------------------------------------------

    @unit(WRITE, journal=True)
    def open_lesson(
        self,
        staff_id: str,
        library_id: str,
        lesson_id: str,
        *,
        version: int,
        library_version: str = "",
    ) -> LessonProgress:
        """The learner opened a lesson: ``first_opened_at`` is set once, the versions studied
        (lesson, and library when given) are updated. Returns the progress (with
        ``last_position`` to scroll back to)."""
        with self._write() as connection:
            learner_id = self._learner_id(connection, staff_id)
            row = self._progress_row(connection, learner_id, library_id, lesson_id, version)
            now = self._now()
            changes: dict[str, Any] = {}
            if row.first_opened_at is None:
                changes["first_opened_at"] = now
            changes["version"] = version
            if library_version:
                changes["library_version"] = library_version
            changes["updated_at"] = now
            update_row(connection, PROGRESS, row, changes)
            return self._load_progress(connection, learner_id, library_id, lesson_id)

    @unit(WRITE, journal=True, key="op_key")
    def add_study_seconds(
        self, staff_id: str, library_id: str, lesson_id: str, seconds: int,
        op_key: str | None = None,
    ) -> None:
        """Add time the lesson was on screen with the app active (the GUI measures it), to the
        lesson's total and to the learner's day (``study_days``) in one transaction.

        Both are atomic increments in the database (two windows of one learner lose nothing).
        ``op_key`` (made by the server link before the first try) makes the increment count
        once however often it is sent."""
        if seconds < 0:
            raise StoreError("invalid_value", self.where, f"seconds={seconds}")
        if seconds == 0:
            return
        self._check_lesson_ids(library_id, lesson_id)
        now = self._now()
        with self._write() as connection:
            learner_id = self._learner_id(connection, staff_id)
            if op_key is not None and not self._claim_op(connection, op_key, learner_id):
                logger.info("study time %s already counted", op_key)
                return
            insert = insert_for(self.engine.dialect.name, PROGRESS).values(
                learner_id=learner_id, library_id=library_id, lesson_id=lesson_id, version=1,
                study_seconds=int(seconds), last_position=0.0, updated_at=now)
            connection.execute(insert.on_conflict_do_update(
                index_elements=list(LESSON_KEY),
                set_={"study_seconds": PROGRESS.c.study_seconds + insert.excluded.study_seconds,
                      "updated_at": insert.excluded.updated_at}))
            add_study_day(connection, learner_id, library_id, lesson_id, local_day(now, self.zone),
                          int(seconds))

    @unit(WRITE, journal=True)
    def save_position(
        self, staff_id: str, library_id: str, lesson_id: str, position: float
    ) -> None:
        """Remember the scroll position (fraction 0..1, clamped) to reopen the lesson there."""
        if math.isnan(position):
            raise StoreError("invalid_value", self.where, "position is NaN")
        with self._write() as connection:
            learner_id = self._learner_id(connection, staff_id)
            row = self._progress_row(connection, learner_id, library_id, lesson_id, 1)
            update_row(connection, PROGRESS, row, {
                "last_position": min(1.0, max(0.0, float(position))),
                "updated_at": self._now()})

    @unit(WRITE, journal=True)
    def mark_read(
        self,
        staff_id: str,
        library_id: str,
        lesson_id: str,
        *,
        version: int,
        has_quiz: bool,
        library_version: str = "",
    ) -> LessonProgress:
        """The learner read the lesson to its end (or marked it read).

        Completes the lesson at once when it has no quiz, or when an earlier attempt already
        passed (completion time = the later of reading and that first pass). ``read_at`` keeps
        the first time; reading again changes nothing.
        """
        with self._write() as connection:
            learner_id = self._learner_id(connection, staff_id)
            row = self._progress_row(connection, learner_id, library_id, lesson_id, version)
            now = self._now()
            changes: dict[str, Any] = {}
            if row.first_opened_at is None:
                changes["first_opened_at"] = now
            if row.read_at is None:
                changes["read_at"] = now
            changes["version"] = version
            if library_version:
                changes["library_version"] = library_version
            changes["updated_at"] = now
            changes.update(self._complete_if_due(
                connection, changed(row, changes), has_quiz=has_quiz, version=version))
            update_row(connection, PROGRESS, row, changes)
            return self._load_progress(connection, learner_id, library_id, lesson_id)

    @unit(READ)
    def lesson_progress(self, staff_id: str, library_id: str, lesson_id: str) -> LessonProgress:
        """The progress of one lesson (``not_started`` when there is no record)."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            return self._load_progress(connection, learner_id, library_id, lesson_id)

    @unit(READ)
    def progress_for(self, staff_id: str, library_id: str) -> dict[str, LessonProgress]:
        """lesson_id -> progress for every lesson of the library with a record (two queries).

        Lessons absent from the dict are ``not_started``; ``learning.curriculum_status`` and
        ``learning.next_lesson`` accept this dict directly.
        """
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            rows = connection.execute(
                select(*PROGRESS_COLUMNS).where(
                    P.learner_id == learner_id, P.library_id == library_id
                )
            ).all()
            stats = {
                r[1]: stats_from_row(r)
                for r in connection.execute(
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
