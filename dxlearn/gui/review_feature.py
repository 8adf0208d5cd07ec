"""復習: the review session, and the 今日の復習 button on the home page.

One question at a time, as in a quiz: the learner chooses, presses 回答する, and sees whether it
was right with the explanation. The answer is rated (right -> Good, wrong -> Again: no extra
buttons) and the card's next date committed before the feedback shows (``operations.review``);
then 次の問題へ. Review never changes a lesson's status. The rules are ``learning.review``.

:class:`ReviewFeature` wires this into the main window: the page (``review_page``, built and
placed in the window's stack the first time it is needed), the home page's button (its text
holds the number due; hidden when the policy turns review off), the menu action 表示 > 復習.
"""

from __future__ import annotations

import logging
import random
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from dxlearn.learning.grading import grade_answer
from dxlearn.learning.shuffle import to_file_indexes

if TYPE_CHECKING:  # the review's operations load with the store, after the first paint
    from .context import AppContext
    from .main_window import MainWindow
    from .operations import review as review_ops
    from .review_page import ReviewPage

logger = logging.getLogger(__name__)


def day_text(day: date) -> str:
    return QCoreApplication.translate("ReviewFeature", "{0}月{1}日").format(day.month, day.day)


class ReviewFeature(QObject):
    """The review session and its place in the main window (module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._page: ReviewPage | None = None
        window.home.review_requested.connect(self.start)
        self.items: list[review_ops.ReviewItem] = []
        self.current = 0
        self.order: tuple[int, ...] = ()
        self.right = 0
        self._rng = random.Random()

    @property
    def ctx(self) -> AppContext:
        return self.window.ctx

    @property
    def page(self) -> ReviewPage:
        """The review's page, built and placed in the window's stack on first use."""
        if self._page is None:
            from .review_page import ReviewPage

            page = self._page = ReviewPage()
            page.set_css(self.window.css())
            page.answer_submitted.connect(self._on_answer_submitted)
            page.next_requested.connect(self._on_next_requested)
            page.back_requested.connect(self.window.go_home)
            page.home_requested.connect(self.window.go_home)  # its result panel's ホーム
            self.window.pages.place("review", page)
        return self._page

    def set_css(self, css: str) -> None:
        if self._page is not None:  # a page built later takes the window's CSS then
            self._page.set_css(css)

    # -- the home page --------------------------------------------------------------------------

    def refresh_count(self) -> None:
        """The 今日の復習 button: the number due today, or hidden when review is off."""
        home = self.window.home
        if self.ctx.store is None:  # the first paint, before the store opens: nothing to count
            home.show_review("", "", visible=False, enabled=False)
            return
        from .operations import review as review_ops

        if not review_ops.enabled(self.ctx):
            home.show_review("", "", visible=False, enabled=False)
            return

        def show(due: review_ops.Due) -> None:
            text = self.tr("今日の復習 {0}問").format(due.count)
            if due.count:
                note = self.tr("間違えた問題や合格した問題を、忘れかけたころにもう一度解きます。")
            elif due.next_day is not None:
                note = self.tr("今日の復習はありません。次の復習は {0} です。").format(
                    day_text(due.next_day))
            else:
                note = self.tr("理解度チェックを受けると、復習する問題がここに出ます。")
            home.show_review(text, note, visible=True, enabled=due.count > 0)

        self.window.ops.run(review_ops.due(self.ctx).then(show))

    # -- a session ------------------------------------------------------------------------------

    def start(self) -> None:
        from .operations import review as review_ops

        ctx = self.ctx
        if not review_ops.enabled(ctx):
            return
        if ctx.read_only:
            self.window.statusBar().showMessage(self.tr("この画面では学習の記録は保存されません。"))
            return
        self.window.leave_current()
        self.window.ops.run(review_ops.session(ctx).then(self._begin))

    def _begin(self, items: list[review_ops.ReviewItem]) -> None:
        self.items, self.current, self.right = items, 0, 0
        self.page.set_css(self.window.css())
        self.window.pages.setCurrentWidget(self.page)
        if not items:
            self.page.show_done(self.tr("今日の復習はありません。"))
            return
        self._show()

    def _show(self) -> None:
        from .quiz_page import QuestionView

        item = self.items[self.current]
        question = item.question
        quiz = item.lesson.quiz
        order = list(range(len(question.choices)))
        if quiz is not None and quiz.shuffle:
            self._rng.shuffle(order)
        self.order = tuple(order)
        self.page.show_question(QuestionView(
            number=self.current + 1, total=len(self.items), prompt_html=question.prompt_html,
            choices_html=[question.choices[i].html for i in self.order],
            multiple=question.multiple, lesson_title=item.lesson.title))

    def _on_answer_submitted(self, positions: list[int]) -> None:
        from .operations import review as review_ops

        item = self.items[self.current]
        selected = to_file_indexes(self.order, positions)
        correct = grade_answer(item.question, selected)
        right_positions = [self.order.index(i) for i in item.question.correct_indexes]
        self.page.set_busy(True)
        op = review_ops.rate(self.ctx, item.card.card_id, correct)

        def stored(rated: review_ops.Rated) -> None:
            self.page.set_busy(False)
            self.right += int(correct)
            when = self.tr("次にこの問題を復習するのは {0} です。").format(
                day_text(rated.next_day))
            self.page.show_feedback(correct, right_positions, item.question.explanation_html)
            self.page.show_next_date(when)

        def not_stored(_error: BaseException) -> bool:
            self.page.set_busy(False)  # the learner may answer again; the runner says why
            return False

        op.success = stored
        op.failure = not_stored
        if not self.window.ops.run(op):
            self.page.set_busy(False)

    def _on_next_requested(self) -> None:
        if self.current + 1 < len(self.items):
            self.current += 1
            self._show()
            return
        total = len(self.items)
        self.page.show_done(self.tr(
            "今日の復習は終わりです。{0}問中 {1}問に正解しました。おつかれさまでした。").format(
            total, self.right))
        self.items = []

    def leave(self) -> None:
        """The learner left the page: every answer is already stored; forget the session."""
        self.items = []
