"""Export rows from the store's records: one tuple per row, in the columns' order.

Kept apart from the writers: CSV, XLSX and xAPI read the same rows. A learner's curriculum is
the library's lessons whose roles include the learner's role (``Library.curriculum``); lessons
without a record are ``not_started``. Per-role lesson facts are computed once, so building a
row costs a dictionary lookup and a tuple.

What the database holds is never left out:

- a record of a lesson outside the learner's curriculum (the lesson left the library, or is
  for another role) follows the curriculum's rows, with ``required`` left empty;
- the records of a library this PC cannot find are exported from the database alone
  (:func:`missing_library`: no lessons, so every record is such a row, title empty).

``library_version`` of a completed lesson is the version the 修了 was earned on (the store
keeps it since revision 0003); otherwise, and for records made before, the version loaded now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dxlearn.content.model import Lesson, Library
from dxlearn.export.vocabulary import ENGLISH, Vocabulary
from dxlearn.learning.status import Status, curriculum_status, roll_up
from dxlearn.store.records import LearnerProgress, LessonProgress

Row = tuple[object, ...]
# (index of the first column, values) -> the same values formatted for the writer. The CSV
# writer formats to text here, so values that repeat (the learner on each of their rows, the
# lesson on each learner's row, the export on every row) are formatted once, not per row.
SegmentFormat = Callable[[int, Row], Row]


def unformatted(_start: int, values: Row) -> Row:
    return values


def missing_library(library_id: str, version: str) -> Library:
    """A stand-in for a library this PC cannot find: its id and the newest version its
    records name, no lessons (so every record is exported as it is held)."""
    return Library(id=library_id, title="", version=version, root=Path())


@dataclass(frozen=True, slots=True)
class RowContext:
    """What is the same for every row of one library in one export."""

    library: Library
    device: str
    exported_at: datetime  # aware
    app_version: str
    words: Vocabulary = ENGLISH  # statuses and roles as the file writes them
    found: bool = True  # False: ``library`` is a ``missing_library`` stand-in


@dataclass(frozen=True, slots=True)
class CurriculumLesson:
    """One lesson of a role's curriculum with the cells every learner's row shares."""

    lesson: Lesson
    has_quiz: bool
    pass_score: int | None
    head: tuple[object, ...]  # library_id, library_version, lesson_id, lesson_title
    untouched: tuple[object, ...]  # lesson_version .. study_seconds of a not_started lesson


def earned_version(record: LessonProgress, current: str) -> str:
    """The library version of a record's row: the one a completion was earned on."""
    if record.completed_at is not None and record.completed_library_version:
        return record.completed_library_version
    return current


