"""Operations of a quiz attempt: start or resume, record each answer, finish."""

from __future__ import annotations

from dataclasses import dataclass

from dxlearn.content.model import Lesson, Question
from dxlearn.learning.review import question_key
from dxlearn.learning.shuffle import choice_orders, orders_fit
from dxlearn.learning.status import Status, can_start_attempt
from dxlearn.store.records import AttemptRecord, AttemptState, FinishedAttempt

from ..context import AppContext
from .runner import Op, OpChanges, Reporter


@dataclass(frozen=True, slots=True)
class Started:
    """The attempt to show (None: no attempt left), and whether it was resumed."""

    state: AttemptState | None
    resumed: bool
    finished_attempts: int


@dataclass(frozen=True, slots=True)
class Finished:
    done: FinishedAttempt
    finished_attempts: int
    can_retry: bool
    lesson_read: bool
    history: tuple[AttemptRecord, ...] = ()  # the finished attempts, oldest first
    next_lesson: Lesson | None = None  # what to study next (after this result)
    curriculum_completed: bool = False  # every required lesson of the learner's role done


def _staff_id(ctx: AppContext) -> str:
    assert ctx.learner is not None
    return ctx.learner.staff_id


def start(ctx: AppContext, lesson: Lesson) -> Op[Started]:
    """Resume the unfinished attempt whose choice orders still fit the quiz, else start a new
    one when attempts are left."""
    quiz = lesson.quiz
    assert quiz is not None
    staff_id, library_id, store = _staff_id(ctx), ctx.library.id, ctx.require_store()

    def work(_r: Reporter) -> Started:
        finished = sum(1 for a in store.attempts_for(staff_id, library_id, lesson.id)
                       if a.finished)
        state = store.open_attempt(staff_id, library_id, lesson.id)
        if state is not None and orders_fit(quiz, state.choice_orders):
            return Started(state, True, finished)
        if not can_start_attempt(quiz.max_attempts, finished):
            return Started(None, False, finished)
        state = store.start_attempt(
            staff_id, library_id, lesson.id, lesson_version=lesson.version,
            pass_score=quiz.pass_score, choice_orders=choice_orders(quiz),
            max_attempts=quiz.max_attempts)
        return Started(state, False, finished)

    return Op(work, changes=OpChanges(progress=True, lesson_id=lesson.id), name="start quiz")


def record_answer(ctx: AppContext, attempt_id: int, question: Question,
                  selected: tuple[int, ...], correct: bool) -> Op[None]:
    """One answer, committed (and fsynced) before the learner sees the feedback, with the id
    of the question answered (so item analysis and 復習 find it after the lesson changes)."""
    store = ctx.require_store()
    index, question_id = question.index, question_key(question)
    return Op(lambda _r: store.record_answer(attempt_id, index, selected, correct,
                                             question_id=question_id),
              name="record answer")


def finish(ctx: AppContext, lesson: Lesson, attempt_id: int, score: int) -> Op[Finished]:
    quiz = lesson.quiz
    assert quiz is not None
    staff_id, library_id, store = _staff_id(ctx), ctx.library.id, ctx.require_store()

    def work(_r: Reporter) -> Finished:
        done = store.finish_attempt(attempt_id, score)
        history = tuple(a for a in store.attempts_for(staff_id, library_id, lesson.id)
                        if a.finished)
        finished = len(history)
        read = store.lesson_progress(staff_id, library_id, lesson.id).read_at is not None
        progress = store.progress_for(staff_id, library_id)
        following = ctx.next_lesson(progress)
        if following is not None and following.id == lesson.id:
            following = None  # passed but not read yet: the lesson itself comes first
        completed = ctx.curriculum(progress).status is Status.COMPLETED
        return Finished(done, finished, can_start_attempt(quiz.max_attempts, finished), read,
                        history, following, completed)

    return Op(work, changes=OpChanges(progress=True, lesson_id=lesson.id), name="finish quiz")
