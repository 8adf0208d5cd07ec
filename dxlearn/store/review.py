"""The review queue (復習): cards, their ratings, and the quiz attempts taken into it.

The rules are ``learning.review``'s; this keeps their results. Three writes, each one
transaction (committed and fsynced when the method returns, like every answer):

- :meth:`ReviewOps.sync_reviews` brings a learner's queue up to date with the library on screen:
  finished quiz attempts not yet taken are taken (``review_folds`` remembers which), answer by
  answer in the order given, and cards whose lesson changed version are dropped. It is called
  before the queue is shown, so a quiz finished a moment ago, or a PC switched off right after
  one, loses nothing: the attempt is in the store, and the next call takes it.
- :meth:`ReviewOps.rate_review` records one review answer: the card's new schedule and its log
  line together.
- nothing else: review never touches a lesson's record (修了 is never changed by it).

Reads (:meth:`due_reviews`, :meth:`review_cards`) filter with the library's lesson shapes too,
so a read-only store (which cannot drop cards) still never shows a stale question.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, delete, select

from dxlearn.learning.review import (
    DEFAULT_RETENTION,
    FORECAST_DAYS,
    CardState,
    LessonShape,
    Rating,
    answer_key,
    card_fits,
    card_position,
    due_cutoff,
    forecast,
    local_day,
    new_card,
    quiz_rating,
    review_rating,
    schedule,
    stamp_day,
)
from dxlearn.store.attempts import AttemptOps
from dxlearn.store.base import unit
from dxlearn.store.errors import StoreError
from dxlearn.store.models import ANSWERS, ATTEMPTS, REVIEW_CARDS, REVIEW_FOLDS, REVIEW_LOGS
from dxlearn.store.queries import changed, update_row
from dxlearn.store.records import ReviewCard, ReviewSync
from dxlearn.store.server import READ, WRITE

logger = logging.getLogger(__name__)

C = REVIEW_CARDS.c
A = ATTEMPTS.c
F = REVIEW_FOLDS.c
W = ANSWERS.c

Shapes = Mapping[str, LessonShape]
# A card being worked on in a write: its row's columns as attributes, changed in place and
# written with ``_write_card`` (``id`` None until it is inserted).
Card = Any
_CARD_COLUMNS = tuple(column.name for column in REVIEW_CARDS.columns if column.name != "id")


def _state(row: Card) -> CardState:
    return CardState(row.state, row.step, row.stability, row.difficulty, row.due, row.last_review)


def _record(row: Card) -> ReviewCard:
    return ReviewCard(row.id, row.library_id, row.lesson_id, row.question_index, row.question_key,
                      row.lesson_version, _state(row))


def _schedule_values(state: CardState) -> dict[str, Any]:
    return {"state": state.state, "step": state.step, "stability": state.stability,
            "difficulty": state.difficulty, "due": state.due, "last_review": state.last_review}


def _set(card: Card, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(card, name, value)


def _write_card(connection: Connection, card: Card, values: dict[str, Any]) -> None:
    """Set ``values`` on ``card`` and write them: an INSERT of the whole card when it has no
    id yet (it gets one), else an UPDATE of the values that differ from the card's
    (``queries.update_row``)."""
    if card.id is None:
        _set(card, values)
        made = connection.execute(REVIEW_CARDS.insert().values(
            **{name: getattr(card, name) for name in _CARD_COLUMNS}).returning(C.id))
        card.id = made.scalar_one()
        return
    update_row(connection, REVIEW_CARDS, card, values)  # compares with the card before _set
    _set(card, values)


class ReviewOps(AttemptOps):
    # -- bringing the queue up to date ---------------------------------------------------------

    def _unfolded(self, connection: Connection, learner_id: int, library_id: str) -> list[Any]:
        return list(connection.execute(
            select(ATTEMPTS).outerjoin(REVIEW_FOLDS, F.attempt_id == A.id)
            .where(A.learner_id == learner_id, A.library_id == library_id,
                   A.finished_at.is_not(None), F.attempt_id.is_(None))
            .order_by(A.finished_at, A.id)))

    def _cards(self, connection: Connection, learner_id: int, library_id: str) -> list[Card]:
        """The learner's cards in the library by due date, each one a card to work on."""
        return [changed(row, {}) for row in connection.execute(
            select(REVIEW_CARDS).where(C.learner_id == learner_id, C.library_id == library_id)
            .order_by(C.due, C.id))]

    @staticmethod
    def _stale(cards: Iterable[Card], shapes: Shapes) -> list[Card]:
        return [c for c in cards if not card_fits(shapes.get(c.lesson_id), c.question_key)]

    @staticmethod
    def _moved(cards: Iterable[Card], shapes: Shapes) -> list[tuple[Card, int, int]]:
        """(card, position, version) of the fitting cards whose question now sits elsewhere
        or whose lesson has a new version (the question kept its id)."""
        moved = []
        for card in cards:
            shape = shapes.get(card.lesson_id)
            if shape is None or not card_fits(shape, card.question_key):
                continue
            position = card_position(shape, card.question_key)
            if position != card.question_index or shape.version != card.lesson_version:
                moved.append((card, position, shape.version))
        return moved

    def _follow(self, connection: Connection, moved: list[tuple[Card, int, int]]) -> None:
        """Give moved cards their question's position and version. Positions are unique per
        lesson, so the moved cards first step aside (a negative position of their own) and
        then take their new places: two questions that swapped never collide."""
        for card, _position, _version in moved:
            _write_card(connection, card, {"question_index": -card.id})
        for card, position, version in moved:
            logger.info("review card %s follows its question %s: q%s v%s", card.id,
                        card.question_key, position, version)
            _write_card(connection, card, {"question_index": position, "lesson_version": version})

    @unit(WRITE)
    def sync_reviews(self, staff_id: str, library_id: str, shapes: Shapes, *,
                     retention: float = DEFAULT_RETENTION) -> ReviewSync:
        """Take the learner's finished attempts into the queue, drop the cards whose question
        the library no longer holds and move the others with their question (one
        transaction, and none when there is nothing to do)."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            pending = bool(self._unfolded(connection, learner_id, library_id))
            cards = self._cards(connection, learner_id, library_id)
            stale = bool(self._stale(cards, shapes)) or bool(self._moved(cards, shapes))
        if not pending and not stale:
            return ReviewSync(0, 0, 0)
        with self._write() as connection:
            cards = self._cards(connection, learner_id, library_id)
            dropped = self._stale(cards, shapes)
            for row in dropped:
                logger.info("review card %s dropped: %s/%s %s v%s no longer in the library",
                            row.id, library_id, row.lesson_id, row.question_key,
                            row.lesson_version)
                connection.execute(delete(REVIEW_CARDS).where(C.id == row.id))
            dropped_ids = {row.id for row in dropped}
            kept = [c for c in cards if c.id not in dropped_ids]
            self._follow(connection, self._moved(kept, shapes))
            by_key = {(c.lesson_id, c.question_key): c for c in kept}
            attempts = self._unfolded(connection, learner_id, library_id)
            before = len(by_key)
            for attempt in attempts:
                self._take(connection, attempt, shapes.get(attempt.lesson_id), by_key, retention)
        result = ReviewSync(len(attempts), len(by_key) - before, len(dropped))
        logger.info("review queue of %s in %s: %s", staff_id, library_id, result)
        return result

    def _take(self, connection: Connection, attempt: Any, shape: LessonShape | None,
              cards: dict[tuple[str, str], Card], retention: float) -> None:
        """One finished attempt into the queue (``learning.review.quiz_rating``); each answer
        names its question by ``learning.review.answer_key``."""
        now = self._now()
        connection.execute(REVIEW_FOLDS.insert().values(attempt_id=attempt.id, folded_at=now))
        if shape is None:
            return  # the lesson has no quiz in the library now
        answers = connection.execute(
            select(W.question_index, W.correct, W.answered_at, W.question_id)
            .where(W.attempt_id == attempt.id)
            .order_by(W.answered_at, W.question_index)).all()
        for index, correct, answered_at, stored_id in answers:
            key = answer_key(shape, attempt.lesson_version, attempt.question_count, index,
                             stored_id)
            if key is None:
                continue  # answered on another version of the lesson: its questions may differ
            row = cards.get((attempt.lesson_id, key))
            rating = quiz_rating(bool(correct), attempt_passed=bool(attempt.passed),
                                 has_card=row is not None)
            if rating is None:
                continue
            if row is None:
                fresh = new_card(answered_at, self.zone)
                # inserted by its first rating, just below (with the state that rating gives)
                row = SimpleNamespace(
                    id=None, learner_id=attempt.learner_id, library_id=attempt.library_id,
                    lesson_id=attempt.lesson_id, question_index=card_position(shape, key),
                    question_key=key, lesson_version=shape.version,
                    state=fresh.state, step=fresh.step, stability=None, difficulty=None,
                    due=fresh.due, last_review=None, created_at=now, updated_at=now)
                cards[(attempt.lesson_id, key)] = row
            self._rate(connection, row, rating, answered_at, retention, bool(correct),
                       source="quiz", attempt_id=attempt.id)

    def _rate(self, connection: Connection, row: Card, rating: Rating, at: datetime,
              retention: float, correct: bool, *, source: str,
              attempt_id: int | None = None) -> None:
        """The card's new schedule (written first: the log line needs the card's id), then
        the rating's log line."""
        state = schedule(_state(row), rating, at, retention, self.zone)
        _write_card(connection, row, {**_schedule_values(state), "updated_at": self._now()})
        connection.execute(REVIEW_LOGS.insert().values(
            card_id=row.id, source=source, attempt_id=attempt_id, rating=int(rating),
            correct=correct, reviewed_at=at, due_after=state.due))

    # -- reviewing -----------------------------------------------------------------------------

    @unit(WRITE, idempotent=False)
    def rate_review(self, card_id: int, correct: bool, *,
                    retention: float = DEFAULT_RETENTION) -> ReviewCard:
        """A review answer: Good when right, Again when wrong; the card's next due date and the
        log line in one transaction. Returns the card as scheduled now."""
        with self._write() as connection:
            found = connection.execute(select(REVIEW_CARDS).where(C.id == card_id)).first()
            if found is None:
                raise StoreError("invalid_value", self.where, f"review card {card_id}")
            row = changed(found, {})
            self._rate(connection, row, review_rating(correct), self._now(), retention, correct,
                       source="review")
            return _record(row)

    @unit(READ)
    def due_reviews(self, staff_id: str, library_id: str, shapes: Shapes) -> list[ReviewCard]:
        """The cards due today (the learner's local day, ``learning.review.due_cutoff``),
        most overdue first."""
        cutoff = due_cutoff(self._now(), self.zone)
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            rows = connection.execute(
                select(REVIEW_CARDS).where(C.learner_id == learner_id, C.library_id == library_id,
                                           C.due < cutoff).order_by(C.due, C.id)).all()
            return [_record(r) for r in rows if r not in self._stale([r], shapes)]

    @unit(READ)
    def review_cards(self, staff_id: str, library_id: str, shapes: Shapes) -> list[ReviewCard]:
        """Every card of the learner's queue in ``library_id`` that fits the library, by due."""
        with self._read() as connection:
            learner_id = self._learner_id(connection, staff_id)
            cards = self._cards(connection, learner_id, library_id)
            stale = self._stale(cards, shapes)
            return [_record(r) for r in cards if r not in stale]

    def review_due(self, staff_id: str, library_id: str,
                   shapes: Shapes) -> tuple[int, date | None]:
        """(questions due today, the learner's next day with a question due after today)."""
        cutoff = due_cutoff(self._now(), self.zone)
        dues = [c.due for c in self.review_cards(staff_id, library_id, shapes)]
        later = [due for due in dues if due >= cutoff]
        return len(dues) - len(later), stamp_day(min(later)) if later else None

    def today(self) -> date:
        """The learner's calendar day now (the store's clock, in ``zone``)."""
        return local_day(self._now(), self.zone)

    def review_forecast(self, staff_id: str, library_id: str, shapes: Shapes,
                        days: int = FORECAST_DAYS) -> list[tuple[date, int]]:
        """Questions due on each of the next ``days`` days, today (with the overdue) first."""
        cards = self.review_cards(staff_id, library_id, shapes)
        return forecast((c.due for c in cards), self._now(), self.zone, days)
