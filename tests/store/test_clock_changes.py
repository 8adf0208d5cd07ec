"""A clock set back while a learner studies never makes a completion earlier than its start."""

from __future__ import annotations

from store_support import ManualClock

from dxlearn.store import ProgressStore


def test_reading_after_the_clock_went_back_completes_no_earlier_than_the_start(
    store: ProgressStore, clock: ManualClock
) -> None:
    clock.advance(hours=3)  # the PC's clock ran ahead when the lesson was opened
    store.open_lesson("00123", "dx", "l1", version=1)
    clock.advance(hours=-3)  # and was put right before the learner finished reading
    record = store.mark_read("00123", "dx", "l1", version=1, has_quiz=False)
    assert record.completed_at is not None and record.started_at is not None
    assert record.completed_at >= record.started_at


def test_passing_after_the_clock_went_back_completes_no_earlier_than_the_start(
    store: ProgressStore, clock: ManualClock
) -> None:
    clock.advance(days=1)
    attempt = store.start_attempt(
        "00123", "dx", "l2", lesson_version=1, pass_score=80, choice_orders=[[0, 1]]
    ).attempt_id
    clock.advance(days=-1, minutes=5)
    store.record_answer(attempt, 0, [0], True)
    finished = store.finish_attempt(attempt, 100)
    lesson = store.mark_read("00123", "dx", "l2", version=1, has_quiz=True)
    assert lesson.completed_at is not None and lesson.started_at is not None
    assert lesson.completed_at >= lesson.started_at
    assert finished.attempt.finished_at is not None
    assert finished.attempt.finished_at >= finished.attempt.started_at
    exported = next(iter(store.learner_progress("dx"))).lessons["l2"]
    assert exported.completed_at is not None and exported.started_at is not None
    assert exported.completed_at >= exported.started_at
