"""One quiz attempt between the quiz page, the rules and the store.

The page reports positions; this maps them to file indexes through the attempt's stored choice
orders, grades with ``learning.grading``, stores each answer as it is given (committed before
the feedback is shown) and finishes the attempt — each through an operation
(``gui.operations.quiz``) run by the window's runner. Resuming an unfinished attempt shows the
same choice order and continues at the first unanswered question.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal

from dxlearn.content.model import Lesson
from dxlearn.learning.grading import grade_quiz
from dxlearn.store.records import AttemptState

from .context import AppContext
from .operations import quiz as quiz_ops
from .operations.runner import OperationRunner
from .quiz_flow import Judged, QuizFlow
from .quiz_page import PastAttempt, QuizPage, ResultView

logger = logging.getLogger(__name__)


class QuizSession(QuizFlow):
    finished = Signal(object)  # quiz_ops.Finished
    no_attempt_left = Signal()

    def __init__(self, ctx: AppContext, ops: OperationRunner, lesson: Lesson,
                 page: QuizPage) -> None:
        super().__init__(lesson, page)
        self.ctx = ctx
        self.ops = ops
        self.state: AttemptState | None = None
        self.resumed = False
        self.next_lesson_id: str | None = None  # offered on the result page after a pass

    def order(self, index: int) -> tuple[int, ...]:
        assert self.state is not None
        return self.state.choice_orders[index]

    # -- starting -------------------------------------------------------------------------------

    def start(self) -> None:
        """Resume the unfinished attempt or start a new one; ``no_attempt_left`` otherwise."""
        op = quiz_ops.start(self.ctx, self.lesson)
        self.ops.run(op.then(self._on_started))

    def _on_started(self, started: quiz_ops.Started) -> None:
        if started.state is None:
            logger.info("no attempt left for %s", self.lesson.id)
            self.no_attempt_left.emit()
            return
        if started.resumed:
            logger.info("resuming attempt %s at question %s", started.state.attempt_id,
                        started.state.next_question)
        self.attempt_number = started.finished_attempts + 1
        self._use(started.state, started.resumed)

    def _use(self, state: AttemptState, resumed: bool) -> None:
        self.state = state
        self.resumed = resumed
        self.answers = {a.question_index: a.selected for a in state.answers}
        self.resumed_answered = len(self.answers) if resumed else None
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
        self.page.set_busy(True)
        # stored (committed) before the learner sees the feedback: an answer shown is kept
        op = quiz_ops.record_answer(self.ctx, self.state.attempt_id,
                                    self.quiz.questions[self.current], judged.selected,
                                    judged.correct)
        op.success = lambda _none: self._answer_stored(judged)
        op.failure = self._answer_not_stored
        if not self.ops.run(op):
            self.page.set_busy(False)

    def _answer_stored(self, judged: Judged) -> None:
        self.page.set_busy(False)
        self.show_feedback(judged)

    def _answer_not_stored(self, _error: BaseException) -> bool:
        self.page.set_busy(False)  # the learner may answer again; the runner says why
        return False

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
        review = self.review()
        op = quiz_ops.finish(self.ctx, self.lesson, self.state.attempt_id, result.score)

        def show(finished: quiz_ops.Finished) -> None:
            done = finished.done
            limit = self.quiz.max_attempts
            note = (self.tr("受験回数: {0} / {1} 回").format(finished.finished_attempts, limit)
                    if limit else "")
            completed = done.lesson.completed_at is not None
            # pass/fail as recorded: against the pass score saved when the attempt started (a
            # trainer may have changed quiz.md since), never a second opinion computed here
            passed = bool(done.attempt.passed)
            history = tuple(PastAttempt(number, a.score or 0, bool(a.passed))
                            for number, a in enumerate(finished.history, start=1))
            following = finished.next_lesson
            self.next_lesson_id = following.id if following is not None else None
            self.page.show_result(ResultView(
                score=result.score, pass_score=done.attempt.pass_score, passed=passed,
                correct=result.correct, total=result.total, review=review,
                can_retry=finished.can_retry, attempts_note=note,
                completed_now=done.completed_now, lesson_completed=completed,
                needs_reading=passed and not completed and not finished.lesson_read,
                attempt_number=finished.finished_attempts, history=history,
                next_lesson_title=following.title if following is not None else None,
                curriculum_completed=finished.curriculum_completed,
            ), self.lesson.title)
            self.state = None
            self.finished.emit(finished)

        self.ops.run(op.then(show))

    def _on_page_retry_requested(self) -> None:
        self.start()

    @property
    def in_attempt(self) -> bool:
        return self.state is not None

