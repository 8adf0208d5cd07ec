"""The learning rules: grading, lesson status, curriculum progress.

Pure functions on dataclasses: no Qt, no SQL.
"""

from dxlearn.learning.grading import QuizResult, grade_answer, grade_quiz, is_passed, quiz_score
from dxlearn.learning.profile import Profile, ProfileProblem, validate_profile
from dxlearn.learning.shuffle import ChoiceOrders, choice_orders, orders_fit, to_file_indexes
from dxlearn.learning.status import (
    AttemptFacts,
    CurriculumProgress,
    HasOutcome,
    LessonFacts,
    LessonOutcome,
    Status,
    can_start_attempt,
    curriculum_status,
    first_pass_time,
    lesson_outcome,
    next_lesson,
    recorded_status,
    roll_up,
)

__all__ = [
    "AttemptFacts",
    "ChoiceOrders",
    "CurriculumProgress",
    "HasOutcome",
    "LessonFacts",
    "LessonOutcome",
    "Profile",
    "ProfileProblem",
    "QuizResult",
    "Status",
    "can_start_attempt",
    "choice_orders",
    "curriculum_status",
    "first_pass_time",
    "grade_answer",
    "grade_quiz",
    "is_passed",
    "lesson_outcome",
    "next_lesson",
    "orders_fit",
    "quiz_score",
    "recorded_status",
    "roll_up",
    "to_file_indexes",
    "validate_profile",
]
