"""復習: the review page — the quiz page's question view under the review's own names.

The session, the home page's 今日の復習 button and the menu action are ``review_feature``
(which builds this page on first use: importing it imports the quiz page).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .quiz_page import QuestionView, QuizPage


class ReviewPage(QuizPage):
    """The quiz page showing review questions: the same question view, choices, keys (digits,
    Enter) and feedback, under the review's own names (the automation contract: ``review-view``,
    ``review-choice-N``, ``review-submit``, ``review-next``); its result panel is the end of
    the session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-view")
        self.setAccessibleName(self.tr("復習"))
        for widget, name in ((self.submit, "review-submit"), (self.next, "review-next"),
                             (self.back, "review-back"), (self.prompt, "review-question"),
                             (self.explanation, "review-explanation"),
                             (self.score_label, "review-summary"),
                             (self.result_back, "review-done"),
                             (self.result_details, "review-details"),
                             (self.retry, "review-retry")):
            widget.setObjectName(name)
        self.back.setText(self.tr("ホームに戻る"))
        self.result_back.setText(self.tr("ホームに戻る"))
        self.score_label.setWordWrap(True)
        self.retry.hide()
        self.result_details.hide()

    def show_question(self, view: QuestionView) -> None:
        super().show_question(view)
        self.heading.setText(self.tr("今日の復習"))
        self.progress_label.setText(self.tr("問 {0} / {1}　・　レッスン：{2}").format(
            view.number, view.total, view.lesson_title))
        for position, button in enumerate(self.choice_buttons()):
            button.setObjectName(f"review-choice-{position}")
        if view.number == view.total:
            self.next.setText(self.tr("終わる"))

    def show_next_date(self, text: str) -> None:
        """After the feedback: when the question comes back."""
        self.feedback.setText(f"{self.feedback.text()}\n{text}")

    def show_done(self, text: str) -> None:
        self.stack.setCurrentIndex(1)
        self.result_title.setText(self.tr("今日の復習"))
        self.score_label.setText(text)
        self.verdict.clear()
        self.retry.hide()
        self.result_details.hide()
        self.result_back.setFocus()
