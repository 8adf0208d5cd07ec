"""The first page after sign-in: where the learner stands and the one obvious next step.

When every required lesson is done, the page says so and offers the 修了証 (certificate). The
page never takes the focus itself while it is hidden: the window focuses :meth:`focus_target`
when it shows the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from dxlearn.content.model import Lesson
from dxlearn.learning.status import CurriculumProgress, Status

from .widgets import FlowLayout, plain_label, push_button, vertical_scroll

if TYPE_CHECKING:  # importing it made QEvent.Type's enum before the first paint (~2 ms)
    from PySide6.QtGui import QKeyEvent


class HomePage(QWidget):
    lesson_requested = Signal(str)
    certificate_requested = Signal()
    review_requested = Signal()  # 今日の復習 (gui.review_page)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._next_id: str | None = None
        self.greeting = plain_label(name="page-title")
        self.summary = plain_label(name="home-summary")
        self.next_title = plain_label(name="home-next-title")
        self.next_button = push_button(self.tr("次のレッスンを学習する"), "home-next",
                                       primary=True)
        self.next_button.setMinimumHeight(56)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.certificate = push_button(self.tr("修了証を発行する"), "home-certificate",
                                       primary=True)
        self.certificate.setMinimumHeight(56)
        self.certificate.clicked.connect(self.certificate_requested)
        self.certificate.hide()
        # 今日の復習: filled by gui.review_page.ReviewFeature (hidden when review is off)
        self.review_button = push_button("", "review-start")
        self.review_button.setMinimumHeight(44)
        self.review_button.clicked.connect(self.review_requested)
        self.review_note = plain_label(name="hint")
        self.review_button.hide()
        self.review_note.hide()
        self.help = plain_label(self.tr(
            "左の一覧からレッスンを選ぶこともできます。\n"
            "レッスンを最後まで読み、理解度チェックに合格すると、そのレッスンは修了です。\n"
            "学習の記録は自動で保存されます。途中でやめても、続きから再開できます。"),
            name="hint")

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 20, 24, 20)
        card_layout.setSpacing(14)
        card_layout.addWidget(self.greeting)
        card_layout.addWidget(self.summary)
        card_layout.addWidget(self.next_title)
        buttons = QWidget()
        row = FlowLayout(buttons)
        row.add(self.next_button)
        row.add(self.certificate)
        card_layout.addWidget(buttons)
        review = QWidget()
        review_row = FlowLayout(review)
        review_row.add(self.review_button)
        card_layout.addWidget(review)
        card_layout.addWidget(self.review_note)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.addWidget(card)
        inner.addWidget(self.help)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(vertical_scroll(content, "home-scroll"))

    def show_state(self, name: str, role_label: str, curriculum: CurriculumProgress,
                   next_lesson: Lesson | None) -> None:
        self.greeting.setText(self.tr("{0} さん、ようこそ").format(name))
        remaining = curriculum.required_total - curriculum.required_completed
        finished = curriculum.status is Status.COMPLETED
        if finished:
            summary = self.tr(
                "{0}の必須レッスン {1} 件をすべて修了しました。おつかれさまでした。"
                "「修了証を発行する」で修了証（PDF）を保存できます。"
            ).format(role_label, curriculum.required_total)
        else:
            summary = self.tr(
                "{0}の必須レッスン {1} 件のうち {2} 件を修了しています（残り {3} 件）。"
            ).format(role_label, curriculum.required_total, curriculum.required_completed,
                     remaining)
        self.summary.setText(summary)
        self.certificate.setVisible(finished)
        self._next_id = next_lesson.id if next_lesson else None
        if next_lesson is not None:
            minutes = (self.tr("（目安 {0}分）").format(next_lesson.minutes)
                       if next_lesson.minutes else "")
            self.next_title.setText(self.tr("次に学習するレッスン：{0}{1}").format(
                next_lesson.title, minutes))
            self.next_button.setText(self.tr("次のレッスンを学習する") if not finished
                                     else self.tr("任意のレッスンを学習する"))
            self.next_button.show()
        else:
            self.next_title.setText(self.tr("学習するレッスンはもうありません。"))
            self.next_button.hide()

    def show_review(self, text: str, note: str, *, visible: bool, enabled: bool) -> None:
        """The 今日の復習 button (its text holds the number due) and the line under it."""
        self.review_button.setText(text)
        self.review_button.setAccessibleName(text)
        self.review_button.setEnabled(enabled)
        self.review_button.setVisible(visible)
        self.review_note.setText(note)
        self.review_note.setVisible(visible and bool(note))

    def focus_target(self) -> QWidget:
        """What has the focus when the page is shown: the one next step."""
        for button in (self.certificate, self.next_button):
            if not button.isHidden():
                return button
        return self

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere on the page (not on another button) opens the next lesson."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._next_id:
            self._on_next_button_clicked()
            return
        super().keyPressEvent(event)

    def _on_next_button_clicked(self) -> None:
        if self._next_id:
            self.lesson_requested.emit(self._next_id)
