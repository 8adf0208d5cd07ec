"""What the lesson page reports — read to the end, study time, the reading position, a link —
turned into operations on the main window's runner (and what the window says about them).

The window connects a lesson page here when it builds it (on first use: ``window_pages``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dxlearn.learning.status import Status

from .operations import lesson as lesson_ops

if TYPE_CHECKING:  # QUrl's 5 enums are made when a link is first followed, not at start
    from PySide6.QtCore import QUrl

    from dxlearn.store.records import LessonProgress

    from .lesson_page import LessonPage
    from .main_window import MainWindow


class LessonReports:
    """The lesson page's signals, handled for ``window`` (its strings keep the window's
    translation context, ``MainWindow``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.study_time = lesson_ops.StudyTime()

    def connect(self, page: LessonPage) -> None:
        page.read_reached.connect(self.read_reached)
        page.link_activated.connect(self.link_activated)
        page.study_seconds_elapsed.connect(self.study_seconds_elapsed)
        page.position_changed.connect(self.position_changed)

    def read_reached(self, lesson_id: str) -> None:
        window, ctx = self.window, self.window.ctx
        lesson = ctx.library.lesson(lesson_id)
        if lesson is None or ctx.learner is None:
            return
        op = lesson_ops.mark_read(ctx, lesson)

        def done(record: LessonProgress) -> None:
            if record.status is Status.COMPLETED:
                said = QCoreApplication.translate("MainWindow", "「{0}」を修了しました。")
                window.central.records_changed()  # the share drop follows a completion
            else:
                said = QCoreApplication.translate(
                    "MainWindow", "「{0}」を読了にしました。次は理解度チェックです。")
            window.say(said.format(lesson.title), True)

        window.ops.run(op.then(done))

    def study_seconds_elapsed(self, lesson_id: str, seconds: int) -> None:
        op = self.study_time.record(self.window.ctx, lesson_id, seconds)
        if op is not None:
            self.window.ops.run(op)

    def position_changed(self, lesson_id: str, fraction: float) -> None:
        ctx = self.window.ctx
        if ctx.learner is None or ctx.store is None or ctx.read_only:
            return
        self.window.ops.run(lesson_ops.save_position(ctx, lesson_id, fraction))

    def link_activated(self, url: QUrl) -> None:
        from .links import LinkOutcome, follow_lesson_link  # its dialog module on first use

        window = self.window
        outcome = follow_lesson_link(url, window.ctx.library, window,
                                     lambda lesson: window.open_lesson(lesson.id))
        if outcome is LinkOutcome.REFUSED:  # never run a program or follow a shortcut
            window.say(QCoreApplication.translate(
                "MainWindow", "このリンク先のファイルは開けません。研修担当者に連絡してください。"))
