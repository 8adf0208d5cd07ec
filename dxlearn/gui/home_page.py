"""The first page after sign-in: where the learner stands and the one obvious next step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from dxlearn.content.model import Lesson
from dxlearn.learning.status import CurriculumProgress, Status


class HomePage(QWidget):
    lesson_requested = Signal(str)
    review_requested = Signal()  # 今日の復習 (gui.review_page)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._next_id: str | None = None
        self.greeting = QLabel()
        self.greeting.setObjectName("page-title")
        self.greeting.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.next_title = QLabel()
        self.next_title.setWordWrap(True)
        self.next_title.setObjectName("home-next-title")
        self.next_button = QPushButton(self.tr("次のレッスンを学習する"))
        self.next_button.setObjectName("home-next")
        self.next_button.setProperty("primary", True)
        self.next_button.setMinimumHeight(56)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        # 今日の復習: filled by gui.review_page.ReviewFeature (hidden when review is off)
        self.review_button = QPushButton()
        self.review_button.setObjectName("review-start")
        self.review_button.setMinimumHeight(44)
        self.review_button.clicked.connect(self.review_requested)
        self.review_note = QLabel()
        self.review_note.setObjectName("hint")
        self.review_note.setWordWrap(True)
        self.review_button.hide()
        self.review_note.hide()
        self.help = QLabel(self.tr(
            "左の一覧からレッスンを選ぶこともできます。\n"
            "レッスンを最後まで読み、理解度チェックに合格すると、そのレッスンは修了です。\n"
            "学習の記録は自動で保存されます。途中でやめても、続きから再開できます。"))
        self.help.setObjectName("hint")
        self.help.setWordWrap(True)

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 20, 24, 20)
        card_layout.setSpacing(14)
        card_layout.addWidget(self.greeting)
        card_layout.addWidget(self.summary)
        card_layout.addWidget(self.next_title)
        card_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        card_layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        card_layout.addWidget(self.review_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(card)
        layout.addWidget(self.help)
        layout.addStretch(1)

    def show_state(self, name: str, role_label: str, curriculum: CurriculumProgress,
                   next_lesson: Lesson | None) -> None:
        self.greeting.setText(self.tr("{0} さん、ようこそ").format(name))
        remaining = curriculum.required_total - curriculum.required_completed
        if curriculum.status is Status.COMPLETED:
            summary = self.tr(
                "{0}の必須レッスン {1} 件をすべて修了しました。おつかれさまでした。"
            ).format(role_label, curriculum.required_total)
        else:
            summary = self.tr(
                "{0}の必須レッスン {1} 件のうち {2} 件を修了しています（残り {3} 件）。"
            ).format(role_label, curriculum.required_total, curriculum.required_completed,
                     remaining)
        self.summary.setText(summary)
        self._next_id = next_lesson.id if next_lesson else None
        if next_lesson is not None:
            minutes = (self.tr("（目安 {0}分）").format(next_lesson.minutes)
                       if next_lesson.minutes else "")
            self.next_title.setText(self.tr("次に学習するレッスン：{0}{1}").format(
                next_lesson.title, minutes))
            self.next_button.setText(self.tr("次のレッスンを学習する"))
            self.next_button.show()
            self.next_button.setFocus()
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere on the page opens the next lesson: the next step is one key away."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._next_id:
            self._on_next_button_clicked()
            return
        super().keyPressEvent(event)

    def _on_next_button_clicked(self) -> None:
        if self._next_id:
            self.lesson_requested.emit(self._next_id)
