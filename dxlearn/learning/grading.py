"""Grading rules: one answer, one quiz.

The rules live here, not in the quiz widget, so the GUI, the store and the exports can never
disagree about what "passed" means. Selected choices are always given as *file* indexes (the
position of the choice in quiz.md), never as on-screen positions: shuffling changes what the
learner sees, not what is graded or stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dxlearn.content.model import Question, Quiz


@dataclass(frozen=True, slots=True)
class QuizResult:
    """The outcome of a finished quiz: ``score`` is an integer percent, rounded down."""

    correct: int
    total: int
    score: int
    passed: bool


def grade_answer(question: Question, selected: Iterable[int]) -> bool:
    """True when ``selected`` (file indexes) is exactly the set of correct choices.

    Single choice: the one correct index and nothing else. Select-all ("select all that apply"):
    exactly the set of correct indexes; all-or-nothing, no partial credit, so a learner cannot
    pass by ticking every box. An index outside the question's choices never matches.
    """
    chosen = frozenset(selected)
    return bool(chosen) and chosen == question.correct_indexes


def quiz_score(correct: int, total: int) -> int:
    """Correct questions over questions as a percent, rounded DOWN (0..100).

    Rounding down means 79.9 % is 79: a learner is never reported as reaching a pass score they
    did not reach. A quiz without questions has no meaningful score, so it is an error.
    """
    if total <= 0:
        raise ValueError(f"a quiz needs at least one question (total={total})")
    if not 0 <= correct <= total:
        raise ValueError(f"correct={correct} is outside 0..{total}")
    return correct * 100 // total


def is_passed(score: int, pass_score: int) -> bool:
    """``score >= pass_score``: reaching the pass score exactly passes."""
    return score >= pass_score


def grade_quiz(quiz: Quiz, answers: Mapping[int, Iterable[int]]) -> QuizResult:
    """Grade a whole quiz. ``answers`` maps question index -> selected file indexes.

    An unanswered question counts as wrong; the denominator is always every question in the
    quiz, so skipping questions cannot raise the score.
    """
    correct = sum(
        1 for question in quiz.questions if grade_answer(question, answers.get(question.index, ()))
    )
    total = len(quiz.questions)
    score = quiz_score(correct, total)
    return QuizResult(
        correct=correct, total=total, score=score, passed=is_passed(score, quiz.pass_score)
    )
