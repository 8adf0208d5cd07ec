from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from learning_builders import lesson, library

from dxlearn.learning import (
    AttemptFacts,
    LessonFacts,
    LessonOutcome,
    Status,
    can_start_attempt,
    curriculum_status,
    lesson_outcome,
    next_lesson,
)

T0 = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)


def t(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def passed_at(minutes: int) -> AttemptFacts:
    return AttemptFacts(started_at=t(minutes - 1), finished_at=t(minutes), passed=True)


def failed_at(minutes: int) -> AttemptFacts:
    return AttemptFacts(started_at=t(minutes - 1), finished_at=t(minutes), passed=False)


UNFINISHED = AttemptFacts(started_at=t(50))


@pytest.mark.parametrize(
    ("facts", "has_quiz", "status", "completed_at"),
    [
        (LessonFacts(), False, Status.NOT_STARTED, None),
        (LessonFacts(), True, Status.NOT_STARTED, None),
        (LessonFacts(first_opened_at=t(0)), False, Status.IN_PROGRESS, None),
        (LessonFacts(t(0), read_at=t(10)), False, Status.COMPLETED, t(10)),
        # quiz: reading alone is not enough
        (LessonFacts(t(0), read_at=t(10)), True, Status.IN_PROGRESS, None),
        (LessonFacts(t(0), t(10), (failed_at(20),)), True, Status.IN_PROGRESS, None),
        # read, then passed: completed when the quiz passed
        (LessonFacts(t(0), t(10), (failed_at(20), passed_at(30))), True, Status.COMPLETED, t(30)),
        # passed first, read later: completed when read
        (LessonFacts(t(0), t(40), (passed_at(30),)), True, Status.COMPLETED, t(40)),
        # the FIRST passing attempt counts, not a later better one
        (LessonFacts(t(0), t(10), (passed_at(30), passed_at(60))), True, Status.COMPLETED, t(30)),
        # passed but never read
        (LessonFacts(t(0), None, (passed_at(30),)), True, Status.IN_PROGRESS, None),
        # attempted without an opening record (started from the quiz)
        (LessonFacts(None, None, (UNFINISHED,)), True, Status.IN_PROGRESS, None),
        (LessonFacts(t(0), t(10), (UNFINISHED,)), True, Status.IN_PROGRESS, None),
    ],
)
def test_lesson_outcome(
    facts: LessonFacts, has_quiz: bool, status: Status, completed_at: datetime | None
) -> None:
    assert lesson_outcome(facts, has_quiz=has_quiz) == LessonOutcome(status, completed_at)


DONE = Status.COMPLETED
BUSY = Status.IN_PROGRESS


def outcomes(**states: tuple[Status, int | None]) -> dict[str, LessonOutcome]:
    return {
        lesson_id: LessonOutcome(status, None if m is None else t(m))
        for lesson_id, (status, m) in states.items()
    }


LIB = library(
    lesson("intro", roles=("staff", "leader")),
    lesson("security", roles=("staff",)),
    lesson("extra", roles=("staff",), required=False),
    lesson("strategy", roles=("leader", "executive")),
)


@pytest.mark.parametrize(
    ("role", "states", "status", "total", "done", "completed_at"),
    [
        ("staff", {}, Status.NOT_STARTED, 2, 0, None),
        ("staff", {"intro": (BUSY, None)}, Status.IN_PROGRESS, 2, 0, None),
        ("staff", {"intro": (DONE, 5)}, Status.IN_PROGRESS, 2, 1, None),
        # optional lesson started only: in progress
        ("staff", {"extra": (BUSY, None)}, Status.IN_PROGRESS, 2, 0, None),
        # every required one done, at the latest of their times; optional one ignored
        ("staff", {"intro": (DONE, 50), "security": (DONE, 20)}, DONE, 2, 2, t(50)),
        (
            "staff",
            {"intro": (DONE, 5), "security": (DONE, 20), "extra": (DONE, 90)},
            DONE,
            2,
            2,
            t(20),
        ),
        # a lesson outside the learner's role does not count
        ("staff", {"strategy": (DONE, 5)}, Status.NOT_STARTED, 2, 0, None),
        ("leader", {"intro": (DONE, 5), "strategy": (DONE, 9)}, DONE, 2, 2, t(9)),
        ("executive", {"strategy": (DONE, 9)}, DONE, 1, 1, t(9)),
        ("nobody", {"intro": (DONE, 5)}, Status.NOT_STARTED, 0, 0, None),
    ],
)
def test_curriculum_status(
    role: str,
    states: dict[str, tuple[Status, int | None]],
    status: Status,
    total: int,
    done: int,
    completed_at: datetime | None,
) -> None:
    progress = curriculum_status(LIB, role, outcomes(**states))
    assert (progress.status, progress.required_total, progress.required_completed) == (
        status,
        total,
        done,
    )
    assert progress.completed_at == completed_at


def test_curriculum_lists_lessons_of_the_role_in_display_order() -> None:
    lib = library(lesson("b"), lesson("c", roles=("leader",)), loose=(lesson("a"),))
    assert [x.id for x in curriculum_status(lib, "staff", {}).lessons] == ["a", "b"]


def test_curriculum_without_required_lessons_is_never_reported_completed() -> None:
    lib = library(lesson("x", required=False))
    progress = curriculum_status(lib, "staff", outcomes(x=(DONE, 3)))
    assert progress.status is Status.IN_PROGRESS
    assert progress.completed_at is None


NEXT_LIB = library(
    lesson("opt1", required=False),
    lesson("r1"),
    lesson("r2", broken=True),
    lesson("r3"),
    lesson("opt2", required=False),
    lesson("lead", roles=("leader",)),
)


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ({}, "r1"),  # required before optional even if the optional one comes first
        ({"r1": (BUSY, None)}, "r1"),  # in progress is not completed
        ({"r1": (DONE, 1)}, "r3"),  # broken r2 is skipped
        ({"r1": (DONE, 1), "r3": (DONE, 2)}, "opt1"),  # then the first optional one
        ({"r1": (DONE, 1), "r3": (DONE, 2), "opt1": (DONE, 3)}, "opt2"),
        ({"r1": (DONE, 1), "r3": (DONE, 2), "opt1": (DONE, 3), "opt2": (DONE, 4)}, None),
    ],
)
def test_next_lesson(states: dict[str, tuple[Status, int | None]], expected: str | None) -> None:
    found = next_lesson(NEXT_LIB, "staff", outcomes(**states))
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("max_attempts", "finished", "allowed"),
    [(0, 0, True), (0, 999, True), (1, 0, True), (1, 1, False), (3, 2, True), (3, 3, False)],
)
def test_can_start_attempt(max_attempts: int, finished: int, allowed: bool) -> None:
    assert can_start_attempt(max_attempts, finished) is allowed
