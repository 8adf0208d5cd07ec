"""The 理解度チェック page: one question at a time, feedback, then the result.

A view only: it shows what the quiz session gives it and reports the positions the learner
chose. It never grades (``learning.grading`` does) and never stores (the session does).

Keyboard and screen reader: the tab order is choices → 回答する → 次へ → レッスンに戻る; digits
1–9 pick a choice, Enter answers and then goes on, Page Up/Down scroll, Esc asks to leave. The
choices are a group named by the question (and each choice is described by it), the feedback
marks the correct choice itself (a number would change on reshuffle) and is announced, and it is
scrolled into view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .announce import announce
from .quiz_result import PastAttempt, ResultPanel, ResultView, ReviewItem, plain
from .widgets import (
    FittedBrowser,
    FlowLayout,
    focus_in_view,
    plain_label,
    push_button,
    vertical_scroll,
)

__all__ = ["PastAttempt", "QuestionView", "QuizPage", "ResultView", "ReviewItem"]


@dataclass(frozen=True)
class QuestionView:
    number: int  # 1-based
    total: int
    prompt_html: str
    choices_html: Sequence[str]  # in displayed order
    multiple: bool
    lesson_title: str
    attempt_number: int = 0  # 0: not recorded (the trainers' preview)
    resumed_answered: int | None = None  # a resumed attempt: answers already stored


class QuizPage(QWidget):
    answer_submitted = Signal(list)  # displayed positions chosen
    next_requested = Signal()
    retry_requested = Signal()
    back_requested = Signal()  # レッスンに戻る or Esc during the questions
    lesson_requested = Signal()  # the result page's レッスン本文に戻る
    home_requested = Signal()
    next_lesson_requested = Signal()
    # the window hides the lesson list while a quiz or a review is on screen (its rows are not
    # in the questions' tab order) and focuses ``focus_target()`` when the page is shown
    hides_curriculum = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quiz-view")
        self.setAccessibleName(self.tr("理解度チェック"))
        self._buttons: list[QAbstractButton] = []
        self._rows: list[_ChoiceRow] = []
        self._group: QButtonGroup | None = None
        self._answered = False
        self._busy = False
        self._css = ""

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_question_panel())
        self.result_panel = ResultPanel()
        self.stack.addWidget(self.result_panel)
        self.result_panel.retry_requested.connect(self.retry_requested)
        self.result_panel.lesson_requested.connect(self.lesson_requested)
        self.result_panel.home_requested.connect(self.home_requested)
        self.result_panel.next_lesson_requested.connect(self.next_lesson_requested)
        # the result panel's widgets under their old names (tests, RPA, the screenshots)
        self.result_title = self.result_panel.result_title
        self.score_label = self.result_panel.score_label
        self.verdict = self.result_panel.verdict
        self.result_details = self.result_panel.details
        self.retry = self.result_panel.retry
        self.result_back = self.result_panel.result_back
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.stack)

    # -- building -------------------------------------------------------------------------------

    def _build_question_panel(self) -> QWidget:
        panel = QWidget()
        self.heading = plain_label(name="page-title")
        self.progress_label = plain_label(name="page-meta")
        self.resumed = plain_label(name="quiz-resumed")
        self.resumed.hide()
        self.prompt = FittedBrowser()
        self.prompt.setObjectName("quiz-question")
        self.prompt.setAccessibleName(self.tr("問題文"))
        self.prompt.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.instruction = plain_label(name="hint")
        self.choices_box = QGroupBox()
        self.choices_box.setObjectName("quiz-choices")
        self.choices_box.setFlat(True)
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.feedback = plain_label(name="quiz-feedback")
        # the box draws the border: a word-wrapped QLabel with a stylesheet border and padding
        # reports a height for its width without them, and its last line is cut off
        self.feedback_box = QFrame()
        self.feedback_box.setObjectName("quiz-feedback-box")
        box_layout = QVBoxLayout(self.feedback_box)
        box_layout.setContentsMargins(12, 8, 12, 8)
        box_layout.addWidget(self.feedback)
        self.feedback_box.hide()
        self.explanation = FittedBrowser()
        self.explanation.setObjectName("quiz-explanation")
        self.explanation.setAccessibleName(self.tr("解説"))
        self.explanation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.explanation.hide()

        self.submit = push_button(self.tr("回答する"), "quiz-submit", primary=True)
        self.submit.setAccessibleName(self.tr("回答する"))
        self.submit.clicked.connect(self._on_submit_clicked)
        self.next = push_button(self.tr("次の問題へ"), "quiz-next", primary=True)
        self.next.setEnabled(False)
        self.next.clicked.connect(self.next_requested)
        self.back = push_button(self.tr("レッスンに戻る"), "quiz-back")
        self.back.setToolTip(self.tr("レッスンに戻る（Esc）。答えた問題は保存されています。"))
        self.back.clicked.connect(self.back_requested)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        for widget in (self.heading, self.progress_label, self.resumed, self.prompt,
                       self.instruction, self.choices_box, self.feedback_box, self.explanation):
            inner_layout.addWidget(widget)
        inner_layout.addStretch(1)
        self.scroll_area = vertical_scroll(inner, "quiz-scroll")

        buttons = QWidget()
        row = FlowLayout(buttons)
        for button in (self.submit, self.next, self.back):
            row.add(button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        return panel

    # -- showing --------------------------------------------------------------------------------

    def set_css(self, css: str) -> None:
        self._css = css
        for browser in (self.prompt, self.explanation, self.result_details):
            browser.document().setDefaultStyleSheet(css)

    def show_question(self, view: QuestionView) -> None:
        self.stack.setCurrentIndex(0)
        self._answered = False
        heading = self.tr("理解度チェック：{0}").format(view.lesson_title)
        if view.attempt_number:
            heading += self.tr("（{0} 回目）").format(view.attempt_number)
        self.heading.setText(heading)
        self.progress_label.setText(self.tr("問 {0} / {1}").format(view.number, view.total))
        if view.resumed_answered is not None:
            self.resumed.setText(self.tr(
                "前回の続きから再開しています。答えた {0} 問は保存されています。"
                "問 {1} から続けてください。").format(view.resumed_answered, view.number))
        self.resumed.setVisible(view.resumed_answered is not None)
        self.prompt.setHtml(view.prompt_html)
        question = plain(view.prompt_html)
        self.instruction.setText(
            self.tr("当てはまるものをすべて選んでから「回答する」を押してください。")
            if view.multiple else
            self.tr("正しいものを一つ選んでから「回答する」を押してください。"))
        group_name = self.tr("問 {0}：{1}").format(view.number, question)
        self.choices_box.setAccessibleName(group_name)
        self.choices_box.setAccessibleDescription(self.instruction.text())
        self._clear_choices()
        if self._group is not None:  # one group per question shown: never let them pile up
            self._group.deleteLater()
        # Radio buttons share a group (one answer: one Tab stop, the arrow keys move within
        # it). Check boxes never do: Qt takes every member of a QButtonGroup but one out of
        # the Tab order, exclusive or not, and its arrow keys then find no other member, so a
        # keyboard or screen-reader user reached only the first choice of a 「すべて選ぶ」
        # question. Each check box is its own Tab stop (and Down/Up move to the next one).
        self._group = None if view.multiple else QButtonGroup(self)
        for position, choice_html in enumerate(view.choices_html):
            text = plain(choice_html)
            button: QAbstractButton = (QCheckBox(f"{position + 1}.") if view.multiple
                                       else QRadioButton(f"{position + 1}."))
            button.setObjectName(f"quiz-choice-{position}")
            button.setAccessibleName(f"{position + 1}. {text}")
            button.setAccessibleDescription(group_name)
            button.toggled.connect(self._on_choice_toggled)
            if self._group is not None:
                self._group.addButton(button, position)
            row = _ChoiceRow(button, text)
            self.choices_layout.addWidget(row)
            row.setVisible(self.isVisible())  # now, not at the next event loop turn
            self._rows.append(row)
            self._buttons.append(button)
        self._chain_tab_order()
        self.feedback.clear()
        self.feedback.setObjectName("quiz-feedback")
        self.feedback_box.hide()
        self.explanation.hide()
        self.submit.setEnabled(False)
        self.submit.show()
        self.next.setEnabled(False)
        self.next.setAccessibleDescription("")
        self.next.setText(self.tr("次の問題へ") if view.number < view.total
                          else self.tr("結果を見る"))
        self.scroll_area.verticalScrollBar().setValue(0)
        if self._buttons:
            self._buttons[0].setFocus()
        if view.resumed_answered is not None:
            announce(self, self.resumed.text())

    def _clear_choices(self) -> None:
        while self.choices_layout.count():
            taken = self.choices_layout.takeAt(0)
            row = taken.widget() if taken is not None else None
            if row is not None:  # detach now: findChild must not see the old buttons
                row.setParent(None)
                row.deleteLater()
        self._buttons = []
        self._rows = []

    def _chain_tab_order(self) -> None:
        """choices → 回答する → 次へ → レッスンに戻る (nothing of the window in between)."""
        chain: list[QWidget] = [*self._buttons, self.submit, self.next, self.back]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_busy(self, busy: bool) -> None:
        """While an answer is being stored: no second submit, no change of the choice."""
        self._busy = busy
        for button in self._buttons:
            button.setEnabled(not busy and not self._answered)
        self.submit.setEnabled(not busy and not self._answered
                               and bool(self.selected_positions()))

    def choice_buttons(self) -> list[QAbstractButton]:
        return list(self._buttons)

    def selected_positions(self) -> list[int]:
        return [i for i, button in enumerate(self._buttons) if button.isChecked()]

    def show_feedback(self, correct: bool, correct_positions: Sequence[int],
                      explanation_html: str) -> None:
        self._answered = True
        chosen = set(self.selected_positions())
        right = set(correct_positions)
        for position, (button, row) in enumerate(zip(self._buttons, self._rows, strict=True)):
            button.setEnabled(False)
            row.mark(is_correct=position in right, was_chosen=position in chosen,
                     correct_text=self.tr("✓ 正解"),
                     wrong_text=self.tr("✗ あなたの回答（不正解）"))
            if position in right:
                button.setAccessibleDescription(self.tr("正解の選択肢"))
            elif position in chosen:
                button.setAccessibleDescription(self.tr("あなたの回答。不正解です"))
        answers = "".join(f"「{self._rows[p].label.text()}」" for p in sorted(right))
        # the style first, then the text: a label sizes itself for its text with the border
        # and padding it has at that moment
        self.feedback.setObjectName("quiz-feedback-correct" if correct else "quiz-feedback-wrong")
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self.feedback.setText(self.tr("○ 正解です。") if correct else
                              self.tr("× 不正解です。正解は{0}です。").format(answers))
        self.feedback_box.setProperty("verdict", "correct" if correct else "wrong")
        self.feedback_box.style().unpolish(self.feedback_box)
        self.feedback_box.style().polish(self.feedback_box)
        self.feedback_box.show()
        spoken = self.feedback.text()
        if explanation_html:
            heading = self.tr("解説")
            self.explanation.setHtml(f"<p><b>{heading}</b></p>{explanation_html}")
            self.explanation.show()
            spoken += self.tr("解説：{0}").format(plain(explanation_html))
        self.next.setAccessibleDescription(spoken)
        self.submit.setEnabled(False)
        self.next.setEnabled(True)
        self.next.setFocus()  # outside the scroll area: always in view
        announce(self.feedback, spoken, assertive=True)
        QTimer.singleShot(0, self._scroll_to_feedback)

    def _scroll_to_feedback(self) -> None:
        """The feedback (and as much of the explanation as fits) in view."""
        if self.explanation.isVisible():
            self.scroll_area.ensureWidgetVisible(self.explanation, 0, 0)
        self.scroll_area.ensureWidgetVisible(self.feedback_box, 0, 12)

    def show_result(self, view: ResultView, lesson_title: str) -> None:
        self.stack.setCurrentIndex(1)
        self.result_panel.show_result(view, lesson_title)
        target = self.result_panel.focus_target()
        focus_in_view(target)
        QTimer.singleShot(0, lambda: focus_in_view(target))  # again once it is laid out

    def focus_target(self) -> QWidget:
        if self.stack.currentIndex() == 1:
            return self.result_panel.focus_target()
        if self.next.isEnabled():
            return self.next
        return self._buttons[0] if self._buttons else self.back

    # -- events ---------------------------------------------------------------------------------

    def _on_choice_toggled(self, _checked: bool) -> None:
        for row in self._rows:
            row.refresh()
        self.submit.setEnabled(not self._answered and not self._busy
                               and bool(self.selected_positions()))

    def _on_submit_clicked(self) -> None:
        positions = self.selected_positions()
        if positions and not self._answered and not self._busy:
            self.answer_submitted.emit(positions)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keyboard path: digits 1-9 pick a choice, Enter answers and then goes on (a focused
        button handles Enter itself first), Page Up/Down scroll, Esc asks to leave."""
        key = event.key()
        if self.stack.currentIndex() == 0:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.submit.isEnabled():
                    self.submit.click()
                elif self.next.isEnabled():
                    self.next.click()
                return
            if key == Qt.Key.Key_Escape:
                self.back_requested.emit()
                return
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                bar = self.scroll_area.verticalScrollBar()
                step = bar.pageStep() if key == Qt.Key.Key_PageDown else -bar.pageStep()
                bar.setValue(bar.value() + step)
                return
            position = key - Qt.Key.Key_1
            if 0 <= position < min(len(self._buttons), 9):
                button = self._buttons[position]
                if button.isEnabled():
                    button.click()
                    button.setFocus()
                return
        super().keyPressEvent(event)


