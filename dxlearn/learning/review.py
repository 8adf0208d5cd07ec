"""復習 (spaced review): which quiz answers enter the review queue, and when a question is due.

The schedule is the ``fsrs`` package's (the Free Spaced Repetition Scheduler that Anki uses);
this module only decides what it is fed and how its dates are read:

- **What enters the queue.** Every question answered wrongly in a finished attempt, and every
  question of a passed attempt. An attempt is taken into the queue once, when it has finished,
  answer by answer in the order they were given: a wrong answer is rated ``Again``; a right one
  ``Good`` when the question already has a card or the attempt passed (a right answer in a failed
  attempt to a question never missed is no reason to review it). See :func:`quiz_rating`.
- **Reviews.** A question answered in a review session is rated ``Good`` when it is answered
  right, ``Again`` when wrong: no extra buttons for the learner (:func:`review_rating`).
- **Calendar days, not minutes.** The scheduler has no learning steps (no "again in 10
  minutes"): every rating schedules whole days ahead. fsrs counts the days between reviews in
  24-hour periods; a learner counts calendar days (a question due "tomorrow" may be answered at
  8:00 after a 17:00 failure). So fsrs is given each rating at the learner's calendar day, as
  a *day stamp* (noon UTC of that date, :func:`day_stamp`): the days it counts are then the
  learner's days, as in Anki, and a card's ``due`` and ``last_review`` are day stamps whose
  date (:func:`stamp_day`) is the learner's day. Fuzzing is off, so the date a learner or a
  trainer is told is the date fsrs computed (a learner has a few hundred cards at most; there
  is no load to spread).
- **A changed lesson.** A card belongs to its question's id (:func:`question_key`), not to
  its position or the lesson's version: the trainers' rule is that a question whose situation
  or answer changes gets a new id. So a card stays when the lesson gets a new version and its
  question keeps its id (it moves with the question if the questions were reordered), and is
  dropped when the library no longer holds a question with that id (:func:`card_fits`).
- **Which question an answer was.** From store revision 0006 each answer keeps the id of the
  question answered; an older answer only has its position in the quiz of the attempt's
  lesson version, which names a question only while the library holds that same version
  (:func:`answer_keys`, the one rule for the review queue and for item analysis).

Review never changes a lesson's status (修了): nothing here touches ``learning.status``.

``fsrs`` is imported when a schedule is computed, not when this module is imported, so the
first paint of the window does not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

from dxlearn.content.model import Library, Question

if TYPE_CHECKING:
    from fsrs import Scheduler

DEFAULT_RETENTION = 0.9
MIN_RETENTION = 0.7
MAX_RETENTION = 0.99
FORECAST_DAYS = 7
DAY_STAMP_TIME = time(12)


class Rating(IntEnum):
    """The two fsrs ratings the app gives (the values are fsrs's ``Rating`` values)."""

    AGAIN = 1
    GOOD = 3


class HasIndex(Protocol):
    @property
    def index(self) -> int: ...


def question_key(question: HasIndex | Question) -> str:
    """The stable key of a question within its lesson: its id when the quiz parser gives one
    (``Question.id``: explicit ``## [q-x] …`` or derived from the stem), else ``q<index>``."""
    return getattr(question, "id", None) or f"q{question.index}"


@dataclass(frozen=True, slots=True)
class LessonShape:
    """What a card must still match in the library: the lesson's version and its questions'
    keys in file order."""

    version: int
    keys: tuple[str, ...]


def lesson_shapes(library: Library) -> dict[str, LessonShape]:
    """lesson id -> shape for every lesson of ``library`` with quiz questions (broken lessons
    included: their questions are still the ones the learner answered)."""
    return {
        lesson.id: LessonShape(lesson.version,
                               tuple(question_key(q) for q in lesson.quiz.questions))
        for lesson in library.lessons()
        if lesson.quiz is not None and lesson.quiz.questions
    }


def card_fits(shape: LessonShape | None, key: str) -> bool:
    """True when the library's lesson still holds the question a card was made for."""
    return shape is not None and key in shape.keys


def card_position(shape: LessonShape, key: str) -> int:
    """The position of a fitting card's question in the library's lesson (:func:`card_fits`)."""
    return shape.keys.index(key)


def attempt_keys(shape: LessonShape | None, lesson_version: int,
                 question_count: int) -> tuple[str, ...] | None:
    """The question keys of an attempt's positions, or None when they cannot be known.

    The positions of an attempt name the library's questions only while the library holds the
    lesson version the attempt was made on with the same number of questions; otherwise the
    questions may have changed. Used for answers stored without a question id
    (:func:`answer_keys`)."""
    if shape is None or shape.version != lesson_version or len(shape.keys) != question_count:
        return None
    return shape.keys


def answer_key(shape: LessonShape | None, lesson_version: int, question_count: int,
               question_index: int, stored_id: str | None) -> str | None:
    """The library question an answer was given to, or None when it cannot be known (the
    answer is then left out of the review queue and of item analysis).

    An answer that kept its question's id (store revision 0006) names that question for as
    long as the library's lesson holds a question with that id, whatever its version or
    position now. An older answer maps by (lesson version, position): :func:`attempt_keys`."""
    if stored_id is not None:
        return stored_id if shape is not None and stored_id in shape.keys else None
    keys = attempt_keys(shape, lesson_version, question_count)
    if keys is None or not 0 <= question_index < len(keys):
        return None
    return keys[question_index]


def quiz_rating(correct: bool, *, attempt_passed: bool, has_card: bool) -> Rating | None:
    """The rating a quiz answer gives its question, or None when it does not enter the queue."""
    if not correct:
        return Rating.AGAIN
    if attempt_passed or has_card:
        return Rating.GOOD
    return None


def review_rating(correct: bool) -> Rating:
    """A review answer: right -> Good, wrong -> Again."""
    return Rating.GOOD if correct else Rating.AGAIN


# -- the schedule ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's fsrs memory state, as the store keeps it (``state``/``step`` are fsrs's;
    ``due`` and ``last_review`` are day stamps, :func:`day_stamp`)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


