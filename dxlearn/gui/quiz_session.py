"""One quiz attempt between the quiz page, the rules and the store.

The page reports positions; this maps them to file indexes through the attempt's stored choice
orders, grades with ``learning.grading``, stores each answer as it is given (committed when
``record_answer`` returns), and finishes the attempt. Resuming an unfinished attempt shows the
same choice order and continues at the first unanswered question.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from dxlearn.content.model import Lesson
from dxlearn.learning.grading import grade_quiz
from dxlearn.learning.shuffle import choice_orders, orders_fit
from dxlearn.learning.status import can_start_attempt
from dxlearn.store.records import AttemptState, FinishedAttempt

from .quiz_flow import QuizFlow
from .quiz_page import QuizPage, ResultView

if TYPE_CHECKING:
    from dxlearn.store.repository import ProgressStore

logger = logging.getLogger(__name__)


class QuizSession(QuizFlow):
    finished = Signal(object)  # FinishedAttempt

    def __init__(self, store: ProgressStore, staff_id: str, library_id: str, lesson: Lesson,
                 page: QuizPage, lesson_read: Callable[[], bool]) -> None:
        super().__init__(lesson, page)
        self.store = store
        self.staff_id = staff_id
        self.library_id = library_id
        self._lesson_read = lesson_read
        self.state: AttemptState | None = None

    def order(self, index: int) -> tuple[int, ...]:
        assert self.state is not None
        return self.state.choice_orders[index]

    # -- starting -------------------------------------------------------------------------------

    def _finished_attempts(self) -> int:
        attempts = self.store.attempts_for(self.staff_id, self.library_id, self.lesson.id)
        return sum(1 for a in attempts if a.finished)

    def can_retry(self) -> bool:
        return can_start_attempt(self.quiz.max_attempts, self._finished_attempts())

    def start(self) -> bool:
        """Resume the unfinished attempt or start a new one. False when no attempt is left."""
        state = self.store.open_attempt(self.staff_id, self.library_id, self.lesson.id)
        if state is not None and orders_fit(self.quiz, state.choice_orders):
            logger.info("resuming attempt %s at question %s", state.attempt_id,
                        state.next_question)
            self._use(state)
            return True
        if not self.can_retry():
            return False
        self._use(self.store.start_attempt(
            self.staff_id, self.library_id, self.lesson.id,
            lesson_version=self.lesson.version, pass_score=self.quiz.pass_score,
            choice_orders=choice_orders(self.quiz), max_attempts=self.quiz.max_attempts))
        return True

    def _use(self, state: AttemptState) -> None:
        self.state = state
        self.answers = {a.question_index: a.selected for a in state.answers}
        following = state.next_question
        if following is None:  # every answer stored, finish lost to a crash: finish now
            self._finish()
            return
        self.current = following
        self.show_current()

    # -- answering ------------------------------------------------------------------------------

    def _on_page_answer_submitted(self, positions: list[int]) -> None:
        assert self.state is not None
        judged = self.judge(positions)
        # stored (committed) before the learner sees the feedback: an answer shown is kept
        self.store.record_answer(self.state.attempt_id, self.current, judged.selected,
                                 judged.correct)
        self.show_feedback(judged)

    def _on_page_next_requested(self) -> None:
        following = next((i for i in range(self.current + 1, len(self.quiz.questions))
                          if i not in self.answers), None)
        if following is None:
            self._finish()
        else:
            self.current = following
            self.show_current()

    def _finish(self) -> None:
        assert self.state is not None
        result = grade_quiz(self.quiz, self.answers)
        done: FinishedAttempt = self.store.finish_attempt(self.state.attempt_id, result.score)
        missed = self.missed()
        can_retry = self.can_retry()
        limit = self.quiz.max_attempts
        note = (self.tr("受験回数: {0} / {1} 回").format(self._finished_attempts(), limit)
                if limit else "")
        completed = done.lesson.completed_at is not None
        # pass/fail as recorded: against the pass score saved when the attempt started (a
        # trainer may have changed quiz.md since), never a second opinion computed here
        passed = bool(done.attempt.passed)
        self.page.show_result(ResultView(
            score=result.score, pass_score=done.attempt.pass_score, passed=passed,
            correct=result.correct, total=result.total, missed=missed, can_retry=can_retry,
            attempts_note=note, completed_now=done.completed_now, lesson_completed=completed,
            needs_reading=passed and not completed and not self._lesson_read(),
        ), self.lesson.title)
        self.state = None
        self.finished.emit(done)

    def _on_page_retry_requested(self) -> None:
        if not self.start():
            logger.info("no attempt left for %s", self.lesson.id)

