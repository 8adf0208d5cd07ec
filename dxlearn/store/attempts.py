"""Quiz attempts: start, record each answer durably, finish, resume.

Each answer is its own transaction, committed (fsynced) before ``record_answer`` returns: a PC
switched off at the wall mid-quiz loses at most the answer being clicked. Answers are stored by
*file* index of the choices; the attempt keeps the choice orders it was shown with, so a
resumed quiz looks exactly as before.

``record_answer`` is the hot path (see bench/store.py and bench/central.py): one Core statement,
``INSERT ... SELECT`` from the attempt (so an unknown or finished attempt, or a question out of
range, inserts nothing) ``ON CONFLICT DO UPDATE`` (answering again replaces) ``RETURNING`` the
row. On PostgreSQL it runs in autocommit: one round trip per answer (a second one only to say
why nothing was stored). Close to a bare insert and commit on both databases.

``start_attempt`` takes a client-made ``attempt_key`` (the server link makes one before the
first try): a start sent twice finds the attempt it made instead of making another.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    DateTime,
    Integer,
    String,
    bindparam,
    cast,
    func,
    select,
    type_coerce,
)

from dxlearn.learning.grading import is_passed
from dxlearn.learning.status import can_start_attempt
from dxlearn.store.base import unit
from dxlearn.store.errors import StoreError
from dxlearn.store.models import ANSWERS, ATTEMPTS, LEARNERS
from dxlearn.store.progress import PROGRESS, ProgressOps
from dxlearn.store.queries import attempt_record, changed, update_row
from dxlearn.store.records import AnswerRecord, AttemptRecord, AttemptState, FinishedAttempt
from dxlearn.store.server import READ, WRITE
from dxlearn.store.upsert import insert_for

logger = logging.getLogger(__name__)

A = ATTEMPTS.c
W = ANSWERS.c

# record_answer's statements, built once per dialect (building and cache-keying a statement
# per call costs more than the fsync on a fast disk).
_ANSWER_STATE = select(
    ATTEMPTS.c.finished_at,
    ATTEMPTS.c.question_count,
).where(ATTEMPTS.c.id == bindparam("b_attempt"))
_ANSWER_COLUMNS = ["attempt_id", "question_index", "selected", "correct", "answered_at",
                   "question_id"]


@cache  # built once per dialect, when that database is first written to
def _answer_upsert(dialect: str) -> Any:
    """INSERT ... SELECT from a live attempt ... ON CONFLICT DO UPDATE ... RETURNING id.

    The parameters in the SELECT list are typed: PostgreSQL gets a CAST (an untyped parameter
    there would be text, and text is not assigned to json), SQLite a bare parameter (its CAST
    AS JSON would turn '[1]' into 0)."""
    typed = cast if dialect == "postgresql" else type_coerce
    question = bindparam("b_question", type_=Integer)
    source = select(
        ATTEMPTS.c.id,
        typed(question, Integer),
        typed(bindparam("b_selected", type_=ANSWERS.c.selected.type), JSON),
        typed(bindparam("b_correct", type_=Boolean), Boolean),
        typed(bindparam("b_answered_at", type_=ANSWERS.c.answered_at.type),
              DateTime(timezone=True)),
        typed(bindparam("b_question_id", type_=String(128)), String(128)),
    ).where(
        ATTEMPTS.c.id == bindparam("b_attempt"),
        ATTEMPTS.c.finished_at.is_(None),
        question >= 0,
        ATTEMPTS.c.question_count > question,
    )
    insert = insert_for(dialect, ANSWERS).from_select(_ANSWER_COLUMNS, source)
    return insert.on_conflict_do_update(
        index_elements=["attempt_id", "question_index"],
        set_={"selected": insert.excluded.selected, "correct": insert.excluded.correct,
              "answered_at": insert.excluded.answered_at,
              "question_id": insert.excluded.question_id},
    ).returning(ANSWERS.c.id)


def _checked_question_id(question_id: str | None, where: str) -> str | None:
    """The id as stored: at most 128 characters (``String(128)``; SQLite would not refuse a
    longer one, PostgreSQL would), else ``StoreError("invalid_value")``."""
    if question_id is None:
        return None
    if not isinstance(question_id, str) or not question_id or len(question_id) > 128:
        raise StoreError("invalid_value", where, f"question_id {str(question_id)[:40]!r}")
    return question_id


class AttemptOps(ProgressOps):
    def _staff_id_of(self, connection: Connection, learner_id: int) -> str:
        return str(connection.scalar(
            select(LEARNERS.c.staff_id).where(LEARNERS.c.id == learner_id)))

    def _attempt_row(self, connection: Connection, attempt_id: int) -> Any:
        """The attempt's row (the whole table's columns), None when there is none."""
        return connection.execute(select(ATTEMPTS).where(A.id == attempt_id)).first()

    def _state(self, connection: Connection, row: Any, staff_id: str) -> AttemptState:
        answers = connection.execute(
            select(W.question_index, W.selected, W.correct, W.answered_at, W.question_id)
            .where(W.attempt_id == row.id)
            .order_by(W.question_index)
        ).all()
        return AttemptState(
            attempt_record(row, staff_id),
            tuple(
                AnswerRecord(int(q), tuple(int(i) for i in sel), bool(ok), at, qid)
                for q, sel, ok, at, qid in answers
            ),
        )

    @unit(WRITE, key="attempt_key")
    def start_attempt(
        self,
        staff_id: str,
        library_id: str,
        lesson_id: str,
        *,
        lesson_version: int,
        pass_score: int,
        choice_orders: Sequence[Sequence[int]],
        max_attempts: int = 0,
        library_version: str = "",
        attempt_key: str | None = None,
    ) -> AttemptState:
        """Start a quiz attempt with the choice orders drawn by ``learning.choice_orders``.

        The number of questions is ``len(choice_orders)``; the attempt keeps
        ``library_version`` (default: the library version the lesson was last opened on).
        Raises ``StoreError("attempt_limit")`` when ``max_attempts`` finished attempts exist.
        An unfinished earlier attempt is left as it is (it does not count); call
        ``open_attempt`` first to resume it instead. With an ``attempt_key`` that already
        started an attempt, that attempt is returned as it is.
        """
        orders = [[int(i) for i in order] for order in choice_orders]
        if not orders or any(sorted(o) != list(range(len(o))) for o in orders):
            raise StoreError("invalid_value", self.where, f"bad choice orders {orders!r}")
        if not 0 <= pass_score <= 100:
            raise StoreError("invalid_value", self.where, f"pass_score={pass_score}")
        with self._write() as connection:
            learner_id = self._learner_id(connection, staff_id)
            if attempt_key is not None:
                earlier = connection.execute(
                    select(ATTEMPTS).where(A.attempt_key == attempt_key)).first()
                if earlier is not None:  # sent twice: the first one counted
                    return self._state(connection, earlier, staff_id)
            finished = connection.scalar(
                select(func.count(A.id)).where(
                    A.learner_id == learner_id,
                    A.library_id == library_id,
                    A.lesson_id == lesson_id,
                    A.finished_at.is_not(None),
                )
            )
            if not can_start_attempt(max_attempts, int(finished or 0)):
                raise StoreError("attempt_limit", self.where, f"{finished}/{max_attempts}")
            now = self._now()
            progress = self._progress_row(
                connection, learner_id, library_id, lesson_id, lesson_version
            )
            changes: dict[str, Any] = {}
            if progress.first_opened_at is None:
                changes["first_opened_at"] = now
            if library_version:
                changes["library_version"] = library_version
            changes["updated_at"] = now
            progress = update_row(connection, PROGRESS, progress, changes)
            values: dict[str, Any] = {
                "learner_id": learner_id,
                "library_id": library_id,
                "lesson_id": lesson_id,
                "lesson_version": lesson_version,
                "started_at": now,
                "finished_at": None,
                "score": None,
                "passed": None,
                "pass_score": pass_score,
                "question_count": len(orders),
                "choice_orders": orders,
                "library_version": library_version or progress.library_version,
                "attempt_key": attempt_key,
            }
            made = connection.execute(ATTEMPTS.insert().values(**values).returning(A.id))
            row = changed(made.one(), values)
            logger.info("attempt %s started: %s %s/%s", row.id, staff_id, library_id, lesson_id)
            return AttemptState(attempt_record(row, staff_id), ())

    @unit(WRITE, journal=True)
    def record_answer(
        self, attempt_id: int, question_index: int, selected: Iterable[int], correct: bool,
        *, question_id: str | None = None,
    ) -> None:
        """Store one answer durably (committed and fsynced when this returns).

        ``selected`` are file indexes; ``question_id`` is the id of the question answered
        (``learning.review.question_key``), which lets item analysis and 復習 find the
        question after the lesson changes (None: the answer maps by position only).
        Answering the same question again replaces the earlier
        answer (idempotent: a retried call after an error stores the answer once).
        Raises ``StoreError`` "attempt_unknown", "attempt_finished" or "invalid_value".

        The hot path of a quiz: one statement (module docstring), built once per dialect.
        """
        params = {
            "b_attempt": int(attempt_id),
            "b_question": int(question_index),
            "b_selected": sorted({int(i) for i in selected}),
            "b_correct": bool(correct),
            "b_answered_at": self._now(),
            "b_question_id": _checked_question_id(question_id, self.where),
        }
        statement = _answer_upsert(self.engine.dialect.name)
        with self._single_statement() as connection:
            if connection.execute(statement, params).first() is not None:
                return
            state = connection.execute(_ANSWER_STATE, params).first()
        if state is None:
            raise StoreError("attempt_unknown", self.where, f"attempt {attempt_id}")
        if state[0] is not None:
            raise StoreError("attempt_finished", self.where, f"attempt {attempt_id}")
        raise StoreError("invalid_value", self.where, f"question {question_index}")

    @unit(WRITE, journal=True)
    def finish_attempt(self, attempt_id: int, score: int) -> FinishedAttempt:
        """Finish an attempt with the score from ``learning.grade_quiz`` (0..100).

        ``passed`` is decided here against the attempt's own pass score, with the same rule as
        ``learning.is_passed``. Completes the lesson when it was already read. Finishing again
        with the same score returns the stored result; a different score is refused.
        """
        if not 0 <= score <= 100:
            raise StoreError("invalid_value", self.where, f"score={score}")
        with self._write() as connection:
            row = self._attempt_row(connection, attempt_id)
            if row is None:
                raise StoreError("attempt_unknown", self.where, f"attempt {attempt_id}")
            staff_id = self._staff_id_of(connection, row.learner_id)
            if row.finished_at is not None:
                if row.score != score:
                    raise StoreError("attempt_finished", self.where, f"attempt {attempt_id}")
                lesson = self._load_progress(
                    connection, row.learner_id, row.library_id, row.lesson_id)
                return FinishedAttempt(attempt_record(row, staff_id), lesson, False)
            # the attempt is written first: the completion rule reads it back
            row = update_row(connection, ATTEMPTS, row, {
                "finished_at": self._not_before(self._now(), row.started_at),  # clock set back
                "score": score,
                "passed": is_passed(score, row.pass_score),
            })
            progress = self._progress_row(
                connection, row.learner_id, row.library_id, row.lesson_id, row.lesson_version
            )
            changes = self._complete_if_due(
                connection,
                progress,
                has_quiz=True,
                version=row.lesson_version,
                library_version=row.library_version,
            )
            completed = bool(changes)
            update_row(connection, PROGRESS, progress, {**changes, "updated_at": row.finished_at})
            lesson = self._load_progress(
                connection, row.learner_id, row.library_id, row.lesson_id)
            logger.info("attempt %s finished: score %s passed %s", attempt_id, score, row.passed)
            return FinishedAttempt(attempt_record(row, staff_id), lesson, completed)

    @unit(READ)
    def open_attempt(self, staff_id: str, library_id: str, lesson_id: str) -> AttemptState | None:
        """The newest unfinished attempt, to resume with its answers and choice orders."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            row = connection.execute(
                select(ATTEMPTS)
                .where(
                    A.learner_id == learner_id,
                    A.library_id == library_id,
                    A.lesson_id == lesson_id,
                    A.finished_at.is_(None),
                )
                .order_by(A.started_at.desc(), A.id.desc())
                .limit(1)
            ).first()
            return None if row is None else self._state(connection, row, staff_id)

    @unit(READ)
    def attempt_state(self, attempt_id: int) -> AttemptState:
        """One attempt with its answers (finished or not)."""
        with self._read() as connection:
            row = self._attempt_row(connection, attempt_id)
            if row is None:
                raise StoreError("attempt_unknown", self.where, f"attempt {attempt_id}")
            return self._state(connection, row, self._staff_id_of(connection, row.learner_id))

    @unit(READ)
    def attempts_for(self, staff_id: str, library_id: str, lesson_id: str) -> list[AttemptRecord]:
        """Every attempt of a lesson, oldest first (unfinished ones included)."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            rows = connection.execute(
                select(ATTEMPTS)
                .where(
                    A.learner_id == learner_id,
                    A.library_id == library_id,
                    A.lesson_id == lesson_id,
                )
                .order_by(A.started_at, A.id)
            ).all()
            return [attempt_record(r, staff_id) for r in rows]

    @unit(READ)
    def best_score(self, staff_id: str, library_id: str, lesson_id: str) -> int | None:
        """The best score of the finished attempts, None when none was finished."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            best = connection.scalar(
                select(func.max(A.score)).where(
                    A.learner_id == learner_id,
                    A.library_id == library_id,
                    A.lesson_id == lesson_id,
                    A.finished_at.is_not(None),
                )
            )
            return None if best is None else int(best)