@dataclass
class RowBuilder:
    """Builds detail and summary rows; caches each role's curriculum. ``use`` moves it to
    another library of the same export."""

    context: RowContext
    fmt: SegmentFormat = unformatted
    _curricula: dict[str, list[CurriculumLesson]] = field(default_factory=dict)
    _heads: dict[tuple[str, str], Row] = field(default_factory=dict)
    _has_lessons: dict[str, bool] = field(default_factory=dict)
    _tail: Row | None = None

    def use(self, context: RowContext) -> None:
        self.context = context
        self._curricula.clear()
        self._heads.clear()
        self._has_lessons.clear()

    def curriculum(self, role: str) -> list[CurriculumLesson]:
        found = self._curricula.get(role)
        if found is None:
            library = self.context.library
            words = self.context.words
            found = []
            for lesson in library.curriculum(role):
                has_quiz = lesson.quiz is not None
                pass_score = lesson.quiz.pass_score if lesson.quiz is not None else None
                head = self.fmt(4, (library.id, library.version, lesson.id, lesson.title))
                untouched = self.fmt(8, (lesson.version, lesson.required,
                                         words.status(Status.NOT_STARTED.value), None,
                                         pass_score, None, 0, None, None, 0))
                found.append(CurriculumLesson(lesson, has_quiz, pass_score, head, untouched))
            self._curricula[role] = found
        return found

    def head(self, lesson_id: str, title: str, version: str) -> Row:
        """library_id .. lesson_title of a row whose library version is ``version``."""
        key = (lesson_id, version)
        found = self._heads.get(key)
        if found is None:
            found = self._heads[key] = self.fmt(4, (self.context.library.id, version,
                                                    lesson_id, title))
        return found

    def who(self, item: LearnerProgress) -> Row:
        learner = item.learner
        return self.fmt(0, (learner.staff_id, learner.name, learner.department,
                            self.context.words.role(learner.role)))

    def tail(self) -> Row:
        tail = self._tail
        if tail is None:
            ctx = self.context
            tail = self._tail = self.fmt(18, (ctx.device, ctx.exported_at, ctx.app_version))
        return tail

    def detail_rows(self, item: LearnerProgress) -> list[Row]:
        who = self.who(item)
        tail = self.tail()
        library = self.context.library
        rows: list[Row] = []
        lessons = item.lessons
        for facts in self.curriculum(item.learner.role):
            record = lessons.get(facts.lesson.id)
            if record is None:
                rows.append(who + facts.head + facts.untouched + tail)
                continue
            version = earned_version(record, library.version)
            head = facts.head if version == library.version else self.head(
                facts.lesson.id, facts.lesson.title, version)
            rows.append(who + head + self.fmt(8, lesson_cells(record, facts, self.context))
                        + tail)
        for lesson_id in outside_curriculum(lessons, self.curriculum(item.learner.role)):
            record = lessons[lesson_id]
            lesson = library.lesson(lesson_id)
            head = self.head(lesson_id, lesson.title if lesson is not None else "",
                             earned_version(record, library.version))
            rows.append(who + head + self.fmt(8, outside_cells(record, lesson, self.context))
                        + tail)
        return rows

    def summary_row(self, item: LearnerProgress) -> Row:
        learner = item.learner
        ctx = self.context
        progress = curriculum_status(ctx.library, learner.role, item.lessons)
        status, completed_at = progress.status, progress.completed_at
        if ctx.found:
            seconds = sum(
                record.study_seconds
                for lesson in progress.lessons
                if (record := item.lessons.get(lesson.id)) is not None
            )
            total: int | None = progress.required_total
            done: int | None = progress.required_completed
        else:  # the curriculum is not known: no counts, and never "completed"
            seconds = sum(record.study_seconds for record in item.lessons.values())
            total = done = None
            # the one roll-up, with nothing known to be required: never completed, started
            # as soon as any record is
            status = roll_up((False, r.status, r.completed_at)
                             for r in item.lessons.values()).status
        return self.fmt(0, (
            learner.staff_id, learner.name, learner.department, ctx.words.role(learner.role),
            ctx.library.id, ctx.library.version,
            total, done, ctx.words.status(status.value),
            completed_at, seconds,
            ctx.device, ctx.exported_at, ctx.app_version,
        ))

    def has_rows(self, item: LearnerProgress) -> bool:
        """False when the learner has neither a curriculum nor a record in this library."""
        if item.lessons:
            return True
        role = item.learner.role
        found = self._has_lessons.get(role)
        if found is None:
            found = self._has_lessons[role] = bool(self.context.library.curriculum(role))
        return found


def outside_curriculum(lessons: Mapping[str, object], curriculum: list[CurriculumLesson]
                       ) -> list[str]:
    """The lesson ids with a record that the curriculum does not list, sorted."""
    if len(lessons) == 0:
        return []
    listed = {facts.lesson.id for facts in curriculum}
    if len(listed) >= len(lessons) and lessons.keys() <= listed:
        return []
    return sorted(lessons.keys() - listed)


def lesson_cells(record: LessonProgress, facts: CurriculumLesson, ctx: RowContext) -> Row:
    """lesson_version .. study_seconds for a lesson of the curriculum with a record."""
    lesson = facts.lesson
    completed = record.completed_at is not None
    version = record.completed_version if completed and record.completed_version else (
        lesson.version)
    tried = facts.has_quiz and record.best_score is not None
    return (
        version,
        lesson.required,
        ctx.words.status(record.status.value),
        record.best_score if tried else None,
        facts.pass_score,
        record.passed if tried else None,
        record.attempts,
        record.started_at,
        record.completed_at,
        record.study_seconds,
    )


def outside_cells(record: LessonProgress, lesson: Lesson | None, ctx: RowContext) -> Row:
    """lesson_version .. study_seconds for a record outside the curriculum: what the
    database holds; ``required`` empty (the lesson is not part of the learner's curriculum),
    the pass score when the library still has the lesson's quiz."""
    completed = record.completed_at is not None
    version = record.completed_version if completed and record.completed_version else (
        record.version)
    quiz = lesson.quiz if lesson is not None else None
    tried = record.best_score is not None
    return (
        version,
        None,
        ctx.words.status(record.status.value),
        record.best_score if tried else None,
        quiz.pass_score if quiz is not None else None,
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
        if builder.has_rows(item):
            yield builder.summary_row(item)
