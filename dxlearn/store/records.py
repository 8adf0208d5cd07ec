"""Frozen dataclasses the store returns: callers never see result rows or connections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dxlearn.learning.profile import Profile
from dxlearn.learning.review import CardState
from dxlearn.learning.status import Status


@dataclass(frozen=True, slots=True)
class Learner(Profile):
    """A registered learner: the person (staff_id is text: leading zeros are part of the id)
    and when the record was made and last changed."""

    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LessonProgress:
    """One learner's record of one lesson, with the facts HR exports need.

    ``status`` follows ``learning.status``: ``completed_at`` is persisted when the rules first
    said "completed"; ``started_at`` is the first opening or first attempt, whichever is
    earlier. ``attempts`` counts finished attempts; ``best_score``/``passed`` are None when no
    attempt was finished. ``library_version`` is the library edition last studied and
    ``completed_library_version`` the one the lesson was completed on (None for records made
    before the app kept them).
    """

    library_id: str
    lesson_id: str
    status: Status
    version: int
    first_opened_at: datetime | None
    read_at: datetime | None
    completed_at: datetime | None
    completed_version: int | None
    library_version: str | None
    completed_library_version: str | None
    study_seconds: int
    last_position: float
    attempts: int
    best_score: int | None
    passed: bool | None
    started_at: datetime | None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    question_index: int
    selected: tuple[int, ...]  # file indexes of the chosen choices, sorted
    correct: bool
    answered_at: datetime
    question_id: str | None = None  # the question's id (revision 0006); None for older answers


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    attempt_id: int
    staff_id: str
    library_id: str
    lesson_id: str
    lesson_version: int
    started_at: datetime
    finished_at: datetime | None
    score: int | None
    passed: bool | None
    pass_score: int
    question_count: int
    choice_orders: tuple[tuple[int, ...], ...]
    library_version: str | None = None  # the library edition the attempt was taken on
    attempt_key: str | None = None  # client-made (revision 0005); None for older attempts

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True, slots=True)
class AttemptState:
    """An attempt with the answers given so far: what a resumed quiz needs to show."""

    attempt: AttemptRecord
    answers: tuple[AnswerRecord, ...]

    @property
    def attempt_id(self) -> int:
        return self.attempt.attempt_id

    @property
    def choice_orders(self) -> tuple[tuple[int, ...], ...]:
        return self.attempt.choice_orders

    def answer_for(self, question_index: int) -> AnswerRecord | None:
        for answer in self.answers:
            if answer.question_index == question_index:
                return answer
        return None

    @property
    def next_question(self) -> int | None:
        """The first unanswered question index, or None when all are answered."""
        answered = {a.question_index for a in self.answers}
        for index in range(self.attempt.question_count):
            if index not in answered:
                return index
        return None


@dataclass(frozen=True, slots=True)
class FinishedAttempt:
    attempt: AttemptRecord
    lesson: LessonProgress
    completed_now: bool  # this attempt completed the lesson (the GUI can congratulate)


@dataclass(frozen=True, slots=True)
class LearnerProgress:
    """One learner and their records in one library (lessons without a record are absent and
    are ``not_started``): the unit the HR export iterates over."""

    learner: Learner
    lessons: dict[str, LessonProgress]


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened when the store was opened, for the GUI to tell the learner and the log.

    ``read_only_reason`` is a StoreError code ("second_instance", "data_dir_read_only",
    "database_read_only") or None when the store can write. ``damaged_moved_to`` lists the
    renamed damaged files (database first); ``recovered_from`` the backup restored, if any.
    """

    database: str
    path: Path | None
    created: bool
    journal_mode: str | None
    journal_reason: str | None
    backup_path: Path | None
    revision_before: str | None
    revision: str
    stamped_unversioned: bool
    damage: str | None = None
    damaged_moved_to: tuple[Path, ...] = ()
    recovered_from: Path | None = None
    read_only_reason: str | None = None
    lock_holder: str | None = None
    backup_error: str | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def second_instance(self) -> bool:
        return self.read_only_reason == "second_instance"

    @property
    def recovered(self) -> bool:
        return self.damage is not None

    @property
    def migrated(self) -> bool:
        return self.revision_before != self.revision and not self.created


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """One question in a learner's review queue (復習) and its schedule."""

    card_id: int
    library_id: str
    lesson_id: str
    question_index: int
    question_key: str
    lesson_version: int
    schedule: CardState

    @property
    def due(self) -> datetime:
        return self.schedule.due


@dataclass(frozen=True, slots=True)
class ReviewSync:
    """What bringing a learner's queue up to date did."""

    attempts_taken: int  # finished attempts taken into the queue now
    cards_added: int
    cards_dropped: int  # the library no longer holds their question (its id is gone)


@dataclass(frozen=True, slots=True)
class StudyDays:
    """A learner's study time in one library: per local day (and lesson) from the moment
    per-day recording began (``since``), and the time recorded before that as one total."""

    days: tuple[tuple[date, str, int], ...]  # (day, lesson_id, seconds), by day
    before_seconds: int
    since: datetime | None
