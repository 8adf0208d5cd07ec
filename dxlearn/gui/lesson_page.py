"""The lesson reader: title, objectives, the safe HTML body, 読了 and the quiz button.

The page reports what the learner did (read to the end, asked for the quiz, followed a link,
studied for N seconds, left at a position); the main window records it.

Beside the quiz button the page says what the quiz is before the learner starts it (Moodle's
quiz summary): the number of questions, the pass mark and the attempts left. The 見出し and
リンク menus list the lesson's headings and links (a keyboard and screen-reader outline: the
body itself is one text object to a reader, see ``gui.lesson_document``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QHBoxLayout,
    QMenu,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Lesson
from dxlearn.learning.status import HasOutcome, Requirement, Status, requirement
from dxlearn.store.records import LessonProgress

from . import lesson_document
from .announce import announce
from .widgets import FlowLayout, plain_label, push_button, vertical_scroll

STUDY_TICK_MS = 1000
READ_WHEN_NOTHING_TO_SCROLL_S = 5  # a short lesson that fits the screen counts as read then
BODY_MIN_HEIGHT = 220
BODY_SHARE = 0.55  # of the page's height, at the least


@dataclass(frozen=True, slots=True)
class LessonState:
    """What the page shows about the learner and the lesson (from the store's record)."""

    status: Status = Status.NOT_STARTED
    read: bool = False
    requirement: Requirement = Requirement.REQUIRED
    attempts: int = 0  # finished quiz attempts
    best_score: int | None = None


def lesson_state(lesson: Lesson, role: str, record: HasOutcome | None,
                 read_here: bool) -> LessonState:
    """The page's state from the learner's record (the store's, or the first paint's outcome);
    ``read_here``: read to the end during this visit, not yet in the record."""
    need = requirement(lesson, role)
    if isinstance(record, LessonProgress):
        return LessonState(record.status, record.read_at is not None or read_here, need,
                           record.attempts, record.best_score)
    status = record.status if record is not None else Status.NOT_STARTED
    return LessonState(status, read_here, need)


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
        self._loading = False
        self._pending_seconds = 0
        self._visible_seconds = 0
        self._image_sizes: dict[str, QSize] = {}

        self.title = plain_label(name="page-title")
        self.meta = plain_label(name="page-meta")
        self.headings_button = self._menu_button(self.tr("見出しへ移動"), "lesson-headings")
        self.links_button = self._menu_button(self.tr("リンク一覧"), "lesson-links")
        self.browser = QTextBrowser()
        self.browser.setObjectName("lesson-view")
        self.browser.setAccessibleName(self.tr("レッスン本文"))
        self.browser.setAccessibleDescription(self.tr(
            "見出しへの移動とリンクの一覧は、本文の上のボタンから選べます。"))
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setMinimumHeight(BODY_MIN_HEIGHT)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.browser.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self.browser.viewport().installEventFilter(self)
        self._pending_position: float | None = None

        self.hint = plain_label(name="hint")
        self.quiz_info = plain_label(name="quiz-info")
        self.mark_read = push_button(self.tr("読了にする"), "lesson-mark-read")
        self.mark_read.setToolTip(self.tr("読了にする（Ctrl+D）"))
        self.mark_read.clicked.connect(self._on_mark_read_clicked)
        self.start_quiz = push_button(self.tr("理解度チェックを始める"), "lesson-start-quiz",
                                      primary=True)
        self.start_quiz.setToolTip(self.tr("理解度チェックを始める（Ctrl+T）"))
        self.start_quiz.clicked.connect(self._on_start_quiz_clicked)

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.headings_button)
        tools.addWidget(self.links_button)
        tools.addStretch(1)
        buttons = QWidget()
        row = FlowLayout(buttons)
        row.add(self.mark_read)
        row.add(self.start_quiz)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(tools)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.quiz_info)
        layout.addWidget(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = vertical_scroll(content, "lesson-scroll")
        outer.addWidget(self.scroll_area)

        self._timer = QTimer(self)
        self._timer.setInterval(STUDY_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(50)
        self._fit_timer.timeout.connect(self._fit_images)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def _menu_button(self, text: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        return button

    # -- showing --------------------------------------------------------------------------------

    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    @property
    def is_read(self) -> bool:
        """The open lesson was read to its end (or marked read) in this or an earlier visit."""
        return self._read

    def show_lesson(self, lesson: Lesson, state: LessonState, position: float,
                    css: str) -> None:
        self.leave()
        self._lesson = lesson
        self._read = state.read
        self._visible_seconds = 0
        self.title.setText(lesson.title)
        self._load(css)
        self.update_state(state)
        self._pending_position = position
        self._restore_position()
        self._timer.start()

    def _load(self, css: str) -> None:
        """Put the lesson in the browser. Scroll events while the document is replaced are
        not the learner's: the old position clamped to a shorter document would otherwise
        count as "read to the end" the moment a lesson is opened."""
        assert self._lesson is not None
        self._loading = True
        try:
            self.browser.verticalScrollBar().setValue(0)
            self.browser.document().setDefaultStyleSheet(css)
            self.browser.setHtml(self._document_html(self._lesson))
            self._fit_images()
        finally:
            self._loading = False
        self._fill_outline()

    def refresh_css(self, css: str) -> None:
        if self._lesson is None:
            return
        bar = self.browser.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._load(css)
        self._pending_position = fraction
        QTimer.singleShot(0, self._restore_position)

    def _restore_position(self) -> None:
        """Scroll back to where the learner left off, once the document has a height (the
        scroll range is known only after layout, so this also runs on ``rangeChanged``)."""
        bar = self.browser.verticalScrollBar()
        if self._pending_position is None or bar.maximum() == 0:
            return
        position, self._pending_position = self._pending_position, None
        self._loading = True
        try:
            bar.setValue(round(position * bar.maximum()))
        finally:
            self._loading = False

    def update_state(self, state: LessonState) -> None:
        lesson = self._lesson
        if lesson is None:
            return
        read = state.read
        self._read = read
        parts = [{
            Requirement.REQUIRED: self.tr("必須"),
            Requirement.OPTIONAL: self.tr("任意"),
            Requirement.NOT_FOR_ROLE: self.tr("対象外（あなたの役割では修了の対象ではありません）"),
        }[state.requirement]]
        if lesson.minutes:
            parts.append(self.tr("目安 {0}分").format(lesson.minutes))
        parts.append({
            Status.COMPLETED: self.tr("状況: 修了"),
            Status.IN_PROGRESS: self.tr("状況: 学習中"),
            Status.NOT_STARTED: self.tr("状況: 未着手"),
        }[state.status])
        self.meta.setText("　・　".join(parts))
        quiz = lesson.quiz
        has_quiz = quiz is not None and bool(quiz.questions)
        self.start_quiz.setVisible(has_quiz)
        self.quiz_info.setVisible(has_quiz)
        if quiz is not None and has_quiz:
            self.quiz_info.setText(self._quiz_summary(len(quiz.questions), quiz.pass_score,
                                                      quiz.max_attempts, state))
            self.start_quiz.setEnabled(not quiz.max_attempts
                                       or state.attempts < quiz.max_attempts)
        self.mark_read.setEnabled(not read)
        self.mark_read.setText(self.tr("読了済み") if read else self.tr("読了にする"))
        if state.status is Status.COMPLETED:
            self.hint.setText(self.tr("このレッスンは修了しています。"))
        elif read and has_quiz:
            self.hint.setText(self.tr("次は理解度チェックです。合格するとこのレッスンは修了です。"))
        elif has_quiz:
            self.hint.setText(self.tr(
                "最後まで読むと読了になります。その後、理解度チェックに合格すると修了です。"))
        else:
            self.hint.setText(self.tr("最後まで読むか「読了にする」を押すと修了です。"))

    def _quiz_summary(self, questions: int, pass_score: int, max_attempts: int,
                      state: LessonState) -> str:
        parts = [self.tr("理解度チェック：全 {0} 問、{1} 点以上で合格").format(
            questions, pass_score)]
        if max_attempts:
            left = max(max_attempts - state.attempts, 0)
            parts.append(self.tr("受験できる回数は残り {0} 回（全 {1} 回）").format(
                left, max_attempts))
        else:
            parts.append(self.tr("受験回数の制限はありません"))
        if state.attempts:
            best = state.best_score if state.best_score is not None else 0
            parts.append(self.tr("これまで {0} 回受験、最高 {1} 点").format(state.attempts, best))
        return "。".join(parts) + "。"

    def _document_html(self, lesson: Lesson) -> str:
        import html

        parts = []
        if lesson.objectives:
            items = "".join(f"<li>{html.escape(o)}</li>" for o in lesson.objectives)
            heading = self.tr("このレッスンの目標")
            parts.append(
                '<table width="100%" cellpadding="10" cellspacing="0"><tr>'
                f'<td class="objectives"><p><b>{heading}</b></p>'
                f"<ul>{items}</ul></td></tr></table>")
        parts.append(lesson_document.with_captions(lesson.body_html, self.tr("図：")))
        return "<html><body>" + "".join(parts) + "</body></html>"

    # -- the outline ----------------------------------------------------------------------------

    def _fill_outline(self) -> None:
        document = self.browser.document()
        headings_menu = self.headings_button.menu()
        headings_menu.clear()
        for heading in lesson_document.headings(document):
            indent = "　" * max(heading.level - 2, 0)
            action = headings_menu.addAction(indent + heading.text)
            action.triggered.connect(
                lambda _checked=False, h=heading: self.go_to_heading(h))
        self.headings_button.setEnabled(not headings_menu.isEmpty())
        links_menu = self.links_button.menu()
        links_menu.clear()
        for link in lesson_document.links(document):
            action = links_menu.addAction(self.tr("{0}（{1}）").format(
                link.text, self._link_kind(link.href)))
            action.triggered.connect(
                lambda _checked=False, href=link.href: self._on_browser_anchor_clicked(
                    QUrl(href)))
        self.links_button.setEnabled(not links_menu.isEmpty())

    def _link_kind(self, href: str) -> str:
        if href.startswith(("http:", "https:", "mailto:")):
            return self.tr("外部のページ")
        if href.startswith("#"):
            return self.tr("このページの中")
        return self.tr("教材")

    def go_to_heading(self, heading: lesson_document.Heading) -> None:
        """Scroll the heading to the top, put the reading cursor on it and say it."""
        block = self.browser.document().findBlock(heading.position)
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        self.browser.setFocus()
        announce(self.browser, self.tr("見出し：{0}").format(heading.text))

    def _fit_images(self) -> None:
        width = self.browser.viewport().width() - 24
        lesson_document.fit_images(self.browser.document(), width, self._image_sizes)

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
        if (not self._loading and not self._read and bar.maximum() > 0
                and value >= bar.maximum()):
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
        elif (watched is self.browser.viewport() and event.type() == QEvent.Type.Resize
              and isinstance(event, QResizeEvent)
              and event.size().width() != event.oldSize().width()):
            self._fit_timer.start()
        elif (watched is self.browser and event.type() == QEvent.Type.KeyPress
              and isinstance(event, QKeyEvent)):
            return self._scroll_to_an_end(event)
        return False

    def _scroll_to_an_end(self, event: QKeyEvent) -> bool:
        """Ctrl+Home / Ctrl+End (and Home / End) go to the start / end of the lesson: the
        read-only text has no cursor, so QTextBrowser itself ignores them (reaching the end
        this way counts as reading to the end, as with Page Down)."""
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if (event.matches(QKeySequence.StandardKey.MoveToStartOfDocument)
                or (plain and event.key() == Qt.Key.Key_Home)):
            action = QAbstractSlider.SliderAction.SliderToMinimum
        elif (event.matches(QKeySequence.StandardKey.MoveToEndOfDocument)
              or (plain and event.key() == Qt.Key.Key_End)):
            action = QAbstractSlider.SliderAction.SliderToMaximum
        else:
            return False
        self.browser.verticalScrollBar().triggerAction(action)
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        """At large text the page is taller than the window and scrolls; the body keeps at
        least about half of the height, so the reading area never shrinks to a slit."""
        super().resizeEvent(event)
        wanted = max(BODY_MIN_HEIGHT, int(self.scroll_area.viewport().height() * BODY_SHARE))
        if self.browser.minimumHeight() != wanted:
            self.browser.setMinimumHeight(wanted)

    def hideEvent(self, event: object) -> None:
        self._flush_seconds()
        super().hideEvent(event)  # type: ignore[arg-type]
