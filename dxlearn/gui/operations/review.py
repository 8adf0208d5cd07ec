"""Operations of 復習 (the review queue) and 学習の記録 (the record page).

The rules are ``learning.review`` and ``learning.record``; the store keeps the queue
(``store.review``). Every read of the queue first brings it up to date with the library on
screen (``sync_reviews``: finished attempts taken, cards of changed lessons dropped), unless the
store is read-only or the organisation turned review off (policy ``review = false``: no queue
growth at all).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dxlearn.content.model import Lesson, Question
from dxlearn.learning.record import (
    Completions,
    QuizResult,
    StudyWeeks,
    completions,
    quiz_results,
    weekly_study,
)
from dxlearn.learning.review import LessonShape, lesson_shapes, question_key, stamp_day
from dxlearn.store.records import ReviewCard

from ..context import AppContext
from .runner import Op, Reporter


@dataclass(frozen=True, slots=True)
class Due:
    """The home page's line: questions due today, and the next day one is due after today."""

    count: int
    next_day: date | None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A due card with the lesson and question it asks."""

    card: ReviewCard
    lesson: Lesson
    question: Question


@dataclass(frozen=True, slots=True)
class Record:
    """Everything the record page shows, computed once."""

    completions: Completions
    study: StudyWeeks
    quizzes: tuple[QuizResult, ...]
    forecast: tuple[tuple[date, int], ...]  # the next 7 days, today first
    review_enabled: bool
    today: date  # the learner's day the record was read on


def enabled(ctx: AppContext) -> bool:
    return ctx.policy.review and ctx.learner is not None and ctx.store is not None


def _staff_id(ctx: AppContext) -> str:
    assert ctx.learner is not None
    return ctx.learner.staff_id


def _shapes(ctx: AppContext) -> Mapping[str, LessonShape]:
    return lesson_shapes(ctx.library)


def _sync(ctx: AppContext, shapes: Mapping[str, LessonShape]) -> None:
    store = ctx.require_store()
    if not ctx.read_only:
        store.sync_reviews(_staff_id(ctx), ctx.library.id, shapes,
                           retention=ctx.policy.review_retention)


def due(ctx: AppContext) -> Op[Due]:
    """How many questions are due today (the queue brought up to date first)."""
    store, staff_id, library_id = ctx.require_store(), _staff_id(ctx), ctx.library.id

    def work(_r: Reporter) -> Due:
        shapes = _shapes(ctx)
        _sync(ctx, shapes)
        return Due(*store.review_due(staff_id, library_id, shapes))

    # a write only when there is something to take in; never one on a read-only store
    return Op(work, writes=False, quiet=True, name="review due")


def items(ctx: AppContext, cards: list[ReviewCard]) -> list[ReviewItem]:
    """The cards with their lessons and questions (a card whose question is gone is left out;
    the store already drops those on the next sync)."""
    found = []
    for card in cards:
        lesson = ctx.library.lesson(card.lesson_id)
        if lesson is None or lesson.quiz is None:
            continue
        question = next((q for q in lesson.quiz.questions
                         if question_key(q) == card.question_key), None)
        if question is not None:  # found by its id: the card follows a question that moved
            found.append(ReviewItem(card, lesson, question))
    return found


def session(ctx: AppContext) -> Op[list[ReviewItem]]:
    """The questions due today, most overdue first."""
    store, staff_id, library_id = ctx.require_store(), _staff_id(ctx), ctx.library.id

    def work(_r: Reporter) -> list[ReviewItem]:
        shapes = _shapes(ctx)
        _sync(ctx, shapes)
        return items(ctx, store.due_reviews(staff_id, library_id, shapes))

    return Op(work, writes=False, name="review session")


@dataclass(frozen=True, slots=True)
class Rated:
    card: ReviewCard
    next_day: date  # the learner's day the question comes back


def rate(ctx: AppContext, card_id: int, correct: bool) -> Op[Rated]:
    """One review answer, committed (with the card's next date) before the feedback shows."""
    store = ctx.require_store()
    retention = ctx.policy.review_retention

    def work(_r: Reporter) -> Rated:
        card = store.rate_review(card_id, correct, retention=retention)
        return Rated(card, stamp_day(card.due))

    return Op(work, name="review answer")


def record(ctx: AppContext) -> Op[Record]:
    """The learner's record in the library on screen (a read; the queue synced first)."""
    store, staff_id, library = ctx.require_store(), _staff_id(ctx), ctx.library
    learner = ctx.learner
    assert learner is not None
    review_on = ctx.policy.review

    def work(_r: Reporter) -> Record:
        progress = store.progress_for(staff_id, library.id)
        zone = store.zone
        done = completions(library, learner.role, progress, zone)
        days = store.study_days(staff_id, library.id)
        today = store.today()
        study = weekly_study(days.days, today, before_seconds=days.before_seconds,
                             since=days.since, zone=zone)
        lessons = [lesson.id for lesson in library.curriculum(learner.role)]
        lessons += [lesson_id for lesson_id in progress if lesson_id not in lessons]
        quizzes = quiz_results(library, lessons, store.attempts_in_library(staff_id, library.id))
        forecast: tuple[tuple[date, int], ...] = ()
        if review_on:
            shapes = _shapes(ctx)
            _sync(ctx, shapes)
            forecast = tuple(store.review_forecast(staff_id, library.id, shapes))
        return Record(done, study, tuple(quizzes), forecast, review_on, today)

    return Op(work, writes=False, name="learning record")