class _ChoiceRow(QFrame):
    """A choice: the button (number) and its text, wrapped; clicking the text clicks the
    button. QRadioButton/QCheckBox cannot wrap long Japanese sentences themselves. The row
    draws the focus ring and the checked state around the whole choice (not over the number),
    and after an answer marks the correct choice and a wrong pick in words."""

    def __init__(self, button: QAbstractButton, text: str) -> None:
        super().__init__()
        self.setObjectName("quiz-choice-row")
        self.button = button
        self.label = plain_label(text)
        self.label.setBuddy(button)
        self.verdict_label = plain_label(wrap=False)
        self.verdict_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.verdict_label, 0, Qt.AlignmentFlag.AlignTop)
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() in (QEvent.Type.FocusIn,
                                                       QEvent.Type.FocusOut):
            self.refresh()
        return False

    def refresh(self) -> None:
        self._set("focused", self.button.hasFocus())
        self._set("checked", self.button.isChecked())

    def mark(self, *, is_correct: bool, was_chosen: bool, correct_text: str,
             wrong_text: str) -> None:
        if is_correct:
            self.verdict_label.setObjectName("quiz-mark-correct")
            self.verdict_label.setText(correct_text)
            self._set("verdict", "correct")
        elif was_chosen:
            self.verdict_label.setObjectName("quiz-mark-wrong")
            self.verdict_label.setText(wrong_text)
            self._set("verdict", "wrong")
        else:
            return
        self.verdict_label.style().unpolish(self.verdict_label)
        self.verdict_label.style().polish(self.verdict_label)
        self.verdict_label.show()

    def _set(self, name: str, value: object) -> None:
        if self.property(name) != value:
            self.setProperty(name, value)
            self.style().unpolish(self)
            self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()
        event.accept()
