from __future__ import annotations

import pytest
from learning_builders import question, quiz

from dxlearn.learning import grade_answer, grade_quiz, is_passed, quiz_score


@pytest.mark.parametrize(
    ("correct", "selected", "expected"),
    [
        ({2}, [2], True),  # single choice: the one correct index
        ({2}, [1], False),
        ({2}, [], False),  # nothing chosen
        ({2}, [2, 1], False),  # extra choice on a single-choice question
        ({0, 2}, [0, 2], True),  # select-all: exactly the set
        ({0, 2}, [2, 0], True),  # order does not matter
        ({0, 2}, [0], False),  # all-or-nothing: missing one
        ({0, 2}, [0, 2, 3], False),  # one too many
        ({0, 2}, [0, 1, 2, 3], False),  # ticking everything never passes
        ({0, 2}, [0, 0, 2], True),  # duplicates collapse
        ({1}, [7], False),  # out of range
    ],
)
def test_grade_answer(correct: set[int], selected: list[int], expected: bool) -> None:
    assert grade_answer(question(correct), selected) is expected


@pytest.mark.parametrize(
    ("correct", "total", "score"),
    [
        (0, 3, 0),
        (1, 3, 33),  # 33.3 rounds down
        (2, 3, 66),  # 66.6 rounds DOWN, not to 67
        (3, 3, 100),
        (4, 5, 80),
        (79, 100, 79),
        (7, 9, 77),  # 77.7
        (1, 1, 100),
    ],
)
def test_quiz_score_rounds_down(correct: int, total: int, score: int) -> None:
    assert quiz_score(correct, total) == score


@pytest.mark.parametrize(("correct", "total"), [(0, 0), (4, 3), (-1, 3)])
def test_quiz_score_rejects_impossible_counts(correct: int, total: int) -> None:
    with pytest.raises(ValueError):
        quiz_score(correct, total)


@pytest.mark.parametrize(
    ("score", "pass_score", "passed"),
    [(80, 80, True), (79, 80, False), (100, 80, True), (0, 0, True), (66, 67, False)],
)
def test_is_passed(score: int, pass_score: int, passed: bool) -> None:
    assert is_passed(score, pass_score) is passed


@pytest.mark.parametrize(
    ("answers", "correct", "score", "passed"),
    [
        ({0: [0], 1: [1, 2], 2: [3]}, 3, 100, True),
        ({0: [0], 1: [1], 2: [3]}, 2, 66, False),  # partial select-all earns nothing
        ({0: [0], 2: [3]}, 2, 66, False),  # unanswered counts as wrong
        ({}, 0, 0, False),
    ],
)
def test_grade_quiz(answers: dict[int, list[int]], correct: int, score: int, passed: bool) -> None:
    result = grade_quiz(quiz({0}, {1, 2}, {3}, pass_score=66 + 1), answers)
    assert (result.correct, result.total, result.score, result.passed) == (
        correct,
        3,
        score,
        passed,
    )
