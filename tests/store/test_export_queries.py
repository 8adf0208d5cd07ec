"""The extra export queries: learner counts, finished attempts for xAPI, and the answers
of finished attempts (the answers export)."""

from __future__ import annotations

import pytest
from store_support import ManualClock

from dxlearn.store import ProgressStore
from dxlearn.store.export_queries import answer_feed, finished_attempts, learner_count

LIB = "dx"


def _attempt(
    store: ProgressStore, clock: ManualClock, staff_id: str, lesson: str, score: int | None
) -> int:
    attempt = store.start_attempt(
        staff_id, LIB, lesson, lesson_version=3, pass_score=80, choice_orders=[[0, 1]]
    ).attempt_id
    clock.advance(minutes=2)  # two minutes spent on the quiz
    if score is not None:
        store.finish_attempt(attempt, score)
    return attempt


def test_learner_count(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import dxlearn.store.export_queries as export_queries

    store.register_learner("00002", "n", "", "staff")
    assert learner_count(store) == 2
    assert learner_count(store, ["00002", "00002", "nobody"]) == 1
    monkeypatch.setattr(export_queries, "IN_LIST_LIMIT", 1)  # chunked IN lists
    assert learner_count(store, ["00123", "00002"]) == 2


def test_finished_attempts_in_key_order(store: ProgressStore, clock: ManualClock) -> None:
    store.register_learner("00002", "n", "", "staff")
    first = _attempt(store, clock, "00123", "b", 50)
    second = _attempt(store, clock, "00123", "b", 90)
    _attempt(store, clock, "00123", "a", None)  # unfinished: not an xAPI statement yet
    other = _attempt(store, clock, "00002", "a", 100)
    rows = list(finished_attempts(store, LIB))
    assert [(r.staff_id, r.lesson_id, r.attempt_id) for r in rows] == [
        ("00002", "a", other),
        ("00123", "b", first),
        ("00123", "b", second),
    ]
    assert (rows[2].score, rows[2].passed, rows[1].passed) == (90, True, False)
    assert all((r.finished_at - r.started_at).total_seconds() == 120 for r in rows)
    assert rows[2].lesson_version == 3 and rows[2].library_id == LIB
    assert [r.attempt_id for r in finished_attempts(store, LIB, ["00002"])] == [other]
    assert list(finished_attempts(store, "other-library")) == []


def test_answer_feed_numbers_finished_attempts_and_keeps_each_answer(
        store: ProgressStore, clock: ManualClock) -> None:
    first = store.start_attempt("00123", LIB, "b", lesson_version=3, pass_score=80,
                                choice_orders=[[1, 0, 2], [0, 1]]).attempt_id
    store.record_answer(first, 1, [1], False)
    clock.advance(seconds=10)
    store.record_answer(first, 0, [2, 0], True)
    store.finish_attempt(first, 50)
    clock.advance(minutes=1)
    unfinished = store.start_attempt("00123", LIB, "b", lesson_version=3, pass_score=80,
                                     choice_orders=[[0, 1, 2], [0, 1]]).attempt_id
    store.record_answer(unfinished, 0, [0], True)  # not finished: not exported
    clock.advance(minutes=1)
    empty = store.start_attempt("00123", LIB, "b", lesson_version=4, pass_score=80,
                                choice_orders=[[0, 1, 2], [0, 1]]).attempt_id
    store.finish_attempt(empty, 0)  # finished without answers: counted, no rows
    clock.advance(minutes=1)
    third = store.start_attempt("00123", LIB, "b", lesson_version=4, pass_score=80,
                                choice_orders=[[0, 1, 2], [0, 1]]).attempt_id
    store.record_answer(third, 0, [0], True)
    store.finish_attempt(third, 50)
    rows = list(answer_feed(store, LIB))
    assert [(r.attempt, r.question_index, r.selected, r.correct, r.lesson_version)
            for r in rows] == [(1, 0, (0, 2), True, 3), (1, 1, (1,), False, 3),
                               (3, 0, (0,), True, 4)]
    assert rows[0].question_count == 2 and rows[0].staff_id == "00123"
    assert rows[0].attempt_started_at == rows[1].attempt_started_at
    assert rows[0].answered_at > rows[1].answered_at  # by position, not by time
    assert rows[0].attempt_started_at.tzinfo is not None
    assert list(answer_feed(store, LIB, ["nobody"])) == []
    assert list(answer_feed(store, "other-library")) == []
