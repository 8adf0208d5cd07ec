"""The rules that must hold the same on a SQLite file and on a PostgreSQL server: id lengths,
the learners' order, two windows of one learner writing at once, writes sent twice.

Each test takes ``db_target`` and runs on both databases (interop review, PostgreSQL 3 and 7)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from store_support import ManualClock

from dxlearn.content.fields import MAX_RECORD_ID_CHARS
from dxlearn.learning.profile import MAX_STAFF_ID_CHARS, validate_profile
from dxlearn.store import OpenedStore, StoreError, open_store
from dxlearn.store.models import ATTEMPTS, LESSON_PROGRESS

LIB = "dx-basic"


def test_the_id_limits_are_one_figure_for_lint_registration_and_both_databases() -> None:
    assert LESSON_PROGRESS.c.lesson_id.type.length == MAX_RECORD_ID_CHARS
    assert ATTEMPTS.c.library_id.type.length == MAX_RECORD_ID_CHARS
    long_id = "1" * (MAX_STAFF_ID_CHARS + 1)
    profile, problems = validate_profile(long_id, "名前", "課", "staff", ["staff"])
    assert profile is None and problems["staff_id"].value == "staff_id_invalid"


@pytest.mark.parametrize(("field", "make"), [
    ("staff_id", lambda s: s.register_learner("9" * (MAX_STAFF_ID_CHARS + 1), "n", "", "staff")),
    ("lesson_id", lambda s: s.open_lesson("00123", LIB, "l" * (MAX_RECORD_ID_CHARS + 1),
                                          version=1)),
    ("library_id", lambda s: s.add_study_seconds("00123", "x" * (MAX_RECORD_ID_CHARS + 1),
                                                 "l1", 5)),
])
def test_an_id_longer_than_its_column_is_refused_the_same_on_both(
        db_target: str, clock: ManualClock, field: str, make: Callable[..., object]) -> None:
    """SQLite stored these, PostgreSQL failed with database_error: now both refuse them
    before writing, with the field and the limit."""
    with open_store(db_target, clock=clock) as opened:
        store = opened.store
        store.register_learner("00123", "山田 太郎", "", "staff")
        with pytest.raises(StoreError) as raised:
            make(store)
        assert raised.value.code == "id_too_long"
        assert raised.value.params["field"] == field
        assert "文字まで" in raised.value.message("ja")
        exact = "7" * MAX_STAFF_ID_CHARS  # the limit itself is fine
        assert store.register_learner(exact, "n", "", "staff").staff_id == exact


def test_learners_are_listed_in_the_same_order_on_both(db_target: str) -> None:
    """Byte (code point) order, whatever the server's collation (a Japanese ICU locale
    sorted these differently from SQLite)."""
    ids = ["b", "A", "a", "10", "9", "_x", "あ", "ア", "亜", "Z-1", "z"]
    with open_store(db_target) as opened:
        for staff_id in ids:
            opened.store.register_learner(staff_id, "n", "", "staff")
        listed = [learner.staff_id for learner in opened.store.list_learners()]
    assert listed == sorted(ids)


def _together(count: int, work: Callable[[int], None]) -> None:
    """``work(i)`` on ``count`` threads started at the same moment; re-raises a failure."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            work(index)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _windows(db_target: str) -> list[OpenedStore]:
    """Two windows writing one database: two stores on a server; on a file one store used by
    both threads (a second window on a file is read-only by design: the instance lock)."""
    first = open_store(db_target)
    return [first, open_store(db_target) if "://" in db_target else first]


def _close(windows: list[OpenedStore]) -> None:
    for window in windows:
        window.close()


def test_two_windows_of_one_learner_lose_no_study_time(db_target: str) -> None:
    """Two stores (two PCs of one learner) adding study time to the same lesson at once,
    starting with no progress row: every second counts (21 % were lost on PostgreSQL)."""
    with open_store(db_target) as first:
        first.store.register_learner("00123", "山田 太郎", "", "staff")
    windows = _windows(db_target)
    try:
        def study(index: int) -> None:
            store = windows[index % 2].store
            for _ in range(25):
                store.add_study_seconds("00123", LIB, "l1", 2)
                store.save_position("00123", LIB, "l1", 0.5)

        _together(4, study)
        record = windows[0].store.lesson_progress("00123", LIB, "l1")
        assert record.study_seconds == 4 * 25 * 2
        days = windows[1].store.study_days("00123", LIB)
        assert sum(seconds for _day, _lesson, seconds in days.days) == 200
    finally:
        _close(windows)


def test_two_windows_opening_a_new_lesson_at_once_make_one_record(db_target: str) -> None:
    with open_store(db_target) as first:
        first.store.register_learner("00123", "山田 太郎", "", "staff")
    windows = _windows(db_target)
    try:
        _together(2, lambda i: windows[i].store.open_lesson("00123", LIB, "new", version=3))
        _together(2, lambda i: windows[i].store.mark_read("00123", LIB, "new2", version=1,
                                                          has_quiz=False))
        progress = windows[0].store.progress_for("00123", LIB)
        assert set(progress) == {"new", "new2"}
        assert progress["new2"].completed_at is not None
    finally:
        _close(windows)


def test_two_pcs_signing_in_one_new_learner_at_once_register_them_once(db_target: str) -> None:
    windows = _windows(db_target)
    try:
        found: list[str] = []
        _together(2, lambda i: found.append(windows[i].store.ensure_learner(
            "00555", "佐藤 花子", "市民課", "staff").name))
        assert found == ["佐藤 花子", "佐藤 花子"]
        assert [learner.staff_id for learner in windows[0].store.list_learners()] == ["00555"]
    finally:
        _close(windows)


def test_writes_sent_twice_count_once(db_target: str) -> None:
    """What a retry after a lost reply or the offline journal's replay does: the same study
    time op key, the same attempt key, the same answer, the same finish."""
    with open_store(db_target) as opened:
        store = opened.store
        store.register_learner("00123", "山田 太郎", "", "staff")
        for _ in range(3):
            store.add_study_seconds("00123", LIB, "l1", 30, op_key="op-1")
        assert store.lesson_progress("00123", LIB, "l1").study_seconds == 30
        states = [store.start_attempt("00123", LIB, "l1", lesson_version=1, pass_score=50,
                                      choice_orders=[[0, 1]], attempt_key="key-1")
                  for _ in range(2)]
        assert states[0].attempt_id == states[1].attempt_id
        assert states[0].attempt.attempt_key == "key-1"
        for _ in range(2):
            store.record_answer(states[0].attempt_id, 0, [1], True)
        assert len(store.attempt_state(states[0].attempt_id).answers) == 1
        first = store.finish_attempt(states[0].attempt_id, 100)
        again = store.finish_attempt(states[0].attempt_id, 100)
        assert (first.completed_now, again.completed_now) == (False, False)
        assert store.lesson_progress("00123", LIB, "l1").attempts == 1
