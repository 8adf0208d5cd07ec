"""The review queue and the study days in the store, on a real SQLite file with a set clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from store_support import T0, ManualClock

from dxlearn.learning import Status
from dxlearn.learning.review import LessonShape, Rating, new_card, schedule, stamp_day
from dxlearn.store import ProgressStore, migrate, open_store
from dxlearn.store.engine import create_store_engine, resolve_target
from dxlearn.store.records import ReviewSync

LIB = "dx-basic"
JST = timezone(timedelta(hours=9))
SHAPES = {"l1": LessonShape(2, ("q0", "q1", "q2")), "l2": LessonShape(1, ("q0", "q1"))}


@pytest.fixture
def jst_store(store: ProgressStore) -> ProgressStore:
    store.zone = JST  # T0 is 14:00 in Tokyo
    return store


def take_quiz(store: ProgressStore, clock: ManualClock, answers: list[bool], *,
              lesson: str = "l1", version: int = 2, pass_score: int = 60,
              ids: list[str] | None = None) -> int:
    """Start an attempt, answer one question a minute, finish it with the graded score.
    ``ids``: the question ids recorded with the answers (revision 0006), else none (an
    answer as recorded before it)."""
    attempt = store.start_attempt("00123", LIB, lesson, lesson_version=version,
                                  pass_score=pass_score,
                                  choice_orders=[[0, 1]] * len(answers)).attempt_id
    for index, correct in enumerate(answers):
        clock.advance(minutes=1)
        store.record_answer(attempt, index, [0 if correct else 1], correct,
                            question_id=None if ids is None else ids[index])
    clock.advance(minutes=1)
    store.finish_attempt(attempt, sum(answers) * 100 // len(answers))
    return attempt


def cards_by_question(store: ProgressStore, lesson: str = "l1") -> dict[int, object]:
    return {c.question_index: c for c in store.review_cards("00123", LIB, SHAPES)
            if c.lesson_id == lesson}


def test_a_failed_question_is_due_on_the_day_fsrs_schedules_it(
        jst_store: ProgressStore, clock: ManualClock) -> None:
    store = jst_store
    take_quiz(store, clock, [False, True, False])  # 33 < 60: failed
    synced = store.sync_reviews("00123", LIB, SHAPES)
    assert (synced.attempts_taken, synced.cards_added, synced.cards_dropped) == (1, 2, 0)
    cards = cards_by_question(store)
    assert set(cards) == {0, 2}  # the right answer in a failed attempt is not reviewed
    answered_at = T0 + timedelta(minutes=1)
    expected = schedule(new_card(answered_at, JST), Rating.AGAIN, answered_at, zone=JST)
    assert cards[0].schedule == expected
    assert stamp_day(cards[0].due) == date(2026, 11, 28)  # fsrs: again tomorrow
    assert store.due_reviews("00123", LIB, SHAPES) == []  # not today
    clock.now = datetime(2026, 11, 27, 14, 59, tzinfo=UTC)  # 23:59 tonight in Tokyo
    assert store.due_reviews("00123", LIB, SHAPES) == []
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # midnight: the 28th in Tokyo
    due = store.due_reviews("00123", LIB, SHAPES)
    assert [c.question_index for c in due] == [0, 2]


def test_every_question_of_a_passed_quiz_enters_with_good(
        jst_store: ProgressStore, clock: ManualClock) -> None:
    take_quiz(jst_store, clock, [True, True, False])  # 66 >= 60: passed
    jst_store.sync_reviews("00123", LIB, SHAPES)
    cards = cards_by_question(jst_store)
    assert set(cards) == {0, 1, 2}
    good_at = T0 + timedelta(minutes=1)
    assert cards[0].schedule == schedule(new_card(good_at, JST), Rating.GOOD, good_at, zone=JST)
    assert cards[2].schedule.due < cards[0].schedule.due  # the wrong one comes back sooner


def test_attempts_are_taken_once_and_in_order(jst_store: ProgressStore,
                                              clock: ManualClock) -> None:
    store = jst_store
    take_quiz(store, clock, [False, True, True])
    first_answer = T0 + timedelta(minutes=1)
    clock.advance(days=1)
    take_quiz(store, clock, [True, True, True])  # passed the next day
    assert store.sync_reviews("00123", LIB, SHAPES).attempts_taken == 2
    assert store.sync_reviews("00123", LIB, SHAPES).attempts_taken == 0  # nothing new
    second_answer = first_answer + timedelta(days=1, minutes=4)  # four minutes per quiz
    card = cards_by_question(store)[0]
    first = schedule(new_card(first_answer, JST), Rating.AGAIN, first_answer, zone=JST)
    expected = schedule(first, Rating.GOOD, second_answer, zone=JST)
    assert card.schedule == expected


def test_an_unfinished_attempt_waits_until_it_is_finished(jst_store: ProgressStore,
                                                         clock: ManualClock) -> None:
    store = jst_store
    attempt = store.start_attempt("00123", LIB, "l1", lesson_version=2, pass_score=60,
                                  choice_orders=[[0, 1]] * 3).attempt_id
    store.record_answer(attempt, 0, [1], False)
    assert store.sync_reviews("00123", LIB, SHAPES).attempts_taken == 0
    store.record_answer(attempt, 1, [0], True)
    store.record_answer(attempt, 2, [0], True)
    store.finish_attempt(attempt, 66)
    assert store.sync_reviews("00123", LIB, SHAPES).attempts_taken == 1
    assert set(cards_by_question(store)) == {0, 1, 2}


def test_a_rewritten_question_drops_its_card_and_old_attempts_do_not_enter(
        jst_store: ProgressStore, clock: ManualClock) -> None:
    store = jst_store
    take_quiz(store, clock, [False, False, False])
    take_quiz(store, clock, [False, True], lesson="l2", version=1)
    store.sync_reviews("00123", LIB, SHAPES)
    assert len(store.review_cards("00123", LIB, SHAPES)) == 4
    # a trainer's new version: every question rewritten, so every question has a new id
    edited = {**SHAPES, "l1": LessonShape(3, ("q-d1", "q-d2", "q-d3"))}
    # a read (a read-only store) already leaves them out
    assert {c.lesson_id for c in store.review_cards("00123", LIB, edited)} == {"l2"}
    synced = store.sync_reviews("00123", LIB, edited)
    assert synced.cards_dropped == 3
    assert {c.lesson_id for c in store.review_cards("00123", LIB, SHAPES)} == {"l2"}
    # an attempt on the old version without question ids: its positions name nothing now
    take_quiz(store, clock, [False, True, True], version=2)
    assert store.sync_reviews("00123", LIB, edited).cards_added == 0


def test_a_card_follows_its_question_into_a_new_lesson_version(
        jst_store: ProgressStore, clock: ManualClock) -> None:
    """A new version that keeps a question's id (wording fixed, questions reordered, one
    added) keeps its card, at the question's new position: the learner's 復習 is not lost."""
    store = jst_store
    take_quiz(store, clock, [False, False, True], ids=["q0", "q1", "q2"])
    store.sync_reviews("00123", LIB, SHAPES)
    before = {c.question_key: c for c in store.review_cards("00123", LIB, SHAPES)}
    assert set(before) == {"q0", "q1"}
    # version 3: q0 and q1 swapped places, a new question, q2 rewritten as q-d9
    edited = {**SHAPES, "l1": LessonShape(3, ("q1", "q0", "q-new", "q-d9"))}
    synced = store.sync_reviews("00123", LIB, edited)
    assert synced.cards_dropped == 0
    after = {c.question_key: c for c in store.review_cards("00123", LIB, edited)}
    assert {k: (c.question_index, c.lesson_version) for k, c in after.items()} == {
        "q1": (0, 3), "q0": (1, 3)}
    assert {k: c.schedule for k, c in after.items()} == {k: c.schedule
                                                          for k, c in before.items()}
    assert store.sync_reviews("00123", LIB, edited) == ReviewSync(0, 0, 0)  # nothing to do
    # an attempt made on version 2 WITH ids (say, on another PC) still enters by id
    take_quiz(store, clock, [True, True, False], ids=["q0", "q1", "q2"])
    assert store.sync_reviews("00123", LIB, edited).cards_added == 0  # q2 is gone
    # an attempt on another lesson's old version, taken in only after that lesson changed:
    # its answers name their questions by id, so they enter at the questions' new places
    take_quiz(store, clock, [False, False], lesson="l2", version=1, ids=["q0", "q1"])
    moved = {**edited, "l2": LessonShape(2, ("q1", "q-x", "q0"))}
    assert store.sync_reviews("00123", LIB, moved).cards_added == 2
    assert {c.question_key: (c.question_index, c.lesson_version)
            for c in store.review_cards("00123", LIB, moved) if c.lesson_id == "l2"} == {
        "q1": (0, 2), "q0": (2, 2)}
    take_quiz(store, clock, [False, False, False, False], version=3,
              ids=["q1", "q0", "q-new", "q-d9"])
    store.sync_reviews("00123", LIB, moved)
    assert {c.question_key: c.question_index
            for c in store.review_cards("00123", LIB, moved) if c.lesson_id == "l1"} == {
        "q1": 0, "q0": 1, "q-new": 2, "q-d9": 3}


def test_a_review_moves_the_card_and_never_changes_the_lesson_status(
        jst_store: ProgressStore, clock: ManualClock) -> None:
    store = jst_store
    store.mark_read("00123", LIB, "l1", version=2, has_quiz=True)
    take_quiz(store, clock, [False, True, True])  # passed: completed
    before = store.lesson_progress("00123", LIB, "l1")
    assert before.status is Status.COMPLETED
    store.sync_reviews("00123", LIB, SHAPES)
    card = cards_by_question(store)[0]
    clock.now = card.due
    reviewed = store.rate_review(card.card_id, True)
    assert reviewed.schedule == schedule(card.schedule, Rating.GOOD, card.due, zone=JST)
    assert reviewed.due - card.due > card.due - card.schedule.last_review  # further out
    again = store.rate_review(card.card_id, False, retention=0.8)
    assert again.schedule == schedule(reviewed.schedule, Rating.AGAIN, card.due, 0.8, JST)
    after = store.lesson_progress("00123", LIB, "l1")
    assert (after.status, after.completed_at, after.attempts) == (
        before.status, before.completed_at, before.attempts)


def test_each_rating_is_committed_with_its_log_line(jst_store: ProgressStore,
                                                    clock: ManualClock, db_target: str) -> None:
    store = jst_store
    take_quiz(store, clock, [False, True, True])
    store.sync_reviews("00123", LIB, SHAPES)
    card = cards_by_question(store)[0]
    store.rate_review(card.card_id, True)
    engine = create_store_engine(resolve_target(db_target), read_only=True)
    try:  # another connection sees it: it is committed
        with engine.connect() as connection:
            logs = connection.execute(text(
                "SELECT source, rating, correct FROM review_logs WHERE card_id = :c "
                "ORDER BY id"), {"c": card.card_id}).all()
    finally:
        engine.dispose()
    assert [(s, r, bool(c)) for s, r, c in logs] == [("quiz", 1, False), ("review", 3, True)]
    with open_store(db_target, read_only=True) as other:
        assert other.store.review_cards("00123", LIB, SHAPES) == store.review_cards(
            "00123", LIB, SHAPES)


def test_the_forecast_counts_what_the_store_holds(jst_store: ProgressStore,
                                                  clock: ManualClock) -> None:
    store = jst_store
    take_quiz(store, clock, [False, True, True])
    store.sync_reviews("00123", LIB, SHAPES)
    cards = store.review_cards("00123", LIB, SHAPES)
    days = store.review_forecast("00123", LIB, SHAPES)
    assert days[0][0] == date(2026, 11, 27)
    assert sum(n for _, n in days) == sum(1 for c in cards if stamp_day(c.due) <= date(2026, 12, 3))


def test_study_time_is_kept_per_local_day(jst_store: ProgressStore,
                                          clock: ManualClock) -> None:
    store = jst_store
    clock.now = datetime(2026, 11, 27, 14, 50, tzinfo=UTC)  # 23:50 in Tokyo
    store.add_study_seconds("00123", LIB, "l1", 300)
    clock.advance(minutes=20)  # 00:10 on the 28th
    store.add_study_seconds("00123", LIB, "l1", 120)
    store.add_study_seconds("00123", LIB, "l2", 60)
    store.add_study_seconds("00123", LIB, "l1", 30)
    days = store.study_days("00123", LIB)
    assert days.days == ((date(2026, 11, 27), "l1", 300), (date(2026, 11, 28), "l1", 150),
                         (date(2026, 11, 28), "l2", 60))
    assert days.before_seconds == 0  # a database created at 0004 has no earlier time
    assert days.since is not None
    assert store.lesson_progress("00123", LIB, "l1").study_seconds == 450


def _database_at_0002_with_history(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_store_engine(resolve_target(path), journal_mode="wal")
    try:
        migrate.upgrade(engine, "0002")
        with engine.begin() as connection:
            run = connection.execute
            run(text("INSERT INTO learners (id, staff_id, name, department, role, created_at,"
                     " updated_at) VALUES (1, '00123', '山田 太郎', '', 'staff', :t, :t)"),
                {"t": "2026-04-01 00:00:00.000000"})
            run(text("INSERT INTO lesson_progress (learner_id, library_id, lesson_id, version,"
                     " study_seconds, last_position, updated_at) VALUES"
                     " (1, :lib, 'l2', 1, 600, 0, :t)"),
                {"lib": LIB, "t": "2026-04-01 00:00:00.000000"})
            run(text("INSERT INTO quiz_attempts (id, learner_id, library_id, lesson_id,"
                     " lesson_version, started_at, finished_at, score, passed, pass_score,"
                     " question_count, choice_orders) VALUES (1, 1, :lib, 'l2', 1, :s, :f,"
                     " 50, 0, 80, 2, '[[0, 1], [0, 1]]')"),
                {"lib": LIB, "s": "2026-04-01 01:00:00.000000",
                 "f": "2026-04-01 01:05:00.000000"})
            run(text("INSERT INTO attempt_answers (attempt_id, question_index, selected,"
                     " correct, answered_at) VALUES (1, 0, '[1]', 0, :a), (1, 1, '[0]', 1, :b)"),
                {"a": "2026-04-01 01:01:00.000000", "b": "2026-04-01 01:02:00.000000"})
    finally:
        engine.dispose()


def test_a_0002_database_upgrades_and_builds_its_queue_from_the_history(
        tmp_path: Path) -> None:
    db = tmp_path / "data" / "progress.db"
    _database_at_0002_with_history(db)
    clock = ManualClock()
    with open_store(db, clock=clock) as opened:
        opened.store.zone = JST
        assert (opened.report.revision_before, opened.report.revision) == ("0002", migrate.HEAD)
        store = opened.store
        synced = store.sync_reviews("00123", LIB, SHAPES)
        assert (synced.attempts_taken, synced.cards_added) == (1, 1)
        card = store.review_cards("00123", LIB, SHAPES)[0]
        answered = datetime(2026, 4, 1, 1, 1, tzinfo=UTC)
        assert card.schedule == schedule(new_card(answered, JST), Rating.AGAIN, answered,
                                         zone=JST)
        assert [c.card_id for c in store.due_reviews("00123", LIB, SHAPES)] == [card.card_id]
        days = store.study_days("00123", LIB)
        assert (days.days, days.before_seconds) == ((), 600)  # shown as one earlier total
        assert days.since is not None and days.since > T0 - timedelta(days=1)
