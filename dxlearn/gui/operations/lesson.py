"""Operations on lessons: open, read, study time, reading position, the learner's records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dxlearn.content.model import Lesson
from dxlearn.learning.status import HasOutcome

from ..context import AppContext
from .runner import Op, OpChanges, Reporter

if TYPE_CHECKING:
    from dxlearn.store.records import LessonProgress


def _staff_id(ctx: AppContext) -> str:
    assert ctx.learner is not None
    return ctx.learner.staff_id


def progress(ctx: AppContext) -> Op[Mapping[str, HasOutcome]]:
    """The signed-in learner's records in the library on screen (a read)."""
    return Op(lambda _r: ctx.progress(), writes=False, name="progress")


def open_lesson(ctx: AppContext, lesson: Lesson) -> Op[LessonProgress]:
    """Record that the lesson was opened (first time, version studied); on a read-only store
    only read its record, so the lesson can still be shown."""
    staff_id, library_id = _staff_id(ctx), ctx.library.id
    library_version = ctx.library.version  # kept with the record (HR sees the edition)
    store = ctx.require_store()
    if ctx.read_only:
        return Op(lambda _r: store.lesson_progress(staff_id, library_id, lesson.id),
                  writes=False, name="lesson record")
    return Op(lambda _r: store.open_lesson(staff_id, library_id, lesson.id,
                                           version=lesson.version,
                                           library_version=library_version),
              changes=OpChanges(progress=True, lesson_id=lesson.id), name="open lesson")


def mark_read(ctx: AppContext, lesson: Lesson) -> Op[LessonProgress]:
    staff_id, library_id = _staff_id(ctx), ctx.library.id
    library_version = ctx.library.version  # a completion keeps the edition it was earned on
    store = ctx.require_store()
    has_quiz = lesson.quiz is not None and bool(lesson.quiz.questions)
    return Op(lambda _r: store.mark_read(staff_id, library_id, lesson.id,
                                         version=lesson.version, has_quiz=has_quiz,
                                         library_version=library_version),
              changes=OpChanges(progress=True, lesson_id=lesson.id), name="mark read")


def lesson_record(ctx: AppContext, lesson_id: str) -> Op[LessonProgress]:
    staff_id, library_id = _staff_id(ctx), ctx.library.id
    store = ctx.require_store()
    return Op(lambda _r: store.lesson_progress(staff_id, library_id, lesson_id), writes=False,
              name="lesson record")


def save_position(ctx: AppContext, lesson_id: str, fraction: float) -> Op[None]:
    """The reading position is a convenience: a failure is a status-bar line, never a dialog."""
    staff_id, library_id = _staff_id(ctx), ctx.library.id
    store = ctx.require_store()
    return Op(lambda _r: store.save_position(staff_id, library_id, lesson_id, fraction),
              quiet=True, name="save position")


class StudyTime:
    """Study seconds waiting to be recorded, per (learner, library, lesson). A failed write
    (a full disk, a server away) keeps the seconds and adds them to the next flush."""

    def __init__(self) -> None:
        self._unsaved: dict[tuple[str, str, str], int] = {}

    def record(self, ctx: AppContext, lesson_id: str, seconds: int) -> Op[None] | None:
        if ctx.learner is None or ctx.store is None or ctx.read_only:
            return None
        key = (ctx.learner.staff_id, ctx.library.id, lesson_id)
        pending = self._unsaved.pop(key, 0) + seconds
        store = ctx.store

        def work(_r: Reporter) -> None:
            store.add_study_seconds(*key, pending)

        def failed(_error: BaseException) -> bool:
            self._unsaved[key] = self._unsaved.get(key, 0) + pending
            return False  # and the status bar says why

        # no OpChanges: study time changes no status, the screens need not refresh
        return Op(work, failure=failed, quiet=True, name="study time")

    def unsaved(self) -> dict[tuple[str, str, str], int]:
        return dict(self._unsaved)

