"""The 理解度チェック page: one question at a time, feedback, then the result.

A view only: it shows what the quiz session gives it and reports the positions the learner
chose. It never grades (``learning.grading`` does) and never stores (the session does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Question


@dataclass(frozen=True)
class QuestionView:
    number: int  # 1-based
    total: int
    prompt_html: str
    choices_html: Sequence[str]  # in displayed order
    multiple: bool
    lesson_title: str


@dataclass(frozen=True)
class ResultView:
    score: int
    pass_score: int
    passed: bool
    correct: int
    total: int
    missed: Sequence[Question]  # the questions the learner got wrong, to review
    can_retry: bool
    attempts_note: str
    completed_now: bool
    lesson_completed: bool
    needs_reading: bool


def _plain(html_text: str) -> str:
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(html_text).toPlainText()


class QuizPage(QWidget):
    answer_submitted = Signal(list)  # displayed positions chosen
    next_requested = Signal()
    retry_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quiz-view")
        self.setAccessibleName(self.tr("理解度チェック"))
        self._buttons: list[QAbstractButton] = []
        self._answered = False
        self._busy = False
        self._css = ""

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_question_panel())
        self.stack.addWidget(self._build_result_panel())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.stack)

    # -- building -------------------------------------------------------------------------------

    def _build_question_panel(self) -> QWidget:
        panel = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("page-title")
        self.heading.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("page-meta")
        self.prompt = QTextBrowser()
        self.prompt.setObjectName("quiz-question")
        self.prompt.setAccessibleName(self.tr("問題文"))
        self.prompt.setOpenLinks(False)
        self.prompt.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.instruction = QLabel()
        self.instruction.setObjectName("hint")
        self.choices_box = QWidget()
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("quiz-feedback")
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("quiz-explanation")
        self.explanation.setAccessibleName(self.tr("解説"))
        self.explanation.setOpenLinks(False)
        self.explanation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.explanation.hide()

        self.submit = QPushButton(self.tr("回答する"))
        self.submit.setObjectName("quiz-submit")
        self.submit.setAccessibleName(self.tr("回答する"))
        self.submit.setProperty("primary", True)
        self.submit.clicked.connect(self._on_submit_clicked)
        self.next = QPushButton(self.tr("次の問題へ"))
        self.next.setObjectName("quiz-next")
        self.next.setProperty("primary", True)
        self.next.setEnabled(False)
        self.next.clicked.connect(self.next_requested)
        self.back = QPushButton(self.tr("レッスンに戻る"))
        self.back.setObjectName("quiz-back")
        self.back.clicked.connect(self.back_requested)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.prompt)
        inner_layout.addWidget(self.instruction)
        inner_layout.addWidget(self.choices_box)
        inner_layout.addWidget(self.feedback)
        inner_layout.addWidget(self.explanation)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress_label)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return panel

    def _build_result_panel(self) -> QWidget:
        panel = QWidget()
        self.result_title = QLabel()
        self.result_title.setObjectName("page-title")
        self.score_label = QLabel()
        self.score_label.setObjectName("quiz-score")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.result_details = QTextBrowser()
        self.result_details.setObjectName("quiz-result-details")
        self.result_details.setAccessibleName(self.tr("結果の詳細"))
        self.result_details.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry = QPushButton(self.tr("もう一度挑戦する"))
        self.retry.setObjectName("quiz-retry")
        self.retry.clicked.connect(self.retry_requested)
        self.result_back = QPushButton(self.tr("レッスン一覧に戻る"))
        self.result_back.setObjectName("quiz-result-back")
        self.result_back.setProperty("primary", True)
        self.result_back.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.result_back)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_title)
        layout.addWidget(self.score_label)
        layout.addWidget(self.verdict)
        layout.addWidget(self.result_details, 1)
        layout.addLayout(buttons)
        return panel

    # -- showing --------------------------------------------------------------------------------

    def set_css(self, css: str) -> None:
        self._css = css
        for browser in (self.prompt, self.explanation, self.result_details):
            browser.document().setDefaultStyleSheet(css)

    def show_question(self, view: QuestionView) -> None:
        self.stack.setCurrentIndex(0)
        self._answered = False
        self.heading.setText(self.tr("理解度チェック：{0}").format(view.lesson_title))
        self.progress_label.setText(self.tr("問 {0} / {1}").format(view.number, view.total))
        self.prompt.setHtml(view.prompt_html)
        _fit_height(self.prompt, 260)
        self.instruction.setText(
            self.tr("当てはまるものをすべて選んでから「回答する」を押してください。")
            if view.multiple else
            self.tr("正しいものを一つ選んでから「回答する」を押してください。"))
        while self.choices_layout.count():
            taken = self.choices_layout.takeAt(0)
            row = taken.widget() if taken is not None else None
            if row is not None:  # detach now: findChild must not see the old buttons
                row.setParent(None)
                row.deleteLater()
        self._buttons = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(not view.multiple)
        for position, choice_html in enumerate(view.choices_html):
            text = _plain(choice_html)
            button: QAbstractButton = (QCheckBox(f"{position + 1}.") if view.multiple
                                       else QRadioButton(f"{position + 1}."))
            button.setObjectName(f"quiz-choice-{position}")
            button.setAccessibleName(f"{position + 1}. {text}")
            button.toggled.connect(self._on_choice_toggled)
            self._group.addButton(button, position)
            self.choices_layout.addWidget(_ChoiceRow(button, text))
            self._buttons.append(button)
        self.feedback.clear()
        self.feedback.setObjectName("quiz-feedback")
        self.explanation.hide()
        self.submit.setEnabled(False)
        self.submit.show()
        self.next.setEnabled(False)
        self.next.setText(self.tr("次の問題へ") if view.number < view.total
                          else self.tr("結果を見る"))
        if self._buttons:
            self._buttons[0].setFocus()

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
        for button in self._buttons:
            button.setEnabled(False)
        answer = "、".join(str(p + 1) for p in sorted(correct_positions))
        if correct:
            self.feedback.setObjectName("quiz-feedback-correct")
            self.feedback.setText(self.tr("○ 正解です。"))
        else:
            self.feedback.setObjectName("quiz-feedback-wrong")
            self.feedback.setText(self.tr("× 不正解です。正解は {0} です。").format(answer))
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        if explanation_html:
            heading = self.tr("解説")
            self.explanation.setHtml(f"<p><b>{heading}</b></p>{explanation_html}")
            self.explanation.show()
            _fit_height(self.explanation, 320)
        self.submit.setEnabled(False)
        self.next.setEnabled(True)
        self.next.setFocus()

    def show_result(self, view: ResultView, lesson_title: str) -> None:
        self.stack.setCurrentIndex(1)
        self.result_title.setText(self.tr("理解度チェックの結果：{0}").format(lesson_title))
        self.score_label.setText(self.tr("{0} 点（{1}問中{2}問正解）").format(
            view.score, view.total, view.correct))
        if view.passed:
            self.verdict.setObjectName("result-passed")
            text = self.tr("合格です（合格点 {0} 点）。").format(view.pass_score)
            if view.lesson_completed:
                text += self.tr("このレッスンを修了しました。")
            elif view.needs_reading:
                text += self.tr("レッスン本文を最後まで読むと修了になります。")
        else:
            self.verdict.setObjectName("result-failed")
            text = self.tr("不合格です（合格点 {0} 点）。").format(view.pass_score)
            if view.can_retry:
                text += self.tr("解説を読み直して、もう一度挑戦してください。")
        self.verdict.setText(text)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        details = []
        if view.missed:
            missed_heading = self.tr("間違えた問題")
            details.append(f"<p><b>{missed_heading}</b></p><ul>")
            for question in view.missed:  # the question, the right answer, the explanation
                answer = "、".join(_plain(question.choices[i].html)
                                  for i in sorted(question.correct_indexes))
                label = self.tr("正解：{0}").format(answer)
                details.append(
                    f"<li><p><b>{_escape(question.prompt.splitlines()[0])}</b></p>"
                    f"<p>{_escape(label)}</p>{question.explanation_html}</li>")
            details.append("</ul>")
        else:
            all_correct = self.tr("全問正解です。")
            details.append(f"<p>{all_correct}</p>")
        if view.attempts_note:
            details.append(f"<p>{_escape(view.attempts_note)}</p>")
        self.result_details.setHtml("".join(details))
        self.retry.setVisible(view.can_retry)
        (self.result_back if view.passed or not view.can_retry else self.retry).setFocus()

    # -- events ---------------------------------------------------------------------------------

    def _on_choice_toggled(self, _checked: bool) -> None:
        self.submit.setEnabled(not self._answered and not self._busy
                               and bool(self.selected_positions()))

    def _on_submit_clicked(self) -> None:
        positions = self.selected_positions()
        if positions and not self._answered and not self._busy:
            self.answer_submitted.emit(positions)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keyboard path: digits 1-9 pick a choice, Enter answers and then goes on."""
        key = event.key()
        if self.stack.currentIndex() == 0:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.submit.isEnabled():
                    self.submit.click()
                elif self.next.isEnabled():
                    self.next.click()
                return
            position = key - Qt.Key.Key_1
            if 0 <= position < min(len(self._buttons), 9):
                button = self._buttons[position]
                if button.isEnabled():
                    button.click()
                    button.setFocus()
                return
        super().keyPressEvent(event)


class _ChoiceRow(QWidget):
    """A choice: the button (number) and its text, wrapped; clicking the text clicks the
    button. QRadioButton/QCheckBox cannot wrap long Japanese sentences themselves."""

    def __init__(self, button: QAbstractButton, text: str) -> None:
        super().__init__()
        self.button = button
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()
        event.accept()


def _fit_height(browser: QTextBrowser, maximum: int) -> None:
    """Size a read-only browser to its content (up to ``maximum`` px; it scrolls beyond)."""
    document = browser.document()
    document.setTextWidth(max(browser.viewport().width(), 400))
    height = int(document.size().height()) + 2 * browser.frameWidth() + 8
    browser.setFixedHeight(min(max(height, 48), maximum))


def _escape(text: str) -> str:
    import html

    return html.escape(text)
