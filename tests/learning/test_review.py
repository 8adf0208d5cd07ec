"""The review rules (learning.review): our schedule is fsrs's, days are the learner's days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from types import SimpleNamespace

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.content.model import Choice, Question
from dxlearn.learning import review
from dxlearn.learning.review import (
    LessonShape,
    Rating,
    answer_key,
    card_fits,
    card_position,
    due_cutoff,
    forecast,
    is_due,
    local_day,
    new_card,
    question_key,
    quiz_rating,
    review_rating,
    schedule,
)

T0 = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)  # 14:00 in Tokyo
JST = timezone(timedelta(hours=9))


def stamp(at: datetime, zone: timezone = UTC) -> datetime:
    """The learner's calendar day of ``at`` as fsrs is given it: noon UTC of that date."""
    return datetime.combine(at.astimezone(zone).date(), datetime.min.time().replace(hour=12),
                            tzinfo=UTC)


def direct(ratings: list[tuple[fsrs.Rating, datetime]], retention: float = 0.9,
           zone: timezone = UTC) -> fsrs.Card:
    """The library called directly, configured as the module says: whole days (no learning
    steps), no fuzz, the policy's desired retention, each rating on the learner's day."""
    scheduler = fsrs.Scheduler(desired_retention=retention, learning_steps=(),
                               relearning_steps=(), enable_fuzzing=False)
    card = fsrs.Card(card_id=7, due=stamp(ratings[0][1], zone))
    for rating, at in ratings:
        card, _log = scheduler.review_card(card, rating, stamp(at, zone))
    return card


def ours(ratings: list[tuple[Rating, datetime]], retention: float = 0.9,
         zone: timezone = UTC) -> review.CardState:
    card = new_card(ratings[0][1], zone)
    for rating, at in ratings:
        card = schedule(card, rating, at, retention, zone)
    return card


def same(card: review.CardState, expected: fsrs.Card) -> None:
    assert (card.state, card.step, card.due, card.last_review) == (
        int(expected.state), expected.step, expected.due, expected.last_review)
    assert card.stability == pytest.approx(expected.stability)
    assert card.difficulty == pytest.approx(expected.difficulty)


@pytest.mark.parametrize(("rating", "fsrs_rating"), [(Rating.AGAIN, fsrs.Rating.Again),
                                                     (Rating.GOOD, fsrs.Rating.Good)])
def test_a_first_rating_schedules_what_fsrs_schedules(rating: Rating,
                                                      fsrs_rating: fsrs.Rating) -> None:
    card = ours([(rating, T0)])
    expected = direct([(fsrs_rating, T0)])
    same(card, expected)
    assert card.due - stamp(T0) >= timedelta(days=1)  # whole days: never "in 10 minutes"
    assert (card.due - stamp(T0)) % timedelta(days=1) == timedelta(0)


def test_again_then_good_then_again_follows_fsrs_and_good_moves_further_out() -> None:
    again = ours([(Rating.AGAIN, T0)])
    good = ours([(Rating.AGAIN, T0), (Rating.GOOD, again.due)])
    assert good.due - again.due > again.due - T0  # answered right: a longer interval
    same(good, direct([(fsrs.Rating.Again, T0), (fsrs.Rating.Good, again.due)]))
    lapse = ours([(Rating.AGAIN, T0), (Rating.GOOD, again.due), (Rating.AGAIN, good.due)])
    same(lapse, direct([(fsrs.Rating.Again, T0), (fsrs.Rating.Good, again.due),
                        (fsrs.Rating.Again, good.due)]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 60 * 24 * 40)), min_size=1, max_size=8),
       st.sampled_from([0.7, 0.8, 0.9, 0.95, 0.99]), st.sampled_from([UTC, JST]))
def test_any_sequence_of_answers_is_scheduled_as_fsrs_schedules_it(
        answers: list[tuple[bool, int]], retention: float, zone: timezone) -> None:
    at = T0
    mine: list[tuple[Rating, datetime]] = []
    theirs: list[tuple[fsrs.Rating, datetime]] = []
    for correct, minutes_later in answers:
        at += timedelta(minutes=minutes_later)
        mine.append((review_rating(correct), at))
        theirs.append((fsrs.Rating.Good if correct else fsrs.Rating.Again, at))
    same(ours(mine, retention, zone), direct(theirs, retention, zone))


def test_a_higher_retention_reviews_sooner() -> None:
    assert ours([(Rating.GOOD, T0)], 0.95).due < ours([(Rating.GOOD, T0)], 0.8).due


def test_a_rating_dated_before_the_last_review_is_taken_at_the_last_review() -> None:
    card = ours([(Rating.GOOD, T0)])
    back = schedule(card, Rating.GOOD, T0 - timedelta(days=3), zone=UTC)  # clock set back
    assert back == schedule(card, Rating.GOOD, T0, zone=UTC)


