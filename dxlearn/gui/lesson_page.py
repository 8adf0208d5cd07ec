"""The lesson reader: title, objectives, the safe HTML body, 読了 and the quiz button.

The page reports what the learner did (read to the end, asked for the quiz, followed a link,
studied for N seconds, left at a position); the main window records it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Lesson
from dxlearn.learning.status import Status

STUDY_TICK_MS = 1000
READ_WHEN_NOTHING_TO_SCROLL_S = 5  # a short lesson that fits the screen counts as read then


class LessonPage(QWidget):
    read_reached = Signal(str)  # lesson id: scrolled to the end, or 読了 pressed
    quiz_requested = Signal(str)
    link_activated = Signal(QUrl)
    study_seconds_elapsed = Signal(str, int)  # lesson id, seconds (reported every few seconds)
    position_changed = Signal(str, float)  # lesson id, scroll fraction, when leaving the lesson

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lesson: Lesson | None = None
        self._read = False
        self._pending_seconds = 0
        self._visible_seconds = 0

        self.title = QLabel()
        self.title.setObjectName("page-title")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("page-meta")
        self.browser = QTextBrowser()
        self.browser.setObjectName("lesson-view")
        self.browser.setAccessibleName(self.tr("レッスン本文"))
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.browser.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self._pending_position: float | None = None

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.mark_read = QPushButton(self.tr("読了にする"))
        self.mark_read.setObjectName("lesson-mark-read")
        self.mark_read.setAccessibleName(self.tr("このレッスンを読了にする"))
        self.mark_read.clicked.connect(self._on_mark_read_clicked)
        self.start_quiz = QPushButton(self.tr("理解度チェックを始める"))
        self.start_quiz.setObjectName("lesson-start-quiz")
        self.start_quiz.setAccessibleName(self.tr("理解度チェックを始める"))
        self.start_quiz.setProperty("primary", True)
        self.start_quiz.clicked.connect(self._on_start_quiz_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.mark_read)
        buttons.addWidget(self.start_quiz)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(STUDY_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    # -- showing --------------------------------------------------------------------------------

    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    @property
    def is_read(self) -> bool:
        """The open lesson was read to its end (or marked read) in this or an earlier visit."""
        return self._read

    def show_lesson(self, lesson: Lesson, status: Status, read: bool, position: float,
                    css: str) -> None:
        self.leave()
        self._lesson = lesson
        self._read = read
        self._visible_seconds = 0
        self.title.setText(lesson.title)
        self.browser.document().setDefaultStyleSheet(css)
        self.browser.setHtml(self._document_html(lesson))
        self.update_state(status, read)
        self._pending_position = position
        self._restore_position()
        self._timer.start()

    def refresh_css(self, css: str) -> None:
        if self._lesson is None:
            return
        bar = self.browser.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.browser.document().setDefaultStyleSheet(css)
        self.browser.setHtml(self._document_html(self._lesson))
        QTimer.singleShot(0, lambda: bar.setValue(round(fraction * bar.maximum())))

    def _restore_position(self) -> None:
        """Scroll back to where the learner left off, once the document has a height (the
        scroll range is known only after layout, so this also runs on ``rangeChanged``)."""
        bar = self.browser.verticalScrollBar()
        if self._pending_position is None or bar.maximum() == 0:
            return
        position, self._pending_position = self._pending_position, None
        bar.setValue(round(position * bar.maximum()))

    def update_state(self, status: Status, read: bool) -> None:
        lesson = self._lesson
        if lesson is None:
            return
        self._read = read
        parts = [self.tr("必須") if lesson.required else self.tr("任意")]
        if lesson.minutes:
            parts.append(self.tr("目安 {0}分").format(lesson.minutes))
        parts.append({
            Status.COMPLETED: self.tr("状況: 修了"),
            Status.IN_PROGRESS: self.tr("状況: 学習中"),
            Status.NOT_STARTED: self.tr("状況: 未着手"),
        }[status])
        self.meta.setText("　・　".join(parts))
        has_quiz = lesson.quiz is not None and bool(lesson.quiz.questions)
        self.start_quiz.setVisible(has_quiz)
        self.mark_read.setEnabled(not read)
        self.mark_read.setText(self.tr("読了済み") if read else self.tr("読了にする"))
        if status is Status.COMPLETED:
            self.hint.setText(self.tr("このレッスンは修了しています。"))
        elif read and has_quiz:
            self.hint.setText(self.tr("次は理解度チェックです。合格するとこのレッスンは修了です。"))
        elif has_quiz:
            self.hint.setText(self.tr(
                "最後まで読むと読了になります。その後、理解度チェックに合格すると修了です。"))
        else:
            self.hint.setText(self.tr("最後まで読むか「読了にする」を押すと修了です。"))

    def _document_html(self, lesson: Lesson) -> str:
        parts = []
        if lesson.objectives:
            items = "".join(f"<li>{html.escape(o)}</li>" for o in lesson.objectives)
            heading = self.tr("このレッスンの目標")
            parts.append(
                '<table width="100%" cellpadding="10" cellspacing="0"><tr>'
                f'<td class="objectives"><p><b>{heading}</b></p>'
                f"<ul>{items}</ul></td></tr></table>")
        parts.append(lesson.body_html)
        return "<html><body>" + "".join(parts) + "</body></html>"

    # -- leaving --------------------------------------------------------------------------------

    def leave(self) -> None:
        """Flush study time and the position of the lesson being left."""
        self._timer.stop()
        lesson = self._lesson
        if lesson is None:
            return
        self._flush_seconds()
        bar = self.browser.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.position_changed.emit(lesson.id, fraction)
        self._lesson = None

    def _flush_seconds(self) -> None:
        if self._lesson is not None and self._pending_seconds:
            seconds, self._pending_seconds = self._pending_seconds, 0
            self.study_seconds_elapsed.emit(self._lesson.id, seconds)

    # -- events ---------------------------------------------------------------------------------

    def _counting(self) -> bool:
        window = self.window()
        return (self._lesson is not None and self.isVisible() and window.isActiveWindow()
                and not window.isMinimized())

    def _on_timer_timeout(self) -> None:
        if not self._counting():
            return
        self._pending_seconds += 1
        self._visible_seconds += 1
        if self._pending_seconds >= 15:
            self._flush_seconds()
        bar = self.browser.verticalScrollBar()
        if (not self._read and bar.maximum() == 0
                and self._visible_seconds >= READ_WHEN_NOTHING_TO_SCROLL_S):
            self._reach_read()

    def _on_scroll_range_changed(self, _minimum: int, _maximum: int) -> None:
        self._restore_position()

    def _on_scrolled(self, value: int) -> None:
        bar = self.browser.verticalScrollBar()
        if not self._read and bar.maximum() > 0 and value >= bar.maximum():
            self._reach_read()

    def _reach_read(self) -> None:
        if self._lesson is not None and not self._read:
            self._read = True
            self.read_reached.emit(self._lesson.id)

    def _on_mark_read_clicked(self) -> None:
        self._reach_read()

    def _on_start_quiz_clicked(self) -> None:
        if self._lesson is not None:
            self._flush_seconds()
            self.quiz_requested.emit(self._lesson.id)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "" and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
            return
        self.link_activated.emit(url)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationDeactivate:
            self._flush_seconds()
        return False

    def hideEvent(self, event: object) -> None:
        self._flush_seconds()
        super().hideEvent(event)  # type: ignore[arg-type]
