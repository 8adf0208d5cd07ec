"""The repository through its public API, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import event
from store_support import T0, ManualClock

from dxlearn.learning import Status
from dxlearn.store import ProgressStore, StoreError, open_store

LIB = "dx-basic"
JST = timezone(timedelta(hours=9))


def start(store: ProgressStore, lesson: str = "l1", **kw: object) -> int:
    params: dict[str, object] = {
        "lesson_version": 2,
        "pass_score": 80,
        "choice_orders": [[0, 1, 2], [2, 0, 1]],
    }
    params.update(kw)
    return store.start_attempt("00123", LIB, lesson, **params).attempt_id  # type: ignore[arg-type]


# -- learners ------------------------------------------------------------------------------------


def test_register_keeps_leading_zeros_and_round_trips(store: ProgressStore) -> None:
    learner = store.get_learner("00123")
    assert learner is not None
    assert (learner.staff_id, learner.name, learner.department, learner.role) == (
        "00123",
        "山田 太郎",
        "情報政策課",
        "staff",
    )
    assert store.get_learner("123") is None  # "00123" is not the number 123


def test_duplicate_staff_id_is_refused_with_a_code(store: ProgressStore) -> None:
    with pytest.raises(StoreError) as raised:
        store.register_learner("00123", "別人", "", "staff")
    assert raised.value.code == "learner_exists"
    assert store.get_learner("00123").name == "山田 太郎"  # type: ignore[union-attr]


@pytest.mark.parametrize(("staff_id", "name", "role"), [("", "a", "staff"), ("1", " ", "staff")])
def test_register_rejects_empty_fields(
    store: ProgressStore, staff_id: str, name: str, role: str
) -> None:
    with pytest.raises(StoreError) as raised:
        store.register_learner(staff_id, name, "", role)
    assert raised.value.code == "invalid_value"


def test_update_and_list_learners(store: ProgressStore, clock: ManualClock) -> None:
    store.register_learner("00045", "佐藤 花子", "総務課", "leader")
    later = clock.advance(hours=1)
    updated = store.update_learner("00123", department="DX推進室", role="leader")
    assert (updated.department, updated.role, updated.name) == ("DX推進室", "leader", "山田 太郎")
    assert updated.updated_at == later and updated.created_at == T0
    assert [x.staff_id for x in store.list_learners()] == ["00045", "00123"]
    with pytest.raises(StoreError) as raised:
        store.update_learner("99999", name="x")
    assert raised.value.code == "learner_unknown"


def test_unknown_learner_gives_learner_unknown(store: ProgressStore) -> None:
    with pytest.raises(StoreError) as raised:
        store.open_lesson("nobody", LIB, "l1", version=1)
    assert raised.value.code == "learner_unknown"


# -- lesson progress -----------------------------------------------------------------------------


def test_open_lesson_sets_first_opened_once(store: ProgressStore, clock: ManualClock) -> None:
    first = store.open_lesson("00123", LIB, "l1", version=1)
    clock.advance(days=1)
    again = store.open_lesson("00123", LIB, "l1", version=2)
    assert first.status is Status.IN_PROGRESS
    assert again.first_opened_at == T0 and again.started_at == T0
    assert again.version == 2


def test_study_seconds_accumulate_and_position_is_clamped(store: ProgressStore) -> None:
    store.open_lesson("00123", LIB, "l1", version=1)
    store.add_study_seconds("00123", LIB, "l1", 30)
    store.add_study_seconds("00123", LIB, "l1", 45)
    store.save_position("00123", LIB, "l1", 0.42)
    assert store.lesson_progress("00123", LIB, "l1").study_seconds == 75
    assert store.lesson_progress("00123", LIB, "l1").last_position == pytest.approx(0.42)
    store.save_position("00123", LIB, "l1", 1.7)
    assert store.lesson_progress("00123", LIB, "l1").last_position == 1.0
    with pytest.raises(StoreError) as raised:
        store.add_study_seconds("00123", LIB, "l1", -5)
    assert raised.value.code == "invalid_value"


def test_lesson_without_quiz_completes_when_read(store: ProgressStore, clock: ManualClock) -> None:
    store.open_lesson("00123", LIB, "l1", version=3)
    read = clock.advance(minutes=12)
    progress = store.mark_read("00123", LIB, "l1", version=3, has_quiz=False)
    assert progress.status is Status.COMPLETED
    assert (progress.completed_at, progress.completed_version) == (read, 3)


def test_lesson_with_quiz_completes_at_the_first_passing_attempt(
    store: ProgressStore, clock: ManualClock
) -> None:
    store.open_lesson("00123", LIB, "l1", version=2)
    clock.advance(minutes=10)
    assert (
        store.mark_read("00123", LIB, "l1", version=2, has_quiz=True).status is Status.IN_PROGRESS
    )
    failed = store.finish_attempt(start(store), 50)
    assert (failed.attempt.passed, failed.completed_now) == (False, False)
    assert failed.lesson.status is Status.IN_PROGRESS
    passed_at = clock.advance(minutes=5)
    result = store.finish_attempt(start(store), 80)  # exactly the pass score passes
    assert (result.attempt.passed, result.completed_now) == (True, True)
    assert result.lesson.completed_at == passed_at
    assert result.lesson.completed_version == 2
    assert (result.lesson.attempts, result.lesson.best_score, result.lesson.passed) == (2, 80, True)


def test_passing_before_reading_completes_when_read(
    store: ProgressStore, clock: ManualClock
) -> None:
    store.finish_attempt(start(store), 100)
    assert store.lesson_progress("00123", LIB, "l1").status is Status.IN_PROGRESS
    read_at = clock.advance(minutes=30)
    progress = store.mark_read("00123", LIB, "l1", version=2, has_quiz=True)
    assert (progress.status, progress.completed_at) == (Status.COMPLETED, read_at)


def test_completion_is_never_taken_back(store: ProgressStore, clock: ManualClock) -> None:
    done = store.mark_read("00123", LIB, "l1", version=1, has_quiz=False)
    clock.advance(days=30)
    store.open_lesson("00123", LIB, "l1", version=2)  # the lesson was revised
    later = store.mark_read("00123", LIB, "l1", version=2, has_quiz=True)  # and got a quiz
    assert later.status is Status.COMPLETED
    assert (later.completed_at, later.completed_version) == (done.completed_at, 1)
    assert later.version == 2  # the version studied last moves on


def test_progress_for_covers_every_lesson_with_a_record(store: ProgressStore) -> None:
    store.open_lesson("00123", LIB, "a", version=1)
    store.mark_read("00123", LIB, "b", version=1, has_quiz=False)
    start(store, "c")  # a quiz started straight away
    store.open_lesson("00123", "other-library", "a", version=1)
    progress = store.progress_for("00123", LIB)
    assert {k: v.status for k, v in progress.items()} == {
        "a": Status.IN_PROGRESS,
        "b": Status.COMPLETED,
        "c": Status.IN_PROGRESS,
    }
    assert progress["c"].attempts == 0  # unfinished attempts are not counted
    assert store.lesson_progress("00123", LIB, "zzz").status is Status.NOT_STARTED


# -- quiz attempts -------------------------------------------------------------------------------


def test_resume_shows_the_same_choice_orders_and_answers(
    store: ProgressStore, clock: ManualClock
) -> None:
    attempt = start(store, choice_orders=[[2, 0, 1], [1, 0], [0, 1, 2, 3]])
    store.record_answer(attempt, 0, [2], True)
    answered = clock.advance(seconds=20)
    store.record_answer(attempt, 1, [0, 1], False)
    resumed = store.open_attempt("00123", LIB, "l1")
    assert resumed is not None and resumed.attempt_id == attempt
    assert resumed.choice_orders == ((2, 0, 1), (1, 0), (0, 1, 2, 3))
    assert [(a.question_index, a.selected, a.correct) for a in resumed.answers] == [
        (0, (2,), True),
        (1, (0, 1), False),
    ]
    assert resumed.answer_for(1).answered_at == answered  # type: ignore[union-attr]
    assert resumed.next_question == 2
    store.finish_attempt(attempt, 33)
    assert store.open_attempt("00123", LIB, "l1") is None


def test_record_answer_is_idempotent_and_last_answer_wins(store: ProgressStore) -> None:
    attempt = start(store)
    store.record_answer(attempt, 0, [1], False)
    store.record_answer(attempt, 0, [1], False)
    store.record_answer(attempt, 0, [0], True)
    state = store.attempt_state(attempt)
    assert [(a.question_index, a.selected, a.correct) for a in state.answers] == [(0, (0,), True)]


@pytest.mark.parametrize(
    ("attempt_offset", "question", "finish_first", "code"),
    [
        (999, 0, False, "attempt_unknown"),
        (0, 0, True, "attempt_finished"),
        (0, 2, False, "invalid_value"),  # only two questions
        (0, -1, False, "invalid_value"),
    ],
)
def test_record_answer_refusals(
    store: ProgressStore, attempt_offset: int, question: int, finish_first: bool, code: str
) -> None:
    attempt = start(store)
    if finish_first:
        store.finish_attempt(attempt, 0)
    with pytest.raises(StoreError) as raised:
        store.record_answer(attempt + attempt_offset, question, [0], True)
    assert raised.value.code == code
    assert raised.value.path == store.where


def test_finish_twice_is_idempotent_but_a_different_score_is_refused(
    store: ProgressStore,
) -> None:
    attempt = start(store)
    first = store.finish_attempt(attempt, 50)
    assert store.finish_attempt(attempt, 50).attempt == first.attempt
    with pytest.raises(StoreError) as raised:
        store.finish_attempt(attempt, 100)
    assert raised.value.code == "attempt_finished"


def test_max_attempts_counts_finished_attempts_only(store: ProgressStore) -> None:
    first = start(store, max_attempts=2)
    store.finish_attempt(first, 10)
    second = start(store, max_attempts=2)  # unfinished: does not use up a try yet
    store.finish_attempt(second, 20)
    with pytest.raises(StoreError) as raised:
        start(store, max_attempts=2)
    assert raised.value.code == "attempt_limit"
    assert start(store, max_attempts=0) > second  # 0 = unlimited


def test_attempts_for_and_best_score(store: ProgressStore, clock: ManualClock) -> None:
    scores = [40, 90, 70]
    for score in scores:
        clock.advance(minutes=1)
        store.finish_attempt(start(store), score)
    unfinished = start(store)
    records = store.attempts_for("00123", LIB, "l1")
    assert [r.score for r in records] == [*scores, None]
    assert records[-1].attempt_id == unfinished and not records[-1].finished
    assert store.best_score("00123", LIB, "l1") == 90
    assert store.best_score("00123", LIB, "other") is None


@pytest.mark.parametrize("orders", [[], [[0, 0, 1]], [[1, 2]]])
def test_start_attempt_rejects_invalid_choice_orders(
    store: ProgressStore, orders: list[list[int]]
) -> None:
    with pytest.raises(StoreError) as raised:
        start(store, choice_orders=orders)
    assert raised.value.code == "invalid_value"


# -- settings ------------------------------------------------------------------------------------


def test_settings_round_trip_per_scope(store: ProgressStore) -> None:
    assert store.get_setting("app", "theme", "light") == "light"
    store.set_setting("app", "theme", "dark")
    store.set_setting("app", "last_learner", "00123")
    store.set_setting("00123", "font_size", 14)
    store.set_setting("00123", "font_size", 16)
    store.set_setting("00123", "recent", {"lessons": ["a", "b"], "zoom": 1.25})
    assert store.settings_for("app") == {"theme": "dark", "last_learner": "00123"}
    assert store.get_setting("00123", "font_size") == 16
    assert store.get_setting("00123", "recent") == {"lessons": ["a", "b"], "zoom": 1.25}
    with pytest.raises(StoreError) as raised:
        store.set_setting("app", "bad", object())
    assert raised.value.code == "invalid_value"


# -- timestamps ----------------------------------------------------------------------------------


def test_timestamps_are_stored_as_utc_and_returned_aware(tmp_path: Path) -> None:
    jst_clock = ManualClock(datetime(2026, 11, 27, 14, 5, 9, tzinfo=JST))
    with open_store(tmp_path / "p.db", clock=jst_clock) as opened:
        opened.store.register_learner("1", "a", "", "staff")
        opened.store.open_lesson("1", LIB, "l1", version=1)
    with open_store(tmp_path / "p.db") as opened:
        started = opened.store.lesson_progress("1", LIB, "l1").first_opened_at
    assert started == datetime(2026, 11, 27, 5, 5, 9, tzinfo=UTC)
    assert started is not None and started.tzinfo is UTC
    assert started.astimezone(JST).isoformat() == "2026-11-27T14:05:09+09:00"


def test_naive_clock_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.db", clock=lambda: datetime(2026, 1, 1)) as opened:
        with pytest.raises(ValueError, match="aware"):
            opened.store.register_learner("1", "a", "", "staff")
        assert opened.store.list_learners() == []


def test_everything_survives_close_and_reopen(db_path: Path, clock: ManualClock) -> None:
    with open_store(db_path, clock=clock) as opened:
        opened.store.register_learner("007", "a", "b", "staff")
        attempt = opened.store.start_attempt(
            "007", LIB, "l1", lesson_version=1, pass_score=80, choice_orders=[[1, 0]]
        ).attempt_id
        opened.store.record_answer(attempt, 0, [1], True)
    with open_store(db_path, clock=clock) as opened:
        resumed = opened.store.open_attempt("007", LIB, "l1")
    assert resumed is not None and resumed.answers[0].selected == (1,)


# -- HR export feed ------------------------------------------------------------------------------


def _count_queries(store: ProgressStore) -> list[str]:
    seen: list[str] = []

    def on_execute(*args: object) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", on_execute)
    return seen


def test_learner_progress_feed_for_export(store: ProgressStore, clock: ManualClock) -> None:
    store.register_learner("00045", "佐藤", "総務課", "leader")
    store.register_learner("00999", "未受講", "会計課", "staff")
    store.open_lesson("00123", LIB, "l1", version=2)
    store.add_study_seconds("00123", LIB, "l1", 120)
    store.mark_read("00123", LIB, "l1", version=2, has_quiz=True)
    store.finish_attempt(start(store), 40)
    done_at = clock.advance(minutes=3)
    store.finish_attempt(start(store), 90)
    quiz_first = clock.advance(minutes=1)
    store.start_attempt("00045", LIB, "l2", lesson_version=1, pass_score=80, choice_orders=[[0, 1]])
    clock.advance(minutes=1)
    store.open_lesson("00045", LIB, "l2", version=1)

    queries = _count_queries(store)
    rows = list(store.learner_progress(LIB))
    assert len(queries) == 2  # one for learners + progress, one for attempt statistics
    assert [r.learner.staff_id for r in rows] == ["00045", "00123", "00999"]
    by_id = {r.learner.staff_id: r for r in rows}
    l1 = by_id["00123"].lessons["l1"]
    assert (l1.status, l1.best_score, l1.passed, l1.attempts) == (Status.COMPLETED, 90, True, 2)
    assert (l1.started_at, l1.completed_at, l1.completed_version, l1.study_seconds) == (
        T0,
        done_at,
        2,
        120,
    )
    l2 = by_id["00045"].lessons["l2"]
    assert (l2.status, l2.attempts, l2.best_score, l2.passed) == (Status.IN_PROGRESS, 0, None, None)
    assert l2.started_at == quiz_first  # the quiz was opened before the lesson page
    assert by_id["00999"].lessons == {}
    assert by_id["00999"].learner.department == "会計課"

    only = list(store.learner_progress(LIB, ["00999", "00123"]))
    assert [r.learner.staff_id for r in only] == ["00123", "00999"]
    (elsewhere,) = store.learner_progress("another-library", ["00123"])
    assert elsewhere.lessons == {}


def test_learner_progress_filters_long_staff_lists_without_a_huge_in_clause(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dxlearn.store.repository as repository

    monkeypatch.setattr(repository, "IN_LIST_LIMIT", 1)
    for staff_id in ("00001", "00002", "00003"):
        store.register_learner(staff_id, "n", "", "staff")
        store.open_lesson(staff_id, LIB, f"lesson-{staff_id}", version=1)
    picked = list(store.learner_progress(LIB, ["00003", "00001"]))
    assert [(p.learner.staff_id, sorted(p.lessons)) for p in picked] == [
        ("00001", ["lesson-00001"]),
        ("00003", ["lesson-00003"]),
    ]


def test_store_progress_feeds_the_curriculum_rules_directly(
    store: ProgressStore, clock: ManualClock
) -> None:
    """progress_for's dict is what learning.curriculum_status and next_lesson take."""
    from dxlearn.content.model import Chapter, Lesson, Library
    from dxlearn.learning import curriculum_status, next_lesson

    def lesson(lesson_id: str, required: bool = True) -> Lesson:
        return Lesson(lesson_id, lesson_id, Path("/x"), lesson_id, ("staff",), required=required)

    library = Library(
        LIB, "DX", "1", Path("/x"), chapters=(Chapter("c", "c", (lesson("a"), lesson("b"))),)
    )
    store.mark_read("00123", LIB, "a", version=1, has_quiz=False)
    assert next_lesson(library, "staff", store.progress_for("00123", LIB)).id == "b"  # type: ignore[union-attr]
    done = clock.advance(hours=2)
    store.mark_read("00123", LIB, "b", version=1, has_quiz=False)
    progress = curriculum_status(library, "staff", store.progress_for("00123", LIB))
    assert (progress.status, progress.required_completed, progress.completed_at) == (
        Status.COMPLETED,
        2,
        done,
    )