def test_the_learners_calendar_days_count_not_24_hour_periods() -> None:
    evening = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo
    failed = schedule(new_card(evening, JST), Rating.AGAIN, evening, zone=JST)
    assert review.stamp_day(failed.due) == date(2026, 11, 28)  # tomorrow
    morning = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)  # 8:00 the next day: 15 hours later
    again_good = schedule(failed, Rating.GOOD, morning, zone=JST)
    a_day_later = schedule(failed, Rating.GOOD, evening + timedelta(days=1), zone=JST)
    assert again_good == a_day_later  # one calendar day, whatever the hour


@pytest.mark.parametrize("retention", [0.69, 1.0, 0.0])
def test_retention_outside_the_policy_range_is_refused(retention: float) -> None:
    with pytest.raises(ValueError):
        review.scheduler(retention)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        new_card(datetime(2026, 11, 27, 5, 0))


# -- what enters the queue -------------------------------------------------------------------------


@pytest.mark.parametrize(("correct", "passed", "has_card", "expected"), [
    (False, False, False, Rating.AGAIN),  # a wrong answer, in any attempt
    (False, True, True, Rating.AGAIN),
    (True, True, False, Rating.GOOD),  # every question of a passed quiz
    (True, False, True, Rating.GOOD),  # a question already in the queue answered right
    (True, False, False, None),  # right in a failed attempt, never missed: not reviewed
])
def test_which_quiz_answers_enter_the_queue(correct: bool, passed: bool, has_card: bool,
                                            expected: Rating | None) -> None:
    assert quiz_rating(correct, attempt_passed=passed, has_card=has_card) is expected


def test_question_key_is_the_question_id_when_the_parser_gives_one() -> None:
    question = Question(index=2, line=10, prompt="p", prompt_html="", explanation="",
                        explanation_html="",
                        choices=(Choice("a", "a", True), Choice("b", "b", False)))
    assert question_key(question) == "q2"
    assert question_key(SimpleNamespace(index=2, id="q-online-1")) == "q-online-1"
    assert question_key(SimpleNamespace(index=2, id="")) == "q2"


def test_a_card_fits_while_the_library_holds_its_question_whatever_the_version() -> None:
    shape = LessonShape(3, ("q0", "q1"))
    assert card_fits(shape, "q1")
    assert card_fits(LessonShape(4, ("q-new", "q0", "q1")), "q1")  # new version, moved
    assert card_position(LessonShape(4, ("q-new", "q0", "q1")), "q1") == 2
    assert not card_fits(shape, "q2")  # the question is gone
    assert not card_fits(None, "q1")  # the lesson (or its quiz) is gone


def test_an_answer_with_its_question_id_names_that_question_in_any_version() -> None:
    now = LessonShape(4, ("q-new", "q-a", "q-b"))
    # stored ids (revision 0006): found by id, whatever the version and the position
    assert answer_key(now, 3, 2, 0, "q-a") == "q-a"
    assert answer_key(now, 4, 3, 2, "q-b") == "q-b"
    assert answer_key(now, 3, 2, 1, "q-gone") is None  # rewritten: a new id, old one gone
    assert answer_key(None, 3, 2, 1, "q-a") is None
    # no stored id (before 0006): by position, only on the same version and length
    assert answer_key(now, 4, 3, 1, None) == "q-a"
    assert answer_key(now, 3, 3, 1, None) is None  # answered on another version
    assert answer_key(now, 4, 2, 1, None) is None  # another number of questions
    assert answer_key(now, 4, 3, 5, None) is None  # out of range


# -- days ------------------------------------------------------------------------------------------


def test_a_card_is_due_on_the_learners_local_day() -> None:
    now = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 10:00 on the 28th in Tokyo
    assert local_day(now, JST) == date(2026, 11, 28)
    assert local_day(now, UTC) == date(2026, 11, 28)
    late = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 01:00 on the 28th in Tokyo
    assert local_day(late, JST) == date(2026, 11, 28) and local_day(late, UTC).day == 27
    today, tomorrow = review.day_stamp(date(2026, 11, 28)), review.day_stamp(date(2026, 11, 29))
    assert is_due(today, now, JST) and not is_due(tomorrow, now, JST)
    assert is_due(review.day_stamp(date(2026, 11, 20)), now, JST)  # overdue is due
    assert due_cutoff(now, JST) == tomorrow  # due before tomorrow's stamp: due today
    assert review.stamp_day(tomorrow) == date(2026, 11, 29)


def test_the_forecast_counts_the_next_seven_days_with_the_overdue_today() -> None:
    now = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
    today = date(2026, 11, 28)
    dues = [review.day_stamp(today + timedelta(days=n)) for n in (-5, 0, 1, 1, 6, 7)]
    days = forecast(dues, now, JST)
    assert [d for d, _ in days] == [date(2026, 11, 28) + timedelta(days=i) for i in range(7)]
    assert [n for _, n in days] == [2, 2, 0, 0, 0, 0, 1]
