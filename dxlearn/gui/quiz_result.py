"""The result of a 理解度チェック attempt: score, pass or fail, the attempt history, and the
review of every question with the learner's own answer and the correct choices, one per line
(Moodle's review page). After a pass the main button is 「次のレッスンへ」.

A view only: the session gives it a :class:`ResultView`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from dxlearn.content.model import Question

from .announce import announce
from .widgets import FlowLayout, plain_label, push_button, vertical_scroll


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    selected: tuple[int, ...]  # file indexes the learner chose (empty: not answered)
    correct: bool


@dataclass(frozen=True)
class PastAttempt:
    number: int  # 1-based, in the order taken
    score: int
    passed: bool


@dataclass(frozen=True)
class ResultView:
    score: int
    pass_score: int
    passed: bool
    correct: int
    total: int
    review: Sequence[ReviewItem]  # every question, in the quiz's order
    can_retry: bool
    attempts_note: str
    completed_now: bool
    lesson_completed: bool
    needs_reading: bool
    attempt_number: int = 0  # 0: not recorded (the trainers' preview)
    history: Sequence[PastAttempt] = field(default_factory=tuple)
    next_lesson_title: str | None = None  # offered after a pass
    curriculum_completed: bool = False  # every required lesson done: the 修了証 can be issued


def plain(html_text: str) -> str:
    return QTextDocumentFragment.fromHtml(html_text).toPlainText()


class ResultPanel(QWidget):
    retry_requested = Signal()
    lesson_requested = Signal()  # back to the lesson text
    home_requested = Signal()
    next_lesson_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_title = plain_label(name="page-title")
        self.score_label = plain_label(name="quiz-score")
        self.verdict = plain_label(name="result-failed")
        self.history = plain_label(name="quiz-history")
        self.details = QTextBrowser()
        self.details.setObjectName("quiz-result-details")
        self.details.setAccessibleName(self.tr("問題ごとの結果"))
        self.details.setAccessibleDescription(self.tr(
            "問題ごとに、あなたの回答と正解、解説を示します。矢印キーで読み進められます。"))
        self.details.setOpenLinks(False)
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setMinimumHeight(200)
        self.next_lesson = push_button(self.tr("次のレッスンへ"), "quiz-next-lesson",
                                       primary=True)
        self.next_lesson.clicked.connect(self.next_lesson_requested)
        self.retry = push_button(self.tr("もう一度挑戦する"), "quiz-retry", primary=True)
        self.retry.clicked.connect(self.retry_requested)
        self.to_lesson = push_button(self.tr("レッスン本文に戻る"), "quiz-result-lesson")
        self.to_lesson.clicked.connect(self.lesson_requested)
        self.result_back = push_button(self.tr("ホームに戻る"), "quiz-result-back")
        self.result_back.clicked.connect(self.home_requested)
        for shown_after_a_result in (self.next_lesson, self.to_lesson, self.history):
            shown_after_a_result.hide()  # show_result decides (the review page never shows them)
        buttons = QWidget()
        row = FlowLayout(buttons)
        for button in (self.next_lesson, self.retry, self.to_lesson, self.result_back):
            row.add(button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_title)
        layout.addWidget(self.score_label)
        layout.addWidget(self.verdict)
        layout.addWidget(self.history)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(vertical_scroll(content, "quiz-result-scroll"))

    def show_result(self, view: ResultView, lesson_title: str) -> None:
        self.result_title.setText(self.tr("理解度チェックの結果：{0}").format(lesson_title))
        score = self.tr("{0} 点（{1}問中{2}問正解）").format(view.score, view.total,
                                                        view.correct)
        if view.attempt_number:
            score = self.tr("{0} 回目　{1}").format(view.attempt_number, score)
        self.score_label.setText(score)
        self.verdict.setObjectName("result-passed" if view.passed else "result-failed")
        self.verdict.setText(self._verdict(view))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        lines = [self.tr("{0} 回目：{1} 点（{2}）").format(
            past.number, past.score, self.tr("合格") if past.passed else self.tr("不合格"))
            for past in view.history]
        self.history.setText(self.tr("これまでの結果") + "\n" + "\n".join(lines)
                             if len(lines) > 1 else "")
        self.history.setVisible(len(lines) > 1)
        notes = [view.attempts_note] if view.attempts_note else []
        self.details.setHtml(self._review_html(view.review, notes))
        self.details.verticalScrollBar().setValue(0)

        self.next_lesson.setVisible(view.passed and view.next_lesson_title is not None)
        if view.next_lesson_title is not None:
            self.next_lesson.setAccessibleDescription(view.next_lesson_title)
            self.next_lesson.setToolTip(view.next_lesson_title)
        self.retry.setVisible(view.can_retry)
        self.retry.setProperty("primary", not view.passed)
        self.retry.style().unpolish(self.retry)
        self.retry.style().polish(self.retry)
        self.to_lesson.setVisible(not view.passed or view.needs_reading)
        self.result_back.setProperty("primary", view.passed and view.next_lesson_title is None
                                     and not view.needs_reading)
        self.result_back.style().unpolish(self.result_back)
        self.result_back.style().polish(self.result_back)
        announce(self, f"{self.score_label.text()}。{self.verdict.text()}", assertive=True)

    def focus_target(self) -> QPushButton:
        """The main next step: 次のレッスンへ, もう一度挑戦する, レッスン本文に戻る or ホーム."""
        if not self.next_lesson.isHidden():
            return self.next_lesson
        if not self.retry.isHidden() and self.retry.property("primary"):
            return self.retry
        if not self.to_lesson.isHidden():
            return self.to_lesson
        return self.result_back

    def _verdict(self, view: ResultView) -> str:
        if view.passed:
            text = self.tr("合格です（合格点 {0} 点）。").format(view.pass_score)
            if view.lesson_completed:
                text += self.tr("このレッスンを修了しました。")
            elif view.needs_reading:
                text += self.tr("レッスン本文を最後まで読むと修了になります。")
            if view.curriculum_completed:
                text += self.tr("必須レッスンをすべて修了しました。ホームで修了証を発行できます。")
            elif view.next_lesson_title is not None:
                text += self.tr("次のレッスンは「{0}」です。").format(view.next_lesson_title)
            return text
        text = self.tr("不合格です（合格点 {0} 点）。").format(view.pass_score)
        if view.can_retry:
            text += self.tr("解説を読み直して、もう一度挑戦してください。")
        else:
            text += self.tr("受験できる回数の上限に達しました。研修担当者に相談してください。")
        return text

    def _review_html(self, review: Sequence[ReviewItem], notes: Sequence[str]) -> str:
        # lupdate does not see tr() inside f-strings: every text is translated here first
        right_mark, wrong_mark = _e(self.tr("○ 正解")), _e(self.tr("× 不正解"))
        yours, none_given = _e(self.tr("あなたの回答：")), _e(self.tr("（未回答）"))
        correct_label, explanation = _e(self.tr("正解：")), _e(self.tr("解説"))
        parts = []
        for number, item in enumerate(review, start=1):
            question = item.question
            mark = (f'<span class="review-correct">{right_mark}</span>' if item.correct
                    else f'<span class="review-wrong">{wrong_mark}</span>')
            heading = _e(self.tr("問 {0}").format(number))
            parts.append(f"<h3>{heading}　{mark}</h3>")
            parts.append(f"<p><b>{_e(plain(question.prompt_html))}</b></p>")
            chosen = [plain(question.choices[i].html) for i in sorted(item.selected)]
            parts.append(f"<p>{yours}</p>")
            parts.append(_lines(chosen) if chosen else f"<p>{none_given}</p>")
            right = [plain(question.choices[i].html) for i in sorted(question.correct_indexes)]
            parts.append(f"<p>{correct_label}</p>{_lines(right)}")
            if question.explanation_html:
                parts.append(f"<p><b>{explanation}</b></p>{question.explanation_html}")
        parts.extend(f"<p>{_e(note)}</p>" for note in notes)
        return "".join(parts)


def _e(text: str) -> str:
    return html.escape(text)


def _lines(texts: Sequence[str]) -> str:
    """One choice per line (a choice may itself contain 「、」)."""
    return "<ul>" + "".join(f"<li>{_e(text)}</li>" for text in texts) + "</ul>"
