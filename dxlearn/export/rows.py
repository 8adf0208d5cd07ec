"""Export rows from the store's records: one tuple per row, in the columns' order.

Kept apart from the writers: CSV, XLSX and xAPI read the same rows. A learner's curriculum is
the library's lessons whose roles include the learner's role (``Library.curriculum``); lessons
without a record are ``not_started``. Per-role lesson facts are computed once, so building a
row costs a dictionary lookup and a tuple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import Status, curriculum_status
from dxlearn.store.records import LearnerProgress, LessonProgress

Row = tuple[object, ...]
# (index of the first column, values) -> the same values formatted for the writer. The CSV
# writer formats to text here, so values that repeat (the learner on each of their rows, the
# lesson on each learner's row, the export on every row) are formatted once, not per row.
SegmentFormat = Callable[[int, Row], Row]


def unformatted(_start: int, values: Row) -> Row:
    return values


@dataclass(frozen=True, slots=True)
class RowContext:
    """What is the same for every row of one export."""

    library: Library
    device: str
    exported_at: datetime  # aware
    app_version: str


@dataclass(frozen=True, slots=True)
class CurriculumLesson:
    """One lesson of a role's curriculum with the cells every learner's row shares."""

    lesson: Lesson
    has_quiz: bool
    pass_score: int | None
    head: tuple[object, ...]  # library_id, library_version, lesson_id, lesson_title
    untouched: tuple[object, ...]  # lesson_version .. study_seconds of a not_started lesson


@dataclass
class RowBuilder:
    """Builds detail and summary rows; caches each role's curriculum."""

    context: RowContext
    fmt: SegmentFormat = unformatted
    _curricula: dict[str, list[CurriculumLesson]] = field(default_factory=dict)
    _tail: Row | None = None

    def curriculum(self, role: str) -> list[CurriculumLesson]:
        found = self._curricula.get(role)
        if found is None:
            library = self.context.library
            found = []
            for lesson in library.curriculum(role):
                has_quiz = lesson.quiz is not None
                pass_score = lesson.quiz.pass_score if lesson.quiz is not None else None
                head = self.fmt(4, (library.id, library.version, lesson.id, lesson.title))
                untouched = self.fmt(8, (lesson.version, lesson.required,
                                         Status.NOT_STARTED.value, None, pass_score, None, 0,
                                         None, None, 0))
                found.append(CurriculumLesson(lesson, has_quiz, pass_score, head, untouched))
            self._curricula[role] = found
        return found

    def detail_rows(self, item: LearnerProgress) -> list[Row]:
        learner = item.learner
        ctx = self.context
        fmt = self.fmt
        who = fmt(0, (learner.staff_id, learner.name, learner.department, learner.role))
        tail = self._tail
        if tail is None:
            tail = self._tail = fmt(18, (ctx.device, ctx.exported_at, ctx.app_version))
        rows: list[Row] = []
        lessons = item.lessons
        for facts in self.curriculum(learner.role):
            record = lessons.get(facts.lesson.id)
            if record is None:
                rows.append(who + facts.head + facts.untouched + tail)
            else:
                rows.append(who + facts.head + fmt(8, lesson_cells(record, facts)) + tail)
        return rows

    def summary_row(self, item: LearnerProgress) -> Row:
        learner = item.learner
        ctx = self.context
        progress = curriculum_status(ctx.library, learner.role, item.lessons)
        seconds = sum(
            record.study_seconds
            for lesson in progress.lessons
            if (record := item.lessons.get(lesson.id)) is not None
        )
        return self.fmt(0, (
            learner.staff_id, learner.name, learner.department, learner.role,
            ctx.library.id, ctx.library.version,
            progress.required_total, progress.required_completed, progress.status.value,
            progress.completed_at, seconds,
            ctx.device, ctx.exported_at, ctx.app_version,
        ))


def lesson_cells(record: LessonProgress, facts: CurriculumLesson) -> Row:
    """lesson_version .. study_seconds for a lesson with a record."""
    lesson = facts.lesson
    completed = record.completed_at is not None
    version = record.completed_version if completed and record.completed_version else (
        lesson.version)
    tried = facts.has_quiz and record.best_score is not None
    return (
        version,
        lesson.required,
        record.status.value,
        record.best_score if tried else None,
        facts.pass_score,
        record.passed if tried else None,
        record.attempts,
        record.started_at,
        record.completed_at,
        record.study_seconds,
    )


def detail_rows(items: Iterable[LearnerProgress], builder: RowBuilder) -> Iterator[Row]:
    for item in items:
        yield from builder.detail_rows(item)


def summary_rows(items: Iterable[LearnerProgress], builder: RowBuilder) -> Iterator[Row]:
    for item in items:
        yield builder.summary_row(item)