def check_retention(retention: float) -> float:
    if not MIN_RETENTION <= retention <= MAX_RETENTION:
        raise ValueError(f"desired retention {retention} is outside "
                         f"{MIN_RETENTION}..{MAX_RETENTION}")
    return float(retention)


def scheduler(retention: float = DEFAULT_RETENTION) -> Scheduler:
    """The fsrs scheduler the app uses (module docstring: days only, no fuzz)."""
    from fsrs import Scheduler

    return Scheduler(desired_retention=check_retention(retention), learning_steps=(),
                     relearning_steps=(), enable_fuzzing=False)


def new_card(at: datetime, zone: tzinfo | None = None) -> CardState:
    """A card never rated (fsrs's new card, due on the day of ``at``)."""
    from fsrs import State

    return CardState(int(State.Learning), 0, None, None, day_stamp(local_day(at, zone)), None)


def schedule(card: CardState, rating: Rating, at: datetime,
             retention: float = DEFAULT_RETENTION, zone: tzinfo | None = None) -> CardState:
    """The card after being rated ``rating`` at ``at`` (fsrs's ``Scheduler.review_card``, given
    the learner's day of ``at`` in ``zone`` as its day stamp).

    A rating dated before the card's last review (a PC clock set back) is taken as made on the
    day of the last review: fsrs counts elapsed days and must not see a negative interval."""
    from fsrs import Card, State
    from fsrs import Rating as FsrsRating

    moment = day_stamp(local_day(at, zone))
    if card.last_review is not None and moment < card.last_review:
        moment = card.last_review
    fsrs_card = Card(card_id=1, state=State(card.state), step=card.step,
                     stability=card.stability, difficulty=card.difficulty, due=card.due,
                     last_review=card.last_review)
    reviewed, _log = scheduler(retention).review_card(fsrs_card, FsrsRating(int(rating)),
                                                      moment)
    return CardState(int(reviewed.state), reviewed.step, reviewed.stability,
                     reviewed.difficulty, reviewed.due, reviewed.last_review)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime refused: {moment!r}")
    return moment.astimezone(UTC)


# -- days -----------------------------------------------------------------------------------------


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The learner's calendar day of ``moment`` (``zone`` None: the PC's time zone)."""
    return _utc(moment).astimezone(zone).date()


def day_stamp(day: date) -> datetime:
    """The instant that stands for the learner's calendar ``day`` in a schedule: noon UTC of
    that date (two stamps are always a whole number of days apart)."""
    return datetime.combine(day, DAY_STAMP_TIME, tzinfo=UTC)


def stamp_day(stamp: datetime) -> date:
    """The learner's day a day stamp stands for."""
    return _utc(stamp).date()


def due_cutoff(now: datetime, zone: tzinfo | None = None) -> datetime:
    """Cards whose ``due`` is before this stamp are due today (the learner's day of ``now``)."""
    return day_stamp(local_day(now, zone) + timedelta(days=1))


def is_due(due: datetime, now: datetime, zone: tzinfo | None = None) -> bool:
    return stamp_day(due) <= local_day(now, zone)


def forecast(dues: Iterable[datetime], now: datetime, zone: tzinfo | None = None,
             days: int = FORECAST_DAYS) -> list[tuple[date, int]]:
    """Questions due (``dues``: day stamps) on each of the next ``days`` days, today first
    (today counts everything overdue as well)."""
    today = local_day(now, zone)
    counts: dict[date, int] = {today + timedelta(days=i): 0 for i in range(days)}
    last = today + timedelta(days=days - 1)
    for due in dues:
        day = max(stamp_day(due), today)
        if day <= last:
            counts[day] += 1
    return sorted(counts.items())
